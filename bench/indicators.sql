-- bench/indicators.sql: the reference SQL of the five standard indicators
-- (the issue 7 spec, /work/issue7-cases-spec.md), per (area, indicator,
-- quarter) with numerator and denominator, over the table `cases` that
-- bench/sqlite3_indicators.sh fills with `.import`: every column TEXT, an
-- empty field is '' (so `NULLIF(x, '')` reads it as missing), plus `area`.
-- Run by the sqlite3 shell; prints CSV sorted by area, indicator, quarter.

-- Quarter of an ISO date as YYYY-Qn, and as a number (year * 4 + n - 1).
CREATE TEMP VIEW dated AS
SELECT area, Module, ReceivedDate, RequestOutcome,
       NULLIF(RequestOutcomeDate, '') AS outcome_date,
       NULLIF(AssessmentOutcomeDate, '') AS assessed,
       Week20, NULLIF(StartDate, '') AS start_date,
       ReviewDueDate, NULLIF(ReviewHeldDate, '') AS held
FROM cases;

-- Quarter ends (numbered) spanning every date that can matter.
CREATE TEMP TABLE quarter_end(q INTEGER PRIMARY KEY, e TEXT NOT NULL);
WITH RECURSIVE span(q, last) AS (
  SELECT min(substr(ReceivedDate, 1, 4)) * 4, max(substr(ReceivedDate, 1, 4)) * 4 + 3
  FROM cases WHERE Module = 'request'
  UNION ALL SELECT q + 1, last FROM span WHERE q < last)
INSERT INTO quarter_end
SELECT q, date(printf('%04d-%02d-01', q / 4, (q % 4) * 3 + 1), '+3 months', '-1 day') FROM span;

-- The quarter number of a date d: substr(d,1,4) * 4 + (substr(d,6,2) - 1) / 3.
CREATE TEMP TABLE area_span AS
SELECT area, max(substr(ReceivedDate, 1, 4) * 4 + (substr(ReceivedDate, 6, 2) - 1) / 3) AS last_q
FROM cases WHERE Module = 'request' GROUP BY area;

.headers on
.mode csv
WITH issued AS (
  SELECT area, start_date, Week20,
         julianday(start_date) - julianday(ReceivedDate) <= 140 AS on_time
  FROM dated WHERE Module = 'request' AND start_date IS NOT NULL),
quarterly AS (
  SELECT area, 'ehcp_within_20_weeks' AS indicator,
         printf('%s-Q%d', substr(start_date, 1, 4), (substr(start_date, 6, 2) + 2) / 3) AS quarter,
         sum(on_time) AS numerator, count(*) AS denominator
  FROM issued GROUP BY 1, 3
  UNION ALL
  SELECT area, 'ehcp_within_20_weeks_excl_exceptions',
         printf('%s-Q%d', substr(start_date, 1, 4), (substr(start_date, 6, 2) + 2) / 3),
         sum(on_time), count(*)
  FROM issued WHERE Week20 IS NOT '1' GROUP BY 1, 3
  UNION ALL
  SELECT o.area, 'open_assessments_over_20_weeks', printf('%d-Q%d', k.q / 4, k.q % 4 + 1),
         sum(julianday(k.e) - julianday(o.received) > 140), count(*)
  FROM (SELECT d.area, d.ReceivedDate AS received,
               substr(d.ReceivedDate, 1, 4) * 4 + (substr(d.ReceivedDate, 6, 2) - 1) / 3 AS first_q,
               -- open at the end of quarter q while its outcome falls in a later quarter
               min(s.last_q, coalesce(substr(d.assessed, 1, 4) * 4
                                      + (substr(d.assessed, 6, 2) - 1) / 3 - 1, s.last_q)) AS last_q
        FROM dated d CROSS JOIN area_span s USING (area)
        WHERE d.Module = 'request' AND d.RequestOutcome = 'assess') o
  -- CROSS JOIN keeps the requests outside: each finds its quarters by rowid range.
  CROSS JOIN quarter_end k ON k.q BETWEEN o.first_q AND o.last_q
  GROUP BY 1, 3
  UNION ALL
  SELECT area, 'annual_reviews_on_time',
         printf('%s-Q%d', substr(ReviewDueDate, 1, 4), (substr(ReviewDueDate, 6, 2) + 2) / 3),
         sum(held IS NOT NULL AND held <= ReviewDueDate), count(*)
  FROM dated WHERE Module = 'review' GROUP BY 1, 3
  UNION ALL
  SELECT area, 'requests_refused',
         printf('%s-Q%d', substr(outcome_date, 1, 4), (substr(outcome_date, 6, 2) + 2) / 3),
         sum(RequestOutcome = 'refused'), count(*)
  FROM dated WHERE Module = 'request' AND NULLIF(RequestOutcome, '') IS NOT NULL GROUP BY 1, 3)
SELECT area, indicator, quarter, numerator, denominator FROM quarterly
WHERE denominator > 0 ORDER BY area, indicator, quarter;
