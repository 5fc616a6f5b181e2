-- kpis.lua: the key performance indicators the plans name, per quarter,
-- from the observations stored against measures the mapping gave a common
-- indicator id (scripts/mapping/rules.lua). Where an area has several such
-- measures in a quarter, their mean is shown and the note says so.
VERSION = "1"

local function mean_of(ctx, indicator_id)
  local rows = ctx.sql([[
    SELECT avg(o.value) AS value, count(*) AS n
    FROM observation o JOIN measure m ON m.id = o.measure JOIN fact f ON f.id = m.id
    WHERE f.area = ? AND m.indicator = ? AND o.period = ? AND o.kind = 'actual'
      AND o.value IS NOT NULL]], ctx.area.code, indicator_id, ctx.period)
  local row = rows[1]
  if not row or row.n == 0 then return nil, "no actual value this period" end
  if row.n > 1 then return row.value, "mean of " .. row.n .. " measures" end
  return row.value
end

indicator {
  id = "kpi_ehcp_issued_within_20_weeks",
  title = "EHC plans issued within 20 weeks",
  unit = "percent",
  direction = "up",
  per = "quarter",
  compute = function(ctx) return mean_of(ctx, "ehcp_issued_within_20_weeks") end,
}

indicator {
  id = "kpi_annual_reviews_on_time",
  title = "Annual reviews held on time",
  unit = "percent",
  direction = "up",
  per = "quarter",
  compute = function(ctx) return mean_of(ctx, "annual_reviews_on_time") end,
}
