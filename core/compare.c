/*
 * compare.c: building the themes x areas matrix from theme assignments.
 */
#include "compare.h"

static cJSON *compare_areas(sl_store *store, sl_error *error) {
  sqlite3_stmt *statement =
      sl_store_prepare(store, "SELECT code, name FROM area ORDER BY name", "", error);
  if (!statement) return NULL;
  cJSON *areas = cJSON_CreateArray();
  while (sqlite3_step(statement) == SQLITE_ROW) {
    cJSON *area = cJSON_CreateObject();
    cJSON_AddStringToObject(area, "code", (const char *)sqlite3_column_text(statement, 0));
    cJSON_AddStringToObject(area, "name", (const char *)sqlite3_column_text(statement, 1));
    cJSON_AddItemToArray(areas, area);
  }
  return areas;
}

static cJSON *compare_text(sqlite3_stmt *statement, int column) {
  const unsigned char *text = sqlite3_column_text(statement, column);
  return text ? cJSON_CreateString((const char *)text) : cJSON_CreateNull();
}

/* The other themes a fact sits under (a JSON array the query made): a
 * weakness or concern mapped to three themes is one fact in three rows,
 * and says so, so no reader adds it up three times. */
#define COMPARE_SHARED_WITH                                                                        \
  "(SELECT json_group_array(x.theme) FROM (SELECT theme FROM theme_assignment "                    \
  "WHERE fact = f.id AND theme != ?1 ORDER BY theme) x)"

static void compare_add_shared(cJSON *item, sqlite3_stmt *statement, int column) {
  cJSON *shared = cJSON_Parse((const char *)sqlite3_column_text(statement, column));
  cJSON_AddItemToObject(item, "shared_with", shared ? shared : cJSON_CreateArray());
}

static cJSON *compare_weaknesses(sl_store *store, const char *theme, const char *area) {
  cJSON *list = cJSON_CreateArray();
  sqlite3_stmt *statement = sl_store_prepare(
      store,
      "SELECT w.ref, w.progress, " COMPARE_SHARED_WITH " FROM theme_assignment t "
      "JOIN weakness w ON w.id = t.fact "
      "JOIN fact f ON f.id = w.id WHERE t.theme = ?1 AND f.area = ?2 ORDER BY f.seq",
      "tt", NULL, theme, area);
  while (statement && sqlite3_step(statement) == SQLITE_ROW) {
    cJSON *item = cJSON_CreateObject();
    cJSON_AddItemToObject(item, "ref", compare_text(statement, 0));
    cJSON_AddItemToObject(item, "progress", compare_text(statement, 1));
    compare_add_shared(item, statement, 2);
    cJSON_AddItemToArray(list, item);
  }
  return list;
}

/* Measures count those of the concern and those of its actions. */
static cJSON *compare_concerns(sl_store *store, const char *theme, const char *area) {
  cJSON *list = cJSON_CreateArray();
  sqlite3_stmt *statement = sl_store_prepare(
      store,
      "SELECT c.ref, c.title, "
      "  (SELECT count(*) FROM action a WHERE a.concern = c.id), "
      "  (SELECT count(*) FROM measure m WHERE m.parent = c.id "
      "     OR m.parent IN (SELECT id FROM action WHERE concern = c.id)), " COMPARE_SHARED_WITH
      " FROM theme_assignment t JOIN concern c ON c.id = t.fact JOIN fact f ON f.id = c.id "
      "WHERE t.theme = ?1 AND f.area = ?2 ORDER BY f.seq",
      "tt", NULL, theme, area);
  while (statement && sqlite3_step(statement) == SQLITE_ROW) {
    cJSON *item = cJSON_CreateObject();
    cJSON_AddItemToObject(item, "ref", compare_text(statement, 0));
    cJSON_AddItemToObject(item, "title", compare_text(statement, 1));
    cJSON_AddNumberToObject(item, "actions", sqlite3_column_int(statement, 2));
    cJSON_AddNumberToObject(item, "measures", sqlite3_column_int(statement, 3));
    compare_add_shared(item, statement, 4);
    cJSON_AddItemToArray(list, item);
  }
  return list;
}

