-- theme_coverage.lua: an adviser's custom indicator. For each area, how
-- many of the themes its weaknesses were given are also the theme of one
-- of its plan concerns: does the plan answer every weakness?
--   sendlens indicators scripts/examples/theme_coverage.lua
VERSION = "1"

indicator {
  id = "weakness_themes_answered_by_plan",
  title = "Themes of weaknesses that a plan concern shares",
  unit = "percent",
  direction = "up",
  compute = function(ctx)
    local themes = ctx.sql([[
      SELECT DISTINCT t.theme AS theme,
        EXISTS (SELECT 1 FROM theme_assignment c JOIN fact g ON g.id = c.fact
                WHERE g.area = f.area AND g.kind = 'concern' AND c.theme = t.theme) AS answered
      FROM theme_assignment t JOIN fact f ON f.id = t.fact
      JOIN weakness w ON w.id = f.id
      WHERE f.area = ? AND (w.progress IS NULL OR w.progress = 'insufficient')]], ctx.area.code)
    if #themes == 0 then return nil, "no open weaknesses in the documents" end
    local answered, missing = 0, {}
    for _, row in ipairs(themes) do
      if row.answered == 1 then answered = answered + 1 else missing[#missing + 1] = row.theme end
    end
    local note = nil
    if #missing > 0 then note = "not in a concern: " .. table.concat(missing, ", ") end
    return 100 * answered / #themes, note
  end,
}
