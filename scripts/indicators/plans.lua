-- plans.lua: how much each plan commits to, counted from what the
-- documents state. Standard indicators, computed for every loaded area.
VERSION = "1"

indicator {
  id = "actions_per_concern",
  title = "Actions per plan concern",
  unit = "actions",
  direction = "none",
  compute = function(ctx)
    local concerns = ctx.count("concern")
    if concerns == 0 then return nil, "no plan concerns in the documents" end
    return ctx.count("action") / concerns
  end,
}

indicator {
  id = "measures_per_concern",
  title = "Measures per plan concern (of the concern or its actions)",
  unit = "measures",
  direction = "none",
  compute = function(ctx)
    local concerns = ctx.count("concern")
    if concerns == 0 then return nil, "no plan concerns in the documents" end
    local tied = ctx.value([[
      SELECT count(*) FROM measure m JOIN fact f ON f.id = m.id
      JOIN fact p ON p.id = m.parent
      WHERE f.area = ? AND p.kind IN ('concern', 'action')]], ctx.area.code)
    local loose = ctx.count("measure") - tied
    local note = nil
    if loose > 0 then note = loose .. " measures are listed for the plan as a whole" end
    return tied / concerns, note
  end,
}

-- Per theme: the concerns given a theme, and their actions and measures.
local function per_theme(ctx, what)
  local rows = ctx.sql([[
    SELECT t.theme AS theme,
      sum((SELECT count(*) FROM action a WHERE a.concern = c.id)) AS actions,
      sum((SELECT count(*) FROM measure m WHERE m.parent = c.id
             OR m.parent IN (SELECT id FROM action WHERE concern = c.id))) AS measures
    FROM theme_assignment t JOIN concern c ON c.id = t.fact JOIN fact f ON f.id = c.id
    WHERE f.area = ? GROUP BY t.theme ORDER BY t.theme]], ctx.area.code)
  local result = {}
  for _, row in ipairs(rows) do result[row.theme] = row[what] end
  return result
end

indicator {
  id = "actions_per_theme",
  title = "Actions of the concerns given each theme",
  unit = "actions",
  direction = "none",
  compute = function(ctx) return per_theme(ctx, "actions") end,
}

indicator {
  id = "measures_per_theme",
  title = "Measures of the concerns given each theme",
  unit = "measures",
  direction = "none",
  compute = function(ctx) return per_theme(ctx, "measures") end,
}