static cJSON *compare_row(sl_store *store, sqlite3_stmt *theme, const cJSON *areas) {
  const char *id = (const char *)sqlite3_column_text(theme, 0);
  cJSON *row = cJSON_CreateObject();
  cJSON_AddStringToObject(row, "theme", id);
  cJSON_AddStringToObject(row, "title", (const char *)sqlite3_column_text(theme, 1));
  cJSON *cells = cJSON_AddArrayToObject(row, "cells");
  const cJSON *area;
  cJSON_ArrayForEach(area, areas) {
    const char *code = cJSON_GetObjectItemCaseSensitive(area, "code")->valuestring;
    cJSON *cell = cJSON_CreateObject();
    cJSON_AddStringToObject(cell, "area", code);
    cJSON_AddItemToObject(cell, "weaknesses", compare_weaknesses(store, id, code));
    cJSON_AddItemToObject(cell, "concerns", compare_concerns(store, id, code));
    cJSON_AddItemToArray(cells, cell);
  }
  return row;
}

/* What the matrix shows of an area, each fact counted once however many
 * themes it sits under: the totals a reader may add the rows up to. */
static cJSON *compare_totals(sl_store *store, const char *area) {
  sqlite3_stmt *statement = sl_store_prepare(
      store,
      "WITH mapped(id, kind) AS (SELECT DISTINCT f.id, f.kind FROM theme_assignment t "
      "  JOIN fact f ON f.id = t.fact WHERE f.area = ?1), "
      "concerns(id) AS (SELECT id FROM mapped WHERE kind = 'concern'), "
      "actions(id) AS (SELECT a.id FROM action a WHERE a.concern IN concerns) "
      "SELECT (SELECT count(*) FROM mapped WHERE kind = 'weakness'), "
      "  (SELECT count(*) FROM concerns), (SELECT count(*) FROM actions), "
      "  (SELECT count(*) FROM measure m WHERE m.parent IN concerns OR m.parent IN actions)",
      "t", NULL, area);
  static const char *const keys[] = {"weaknesses", "concerns", "actions", "measures"};
  cJSON *totals = cJSON_CreateObject();
  cJSON_AddStringToObject(totals, "area", area);
  int found = statement && sqlite3_step(statement) == SQLITE_ROW;
  for (int i = 0; i < 4; i++)
    cJSON_AddNumberToObject(totals, keys[i], found ? sqlite3_column_int(statement, i) : 0);
  return totals;
}

static cJSON *compare_all_totals(sl_store *store, const cJSON *areas) {
  cJSON *list = cJSON_CreateArray();
  const cJSON *area;
  cJSON_ArrayForEach(area, areas) {
    cJSON_AddItemToArray(
        list, compare_totals(store, cJSON_GetObjectItemCaseSensitive(area, "code")->valuestring));
  }
  return list;
}

cJSON *sl_compare_matrix(sl_store *store, sl_error *error) {
  cJSON *areas = compare_areas(store, error);
  if (!areas) return NULL;
  sqlite3_stmt *themes = sl_store_prepare(
      store,
      "SELECT id, title FROM theme WHERE id IN (SELECT theme FROM theme_assignment) ORDER BY id",
      "", error);
  if (!themes) {
    cJSON_Delete(areas);
    return NULL;
  }
  cJSON *matrix = cJSON_CreateObject();
  cJSON_AddItemToObject(matrix, "areas", areas);
  cJSON *rows = cJSON_AddArrayToObject(matrix, "rows");
  while (sqlite3_step(themes) == SQLITE_ROW)
    cJSON_AddItemToArray(rows, compare_row(store, themes, areas));
  cJSON_AddItemToObject(matrix, "totals", compare_all_totals(store, areas));
  return matrix;
}

cJSON *sl_compare_theme_ids(sl_store *store, sl_error *error) {
  sqlite3_stmt *statement = sl_store_prepare(store, "SELECT id FROM theme ORDER BY id", "", error);
  if (!statement) return NULL;
  cJSON *ids = cJSON_CreateArray();
  while (sqlite3_step(statement) == SQLITE_ROW)
    cJSON_AddItemToArray(ids, compare_text(statement, 0));
  return ids;
}

