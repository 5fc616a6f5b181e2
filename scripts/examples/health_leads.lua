-- health_leads.lua: which actions have a health lead, area by area. An
-- action's lead is the nearest lead the documents name: the action's own
-- lead roles if it has any, else its area of concern's leads if it has
-- any, else the plan's leads and accountable officers. A lead counts as health when its organisation's
-- common kind is "health" (a CCG, an ICB, an NHS trust: the role table's
-- organisation_kind). Every loaded area gets an answer, "none named"
-- included. Run it with:
--   sendlens run scripts/examples/health_leads.lua

local rows = sendlens.sql([[
  WITH lead AS (
    SELECT r.parent, r.name, r.organisation_kind, r.kind FROM role r
    WHERE r.kind IN ('lead', 'accountable_officer'))
  SELECT ar.name AS area, a.ref AS ref, c.ref AS concern,
         CASE
           WHEN EXISTS (SELECT 1 FROM lead l WHERE l.parent = a.id) THEN
             (SELECT 'action: ' || group_concat(l.name, '; ') FROM lead l
              WHERE l.parent = a.id AND l.organisation_kind = 'health')
           WHEN EXISTS (SELECT 1 FROM lead l WHERE l.parent = c.id AND l.kind = 'lead') THEN
             (SELECT 'concern: ' || group_concat(l.name, '; ') FROM lead l
              WHERE l.parent = c.id AND l.kind = 'lead' AND l.organisation_kind = 'health')
           ELSE (SELECT 'plan: ' || group_concat(l.name, '; ') FROM lead l
                 WHERE l.parent = c.plan AND l.organisation_kind = 'health')
         END AS health_lead
  FROM action a JOIN concern c ON c.id = a.concern JOIN fact f ON f.id = a.id
  JOIN area ar ON ar.code = f.area
  ORDER BY ar.name, f.seq]])

local areas, order = {}, {}
for _, row in ipairs(rows) do
  local area = areas[row.area]
  if not area then
    area = { total = 0, health = 0, examples = {} }
    areas[row.area] = area
    order[#order + 1] = row.area
  end
  area.total = area.total + 1
  if row.health_lead then
    area.health = area.health + 1
    if #area.examples < 3 then
      area.examples[#area.examples + 1] = string.format("  action %s (concern %s): %s",
        row.ref or "-", row.concern or "-", row.health_lead)
    end
  end
end

for _, name in ipairs(sendlens.areas()) do
  local area = areas[name.name] or { total = 0, health = 0, examples = {} }
  if area.health == 0 then
    print(string.format("%s: no action has a health lead named (%d actions)", name.name, area.total))
  else
    print(string.format("%s: %d of %d actions have a health lead", name.name, area.health, area.total))
    for _, line in ipairs(area.examples) do print(line) end
  end
end
