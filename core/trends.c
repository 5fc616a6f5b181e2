/*
 * trends.c: indicator results as trends, with England, the region and the
 * plan's target beside them (trends.h). All the SQL of the page's
 * indicators section is here; export_html_trends.c only draws the tree.
 */
#include "trends.h"

#include <math.h>
#include <string.h>

#include "disclosure.h"

/* Every published result, an indicator's rows together (indicators in the
 * order they were first stored, one grouping rather than a subquery per
 * row), then by area, breakdown and the days the period covers. An area
 * known only from case records is named by its code. */
static const char ROWS_SQL[] =
    "WITH first(indicator, id) AS (SELECT indicator, min(id) FROM indicator_result "
    "GROUP BY indicator) "
    "SELECT r.indicator, r.title, r.unit, r.direction, r.script, r.script_version, r.area, "
    "coalesce(a.name, r.area), r.breakdown, r.period, period_start(r.period), "
    "period_end(r.period), r.value, r.numerator, r.denominator, r.note, r.synthetic "
    "FROM indicator_published r JOIN first o ON o.indicator = r.indicator "
    "LEFT JOIN area a ON a.code = r.area "
    "ORDER BY o.id, coalesce(a.name, r.area), r.area, r.breakdown, period_start(r.period), "
    "period_end(r.period), r.period";

/* The published statistic an indicator is compared with: the same id (as
 * `compare --indicators` matches them) and the same unit, with figures. */
static const char STATISTIC_SQL[] =
    "SELECT i.id, i.title FROM stat_indicator i WHERE i.id = ?1 AND i.unit IS ?2 "
    "AND EXISTS (SELECT 1 FROM statistic s WHERE s.indicator = i.id)";

/* The region of an area's published geography, and its name. */
static const char REGION_SQL[] =
    "SELECT g.region, coalesce(rg.name, g.region) FROM stat_geography g "
    "LEFT JOIN stat_geography rg ON rg.code = g.region "
    "WHERE g.level = 'local_authority' AND (g.code = ?1 OR g.code IN "
    "(SELECT geography FROM area_geography WHERE area = ?1)) ORDER BY g.code = ?1 DESC LIMIT 1";

/* A geography's published figures (?2, or England's when NULL) of the
 * periods that overlap ?3..?4, with the document and line they are from. */
static const char REFERENCE_SQL[] =
    "SELECT s.period, s.period_start, s.period_end, s.value, s.value_symbol, f.document, "
    "s.row & 4294967295 FROM statistic s JOIN stat_file f ON f.id = s.file "
    "WHERE s.indicator = ?1 AND s.breakdown = '' AND s.geography = coalesce(?2, "
    "(SELECT code FROM stat_geography WHERE level = 'national' ORDER BY code LIMIT 1)) "
    "AND s.period_end >= ?3 AND s.period_start <= ?4 ORDER BY s.period_start, s.period_end";

/* The area's measures linked to the indicator by their common id. */
static const char TARGET_SQL[] =
    "SELECT m.ref, m.name, m.unit, m.target, m.target_date FROM measure m "
    "JOIN fact f ON f.id = m.id WHERE f.area = ?1 AND m.indicator = ?2 "
    "AND m.target IS NOT NULL ORDER BY f.seq";

double sl_trends_round(double value) { return round(value * 100.0) / 100.0; }

static cJSON *tr_column(sqlite3_stmt *statement, int column) {
  switch (sqlite3_column_type(statement, column)) {
  case SQLITE_NULL:
    return cJSON_CreateNull();
  case SQLITE_INTEGER:
  case SQLITE_FLOAT:
    return cJSON_CreateNumber(sqlite3_column_double(statement, column));
  default:
    return cJSON_CreateString((const char *)sqlite3_column_text(statement, column));
  }
}

static const char *tr_str(const cJSON *object, const char *key) {
  return cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(object, key));
}

