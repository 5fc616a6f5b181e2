-- 012_roles.sql: schema version 11 -> 12. The people and bodies a plan names
-- (accountable officers, advisers, sponsors, leads, chairs, members): the
-- record kind `role` of core/include/sendlens/records.def.
--
-- fact.kind's CHECK gains 'role'. SQLite cannot alter a CHECK constraint,
-- so fact is rebuilt by the twelve steps of https://sqlite.org/lang_altertable.html
-- (section 7): the store runs every migration with foreign keys off and
-- checks them (PRAGMA foreign_key_check) before it commits
-- (core/store.c). The views that name fact are dropped first and made
-- again after, as step 9 says, since renaming a table re-checks them.
--
-- It may run again on its own tables (a test rewinds the version to check
-- an earlier migration): what it creates it creates if not there.
DROP VIEW progress_target;

CREATE TABLE new_fact (
  id   INTEGER PRIMARY KEY,
  area TEXT NOT NULL REFERENCES area(code) ON DELETE CASCADE,
  kind TEXT NOT NULL CHECK (kind IN ('area', 'inspection', 'weakness', 'plan',
        'concern', 'member', 'action', 'measure', 'comparator', 'observation',
        'review', 'finding', 'term', 'role')),
  seq  INTEGER NOT NULL                 -- order the plugin emitted it in
);
INSERT INTO new_fact(id, area, kind, seq) SELECT id, area, kind, seq FROM fact;
DROP TABLE fact;
ALTER TABLE new_fact RENAME TO fact;
CREATE INDEX fact_by_area ON fact(area, kind, seq);

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

-- A role: who holds it as written, and what the document says of them.
CREATE TABLE IF NOT EXISTS role (
  id                INTEGER PRIMARY KEY REFERENCES fact(id) ON DELETE CASCADE,
  parent            INTEGER NOT NULL REFERENCES fact(id) ON DELETE CASCADE,
  role              TEXT NOT NULL,      -- as written
  kind              TEXT NOT NULL CHECK (kind IN ('accountable_officer', 'adviser',
                    'sponsor', 'lead', 'chair', 'member')),
  name              TEXT NOT NULL,      -- who, as written
  person            TEXT,
  post              TEXT,
  organisation      TEXT,
  organisation_kind TEXT CHECK (organisation_kind IN ('council', 'health', 'dfe',
                    'nhs_england', 'education', 'parent_carer_forum', 'sendiass'))
);
CREATE INDEX IF NOT EXISTS role_by_parent ON role(parent);

-- A concern's leads and members and an action's lead are roles from now
-- on, stored once: the host turns a member record or an action's lead
-- (from a plugin built before roles) into a role, and the rows stored
-- before are moved here. A member keeps its fact (and so its sources,
-- claims and id); an action's lead becomes a fact of its own with the
-- action's sources.
INSERT INTO role(id, parent, role, kind, name)
SELECT id, concern, role, role, name FROM member;
UPDATE fact SET kind = 'role' WHERE kind = 'member';
DELETE FROM member;

CREATE TEMP TABLE moved_lead AS
SELECT a.id AS action, a.lead AS name,
       (SELECT max(id) FROM fact) + row_number() OVER (ORDER BY a.id) AS role
FROM action a WHERE a.lead IS NOT NULL;
INSERT INTO fact(id, area, kind, seq)
SELECT m.role, f.area, 'role', f.seq FROM moved_lead m JOIN fact f ON f.id = m.action;
INSERT INTO role(id, parent, role, kind, name)
SELECT role, action, 'lead', 'lead', name FROM moved_lead;
INSERT INTO source(fact, document, locator, quote)
SELECT m.role, s.document, s.locator, s.quote FROM moved_lead m JOIN source s ON s.fact = m.action;
UPDATE action SET lead = NULL WHERE lead IS NOT NULL;
DROP TABLE moved_lead;
