-- 008_theme_reasons.sql: schema version 7 -> 8. A theme assignment says
-- where in the record the rule found its words (core/mapping.c,
-- scripts/mapping/engine.lua): "title" or "text" of the record itself, the
-- weakness a concern answers ("weakness 4"), one of its actions or
-- measures ("action 4/2", "measure M6"), the heading its measures are
-- listed under ("measures heading"), or "area rule" for an area's own
-- assignment. Assignments stored before say nothing (NULL) until the area
-- is loaded again.
--
-- The table is rebuilt rather than altered so that the step can run again
-- on a database that already has the column (a store whose version was
-- set back by hand) and still end in the same schema.
CREATE TABLE theme_assignment_8 (
  fact   INTEGER NOT NULL REFERENCES fact(id) ON DELETE CASCADE,
  theme  TEXT NOT NULL REFERENCES theme(id),
  rule   TEXT NOT NULL,
  phrase TEXT,
  basis  TEXT,             -- where the phrase was matched, as above
  PRIMARY KEY (fact, theme)
);
INSERT INTO theme_assignment_8(fact, theme, rule, phrase)
SELECT fact, theme, rule, phrase FROM theme_assignment;
DROP TABLE theme_assignment;
ALTER TABLE theme_assignment_8 RENAME TO theme_assignment;
