/*
 * indicator_rows.c: the stored indicator results as the HTML page draws
 * them (indicator_rows.h): one query over the view indicator_published,
 * so the drawing code holds no SQL.
 */
#include "indicator_rows.h"

#include "disclosure.h"

/* Results as published: small counts suppressed (the view
 * indicator_published). An area with case records but no plugin is named
 * by its code. Indicators come in the order they were first stored (one
 * grouping, not a subquery per row: 153 areas make thousands of rows). */
static const char INDICATOR_SQL[] =
    "WITH first(indicator, id) AS (SELECT indicator, min(id) FROM indicator_result "
    "GROUP BY indicator) "
    "SELECT r.indicator, r.title, r.unit, r.direction, coalesce(a.name, r.area), r.period, "
    "r.breakdown, r.value, r.note, r.script, r.script_version, (SELECT m.target FROM measure m "
    "JOIN fact f ON f.id = m.id "
    "WHERE f.area = r.area AND m.indicator = r.indicator AND m.target IS NOT NULL "
    "ORDER BY f.seq LIMIT 1), r.numerator, r.denominator, r.synthetic, r.area "
    "FROM indicator_published r JOIN first o ON o.indicator = r.indicator "
    "LEFT JOIN area a ON a.code = r.area "
    "ORDER BY o.id, r.period, r.breakdown, coalesce(a.name, r.area)";

cJSON *sl_indicator_rows(sl_store *store, sl_error *error) {
  static const char *const keys[] = {
      "indicator", "title",       "unit",      "direction", "area",    "period",
      "breakdown", "value",       "note",      "script",    "version", "target",
      "numerator", "denominator", "synthetic", "code",      NULL};
  if (sl_disclosure_publish(store, error)) return NULL;
  sqlite3_stmt *statement = sl_store_prepare(store, INDICATOR_SQL, "", error);
  if (!statement) return NULL;
  cJSON *rows = cJSON_CreateArray();
  while (sqlite3_step(statement) == SQLITE_ROW) {
    cJSON *row = cJSON_CreateObject();
    for (int i = 0; keys[i]; i++) {
      int type = sqlite3_column_type(statement, i);
      if (type == SQLITE_NULL)
        cJSON_AddNullToObject(row, keys[i]);
      else if (type == SQLITE_INTEGER || type == SQLITE_FLOAT)
        cJSON_AddNumberToObject(row, keys[i], sqlite3_column_double(statement, i));
      else
        cJSON_AddStringToObject(row, keys[i], (const char *)sqlite3_column_text(statement, i));
    }
    cJSON_AddItemToArray(rows, row);
  }
  return rows;
}
