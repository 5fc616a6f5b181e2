-- engine.lua: applies rules.lua (and an area's overrides) to one record.
-- The host runs this file in the sandbox; it returns three functions. The
-- host calls check once with the area's own rules (overrides), before any
-- record, and prefixes what it returns with that file's name, so a mistake
-- there is reported against the area's file, not this one; then themes and
-- indicator for every weakness, concern and measure of the area.
--
--   check(overrides) -> nil, or "what is wrong" (e.g. "assign[1]: no 'id'")
--   themes(rules, overrides, record) -> { {theme=, rule=, phrase=}, ... }
--   indicator(rules, overrides, record) -> {id=, rule=, phrase=} or nil
--
-- record = { kind = "weakness" | "concern" | "measure", ref = "3" or nil,
--            text = "the area's own words", area = "E10000028",
--            plugin = "staffordshire",
--            rules_file = "areas/staffordshire.lua" or "staffordshire.lua"
--              (the plugin's own, beside its .so), or nil without one }

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
  themes = { id = true, theme = true, patterns = true },
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
    elseif field == "patterns" then
      if type(value) ~= "table" or #value == 0 then
        return where .. ": 'patterns' must be a list of Lua patterns"
      end
      for j, pattern in ipairs(value) do
        local ok, problem = pcall(string.find, "", pattern)
        if type(pattern) ~= "string" or not ok then
          return where .. ": patterns[" .. j .. "]: " .. (ok and "must be a string" or problem)
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

local function themes(rules, overrides, record)
  local found, seen = {}, {}
  local function give(theme, rule, phrase)
    if not seen[theme] and not excluded(overrides, record, theme) then
      seen[theme] = true
      found[#found + 1] = { theme = theme, rule = rule, phrase = phrase }
    end
  end
  for _, rule in ipairs((overrides or {}).themes or {}) do
    local phrase = first_match(record.text, rule.patterns)
    if phrase then give(rule.theme, rule_name(record, rule.id), phrase) end
  end
  for _, rule in ipairs(rules.themes) do
    local phrase = first_match(record.text, rule.patterns)
    if phrase then give(rule.theme, "rules.lua:" .. rule.id, phrase) end
  end
  for _, rule in ipairs((overrides or {}).assign or {}) do
    if rule.kind == record.kind and rule.ref == record.ref then
      give(rule.theme, rule_name(record, rule.id), rule.why)
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
