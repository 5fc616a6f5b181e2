-- 008_publish.sql: schema version 7 -> 8. What makes outputs safe to
-- publish (docs/indicators.md, "Suppression"; docs/data-model.md).
--
-- Self-contained, so it can take another number when branches merge.

-- Whether an imported case file says it is synthetic (a leading comment
-- line "# SYNTHETIC ...", as tools/gen-cases writes): 1 yes, 0 no. NULL
-- for files imported before the marker was kept: not known (importing the
-- file again sets it). Every output that shows figures counted from the
-- import's records says so (core/disclosure.c).
ALTER TABLE case_import ADD COLUMN synthetic INTEGER CHECK (synthetic = 0 OR synthetic = 1);

-- Indicators that count a subset of another's records, as their script
-- declares (indicator{ subset_of = "ID" }): the plans issued without an
-- exception are a subset of all plans issued. The difference of the two
-- is a count too, and secondary suppression protects it (core/disclosure.c).
CREATE TABLE indicator_subset (
  indicator TEXT PRIMARY KEY,
  whole     TEXT NOT NULL
);

-- Suppression needs every result at once (a count hidden in one row can
-- be found by subtraction from others), which a view cannot do: outputs
-- read the temporary view indicator_published that core/disclosure.c
-- builds on their connection. Dropping the old view makes a reader that
-- forgot to build it fail instead of showing counts suppressed only
-- one row at a time.
DROP VIEW indicator_published;