/* Where a fact comes from: every source, in the order the plugin gave. */
static cJSON *compare_sources(sl_store *store, int64_t fact) {
  cJSON *list = cJSON_CreateArray();
  sqlite3_stmt *statement = sl_store_prepare(
      store, "SELECT document, locator FROM source WHERE fact = ?1 ORDER BY id", "i", NULL, fact);
  while (statement && sqlite3_step(statement) == SQLITE_ROW) {
    cJSON *item = cJSON_CreateObject();
    cJSON_AddItemToObject(item, "document", compare_text(statement, 0));
    cJSON_AddItemToObject(item, "locator", compare_text(statement, 1));
    cJSON_AddItemToArray(list, item);
  }
  return list;
}

/* A row's text columns from first on, under names, then its sources (the
 * fact id is column 0). */
static cJSON *compare_record(sl_store *store, sqlite3_stmt *statement, const char *const *names) {
  cJSON *item = cJSON_CreateObject();
  for (int i = 0; names[i]; i++)
    cJSON_AddItemToObject(item, names[i], compare_text(statement, i + 1));
  cJSON_AddItemToObject(item, "sources",
                        compare_sources(store, sqlite3_column_int64(statement, 0)));
  return item;
}

static cJSON *compare_theme_weaknesses(sl_store *store, const char *theme, const char *area) {
  static const char *const names[] = {"ref", "progress", "text", NULL};
  cJSON *list = cJSON_CreateArray();
  sqlite3_stmt *statement =
      sl_store_prepare(store,
                       "SELECT w.id, w.ref, w.progress, w.text FROM theme_assignment t "
                       "JOIN weakness w ON w.id = t.fact JOIN fact f ON f.id = w.id "
                       "WHERE t.theme = ?1 AND f.area = ?2 ORDER BY f.seq",
                       "tt", NULL, theme, area);
  while (statement && sqlite3_step(statement) == SQLITE_ROW)
    cJSON_AddItemToArray(list, compare_record(store, statement, names));
  return list;
}

static cJSON *compare_theme_actions(sl_store *store, int64_t concern) {
  static const char *const names[] = {"ref", "text", "status", NULL};
  cJSON *list = cJSON_CreateArray();
  sqlite3_stmt *statement = sl_store_prepare(
      store,
      "SELECT a.id, a.ref, a.text, a.status FROM action a JOIN fact f ON f.id = a.id "
      "WHERE a.concern = ?1 ORDER BY f.seq",
      "i", NULL, concern);
  while (statement && sqlite3_step(statement) == SQLITE_ROW)
    cJSON_AddItemToArray(list, compare_record(store, statement, names));
  return list;
}

/* A concern's measures and those of its actions. */
static cJSON *compare_theme_measures(sl_store *store, int64_t concern) {
  static const char *const names[] = {"ref", "name", "kind", "unit", NULL};
  cJSON *list = cJSON_CreateArray();
  sqlite3_stmt *statement = sl_store_prepare(
      store,
      "SELECT m.id, m.ref, m.name, m.kind, m.unit FROM measure m JOIN fact f ON f.id = m.id "
      "WHERE m.parent = ?1 OR m.parent IN (SELECT id FROM action WHERE concern = ?1) "
      "ORDER BY f.seq",
      "i", NULL, concern);
  while (statement && sqlite3_step(statement) == SQLITE_ROW)
    cJSON_AddItemToArray(list, compare_record(store, statement, names));
  return list;
}

static cJSON *compare_theme_concerns(sl_store *store, const char *theme, const char *area) {
  static const char *const names[] = {"ref", "title", NULL};
  cJSON *list = cJSON_CreateArray();
  sqlite3_stmt *statement =
      sl_store_prepare(store,
                       "SELECT c.id, c.ref, c.title FROM theme_assignment t "
                       "JOIN concern c ON c.id = t.fact JOIN fact f ON f.id = c.id "
                       "WHERE t.theme = ?1 AND f.area = ?2 ORDER BY f.seq",
                       "tt", NULL, theme, area);
  while (statement && sqlite3_step(statement) == SQLITE_ROW) {
    int64_t id = sqlite3_column_int64(statement, 0);
    cJSON *concern = compare_record(store, statement, names);
    cJSON_AddItemToObject(concern, "actions", compare_theme_actions(store, id));
    cJSON_AddItemToObject(concern, "measures", compare_theme_measures(store, id));
    cJSON_AddItemToArray(list, concern);
  }
  return list;
}

