-- 011_periods.sql: schema version 10 -> 11. One period type for the whole
-- model (docs/periods.md). A period field keeps its text as the document
-- wrote it ("academic year 21/22", "Q3 2022/23", "Dec 2022") and, in three
-- host columns beside it, its kind and exact span (core/period.c): periods
-- of different kinds are ordered and compared by the days they cover, never
-- by their text. A measure gains the date its target is for; an observation
-- the document's words for it ("Milestone 2", "projected").
ALTER TABLE measure ADD COLUMN baseline_date_kind TEXT;
ALTER TABLE measure ADD COLUMN baseline_date_start TEXT;
ALTER TABLE measure ADD COLUMN baseline_date_end TEXT;
ALTER TABLE measure ADD COLUMN target_date TEXT;
ALTER TABLE measure ADD COLUMN target_date_kind TEXT;
ALTER TABLE measure ADD COLUMN target_date_start TEXT;
ALTER TABLE measure ADD COLUMN target_date_end TEXT;
ALTER TABLE comparator ADD COLUMN date_kind TEXT;
ALTER TABLE comparator ADD COLUMN date_start TEXT;
ALTER TABLE comparator ADD COLUMN date_end TEXT;
ALTER TABLE observation ADD COLUMN label TEXT;
ALTER TABLE observation ADD COLUMN period_kind TEXT;
ALTER TABLE observation ADD COLUMN period_start TEXT;
ALTER TABLE observation ADD COLUMN period_end TEXT;
ALTER TABLE progress_return ADD COLUMN period_kind TEXT;
ALTER TABLE progress_return ADD COLUMN period_start TEXT;
ALTER TABLE progress_return ADD COLUMN period_end TEXT;

-- Rows stored before: every period they hold was an ISO date or a quarter,
-- which period_kind, period_start and period_end (core/period_sql.c, on
-- every connection of the store) read.
UPDATE measure SET baseline_date_kind = period_kind(baseline_date),
                   baseline_date_start = period_start(baseline_date),
                   baseline_date_end = period_end(baseline_date)
 WHERE baseline_date IS NOT NULL;
UPDATE comparator SET date_kind = period_kind(date), date_start = period_start(date),
                      date_end = period_end(date)
 WHERE date IS NOT NULL;
UPDATE observation SET period_kind = period_kind(period), period_start = period_start(period),
                       period_end = period_end(period);
UPDATE progress_return SET period_kind = period_kind(period),
                           period_start = period_start(period), period_end = period_end(period);

CREATE INDEX observation_by_span ON observation(measure, period_start, period_end);
