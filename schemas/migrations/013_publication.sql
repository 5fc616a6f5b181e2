-- 013_publication.sql: schema version 12 -> 13. What the publication
-- metadata of an export (core/publication.c: the page, the workbook's
-- README, the JSON export's "publication", the CSV folder's
-- publication.csv) says about its sources, beyond the document names the
-- facts already cite.
--
-- Self-contained, so it can take another number when branches merge, and
-- every step can run again (IF NOT EXISTS).

-- A document of an area's plugin as its sources/sources.json describes it
-- (docs/plugin-guide.md, "Describing the documents"): title, publisher,
-- public address (http or https only, core/url.c) and licence, each NULL
-- where the manifest does not say. Stored by the load, in its transaction,
-- so a reload replaces it and a bad manifest stores nothing.
CREATE TABLE IF NOT EXISTS source_document (
  area      TEXT NOT NULL REFERENCES area(code) ON DELETE CASCADE,
  name      TEXT NOT NULL,              -- the file in sources/, as source.document names it
  title     TEXT,
  publisher TEXT,
  url       TEXT,
  licence   TEXT,
  locator   TEXT NOT NULL,              -- where it is declared: sources.json documents."NAME"
  PRIMARY KEY (area, name)
) WITHOUT ROWID;

-- A publication of official statistics as the mapping that applied to an
-- imported file declares it (publication {} of scripts/statistics/*.lua):
-- stat_file.publication names it. Stored by import-statistics with the file.
CREATE TABLE IF NOT EXISTS stat_publication (
  id        TEXT PRIMARY KEY,
  title     TEXT NOT NULL,
  publisher TEXT,
  url       TEXT,
  licence   TEXT,
  mapping   TEXT NOT NULL               -- the mapping file (its name) and line that declared it
) WITHOUT ROWID;