static cJSON *compare_theme_header(sl_store *store, const char *theme, sl_error *error) {
  sqlite3_stmt *statement = sl_store_prepare(
      store, "SELECT id, title, description FROM theme WHERE id = ?1", "t", error, theme);
  if (!statement) return NULL;
  if (sqlite3_step(statement) != SQLITE_ROW) {
    sl_error_set(error, "unknown theme '%s'", theme);
    return NULL;
  }
  static const char *const names[] = {"id", "title", "description"};
  cJSON *header = cJSON_CreateObject();
  for (int i = 0; i < 3; i++)
    cJSON_AddItemToObject(header, names[i], compare_text(statement, i));
  return header;
}

cJSON *sl_compare_theme(sl_store *store, const char *theme, sl_error *error) {
  cJSON *header = compare_theme_header(store, theme, error);
  cJSON *areas = header ? compare_areas(store, error) : NULL;
  if (!areas) {
    cJSON_Delete(header);
    return NULL;
  }
  cJSON *view = cJSON_CreateObject();
  cJSON_AddItemToObject(view, "theme", header);
  cJSON *list = cJSON_AddArrayToObject(view, "areas");
  cJSON *area;
  cJSON_ArrayForEach(area, areas) {
    const char *code = cJSON_GetObjectItemCaseSensitive(area, "code")->valuestring;
    cJSON *weaknesses = compare_theme_weaknesses(store, theme, code);
    cJSON *concerns = compare_theme_concerns(store, theme, code);
    if (cJSON_GetArraySize(weaknesses) + cJSON_GetArraySize(concerns) == 0) {
      cJSON_Delete(weaknesses);
      cJSON_Delete(concerns);
      continue;
    }
    cJSON *entry = cJSON_Duplicate(area, 1);
    cJSON_AddItemToObject(entry, "weaknesses", weaknesses);
    cJSON_AddItemToObject(entry, "concerns", concerns);
    cJSON_AddItemToArray(list, entry);
  }
  cJSON_Delete(areas);
  return view;
}

/* The names of the flags of columns first.. that are set, e.g. ["lead"]. */
static cJSON *compare_missing(sqlite3_stmt *statement, int first, const char *const *names) {
  cJSON *missing = cJSON_CreateArray();
  for (int i = 0; names[i]; i++)
    if (sqlite3_column_int(statement, first + i))
      cJSON_AddItemToArray(missing, cJSON_CreateString(names[i]));
  return missing;
}

static cJSON *compare_gap_concerns(sl_store *store, const char *theme, const char *area) {
  cJSON *list = cJSON_CreateArray();
  sqlite3_stmt *statement = sl_store_prepare(
      store,
      "SELECT c.ref, c.title FROM theme_assignment t JOIN concern c ON c.id = t.fact "
      "JOIN fact f ON f.id = c.id WHERE t.theme = ?1 AND f.area = ?2 ORDER BY f.seq",
      "tt", NULL, theme, area);
  while (statement && sqlite3_step(statement) == SQLITE_ROW) {
    cJSON *item = cJSON_CreateObject();
    cJSON_AddItemToObject(item, "ref", compare_text(statement, 0));
    cJSON_AddItemToObject(item, "title", compare_text(statement, 1));
    cJSON_AddItemToArray(list, item);
  }
  return list;
}

/* A theme is unmeasured when none of the area's concerns given it has a
 * measure, of its own or of one of its actions. */
static cJSON *compare_gap_themes(sl_store *store, const char *area) {
  cJSON *list = cJSON_CreateArray();
  sqlite3_stmt *statement = sl_store_prepare(
      store,
      "SELECT t.theme, th.title FROM theme_assignment t JOIN concern c ON c.id = t.fact "
      "JOIN fact f ON f.id = c.id JOIN theme th ON th.id = t.theme WHERE f.area = ?1 "
      "GROUP BY t.theme HAVING sum((SELECT count(*) FROM measure m WHERE m.parent = c.id "
      "  OR m.parent IN (SELECT id FROM action WHERE concern = c.id))) = 0 ORDER BY t.theme",
      "t", NULL, area);
  while (statement && sqlite3_step(statement) == SQLITE_ROW) {
    cJSON *item = cJSON_CreateObject();
    cJSON_AddItemToObject(item, "theme", compare_text(statement, 0));
    cJSON_AddItemToObject(item, "title", compare_text(statement, 1));
    cJSON_AddItemToArray(list, item);
  }
  cJSON *item;
  cJSON_ArrayForEach(item, list) {
    const char *theme = cJSON_GetObjectItemCaseSensitive(item, "theme")->valuestring;
    cJSON_AddItemToObject(item, "concerns", compare_gap_concerns(store, theme, area));
  }
  return list;
}