static int tr_same(const char *a, const char *b) {
  return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

static int tr_step_error(sl_store *store, int status, sl_error *error) {
  if (status == SQLITE_DONE) return 0;
  return sl_error_set(error, "%s: %s", sl_store_path(store), sqlite3_errmsg(sl_store_db(store)));
}

/* Columns 0..5 of a row: the indicator's own fields. */
static cJSON *tr_indicator(sqlite3_stmt *statement) {
  static const char *const keys[] = {"id", "title", "unit", "direction", "script", "version"};
  cJSON *indicator = cJSON_CreateObject();
  for (int i = 0; i < 6; i++)
    cJSON_AddItemToObject(indicator, keys[i], tr_column(statement, i));
  cJSON_AddBoolToObject(indicator, "periodic", 1);
  cJSON_AddArrayToObject(indicator, "areas");
  return indicator;
}

/* Columns 6..8: an area's series (one breakdown of it). */
static cJSON *tr_area(sqlite3_stmt *statement) {
  cJSON *area = cJSON_CreateObject();
  cJSON_AddItemToObject(area, "code", tr_column(statement, 6));
  cJSON_AddItemToObject(area, "name", tr_column(statement, 7));
  const char *breakdown = (const char *)sqlite3_column_text(statement, 8);
  if (breakdown && breakdown[0])
    cJSON_AddStringToObject(area, "breakdown", breakdown);
  else
    cJSON_AddNullToObject(area, "breakdown");
  cJSON_AddFalseToObject(area, "synthetic");
  cJSON_AddArrayToObject(area, "points");
  return area;
}

/* Columns 9..16: one result. */
static cJSON *tr_point(sqlite3_stmt *statement) {
  static const char *const keys[] = {"period",    "start",       "end",  "value",
                                     "numerator", "denominator", "note", "synthetic"};
  cJSON *point = cJSON_CreateObject();
  for (int i = 0; i < 8; i++)
    cJSON_AddItemToObject(point, keys[i], tr_column(statement, 9 + i));
  return point;
}

/* Widen the indicator's days to a periodic point's; a point without a
 * span makes the indicator a table rather than a trend. */
static void tr_span(cJSON *indicator, sqlite3_stmt *statement) {
  const char *start = (const char *)sqlite3_column_text(statement, 10);
  const char *end = (const char *)sqlite3_column_text(statement, 11);
  if (!start || !end) {
    cJSON_ReplaceItemInObjectCaseSensitive(indicator, "periodic", cJSON_CreateFalse());
    return;
  }
  const char *first = tr_str(indicator, "start"), *last = tr_str(indicator, "end");
  if (!first || strcmp(start, first) < 0) {
    cJSON_DeleteItemFromObjectCaseSensitive(indicator, "start");
    cJSON_AddStringToObject(indicator, "start", start);
  }
  if (!last || strcmp(end, last) > 0) {
    cJSON_DeleteItemFromObjectCaseSensitive(indicator, "end");
    cJSON_AddStringToObject(indicator, "end", end);
  }
}

static void tr_add_row(cJSON *indicators, sqlite3_stmt *statement) {
  cJSON *indicator = cJSON_GetArrayItem(indicators, cJSON_GetArraySize(indicators) - 1);
  if (!indicator ||
      !tr_same(tr_str(indicator, "id"), (const char *)sqlite3_column_text(statement, 0))) {
    indicator = tr_indicator(statement);
    cJSON_AddItemToArray(indicators, indicator);
  }
  cJSON *areas = cJSON_GetObjectItemCaseSensitive(indicator, "areas");
  cJSON *area = cJSON_GetArrayItem(areas, cJSON_GetArraySize(areas) - 1);
  const char *breakdown = (const char *)sqlite3_column_text(statement, 8);
  if (!area || !tr_same(tr_str(area, "code"), (const char *)sqlite3_column_text(statement, 6)) ||
      !tr_same(tr_str(area, "breakdown"), breakdown && breakdown[0] ? breakdown : NULL)) {
    area = tr_area(statement);
    cJSON_AddItemToArray(areas, area);
  }
  if (sqlite3_column_int(statement, 16) == 1)
    cJSON_ReplaceItemInObjectCaseSensitive(area, "synthetic", cJSON_CreateTrue());
  cJSON_AddItemToArray(cJSON_GetObjectItemCaseSensitive(area, "points"), tr_point(statement));
  tr_span(indicator, statement);
}

static cJSON *tr_rows(sl_store *store, sl_error *error) {
  sqlite3_stmt *statement = sl_store_prepare(store, ROWS_SQL, "", error);
  if (!statement) return NULL;
  cJSON *indicators = cJSON_CreateArray();
  int status;
  while ((status = sqlite3_step(statement)) == SQLITE_ROW)
    tr_add_row(indicators, statement);
  if (tr_step_error(store, status, error)) {
    cJSON_Delete(indicators);
    return NULL;
  }
  return indicators;
}

/* {"id", "title"} of the statistic the indicator is compared with, or
 * null; -1 on error. */
static int tr_statistic(sl_store *store, cJSON *indicator, sl_error *error) {
  cJSON *statistic = cJSON_CreateNull();
  if (cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(indicator, "periodic"))) {
    sqlite3_stmt *statement = sl_store_prepare(store, STATISTIC_SQL, "tt", error,
                                               tr_str(indicator, "id"), tr_str(indicator, "unit"));
    if (!statement) return cJSON_Delete(statistic), -1;
    int status = sqlite3_step(statement);
    if (status == SQLITE_ROW) {
      cJSON_Delete(statistic);
      statistic = cJSON_CreateObject();
      cJSON_AddItemToObject(statistic, "id", tr_column(statement, 0));
      cJSON_AddItemToObject(statistic, "title", tr_column(statement, 1));
    } else if (tr_step_error(store, status, error)) {
      return cJSON_Delete(statistic), -1;
    }
  }
  cJSON_AddItemToObject(indicator, "statistic", statistic);
  return 0;
}

