-- bench/indicators.sql: the reference SQL of the five standard indicators
-- (the issue 7 spec, /work/issue7-cases-spec.md), per (area, indicator,
-- quarter) with numerator and denominator, over the view `cases` that
-- bench/sqlite3_indicators.sh makes after its `.import`s: every column TEXT,
-- an empty field is '' (so `NULLIF(x, '')` reads it as missing), plus
-- `area`. Run by the sqlite3 shell; prints CSV sorted by area, indicator,
-- quarter. Dates are ISO text, so they compare as text, and the rows are
-- counted per month first (substr is cheap), then the months per quarter.

CREATE TEMP VIEW dated AS
SELECT area, Module, ReceivedDate, RequestOutcome,
       NULLIF(RequestOutcomeDate, '') AS outcome_date,
       NULLIF(AssessmentOutcomeDate, '') AS assessed,
       Week20, NULLIF(StartDate, '') AS start_date,
       ReviewDueDate, NULLIF(ReviewHeldDate, '') AS held
FROM cases;

-- Quarters numbered year * 4 + n - 1, with their last day and the day 140
-- days before it: received before that, an assessment open at the quarter
-- end is over 20 weeks old.
CREATE TEMP TABLE quarter_end(q INTEGER PRIMARY KEY, e TEXT NOT NULL, over TEXT NOT NULL);
WITH RECURSIVE span(q, last) AS (
  SELECT min(substr(ReceivedDate, 1, 4)) * 4, max(substr(ReceivedDate, 1, 4)) * 4 + 3
  FROM cases WHERE Module = 'request'
  UNION ALL SELECT q + 1, last FROM span WHERE q < last),
ends AS (
  SELECT q, date(printf('%04d-%02d-01', q / 4, (q % 4) * 3 + 1), '+3 months', '-1 day') AS e
  FROM span)
INSERT INTO quarter_end SELECT q, e, date(e, '-140 days') FROM ends;

-- The quarter number of a date d: substr(d, 1, 4) * 4 + (substr(d, 6, 2) - 1) / 3.
CREATE TEMP TABLE area_span AS
SELECT area, max(substr(ReceivedDate, 1, 4) * 4 + (substr(ReceivedDate, 6, 2) - 1) / 3) AS last_q
FROM cases WHERE Module = 'request' GROUP BY area;

.headers on
.mode csv
WITH issued AS (
  SELECT area, substr(start_date, 1, 7) AS month, Week20,
         start_date <= date(ReceivedDate, '+140 days') AS on_time
  FROM dated WHERE Module = 'request' AND start_date IS NOT NULL),
monthly AS (
  SELECT area, 'ehcp_within_20_weeks' AS indicator, month,
         sum(on_time) AS numerator, count(*) AS denominator
  FROM issued GROUP BY 1, 3
  UNION ALL
  SELECT area, 'ehcp_within_20_weeks_excl_exceptions', month, sum(on_time), count(*)
  FROM issued WHERE Week20 IS NOT '1' GROUP BY 1, 3
  UNION ALL
  SELECT area, 'annual_reviews_on_time', substr(ReviewDueDate, 1, 7),
         sum(held IS NOT NULL AND held <= ReviewDueDate), count(*)
  FROM dated WHERE Module = 'review' GROUP BY 1, 3
  UNION ALL
  SELECT area, 'requests_refused', substr(outcome_date, 1, 7),
         sum(RequestOutcome = 'refused'), count(*)
  FROM dated WHERE Module = 'request' AND NULLIF(RequestOutcome, '') IS NOT NULL GROUP BY 1, 3),
quarterly AS (
  SELECT area, indicator, printf('%s-Q%d', substr(month, 1, 4), (substr(month, 6, 2) + 2) / 3)
         AS quarter, sum(numerator) AS numerator, sum(denominator) AS denominator
  FROM monthly GROUP BY 1, 2, 3
  UNION ALL
  SELECT o.area, 'open_assessments_over_20_weeks', printf('%d-Q%d', k.q / 4, k.q % 4 + 1),
         sum(o.received < k.over), count(*)
  FROM (SELECT d.area, d.ReceivedDate AS received,
               substr(d.ReceivedDate, 1, 4) * 4 + (substr(d.ReceivedDate, 6, 2) - 1) / 3 AS first_q,
               -- open at the end of quarter q while its outcome falls in a later quarter
               min(s.last_q, coalesce(substr(d.assessed, 1, 4) * 4
                                      + (substr(d.assessed, 6, 2) - 1) / 3 - 1, s.last_q)) AS last_q
        FROM dated d CROSS JOIN area_span s USING (area)
        WHERE d.Module = 'request' AND d.RequestOutcome = 'assess') o
  -- CROSS JOIN keeps the requests outside: each finds its quarters by rowid range.
  CROSS JOIN quarter_end k ON k.q BETWEEN o.first_q AND o.last_q
  GROUP BY 1, 3)
SELECT area, indicator, quarter, numerator, denominator FROM quarterly
WHERE denominator > 0 ORDER BY area, indicator, quarter;
