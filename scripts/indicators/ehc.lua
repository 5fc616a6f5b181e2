-- ehc.lua: the standard indicators of EHC needs assessments and plans, per
-- area and quarter, counted from the person-level records that
-- `sendlens import-cases` stores (docs/data-model.md, "Case records").
-- Each is one SQL query, run once per area's import: SQLite counts and
-- groups, Lua only names the result. Dates are day numbers; quarter(day)
-- gives a day's quarter, quarter_label(q) writes it as "2023-Q1"
-- (docs/lua-api.md).
-- Outputs show counts of 1 to 4 as "x" (docs/indicators.md).
VERSION = "1"

-- 20 weeks: a plan issued 140 days after the request is within them.
local TWENTY_WEEKS = 140

-- Each count runs once per area's import, over that import's rows alone
-- (ctx.per_import: ?1 the import, ?2 and ?3 the range of its row ids, the
-- count's own parameters from ?4), on as many cores as there are; SQLite
-- groups one area's few thousand rows at a time, in memory, where one
-- query over every area sorted millions through its external sorter (at
-- national scale, 2.7 s that way and 1.8 s this way, on two cores).

-- Plans issued in the quarter (of StartDate), and those issued within 20
-- weeks of the request, with the exceptions (Week20 = 1) and without. One
-- query counts both: whichever of the two indicators is computed first
-- runs it, and the other reads the same rows, so both count the same
-- state of the records (the script's state lives for one run of
-- `sendlens indicators`).
local WITHIN_20_WEEKS = [[
  SELECT quarter_label(quarter(start)) AS period,
         count(*) FILTER (WHERE start - received <= ?4) AS within, count(*) AS plans,
         count(*) FILTER (WHERE week20 = 0 AND start - received <= ?4) AS within_excl,
         count(*) FILTER (WHERE week20 = 0) AS plans_excl
  FROM case_request WHERE id BETWEEN ?2 AND ?3 AND start IS NOT NULL
  GROUP BY quarter(start)]]

local plans_issued
local function plans_counted(ctx)
  plans_issued = plans_issued or ctx.per_import(WITHIN_20_WEEKS, TWENTY_WEEKS)
  return plans_issued
end

for _, variant in ipairs {
  {id = "ehcp_within_20_weeks", title = "including exceptions", within = "within",
   plans = "plans"},
  {id = "ehcp_within_20_weeks_excl_exceptions", title = "excluding exceptions",
   within = "within_excl", plans = "plans_excl", subset_of = "ehcp_within_20_weeks"},
} do
  indicator {
    id = variant.id,
    title = "EHC plans issued within 20 weeks, " .. variant.title,
    unit = "percent",
    direction = "up",
    per = "quarter",
    -- The plans without an exception are a subset of all plans: outputs
    -- then protect the exceptions, their difference (docs/indicators.md).
    subset_of = variant.subset_of,
    counts = function(ctx)
      local rows = {}
      for _, row in ipairs(plans_counted(ctx)) do
        if row[variant.plans] > 0 then -- a quarter whose plans were all exceptions
          rows[#rows + 1] = {area = row.area, period = row.period,
                             numerator = row[variant.within], denominator = row[variant.plans]}
        end
      end
      return rows
    end,
  }
end

-- At each quarter end E from the quarter of an area's first request to that
-- of its last (case_import keeps both dates): assessments open at E
-- (RequestOutcome assess, received by E, no assessment outcome by E), and
-- those of them received more than 20 weeks before E. A request is open
-- from the quarter it was received in (whose end is on or after that day)
-- to the quarter before that of its assessment outcome; it is over 20
-- weeks from the quarter whose end is at least 141 days after it was
-- received. Requests with the same quarters are counted together first, so
-- the join with the quarters meets a few hundred groups per area rather
-- than every request.
local OPEN_ASSESSMENTS = [[
  WITH RECURSIVE
  grid(quarter, last) AS (
    SELECT quarter(first_received), quarter(last_received) FROM case_import
    WHERE id = ?1 AND first_received IS NOT NULL
    UNION ALL SELECT quarter + 1, last FROM grid WHERE quarter < last),
  open AS (
    SELECT first, over, last, count(*) AS requests
    FROM (SELECT quarter(received) AS first, quarter(received + ?4 + 1) AS over,
                 coalesce(quarter(assessment_date) - 1, 1 << 40) AS last
          FROM case_request WHERE id BETWEEN ?2 AND ?3 AND outcome = 'assess')
    WHERE first <= last GROUP BY first, over, last)
  SELECT quarter_label(g.quarter) AS period,
         coalesce(sum(o.requests) FILTER (WHERE g.quarter >= o.over), 0) AS numerator,
         sum(o.requests) AS denominator
  FROM open o JOIN grid g ON g.quarter BETWEEN o.first AND o.last
  GROUP BY g.quarter]]

indicator {
  id = "open_assessments_over_20_weeks",
  title = "Assessments open at the quarter end that are over 20 weeks old",
  unit = "percent",
  direction = "down",
  per = "quarter",
  counts = function(ctx) return ctx.per_import(OPEN_ASSESSMENTS, TWENTY_WEEKS) end,
}

-- Reviews due in the quarter, and those held on or before the due date; a
-- review not held is not on time.
local REVIEWS_ON_TIME = [[
  SELECT quarter_label(quarter(due)) AS period,
         count(*) FILTER (WHERE held <= due) AS numerator, count(*) AS denominator
  FROM case_review WHERE id BETWEEN ?2 AND ?3 GROUP BY quarter(due)]]

indicator {
  id = "annual_reviews_on_time",
  title = "Annual reviews held on time",
  unit = "percent",
  direction = "up",
  per = "quarter",
  counts = function(ctx) return ctx.per_import(REVIEWS_ON_TIME) end,
}

-- Requests decided in the quarter (of RequestOutcomeDate), and those
-- refused.
local REQUESTS_REFUSED = [[
  SELECT quarter_label(quarter(outcome_date)) AS period,
         count(*) FILTER (WHERE outcome = 'refused') AS numerator, count(*) AS denominator
  FROM case_request WHERE id BETWEEN ?2 AND ?3 AND outcome IS NOT NULL
  GROUP BY quarter(outcome_date)]]

indicator {
  id = "requests_refused",
  title = "Requests for an EHC needs assessment refused",
  unit = "percent",
  direction = "none",
  per = "quarter",
  counts = function(ctx) return ctx.per_import(REQUESTS_REFUSED) end,
}