/* The published figures of one geography (NULL: England) as a list. */
static cJSON *tr_references(sl_store *store, const cJSON *indicator, const char *geography,
                            sl_error *error) {
  sqlite3_stmt *statement =
      sl_store_prepare(store, REFERENCE_SQL, "tttt", error, tr_str(indicator, "id"), geography,
                       tr_str(indicator, "start"), tr_str(indicator, "end"));
  if (!statement) return NULL;
  static const char *const keys[] = {"period", "start",    "end", "value",
                                     "symbol", "document", "line"};
  cJSON *references = cJSON_CreateArray();
  int status;
  while ((status = sqlite3_step(statement)) == SQLITE_ROW) {
    cJSON *reference = cJSON_CreateObject();
    for (int i = 0; i < 7; i++)
      cJSON_AddItemToObject(reference, keys[i], tr_column(statement, i));
    cJSON_AddItemToArray(references, reference);
  }
  if (tr_step_error(store, status, error)) {
    cJSON_Delete(references);
    return NULL;
  }
  return references;
}

/* England's and the region's figures beside an area's whole series. */
static int tr_area_references(sl_store *store, const cJSON *indicator, cJSON *area,
                              sl_error *error) {
  sqlite3_stmt *statement = sl_store_prepare(store, REGION_SQL, "t", error, tr_str(area, "code"));
  if (!statement) return -1;
  int status = sqlite3_step(statement);
  if (status != SQLITE_ROW && tr_step_error(store, status, error)) return -1;
  cJSON *region_code = status == SQLITE_ROW ? tr_column(statement, 0) : cJSON_CreateNull();
  cJSON_AddItemToObject(area, "region_name",
                        status == SQLITE_ROW ? tr_column(statement, 1) : cJSON_CreateNull());
  cJSON *england = tr_references(store, indicator, NULL, error);
  cJSON *region = !england ? NULL
                  : cJSON_GetStringValue(region_code)
                      ? tr_references(store, indicator, region_code->valuestring, error)
                      : cJSON_CreateArray();
  cJSON_Delete(region_code);
  if (!england || !region) return cJSON_Delete(england), -1;
  cJSON_AddItemToObject(area, "england", england);
  cJSON_AddItemToObject(area, "region", region);
  return 0;
}

