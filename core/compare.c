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

static cJSON *compare_weaknesses(sl_store *store, const char *theme, const char *area) {
  cJSON *list = cJSON_CreateArray();
  sqlite3_stmt *statement = sl_store_prepare(
      store,
      "SELECT w.ref, w.progress FROM theme_assignment t JOIN weakness w ON w.id = t.fact "
      "JOIN fact f ON f.id = w.id WHERE t.theme = ?1 AND f.area = ?2 ORDER BY f.seq",
      "tt", NULL, theme, area);
  while (statement && sqlite3_step(statement) == SQLITE_ROW) {
    cJSON *item = cJSON_CreateObject();
    cJSON_AddItemToObject(item, "ref", compare_text(statement, 0));
    cJSON_AddItemToObject(item, "progress", compare_text(statement, 1));
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
      "     OR m.parent IN (SELECT id FROM action WHERE concern = c.id)) "
      "FROM theme_assignment t JOIN concern c ON c.id = t.fact JOIN fact f ON f.id = c.id "
      "WHERE t.theme = ?1 AND f.area = ?2 ORDER BY f.seq",
      "tt", NULL, theme, area);
  while (statement && sqlite3_step(statement) == SQLITE_ROW) {
    cJSON *item = cJSON_CreateObject();
    cJSON_AddItemToObject(item, "ref", compare_text(statement, 0));
    cJSON_AddItemToObject(item, "title", compare_text(statement, 1));
    cJSON_AddNumberToObject(item, "actions", sqlite3_column_int(statement, 2));
    cJSON_AddNumberToObject(item, "measures", sqlite3_column_int(statement, 3));
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
  return matrix;
}
