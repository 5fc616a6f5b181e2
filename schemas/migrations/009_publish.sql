-- 009_publish.sql: schema version 8 -> 9. What makes outputs safe to
-- publish (docs/indicators.md, "Suppression"; docs/data-model.md).
--
-- Self-contained, so it can take another number when branches merge; and
-- every step can run again on a database that has already had it (a store
-- whose version was set back by hand) and still end in the same schema.

-- Whether an imported case file says it is synthetic (a leading comment
-- line "# SYNTHETIC ...", as tools/gen-cases writes): 1 yes, 0 no. NULL
-- for files imported before the marker was kept: not known (importing the
-- file again sets it). Every output that shows figures counted from the
-- import's records says so (core/disclosure.c). The table is rebuilt,
-- ids kept (the records carry their import's id), rather than altered, so
-- the step can run again (a re-run forgets the marks: NULL, not known).
CREATE TABLE case_import_8 (
  id          INTEGER PRIMARY KEY,
  area        TEXT NOT NULL UNIQUE,     -- GSS code
  file        TEXT NOT NULL,            -- the file name as given
  file_hash   TEXT NOT NULL,            -- BLAKE2b-256 of its bytes, hex
  rows        INTEGER NOT NULL,         -- data rows (requests + reviews)
  requests    INTEGER NOT NULL,
  reviews     INTEGER NOT NULL,
  first_received INTEGER,               -- the earliest and latest ReceivedDate
  last_received  INTEGER,               -- (day numbers), the span the file covers
  imported_at TEXT NOT NULL,            -- UTC, ISO 8601
  synthetic   INTEGER CHECK (synthetic = 0 OR synthetic = 1)
);
INSERT INTO case_import_8(id, area, file, file_hash, rows, requests, reviews, first_received,
                          last_received, imported_at)
  SELECT id, area, file, file_hash, rows, requests, reviews, first_received, last_received,
         imported_at FROM case_import;
DROP TABLE case_import;
ALTER TABLE case_import_8 RENAME TO case_import;

-- Indicators that count a subset of another's records, as their script
-- declares (indicator{ subset_of = "ID" }): the plans issued without an
-- exception are a subset of all plans issued. The difference of the two
-- is a count too, and secondary suppression protects it (core/disclosure.c).
CREATE TABLE IF NOT EXISTS indicator_subset (
  indicator TEXT PRIMARY KEY,
  whole     TEXT NOT NULL
);

-- Suppression needs every result at once (a count hidden in one row can
-- be found by subtraction from others), which a view cannot do: outputs
-- read the temporary view indicator_published that core/disclosure.c
-- builds on their connection. Dropping the old view makes a reader that
-- forgot to build it fail instead of showing counts suppressed only
-- one row at a time.
DROP VIEW IF EXISTS indicator_published;
