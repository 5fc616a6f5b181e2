-- 003_progress_returns.sql: schema version 2 -> 3. Quarterly progress
-- returns (`sendlens import-progress`, schemas/progress-return.md): one
-- area's action statuses and measure values for one period.
--
-- A return is keyed by (area, period) and its entries by (kind, ref), not by
-- fact ids, and progress_return has no foreign key to area: `sendlens load`
-- replaces an area by deleting it (everything of it cascades) and storing it
-- anew, and a return must outlive that. After a load the entries are linked
-- to the new plan again by their refs, and measures by their names too
-- (core/progress.c).

-- The name a return gives each action and measure of a plan. An action: its
-- ref, when no two actions of the area share one; else, for every action
-- of that area, CONCERN/ACTION (its concern's ref, a slash, its own ref).
-- A measure: its ref, else M and its position among the area's measures
-- in plan order (M1, M2, ...). Actions without a ref cannot be reported.
CREATE VIEW progress_target AS
SELECT area, 'action' AS kind,
       CASE WHEN max(same) OVER (PARTITION BY area) = 1 THEN ref
            ELSE concern_ref || '/' || ref END AS ref,
       fact, NULL AS measure_kind, NULL AS unit
FROM (SELECT f.area AS area, a.ref AS ref, c.ref AS concern_ref, a.id AS fact,
             count(*) OVER (PARTITION BY f.area, a.ref) AS same
      FROM action a JOIN fact f ON f.id = a.id JOIN concern c ON c.id = a.concern
      WHERE a.ref IS NOT NULL)
UNION ALL
SELECT f.area, 'measure',
       coalesce(m.ref, 'M' || row_number() OVER (PARTITION BY f.area ORDER BY f.seq)),
       m.id, m.kind, m.unit
FROM measure m JOIN fact f ON f.id = m.id;

CREATE TABLE progress_return (
  id       INTEGER PRIMARY KEY,
  area     TEXT NOT NULL,          -- area.code; no foreign key (see above)
  period   TEXT NOT NULL,          -- a quarter, 2024-Q3
  document TEXT NOT NULL,          -- the file's name, as the sources name it
  format   TEXT NOT NULL CHECK (format IN ('csv', 'xlsx')),
  UNIQUE (area, period)
);

CREATE TABLE progress_entry (
  id          INTEGER PRIMARY KEY,
  return_id   INTEGER NOT NULL REFERENCES progress_return(id) ON DELETE CASCADE,
  seq         INTEGER NOT NULL,    -- its row in the file
  kind        TEXT NOT NULL CHECK (kind IN ('action', 'measure')),
  ref         TEXT NOT NULL,       -- a progress_target ref
  status      TEXT CHECK (status IN ('not_started', 'in_progress', 'completed',
              'commenced', 'established')),
  value       REAL,                -- an interval measure's value
  state       TEXT CHECK (state IN ('not_started', 'commenced', 'established', 'completed')),
  note        TEXT,
  locator     TEXT NOT NULL,       -- the cell of the status or value
  quote       TEXT NOT NULL,       -- that cell as written
  -- The measure's name when the return was imported. M-refs are positions,
  -- and a new version of a plan may insert a measure before others: after a
  -- reload an entry is linked to the measure of its ref only if the name is
  -- still the same, else to the one measure of that name, else to none.
  target_name TEXT,
  -- A measure's value as an observation of the plan (kind 'actual'), so
  -- indicators and exports read it like any other; NULL while the plan has
  -- no measure for it. Set to NULL when a reload deletes the old plan.
  observation INTEGER REFERENCES fact(id) ON DELETE SET NULL,
  UNIQUE (return_id, kind, ref)
);
CREATE INDEX progress_entry_by_observation ON progress_entry(observation);
