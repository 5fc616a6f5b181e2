-- engine.lua: applies rules.lua (and an area's overrides) to one record.
-- The host runs this file in the sandbox; it returns two functions the host
-- calls for every weakness, concern and measure of the area being loaded.
--
--   themes(rules, overrides, record) -> { {theme=, rule=, phrase=}, ... }
--   indicator(rules, overrides, record) -> {id=, rule=, phrase=} or nil
--
-- record = { kind = "weakness" | "concern" | "measure", ref = "3" or nil,
--            text = "the area's own words", area = "E10000028",
--            plugin = "staffordshire" }

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
    if phrase then give(rule.theme, "areas/" .. record.plugin .. ".lua:" .. rule.id, phrase) end
  end
  for _, rule in ipairs(rules.themes) do
    local phrase = first_match(record.text, rule.patterns)
    if phrase then give(rule.theme, "rules.lua:" .. rule.id, phrase) end
  end
  for _, rule in ipairs((overrides or {}).assign or {}) do
    if rule.kind == record.kind and rule.ref == record.ref then
      give(rule.theme, "areas/" .. record.plugin .. ".lua:" .. rule.id, rule.why)
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

return themes, indicator
