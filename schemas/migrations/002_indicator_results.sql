-- 002_indicator_results.sql: schema version 1 -> 2. Indicator results,
-- each with the script (path, declared version, content hash) that computed
-- it as its source.

CREATE TABLE indicator_result (
  id             INTEGER PRIMARY KEY,
  indicator      TEXT NOT NULL,      -- the script's indicator id
  title          TEXT NOT NULL,
  unit           TEXT,
  direction      TEXT CHECK (direction IN ('up', 'down', 'none')),
  area           TEXT NOT NULL REFERENCES area(code) ON DELETE CASCADE,
  period         TEXT NOT NULL,      -- "all", or an observation period
  breakdown      TEXT NOT NULL DEFAULT '',  -- e.g. a theme id; '' for none
  value          REAL,               -- NULL: not computable from the data
  note           TEXT,
  script         TEXT NOT NULL,      -- the file, as given
  script_version TEXT NOT NULL,      -- its declared VERSION, or "unversioned"
  script_hash    TEXT NOT NULL,      -- FNV-1a of its bytes, to tell edits apart
  UNIQUE (indicator, area, period, breakdown)
);
CREATE INDEX indicator_result_by_area ON indicator_result(area, indicator);
