-- store.sql: the SQLite schema of the common model (docs/data-model.md).
-- Applied to an empty database by the store, which then sets
-- PRAGMA user_version = 1. Later versions add migrations; they never edit
-- this file's meaning in place.

CREATE TABLE theme (
  id          TEXT PRIMARY KEY,
  title       TEXT NOT NULL,
  description TEXT NOT NULL
);

CREATE TABLE area (
  code           TEXT PRIMARY KEY,      -- GSS code, E10000028
  la_number      TEXT,                  -- DfE LA number, 860
  name           TEXT NOT NULL,
  region         TEXT,
  plugin         TEXT NOT NULL,
  plugin_version TEXT NOT NULL
);

-- Every stored fact of an area is first a row here. Sources, claims and
-- theme assignments hang off it, and deleting an area removes everything
-- of it in one cascade: that is how a reload replaces an area.
CREATE TABLE fact (
  id   INTEGER PRIMARY KEY,
  area TEXT NOT NULL REFERENCES area(code) ON DELETE CASCADE,
  kind TEXT NOT NULL CHECK (kind IN ('area', 'inspection', 'weakness', 'plan',
        'concern', 'member', 'action', 'measure', 'comparator', 'observation',
        'review', 'finding', 'term')),
  seq  INTEGER NOT NULL                 -- order the plugin emitted it in
);
CREATE INDEX fact_by_area ON fact(area, kind, seq);

CREATE TABLE inspection (
  id                    INTEGER PRIMARY KEY REFERENCES fact(id) ON DELETE CASCADE,
  kind                  TEXT NOT NULL CHECK (kind IN ('initial', 'revisit', 'full')),
  started               TEXT,
  ended                 TEXT,
  published             TEXT,
  outcome               TEXT,
  weaknesses_found      INTEGER,        -- NULL: not said
  weaknesses_sufficient INTEGER
);

CREATE TABLE weakness (
  id         INTEGER PRIMARY KEY REFERENCES fact(id) ON DELETE CASCADE,
  inspection INTEGER NOT NULL REFERENCES inspection(id) ON DELETE CASCADE,
  ref        TEXT,
  text       TEXT NOT NULL,
  progress   TEXT CHECK (progress IN ('sufficient', 'insufficient'))
);

CREATE TABLE plan (
  id          INTEGER PRIMARY KEY REFERENCES fact(id) ON DELETE CASCADE,
  kind        TEXT NOT NULL CHECK (kind IN ('WSOA', 'APP')),
  title       TEXT,
  version     TEXT,
  dated       TEXT,
  approved    TEXT,
  period_from TEXT,
  period_to   TEXT,
  board       TEXT
);

CREATE TABLE concern (
  id    INTEGER PRIMARY KEY REFERENCES fact(id) ON DELETE CASCADE,
  plan  INTEGER NOT NULL REFERENCES plan(id) ON DELETE CASCADE,
  ref   TEXT,
  title TEXT NOT NULL
);

CREATE TABLE member (
  id      INTEGER PRIMARY KEY REFERENCES fact(id) ON DELETE CASCADE,
  concern INTEGER NOT NULL REFERENCES concern(id) ON DELETE CASCADE,
  role    TEXT NOT NULL CHECK (role IN ('lead', 'member')),
  name    TEXT NOT NULL
);

CREATE TABLE action (
  id      INTEGER PRIMARY KEY REFERENCES fact(id) ON DELETE CASCADE,
  concern INTEGER NOT NULL REFERENCES concern(id) ON DELETE CASCADE,
  ref     TEXT,
  text    TEXT,                         -- NULL: cited but not stated
  lead    TEXT,
  due     TEXT,
  status  TEXT CHECK (status IN ('not_started', 'in_progress', 'completed',
          'commenced', 'established'))
);

CREATE TABLE measure (
  id            INTEGER PRIMARY KEY REFERENCES fact(id) ON DELETE CASCADE,
  parent        INTEGER NOT NULL REFERENCES fact(id) ON DELETE CASCADE,
  ref           TEXT,
  name          TEXT NOT NULL,
  heading       TEXT,                   -- the local heading it is listed under
  kind          TEXT CHECK (kind IN ('interval', 'nominal')),
  unit          TEXT,
  direction     TEXT CHECK (direction IN ('up', 'down', 'none')),
  baseline      REAL,
  baseline_date TEXT,
  target        REAL,
  indicator     TEXT                    -- common indicator id, from mapping
);
CREATE INDEX measure_by_parent ON measure(parent);

CREATE TABLE comparator (
  id      INTEGER PRIMARY KEY REFERENCES fact(id) ON DELETE CASCADE,
  measure INTEGER NOT NULL REFERENCES measure(id) ON DELETE CASCADE,
  label   TEXT NOT NULL,
  value   REAL,
  date    TEXT
);

CREATE TABLE observation (
  id      INTEGER PRIMARY KEY REFERENCES fact(id) ON DELETE CASCADE,
  measure INTEGER NOT NULL REFERENCES measure(id) ON DELETE CASCADE,
  period  TEXT NOT NULL,
  kind    TEXT NOT NULL CHECK (kind IN ('actual', 'milestone', 'projected')),
  value   REAL,
  state   TEXT CHECK (state IN ('not_started', 'commenced', 'established', 'completed')),
  note    TEXT
);

CREATE TABLE review (
  id    INTEGER PRIMARY KEY REFERENCES fact(id) ON DELETE CASCADE,
  plan  INTEGER NOT NULL REFERENCES plan(id) ON DELETE CASCADE,
  label TEXT NOT NULL,
  due   TEXT,
  held  TEXT,
  held_by TEXT
);

CREATE TABLE finding (
  id     INTEGER PRIMARY KEY REFERENCES fact(id) ON DELETE CASCADE,
  review INTEGER NOT NULL REFERENCES review(id) ON DELETE CASCADE,
  text   TEXT NOT NULL
);

CREATE TABLE term (
  id        INTEGER PRIMARY KEY REFERENCES fact(id) ON DELETE CASCADE,
  term      TEXT NOT NULL,
  expansion TEXT NOT NULL
);

-- Where each fact comes from: a document of the plugin's sources/, a place
-- in it, and the exact quoted span (checked against the document on load).
CREATE TABLE source (
  id       INTEGER PRIMARY KEY,
  fact     INTEGER NOT NULL REFERENCES fact(id) ON DELETE CASCADE,
  document TEXT NOT NULL,
  locator  TEXT NOT NULL,
  quote    TEXT NOT NULL
);
CREATE INDEX source_by_fact ON source(fact);

-- What one document says about one field of a fact. Fields whose claims
-- differ are conflicts: kept, reported, never resolved silently.
CREATE TABLE claim (
  id       INTEGER PRIMARY KEY,
  fact     INTEGER NOT NULL REFERENCES fact(id) ON DELETE CASCADE,
  field    TEXT NOT NULL,
  value    TEXT NOT NULL,
  document TEXT NOT NULL,
  locator  TEXT NOT NULL,
  quote    TEXT NOT NULL
);
CREATE INDEX claim_by_fact ON claim(fact, field);

-- A theme given to a weakness or concern, with the rule that gave it and
-- the phrase it matched, so `show` can say why.
CREATE TABLE theme_assignment (
  fact   INTEGER NOT NULL REFERENCES fact(id) ON DELETE CASCADE,
  theme  TEXT NOT NULL REFERENCES theme(id),
  rule   TEXT NOT NULL,
  phrase TEXT,
  PRIMARY KEY (fact, theme)
);
