-- engine.lua: applies rules.lua (and an area's overrides) to one record.
-- The host runs this file in the sandbox; it returns three functions. The
-- host calls check once with the area's own rules (overrides), before any
-- record, and prefixes what it returns with that file's name, so a mistake
-- there is reported against the area's file, not this one; then themes and
-- indicator for every weakness, concern and measure of the area.
--
--   check(overrides) -> nil, or "what is wrong" (e.g. "assign[1]: no 'id'")
--   themes(rules, overrides, record)
--     -> { {theme=, rule=, phrase=, basis=}, ... }
--   indicator(rules, overrides, record) -> {id=, rule=, phrase=} or nil
--
-- record = { kind = "weakness" | "concern" | "measure", ref = "3" or nil,
--            text = "the area's own words" (a weakness's text, a concern's
--              title, a measure's name), area = "E10000028",
--            plugin = "staffordshire",
--            rules_file = "areas/staffordshire.lua" or "staffordshire.lua"
--              (the plugin's own, beside its .so), or nil without one }
-- A concern's record also has what it says beyond its title (core/mapping.c):
--   actions    = { {ref=, text=}, ... }   the actions it states
--   measures   = { {ref=, text=, group=}, ... }   its measures (and its
--                actions'), with the heading they are listed under
--   weaknesses = { {ref=, text=, progress=}, ... }   the area's weaknesses
--
-- Where each rule looks (rules.lua says why):
--   patterns   a record's own words: a weakness's text; a concern's title,
--              the heading its measures are listed under and the weakness
--              it answers. These say what the record is about.
--   actions    a concern's actions: what it will do.
--   measures   a concern's measures: what it counts.
-- A rule without `actions` or `measures` patterns does not read them: a
-- word there can be a means (co-production as a way of working, the
-- graduated response as where an action sits) rather than the work itself,
-- so only the phrases a rule lists for them count.
--
-- The weakness a concern answers: an accelerated progress plan answers the
-- weaknesses the revisit judged insufficient (a written statement of
-- action, every weakness named), one concern each. A concern answers the
-- weakness of those whose own words give a theme its title gives, when
-- exactly one does; it then takes that weakness's themes too, with the
-- weakness as their basis. Without a judgement or a match, no link is
-- made: nothing is inferred the documents do not support.
--
-- Every theme given carries the rule (FILE:ID), the words it matched as
-- written, and its basis: where those words are ("text", "title",
-- "measures heading", "weakness 4", "action 4/2", "measure M6", "area
-- rule").

local function first_match(text, patterns)
  local lower = string.lower(text)
  for _, pattern in ipairs(patterns) do
    local from, to = string.find(lower, pattern)
    if from then return string.sub(text, from, to) end
  end
  return nil
end

local function excluded(overrides, record, theme)
  for _, rule in ipairs((overrides or {}).exclude or {}) do
    if rule.theme == theme and rule.kind == record.kind
        and (rule.ref == nil or rule.ref == record.ref) then
      return true
    end
  end
  return false
end

-- The fields each list of an area's rules takes: true = required.
local FIELDS = {
  themes = { id = true, theme = true, patterns = true, actions = false, measures = false },
  assign = { id = true, kind = true, ref = false, theme = true, why = false },
  exclude = { theme = true, kind = true, ref = false },
  indicators = { id = true, title = false, patterns = true },
}
local KINDS = { weakness = true, concern = true, measure = true }

local function check_rule(list, i, rule)
  local where = list .. "[" .. i .. "]"
  if type(rule) ~= "table" then return where .. ": must be a table" end
  for field, required in pairs(FIELDS[list]) do
    if required and rule[field] == nil then return where .. ": '" .. field .. "' is required" end
  end
  for field, value in pairs(rule) do
    if FIELDS[list][field] == nil then
      return where .. ": unknown field '" .. tostring(field) .. "'"
    elseif field == "patterns" or field == "actions" or field == "measures" then
      if type(value) ~= "table" or #value == 0 then
        return where .. ": '" .. field .. "' must be a list of Lua patterns"
      end
      for j, pattern in ipairs(value) do
        local ok, problem = pcall(string.find, "", pattern)
        if type(pattern) ~= "string" or not ok then
          return where .. ": " .. field .. "[" .. j .. "]: " .. (ok and "must be a string" or problem)
        end
      end
    elseif field == "ref" and type(value) ~= "string" then
      return where .. ": 'ref' must be a string (refs are written as in the documents: \"1\")"
    elseif field ~= "ref" and type(value) ~= "string" then
      return where .. ": '" .. field .. "' must be a string"
    elseif field == "kind" and not KINDS[value] then
      return where .. ": kind '" .. value .. "' is not weakness, concern or measure"
    end
  end
  return nil
end

local function check(overrides)
  if overrides == nil then return nil end
  for list, value in pairs(overrides) do
    if list ~= "version" then
      if FIELDS[list] == nil then
        return "unknown list '" .. tostring(list) .. "' (themes, assign, exclude, indicators)"
      end
      if type(value) ~= "table" then return "'" .. list .. "' must be a list" end
      for i, rule in ipairs(value) do
        local problem = check_rule(list, i, rule)
        if problem then return problem end
      end
    end
  end
  return nil
end

local function rule_name(record, id)
  return (record.rules_file or ("areas/" .. record.plugin .. ".lua")) .. ":" .. id
end

-- How a part of a concern is named in a reason: its ref as a progress
-- return writes it, else its place among the concern's (#2).
local function part_name(kind, item, i)
  return kind .. " " .. (item.ref or ("#" .. i))
end

-- A weakness named by its ref, else by its opening words.
local function weakness_name(weakness)
  if weakness.ref then return "weakness " .. weakness.ref end
  local words = {}
  for word in string.gmatch(weakness.text, "%S+") do
    words[#words + 1] = word
    if #words == 6 then break end
  end
  return "weakness \"" .. table.concat(words, " ") .. "...\""
end

-- Every rule of the area's own themes list, then rules.lua's, with the
-- name stored beside what it gives.
local function all_rules(rules, overrides, record)
  local list = {}
  for _, rule in ipairs((overrides or {}).themes or {}) do
    list[#list + 1] = { rule = rule, name = rule_name(record, rule.id) }
  end
  for _, rule in ipairs(rules.themes) do
    list[#list + 1] = { rule = rule, name = "rules.lua:" .. rule.id }
  end
  return list
end

-- The themes one text gives through one pattern list (field of each rule):
-- calls give(theme, rule name, phrase, basis) for each match.
local function match_text(list, field, text, basis, give)
  if text == nil then return end
  for _, entry in ipairs(list) do
    local patterns = entry.rule[field]
    local phrase = patterns and first_match(text, patterns)
    if phrase then give(entry.rule.theme, entry.name, phrase, basis) end
  end
end

-- The themes a weakness's own words give, as a list of reasons.
local function weakness_themes(list, weakness)
  local found = {}
  match_text(list, "patterns", weakness.text, weakness_name(weakness), function(theme, rule, phrase, basis)
    found[#found + 1] = { theme = theme, rule = rule, phrase = phrase, basis = basis }
  end)
  return found
end

-- The weakness a concern answers (see the top of this file), or nil.
local function answered(list, record, title_themes)
  local candidates, judged = {}, false
  for _, weakness in ipairs(record.weaknesses or {}) do
    if weakness.progress then judged = true end
  end
  for _, weakness in ipairs(record.weaknesses or {}) do
    if not judged or weakness.progress == "insufficient" then
      candidates[#candidates + 1] = weakness
    end
  end
  local found
  for _, weakness in ipairs(candidates) do
    local reasons = weakness_themes(list, weakness)
    for _, reason in ipairs(reasons) do
      if title_themes[reason.theme] then
        if found then return nil end -- two match: which one is not said
        found = reasons
        break
      end
    end
  end
  return found
end

local function themes(rules, overrides, record)
  local found, seen = {}, {}
  local function give(theme, rule, phrase, basis)
    if not seen[theme] and not excluded(overrides, record, theme) then
      seen[theme] = true
      found[#found + 1] = { theme = theme, rule = rule, phrase = phrase, basis = basis }
    end
  end
  local list = all_rules(rules, overrides, record)
  if record.kind ~= "concern" then
    match_text(list, "patterns", record.text, "text", give)
  else
    local title_themes = {}
    match_text(list, "patterns", record.text, "title", function(theme, rule, phrase, basis)
      title_themes[theme] = true
      give(theme, rule, phrase, basis)
    end)
    local headings = {}
    for _, measure in ipairs(record.measures or {}) do
      if measure.group and not headings[measure.group] then
        headings[measure.group] = true
        match_text(list, "patterns", measure.group, "measures heading", give)
      end
    end
    for _, reason in ipairs(answered(list, record, title_themes) or {}) do
      give(reason.theme, reason.rule, reason.phrase, reason.basis)
    end
    for i, action in ipairs(record.actions or {}) do
      match_text(list, "actions", action.text, part_name("action", action, i), give)
    end
    for i, measure in ipairs(record.measures or {}) do
      match_text(list, "measures", measure.text, part_name("measure", measure, i), give)
    end
  end
  for _, rule in ipairs((overrides or {}).assign or {}) do
    if rule.kind == record.kind and rule.ref == record.ref then
      give(rule.theme, rule_name(record, rule.id), rule.why, "area rule")
    end
  end
  return found
end

local function indicator(rules, overrides, record)
  local lists = { (overrides or {}).indicators or {}, rules.indicators }
  for _, list in ipairs(lists) do
    for _, rule in ipairs(list) do
      local phrase = first_match(record.text, rule.patterns)
      if phrase then return { id = rule.id, rule = rule.id, phrase = phrase } end
    end
  end
  return nil
end

return themes, indicator, check
