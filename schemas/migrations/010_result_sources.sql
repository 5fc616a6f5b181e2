-- 010_result_sources.sql: schema version 9 -> 10. Indicator results record
-- what they were computed from (issue 15, "Nothing lost, nothing stale"),
-- so that `sendlens indicators` stores nothing counted from records that
-- were replaced meanwhile, and recomputes only the areas whose data
-- changed (core/indicators.c, docs/indicators.md).
--
-- Self-contained: new tables and triggers only, nothing rebuilt, so it can
-- take another number when branches merge; and it can run twice (IF NOT
-- EXISTS, no tick reset), as a test that re-runs the last step does.

-- A counter that only goes up (AUTOINCREMENT never hands out an id twice,
-- even once its rows are deleted): each change of an area's data takes the
-- next tick. Row ids of area, case_import or progress_return cannot serve:
-- a replaced row may get its predecessor's id back.
CREATE TABLE IF NOT EXISTS source_tick (id INTEGER PRIMARY KEY AUTOINCREMENT);

-- Per area, the tick of the last change of each kind of data an indicator
-- is computed from: its plugin load (area and everything of it), its case
-- records (case_import and its rows), its progress returns. Kept by the
-- triggers below; NULL where the area never had that kind of data. Data
-- stored before this version counts as tick 0.
CREATE TABLE IF NOT EXISTS area_state (
  area        TEXT PRIMARY KEY,   -- an area code
  load        INTEGER,            -- tick of its last `sendlens load`
  cases       INTEGER,            -- tick of its last `sendlens import-cases`
  case_import INTEGER,            -- case_import.id of the records now stored, NULL: none
  progress    INTEGER             -- tick of its last `sendlens import-progress`
);
INSERT INTO area_state(area) SELECT code FROM area WHERE true ON CONFLICT DO NOTHING;
INSERT INTO area_state(area) SELECT area FROM case_import WHERE true ON CONFLICT DO NOTHING;
INSERT INTO area_state(area) SELECT area FROM progress_return WHERE true ON CONFLICT DO NOTHING;
UPDATE area_state SET load = 0 WHERE load IS NULL AND area IN (SELECT code FROM area);
UPDATE area_state SET cases = 0, case_import = (SELECT id FROM case_import WHERE area = area_state.area)
  WHERE cases IS NULL AND area IN (SELECT area FROM case_import);
UPDATE area_state SET progress = 0
  WHERE progress IS NULL AND area IN (SELECT area FROM progress_return);

-- A reload deletes the area and inserts it again, in one transaction: both
-- take a tick, the insert the later.
CREATE TRIGGER IF NOT EXISTS area_state_load AFTER INSERT ON area BEGIN
  INSERT INTO source_tick(id) VALUES (NULL);
  INSERT INTO area_state(area, load) VALUES (new.code, last_insert_rowid())
    ON CONFLICT(area) DO UPDATE SET load = excluded.load;
  DELETE FROM source_tick;
END;
CREATE TRIGGER IF NOT EXISTS area_state_unload AFTER DELETE ON area BEGIN
  INSERT INTO source_tick(id) VALUES (NULL);
  UPDATE area_state SET load = last_insert_rowid() WHERE area = old.code;
  DELETE FROM source_tick;
END;

CREATE TRIGGER IF NOT EXISTS area_state_cases AFTER INSERT ON case_import BEGIN
  INSERT INTO source_tick(id) VALUES (NULL);
  INSERT INTO area_state(area, cases, case_import) VALUES (new.area, last_insert_rowid(), new.id)
    ON CONFLICT(area) DO UPDATE SET cases = excluded.cases, case_import = excluded.case_import;
  DELETE FROM source_tick;
END;
CREATE TRIGGER IF NOT EXISTS area_state_cases_removed AFTER DELETE ON case_import BEGIN
  INSERT INTO source_tick(id) VALUES (NULL);
  UPDATE area_state SET cases = last_insert_rowid(), case_import = NULL WHERE area = old.area;
  DELETE FROM source_tick;
END;

-- A progress return is replaced by deleting and inserting it. Its values
-- are observations of the plan, which indicators computed from the plan
-- read: their results for the area go, as a reload's do (trigger
-- area_deleted_results of 004_cases.sql).
CREATE TRIGGER IF NOT EXISTS area_state_progress AFTER INSERT ON progress_return BEGIN
  INSERT INTO source_tick(id) VALUES (NULL);
  INSERT INTO area_state(area, progress) VALUES (new.area, last_insert_rowid())
    ON CONFLICT(area) DO UPDATE SET progress = excluded.progress;
  DELETE FROM source_tick;
  DELETE FROM indicator_result WHERE area = new.area AND denominator IS NULL;
END;
CREATE TRIGGER IF NOT EXISTS area_state_progress_removed AFTER DELETE ON progress_return BEGIN
  INSERT INTO source_tick(id) VALUES (NULL);
  UPDATE area_state SET progress = last_insert_rowid() WHERE area = old.area;
  DELETE FROM source_tick;
  DELETE FROM indicator_result WHERE area = old.area AND denominator IS NULL;
END;

-- For each indicator and area, the state of the area's data its results
-- (indicator_result, any number of rows, none included) were computed
-- from, and by which script. An indicator of counts is counted from case
-- records, so its results record the case import (and the tick of the
-- area's case records); one computed per area reads the plan, and records
-- the area's load and progress ticks. The other columns are NULL. The
-- results are current while these equal the area's area_state: a change
-- deletes them (case imports and reloads already did; progress returns
-- above), and `sendlens indicators` stores only results whose area did not
-- change while they were computed, and recomputes those that are missing,
-- out of date, or from another script.
CREATE TABLE IF NOT EXISTS indicator_source (
  indicator   TEXT NOT NULL,
  area        TEXT NOT NULL,
  from_cases  INTEGER NOT NULL CHECK (from_cases IN (0, 1)),  -- a counts indicator
  script_hash TEXT NOT NULL,
  load        INTEGER,
  progress    INTEGER,
  cases       INTEGER,
  case_import INTEGER,            -- the case_import.id counted, NULL: the area had none
  computed_at TEXT NOT NULL,      -- UTC, ISO 8601
  PRIMARY KEY (indicator, area)
) WITHOUT ROWID;
