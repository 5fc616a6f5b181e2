-- 005_statistics.sql: schema version 4 -> 5. Official statistics
-- (`sendlens import-statistics FILE...`, docs/statistics.md): the open-data
-- files of Explore education statistics, such as the DfE's EHC plan release,
-- stored as published, and the published columns that are common
-- indicators (scripts/statistics/*.lua) as one row per figure.
--
-- Self-contained, like 004: it only creates tables and views of its own.

-- Every geography a file names: England, the regions and the local
-- authorities, each by its GSS code, whether or not a plugin exists for it.
-- A local authority joins a loaded area by its GSS code or its DfE number
-- (old_la_code), see area_geography below.
CREATE TABLE stat_geography (
  code      TEXT PRIMARY KEY,          -- GSS: E92000001 England, E12000005 a region
  level     TEXT NOT NULL CHECK (level IN ('national', 'regional', 'local_authority')),
  name      TEXT NOT NULL,             -- as the newest imported file writes it
  la_number TEXT,                      -- old_la_code, for a local authority
  region    TEXT,                      -- region_code, for a local authority
  country   TEXT                       -- country_code
);
CREATE INDEX stat_geography_by_la_number ON stat_geography(la_number);

-- Each imported file. `name` is its base name: importing a file of the same
-- name again (from a zip or not) replaces it, rows, figures and all, in one
-- transaction. `document` is where it came from without any local folder:
-- "education-health-and-care-plans_2025.zip/data/requests.csv" for a member
-- of a zip, "requests.csv" for a file given itself.
CREATE TABLE stat_file (
  id          INTEGER PRIMARY KEY,
  name        TEXT NOT NULL UNIQUE,
  document    TEXT NOT NULL,
  publication TEXT,                    -- the mapping's publication id, if one applied
  file_hash   TEXT NOT NULL,           -- BLAKE2b-256 of its bytes, hex
  rows        INTEGER NOT NULL,        -- data rows stored
  imported_at TEXT NOT NULL            -- UTC, ISO 8601
);

-- The header of each file, column by column, with the role the importer
-- recognised: the standard's time and geography columns, filters (text
-- that splits the figures, "breakdown"), indicators (numbers and symbols),
-- a name repeated in the header whose cells repeat the first column's
-- ("repeat", not stored twice) and unnamed trailing columns ("empty").
CREATE TABLE stat_column (
  file     INTEGER NOT NULL REFERENCES stat_file(id) ON DELETE CASCADE,
  position INTEGER NOT NULL,           -- 1-based column of the file
  name     TEXT NOT NULL,              -- as the header writes it
  role     TEXT NOT NULL CHECK (role IN ('time', 'geography', 'filter', 'indicator', 'repeat',
                                         'empty')),
  cell     INTEGER,                    -- its index in stat_row.cells (filters, indicators)
  label    TEXT,                       -- the release's data guidance, where it has one
  PRIMARY KEY (file, position)
) WITHOUT ROWID;

-- Every data row of every file, as published: nothing is lost, and any
-- column can be read back (json_extract(cells, '$[N]')). As case records,
-- id = file id * 2^32 + the row's line, so a file's rows are one range.
CREATE TABLE stat_row (
  id        INTEGER PRIMARY KEY,
  file      INTEGER GENERATED ALWAYS AS (id >> 32) VIRTUAL,
  line      INTEGER GENERATED ALWAYS AS (id & 4294967295) VIRTUAL,
  period    TEXT NOT NULL,             -- a period label (docs/statistics.md)
  geography TEXT NOT NULL,             -- stat_geography.code
  cells     TEXT NOT NULL              -- JSON array of its filter and indicator cells, as written
);

-- The common indicators the mappings declare (scripts/statistics/*.lua).
-- Ids are shared with the case-record indicators of
-- scripts/indicators/ehc.lua, so official and local figures sit together.
CREATE TABLE stat_indicator (
  id         TEXT PRIMARY KEY,
  title      TEXT NOT NULL,
  unit       TEXT,                     -- percent, count, ...
  direction  TEXT NOT NULL CHECK (direction IN ('up', 'down', 'none')),  -- is higher better
  definition TEXT,                     -- what the publication counts
  mapping    TEXT NOT NULL             -- the mapping file (its name) and line that declared it
);

-- One published figure of a common indicator: one row of a file, with the
-- cells of its value, numerator and denominator, each a number or a symbol
-- (x, z, c, low, u, k, w: never stored as a number), and each cell's column
-- as its source (the row gives the file and line).
CREATE TABLE statistic (
  id                 INTEGER PRIMARY KEY,
  file               INTEGER NOT NULL REFERENCES stat_file(id) ON DELETE CASCADE,
  row                INTEGER NOT NULL,  -- stat_row.id
  indicator          TEXT NOT NULL,
  geography          TEXT NOT NULL,
  period             TEXT NOT NULL,     -- label: "2024", "2022/23"
  period_kind        TEXT NOT NULL CHECK (period_kind IN ('date', 'month', 'quarter', 'term',
                       'calendar_year', 'academic_year', 'financial_year', 'tax_year')),
  period_start       TEXT NOT NULL,     -- ISO dates: the period's exact span
  period_end         TEXT NOT NULL,
  breakdown          TEXT NOT NULL DEFAULT '',  -- '' for the total; else "Sex: Female"
  value              REAL,
  value_symbol       TEXT,
  value_column       INTEGER,
  numerator          REAL,
  numerator_symbol   TEXT,
  numerator_column   INTEGER,
  denominator        REAL,
  denominator_symbol TEXT,
  denominator_column INTEGER,
  UNIQUE (indicator, geography, period, breakdown)
);
CREATE INDEX statistic_by_file ON statistic(file);

-- A loaded area and the published geography it is: by GSS code, else by
-- the DfE's local authority number.
CREATE VIEW area_geography AS
SELECT a.code AS area, g.code AS geography
FROM area a JOIN stat_geography g
  ON g.code = a.code
  OR (g.level = 'local_authority' AND a.la_number IS NOT NULL AND g.la_number = a.la_number
      AND NOT EXISTS (SELECT 1 FROM stat_geography e WHERE e.code = a.code));

-- The indicators that measure a theme, as schemas/themes.json names them
-- ("indicators" of each theme), so a weakness, the plan's answer and the
-- official trend meet on one screen. Loaded with the themes.
CREATE TABLE theme_indicator (
  theme     TEXT NOT NULL REFERENCES theme(id) ON DELETE CASCADE,
  indicator TEXT NOT NULL,
  PRIMARY KEY (theme, indicator)
) WITHOUT ROWID;
