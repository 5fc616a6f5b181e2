-- 004_cases.sql: schema version 3 -> 4. Person-level EHC records
-- (`sendlens import-cases AREA FILE`, docs/data-model.md), and counts beside
-- indicator values so that small counts can be suppressed on output.
--
-- Self-contained: it only creates the case tables and rebuilds
-- indicator_result, so it can take another number when branches merge.

-- The per-database secret salt of the keyed hash that pseudonymises child
-- and request identifiers. One row, made at the first import. Lua scripts
-- cannot read this table (core/lua_db.c); no export writes it.
CREATE TABLE case_secret (
  id   INTEGER PRIMARY KEY CHECK (id = 1),
  salt BLOB NOT NULL CHECK (length(salt) = 32)
);

-- Each imported file: the source of its rows. Importing an area again
-- replaces its import (and its rows) in one transaction. Areas are codes,
-- not references to `area`: an area's case file may be imported without a
-- plugin for it, and reloading a plugin (which deletes and re-inserts the
-- area) must not delete its cases.
CREATE TABLE case_import (
  id          INTEGER PRIMARY KEY,
  area        TEXT NOT NULL UNIQUE,     -- GSS code
  file        TEXT NOT NULL,            -- the file name as given
  file_hash   TEXT NOT NULL,            -- BLAKE2b-256 of its bytes, hex
  rows        INTEGER NOT NULL,         -- data rows (requests + reviews)
  requests    INTEGER NOT NULL,
  reviews     INTEGER NOT NULL,
  first_received INTEGER,               -- the earliest and latest ReceivedDate
  last_received  INTEGER,               -- (day numbers), the span the file covers
  imported_at TEXT NOT NULL             -- UTC, ISO 8601
);

-- Dates are day numbers (days since 1970-01-01), so that differences are
-- integer subtraction; indicator SQL turns them into quarters with
-- quarter(day) (core/lua_db.c). Person and request are the first 8 bytes of
-- the keyed BLAKE2b hash of the file's PersonID and RequestID, as integers.
--
-- id = import id * 2^32 + the file's line: the rows of one import are one
-- range of the rowid, so replacing an import deletes a range without an
-- index, and the line (the row's locator in its file) is kept. There is no
-- foreign key to case_import for the same reason: the rows are removed with
-- their import by the importer, in its transaction.
CREATE TABLE case_request (
  id              INTEGER PRIMARY KEY,  -- import * 2^32 + line
  -- Derived from id, never stored: a row's import and its line in the file.
  import          INTEGER GENERATED ALWAYS AS (id >> 32) VIRTUAL,
  line            INTEGER GENERATED ALWAYS AS (id & 4294967295) VIRTUAL,
  person          INTEGER NOT NULL,
  request         INTEGER NOT NULL,
  received        INTEGER NOT NULL,     -- ReceivedDate
  source          TEXT,                 -- RequestSource
  -- The CHECKs compare rather than use IN (...): SQLite builds a temporary
  -- table for an IN list each time the constraint is evaluated.
  outcome         TEXT CHECK (outcome = 'assess' OR outcome = 'refused' OR outcome = 'withdrawn'),
  outcome_date    INTEGER,              -- RequestOutcomeDate
  assessment      TEXT CHECK (assessment = 'plan' OR assessment = 'no_plan'
                                OR assessment = 'withdrawn'),
  assessment_date INTEGER,              -- AssessmentOutcomeDate
  week20          INTEGER NOT NULL CHECK (week20 = 0 OR week20 = 1),
  start           INTEGER,              -- StartDate: the plan was issued
  cease           INTEGER,              -- CeaseDate
  cease_reason    TEXT
);

CREATE TABLE case_review (
  id      INTEGER PRIMARY KEY,          -- as case_request.id
  import  INTEGER GENERATED ALWAYS AS (id >> 32) VIRTUAL,
  line    INTEGER GENERATED ALWAYS AS (id & 4294967295) VIRTUAL,
  person  INTEGER NOT NULL,
  request INTEGER NOT NULL,             -- the request whose plan is reviewed
  due     INTEGER NOT NULL,             -- ReviewDueDate
  held    INTEGER                       -- ReviewHeldDate; NULL: not held
);

-- Indicator results gain counts (NULL for indicators that are not counts).
-- The table is rebuilt without its foreign key to `area`: areas with case
-- records but no plugin have results too. Results of an area's plugin data
-- still go when the area is reloaded, through the trigger below; results
-- from counts of case records stay, as the records do.
CREATE TABLE indicator_result_v3 (
  id             INTEGER PRIMARY KEY,
  indicator      TEXT NOT NULL,
  title          TEXT NOT NULL,
  unit           TEXT,
  direction      TEXT CHECK (direction IN ('up', 'down', 'none')),
  area           TEXT NOT NULL,      -- an area code
  period         TEXT NOT NULL,      -- "all", or an observation period
  breakdown      TEXT NOT NULL DEFAULT '',
  value          REAL,               -- NULL: not computable from the data
  numerator      INTEGER,            -- raw counts; suppressed on output
  denominator    INTEGER,
  note           TEXT,
  script         TEXT NOT NULL,
  script_version TEXT NOT NULL,
  script_hash    TEXT NOT NULL,
  UNIQUE (indicator, area, period, breakdown)
);
INSERT INTO indicator_result_v3(id, indicator, title, unit, direction, area, period, breakdown,
                                value, note, script, script_version, script_hash)
  SELECT id, indicator, title, unit, direction, area, period, breakdown, value, note, script,
         script_version, script_hash FROM indicator_result;
DROP TABLE indicator_result;
ALTER TABLE indicator_result_v3 RENAME TO indicator_result;
CREATE INDEX indicator_result_by_area ON indicator_result(area, indicator);

CREATE TRIGGER area_deleted_results AFTER DELETE ON area BEGIN
  DELETE FROM indicator_result WHERE area = old.code AND denominator IS NULL;
END;

-- Indicator results as every output shows them: a count from 1 to 4 is
-- "x", and a value is "x" unless both its counts are 0 or at least 5 (the
-- DfE convention for SEN2 statistics; docs/indicators.md). Results without
-- counts pass through. The raw counts stay in indicator_result.
CREATE VIEW indicator_published AS
SELECT indicator, title, unit, direction, area, period, breakdown, note, script, script_version,
  CASE WHEN denominator IS NULL THEN value
       WHEN (numerator = 0 OR numerator >= 5) AND (denominator = 0 OR denominator >= 5)
         THEN value
       ELSE 'x' END AS value,
  CASE WHEN numerator BETWEEN 1 AND 4 THEN 'x' ELSE numerator END AS numerator,
  CASE WHEN denominator BETWEEN 1 AND 4 THEN 'x' ELSE denominator END AS denominator
FROM indicator_result;
