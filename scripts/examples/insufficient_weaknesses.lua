-- insufficient_weaknesses.lua: which weaknesses each area has not yet made
-- sufficient progress on, in the area's own words, with the themes the
-- mapping gave them. Run it with:
--   sendlens run scripts/examples/insufficient_weaknesses.lua

local rows = sendlens.sql([[
  SELECT a.name AS area, w.ref AS ref, w.text AS text,
         (SELECT group_concat(theme, ', ') FROM theme_assignment t WHERE t.fact = w.id) AS themes
  FROM weakness w JOIN fact f ON f.id = w.id JOIN area a ON a.code = f.area
  WHERE w.progress = ?
  ORDER BY a.name, f.seq]], "insufficient")

for _, row in ipairs(rows) do
  print(string.format("%s, weakness %s [%s]", row.area, row.ref or "-", row.themes or "no theme"))
  print("  " .. row.text)
end
print(#rows .. " weaknesses judged insufficient progress")