/* Why a target is not drawn on the indicator's scale, or NULL if it is. */
static const char *tr_target_why(const char *measure_unit, const char *indicator_unit) {
  if (!measure_unit) return "the measure does not state its unit";
  if (!indicator_unit) return "the indicator does not state its unit";
  if (strcmp(measure_unit, indicator_unit) != 0) return "the measure's unit is not the indicator's";
  return NULL;
}

static int tr_targets(sl_store *store, const cJSON *indicator, cJSON *area, sl_error *error) {
  cJSON *targets = cJSON_AddArrayToObject(area, "targets");
  if (tr_str(area, "breakdown")) return 0; /* a plan's target is for the whole */
  sqlite3_stmt *statement = sl_store_prepare(store, TARGET_SQL, "tt", error, tr_str(area, "code"),
                                             tr_str(indicator, "id"));
  if (!statement) return -1;
  static const char *const keys[] = {"ref", "name", "unit", "value", "date"};
  int status;
  while ((status = sqlite3_step(statement)) == SQLITE_ROW) {
    cJSON *target = cJSON_CreateObject();
    for (int i = 0; i < 5; i++)
      cJSON_AddItemToObject(target, keys[i], tr_column(statement, i));
    const char *why = tr_target_why(tr_str(target, "unit"), tr_str(indicator, "unit"));
    cJSON_AddBoolToObject(target, "drawn", why == NULL);
    cJSON_AddItemToObject(target, "why", why ? cJSON_CreateString(why) : cJSON_CreateNull());
    cJSON_AddItemToArray(targets, target);
  }
  return tr_step_error(store, status, error);
}

/* The last point, the one before it, and the change between them. */
static void tr_latest(cJSON *area) {
  cJSON *points = cJSON_GetObjectItemCaseSensitive(area, "points");
  int count = cJSON_GetArraySize(points);
  cJSON *latest = cJSON_GetArrayItem(points, count - 1);
  cJSON *previous = count > 1 ? cJSON_GetArrayItem(points, count - 2) : NULL;
  cJSON_AddItemToObject(area, "latest", latest ? cJSON_Duplicate(latest, 1) : cJSON_CreateNull());
  cJSON_AddItemToObject(area, "previous",
                        previous ? cJSON_Duplicate(previous, 1) : cJSON_CreateNull());
  const cJSON *now = cJSON_GetObjectItemCaseSensitive(latest, "value");
  const cJSON *before = cJSON_GetObjectItemCaseSensitive(previous, "value");
  if (cJSON_IsNumber(now) && cJSON_IsNumber(before))
    cJSON_AddNumberToObject(
        area, "change",
        sl_trends_round(sl_trends_round(now->valuedouble) - sl_trends_round(before->valuedouble)));
  else
    cJSON_AddNullToObject(area, "change");
}

static int tr_complete(sl_store *store, cJSON *indicator, sl_error *error) {
  if (tr_statistic(store, indicator, error)) return -1;
  int compared = cJSON_IsObject(cJSON_GetObjectItemCaseSensitive(indicator, "statistic"));
  cJSON *area;
  cJSON_ArrayForEach(area, cJSON_GetObjectItemCaseSensitive(indicator, "areas")) {
    if (compared && !tr_str(area, "breakdown") && tr_area_references(store, indicator, area, error))
      return -1;
    if (tr_targets(store, indicator, area, error)) return -1;
    tr_latest(area);
  }
  return 0;
}

cJSON *sl_trends_build(sl_store *store, sl_error *error) {
  if (sl_disclosure_publish(store, error)) return NULL;
  cJSON *indicators = tr_rows(store, error);
  if (!indicators) return NULL;
  cJSON *indicator;
  cJSON_ArrayForEach(indicator, indicators) {
    if (tr_complete(store, indicator, error)) {
      cJSON_Delete(indicators);
      return NULL;
    }
  }
  cJSON *trends = cJSON_CreateObject();
  cJSON_AddItemToObject(trends, "indicators", indicators);
  return trends;
}
