-- ehc.lua: the standard indicators of EHC needs assessments and plans, per
-- area and quarter, counted from the person-level records that
-- `sendlens import-cases` stores (docs/data-model.md, "Case records").
-- Each is one SQL query over every area at once: SQLite counts and groups
-- (by the import's integer id, cheaper to sort than the area's code), Lua
-- only names the result. Dates are day numbers; quarter(day) gives a
-- day's quarter, quarter_label(q) writes it as "2023-Q1" (docs/lua-api.md).
-- Outputs show counts of 1 to 4 as "x" (docs/indicators.md).
VERSION = "1"

-- 20 weeks: a plan issued 140 days after the request is within them.
local TWENTY_WEEKS = 140

-- The rows of a per-import count as counts rows: area code and quarter label.
local function per_area(counts)
  return [[
    SELECT i.area AS area, quarter_label(c.quarter) AS period,
           c.numerator AS numerator, c.denominator AS denominator
    FROM (]] .. counts .. [[) c JOIN case_import i ON i.id = c.import
    ORDER BY i.area, c.quarter]]
end

-- Plans issued in the quarter (of StartDate), and those issued within 20
-- weeks of the request; exceptions (Week20 = 1) counted or left out.
local WITHIN_20_WEEKS = per_area [[
  SELECT import, quarter(start) AS quarter,
         count(*) FILTER (WHERE start - received <= ?1) AS numerator, count(*) AS denominator
  FROM case_request WHERE start IS NOT NULL AND (?2 = 0 OR week20 = 0)
  GROUP BY import, quarter]]

for _, variant in ipairs {
  {id = "ehcp_within_20_weeks", title = "including exceptions", without_exceptions = 0},
  {id = "ehcp_within_20_weeks_excl_exceptions", title = "excluding exceptions",
   without_exceptions = 1},
} do
  indicator {
    id = variant.id,
    title = "EHC plans issued within 20 weeks, " .. variant.title,
    unit = "percent",
    direction = "up",
    per = "quarter",
    counts = function(ctx)
      return ctx.sql(WITHIN_20_WEEKS, TWENTY_WEEKS, variant.without_exceptions)
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
local OPEN_ASSESSMENTS = per_area [[
  WITH RECURSIVE
  grid(import, quarter, last) AS (
    SELECT id, quarter(first_received), quarter(last_received) FROM case_import
    WHERE first_received IS NOT NULL
    UNION ALL SELECT import, quarter + 1, last FROM grid WHERE quarter < last),
  open AS (
    SELECT import, first, over, last, count(*) AS requests
    FROM (SELECT import, quarter(received) AS first, quarter(received + ?1 + 1) AS over,
                 coalesce(quarter(assessment_date) - 1, 1 << 40) AS last
          FROM case_request WHERE outcome = 'assess')
    WHERE first <= last GROUP BY import, first, over, last)
  SELECT g.import AS import, g.quarter AS quarter,
         coalesce(sum(o.requests) FILTER (WHERE g.quarter >= o.over), 0) AS numerator,
         sum(o.requests) AS denominator
  FROM open o JOIN grid g ON g.import = o.import AND g.quarter BETWEEN o.first AND o.last
  GROUP BY g.import, g.quarter]]

indicator {
  id = "open_assessments_over_20_weeks",
  title = "Assessments open at the quarter end that are over 20 weeks old",
  unit = "percent",
  direction = "down",
  per = "quarter",
  counts = function(ctx) return ctx.sql(OPEN_ASSESSMENTS, TWENTY_WEEKS) end,
}

-- Reviews due in the quarter, and those held on or before the due date; a
-- review not held is not on time.
local REVIEWS_ON_TIME = per_area [[
  SELECT import, quarter(due) AS quarter,
         count(*) FILTER (WHERE held <= due) AS numerator, count(*) AS denominator
  FROM case_review GROUP BY import, quarter]]

indicator {
  id = "annual_reviews_on_time",
  title = "Annual reviews held on time",
  unit = "percent",
  direction = "up",
  per = "quarter",
  counts = function(ctx) return ctx.sql(REVIEWS_ON_TIME) end,
}

-- Requests decided in the quarter (of RequestOutcomeDate), and those
-- refused.
local REQUESTS_REFUSED = per_area [[
  SELECT import, quarter(outcome_date) AS quarter,
         count(*) FILTER (WHERE outcome = 'refused') AS numerator, count(*) AS denominator
  FROM case_request WHERE outcome IS NOT NULL GROUP BY import, quarter]]

indicator {
  id = "requests_refused",
  title = "Requests for an EHC needs assessment refused",
  unit = "percent",
  direction = "none",
  per = "quarter",
  counts = function(ctx) return ctx.sql(REQUESTS_REFUSED) end,
}