static int compare_count(sl_store *store, const char *sql, const char *area) {
  sqlite3_stmt *statement = sl_store_prepare(store, sql, "t", NULL, area);
  return statement && sqlite3_step(statement) == SQLITE_ROW ? sqlite3_column_int(statement, 0) : 0;
}

static void compare_gap_measures(sl_store *store, cJSON *entry, const char *area) {
  static const char *const names[] = {"ref", "name", NULL};
  static const char *const fields[] = {"baseline", "target", NULL};
  cJSON_AddNumberToObject(
      entry, "measures_total",
      compare_count(store,
                    "SELECT count(*) FROM measure m JOIN fact f ON f.id = m.id WHERE f.area = ?1",
                    area));
  cJSON *list = cJSON_AddArrayToObject(entry, "measures_without_baseline_or_target");
  sqlite3_stmt *statement = sl_store_prepare(
      store,
      "SELECT m.id, m.ref, m.name, m.baseline IS NULL, m.target IS NULL FROM measure m "
      "JOIN fact f ON f.id = m.id WHERE f.area = ?1 "
      "AND (m.baseline IS NULL OR m.target IS NULL) ORDER BY f.seq",
      "t", NULL, area);
  while (statement && sqlite3_step(statement) == SQLITE_ROW) {
    cJSON *item = compare_record(store, statement, names);
    cJSON_AddItemToObject(item, "missing", compare_missing(statement, 3, fields));
    cJSON_AddItemToArray(list, item);
  }
}

/* An action names no lead: none of its roles is a lead (an action's lead
 * is stored as a role, core/host_emit.c). */
#define COMPARE_NO_LEAD                                                                            \
  "NOT EXISTS (SELECT 1 FROM role r WHERE r.parent = a.id AND r.kind = 'lead')"

static void compare_gap_actions(sl_store *store, cJSON *entry, const char *area) {
  static const char *const names[] = {"ref", "text", "concern", NULL};
  static const char *const fields[] = {"lead", "due", NULL};
  cJSON_AddNumberToObject(
      entry, "actions_total",
      compare_count(store,
                    "SELECT count(*) FROM action a JOIN fact f ON f.id = a.id WHERE f.area = ?1",
                    area));
  cJSON *list = cJSON_AddArrayToObject(entry, "actions_without_lead_or_due");
  sqlite3_stmt *statement = sl_store_prepare(
      store,
      "SELECT a.id, a.ref, a.text, coalesce(c.ref, c.title), " COMPARE_NO_LEAD ", a.due IS NULL "
      "FROM action a "
      "JOIN concern c ON c.id = a.concern JOIN fact f ON f.id = a.id WHERE f.area = ?1 "
      "AND (" COMPARE_NO_LEAD " OR a.due IS NULL) ORDER BY f.seq",
      "t", NULL, area);
  while (statement && sqlite3_step(statement) == SQLITE_ROW) {
    cJSON *item = compare_record(store, statement, names);
    cJSON_AddItemToObject(item, "missing", compare_missing(statement, 4, fields));
    cJSON_AddItemToArray(list, item);
  }
}

cJSON *sl_compare_gaps(sl_store *store, sl_error *error) {
  cJSON *areas = compare_areas(store, error);
  if (!areas) return NULL;
  cJSON *entry;
  cJSON_ArrayForEach(entry, areas) {
    const char *code = cJSON_GetObjectItemCaseSensitive(entry, "code")->valuestring;
    cJSON_AddItemToObject(entry, "themes_without_measures", compare_gap_themes(store, code));
    compare_gap_measures(store, entry, code);
    compare_gap_actions(store, entry, code);
  }
  cJSON *gaps = cJSON_CreateObject();
  cJSON_AddItemToObject(gaps, "areas", areas);
  return gaps;
}
