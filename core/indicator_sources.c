/*
 * indicator_sources.c: the record of what indicator results were computed
 * from, choosing what to compute again, and storing results only when the
 * data they were computed from is still the data stored (issue 15;
 * indicator_sources.h says how).
 */
#include "indicator_sources.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

/* The ticks of area_state, in its column order after the area. */
static const char *const SOURCES_STATE[] = {"load", "progress", "cases", "case_import", NULL};

static cJSON *sources_column(sqlite3_stmt *statement, int column) {
  return sqlite3_column_type(statement, column) == SQLITE_NULL
             ? cJSON_CreateNull()
             : cJSON_CreateNumber((double)sqlite3_column_int64(statement, column));
}

/* {area: {"load", "progress", "cases", "case_import"}} as the store holds it. */
static cJSON *sources_state(sl_store *store, sl_error *error) {
  sqlite3_stmt *statement = sl_store_prepare(
      store, "SELECT area, load, progress, cases, case_import FROM area_state", "", error);
  if (!statement) return NULL;
  cJSON *state = cJSON_CreateObject();
  int rc;
  while ((rc = sqlite3_step(statement)) == SQLITE_ROW) {
    cJSON *area = cJSON_AddObjectToObject(state, (const char *)sqlite3_column_text(statement, 0));
    for (int i = 0; area && SOURCES_STATE[i]; i++)
      cJSON_AddItemToObject(area, SOURCES_STATE[i], sources_column(statement, i + 1));
  }
  sqlite3_reset(statement);
  if (rc != SQLITE_DONE) {
    cJSON_Delete(state);
    sl_error_set(error, "%s: %s", sl_store_path(store), sqlite3_errmsg(sl_store_db(store)));
    return NULL;
  }
  return state;
}

static int sources_same_number(const cJSON *a, const cJSON *b) {
  int a_number = cJSON_IsNumber(a), b_number = cJSON_IsNumber(b);
  return a_number == b_number && (!a_number || a->valuedouble == b->valuedouble);
}

/* Whether an area's data, as far as an indicator reads it, is the same in
 * two states (either NULL: no data of any kind). A counts indicator reads
 * case records; one computed per area, the plan and its progress. */
static int sources_same(const cJSON *before, const cJSON *now, int from_cases) {
  static const char *const cases[] = {"cases", NULL}, *const plan[] = {"load", "progress", NULL};
  const char *const *keys = from_cases ? cases : plan;
  for (int i = 0; keys[i]; i++)
    if (!sources_same_number(cJSON_GetObjectItem(before, keys[i]),
                             cJSON_GetObjectItem(now, keys[i])))
      return 0;
  return 1;
}

int sl_indicators_in(const cJSON *areas, const char *area) {
  const cJSON *item;
  cJSON_ArrayForEach(item, areas) if (strcmp(item->valuestring, area) == 0) return 1;
  return 0;
}

int sl_indicator_sources_begin(sl_store *store, const char *hash, sl_indicators_plan *plan,
                               sl_error *error) {
  memset(plan, 0, sizeof *plan);
  snprintf(plan->hash, sizeof plan->hash, "%s", hash);
  plan->stale = cJSON_CreateObject();
  plan->full = cJSON_CreateObject();
  plan->state = sources_state(store, error);
  return plan->state && plan->stale && plan->full ? 0 : -1;
}

void sl_indicators_plan_free(sl_indicators_plan *plan) {
  cJSON_Delete(plan->state);
  cJSON_Delete(plan->stale);
  cJSON_Delete(plan->full);
  for (size_t i = 0; i < plan->counted_count; i++)
    free(plan->counted[i]);
  free(plan->counted);
  memset(plan, 0, sizeof *plan);
}

/* What the store records of indicator id's results: {area: {"script_hash",
 * "from_cases", "load", "progress", "cases"}}. */
static cJSON *sources_recorded(sl_store *store, const char *id, sl_error *error) {
  sqlite3_stmt *statement = sl_store_prepare(
      store,
      "SELECT area, script_hash, from_cases, load, progress, cases FROM indicator_source "
      "WHERE indicator = ?1",
      "t", error, id);
  if (!statement) return NULL;
  cJSON *recorded = cJSON_CreateObject();
  while (sqlite3_step(statement) == SQLITE_ROW) {
    cJSON *area =
        cJSON_AddObjectToObject(recorded, (const char *)sqlite3_column_text(statement, 0));
    if (!area) continue;
    cJSON_AddStringToObject(area, "script_hash", (const char *)sqlite3_column_text(statement, 1));
    cJSON_AddNumberToObject(area, "from_cases", sqlite3_column_int(statement, 2));
    for (int i = 0; i < 3; i++)
      cJSON_AddItemToObject(area, SOURCES_STATE[i], sources_column(statement, i + 3));
  }
  sqlite3_reset(statement);
  return recorded;
}

/* The areas an indicator may have results for: every area with data for a
 * counts indicator (its rows name their areas), the loaded areas for one
 * computed per area (the areas it is run for). */
static cJSON *sources_candidates(sl_store *store, const sl_indicators_plan *plan, int from_cases,
                                 sl_error *error) {
  cJSON *areas = cJSON_CreateArray();
  if (from_cases) {
    const cJSON *area;
    cJSON_ArrayForEach(area, plan->state)
        cJSON_AddItemToArray(areas, cJSON_CreateString(area->string));
    return areas;
  }
  sqlite3_stmt *statement = sl_store_prepare(store, "SELECT code FROM area", "", error);
  while (statement && sqlite3_step(statement) == SQLITE_ROW)
    cJSON_AddItemToArray(areas,
                         cJSON_CreateString((const char *)sqlite3_column_text(statement, 0)));
  if (!statement) {
    cJSON_Delete(areas);
    return NULL;
  }
  sqlite3_reset(statement);
  return areas;
}

/* Whether every recorded result of the indicator is this script's, and of
 * the same kind: else all of them go and everything is computed again. */
static int sources_same_script(const cJSON *recorded, const char *hash, int from_cases) {
  const cJSON *area;
  cJSON_ArrayForEach(area, recorded) {
    if (strcmp(cJSON_GetObjectItem(area, "script_hash")->valuestring, hash) != 0 ||
        cJSON_GetObjectItem(area, "from_cases")->valueint != from_cases)
      return 0;
  }
  return 1;
}

static int sources_add_counted(sl_indicators_plan *plan, const char *area) {
  for (size_t i = 0; i < plan->counted_count; i++)
    if (strcmp(plan->counted[i], area) == 0) return 0;
  char **grown = realloc(plan->counted, (plan->counted_count + 1) * sizeof *grown);
  if (!grown) return -1;
  plan->counted = grown;
  if (!(plan->counted[plan->counted_count] = strdup(area))) return -1;
  plan->counted_count++;
  return 0;
}

int sl_indicator_sources_plan(sl_store *store, sl_indicators_plan *plan, const char *id,
                              int from_cases, sl_error *error) {
  cJSON *recorded = sources_recorded(store, id, error);
  cJSON *candidates = recorded ? sources_candidates(store, plan, from_cases, error) : NULL;
  if (!candidates) {
    cJSON_Delete(recorded);
    return -1;
  }
  int full = !sources_same_script(recorded, plan->hash, from_cases);
  if (full) cJSON_AddBoolToObject(plan->full, id, 1);
  cJSON *stale = cJSON_AddArrayToObject(plan->stale, id);
  int result = stale ? 0 : -1;
  const cJSON *area;
  cJSON_ArrayForEach(area, candidates) {
    const cJSON *record = cJSON_GetObjectItem(recorded, area->valuestring);
    if (!full && record &&
        sources_same(record, cJSON_GetObjectItem(plan->state, area->valuestring), from_cases))
      continue;
    if (result == 0) cJSON_AddItemToArray(stale, cJSON_CreateString(area->valuestring));
    if (result == 0 && from_cases && sources_add_counted(plan, area->valuestring))
      result = sl_error_set(error, "out of memory");
  }
  cJSON_Delete(recorded);
  cJSON_Delete(candidates);
  return result;
}

/* ---- storing ---- */

static int sources_insert_value(sl_store *store, const cJSON *indicator, const cJSON *value,
                                const char *hash, sl_error *error) {
  const cJSON *number = cJSON_GetObjectItem(value, "value");
  const cJSON *note = cJSON_GetObjectItem(value, "note");
  const cJSON *numerator = cJSON_GetObjectItem(value, "numerator");
  const cJSON *denominator = cJSON_GetObjectItem(value, "denominator");
  return sl_store_run(
      store,
      "INSERT OR REPLACE INTO indicator_result(indicator, title, unit, direction, area, "
      "period, breakdown, value, note, script, script_version, script_hash, numerator, "
      "denominator) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
      "tttttttfttttnn", error, cJSON_GetObjectItem(indicator, "id")->valuestring,
      cJSON_GetObjectItem(indicator, "title")->valuestring,
      cJSON_GetObjectItem(indicator, "unit")->valuestring,
      cJSON_GetObjectItem(indicator, "direction")->valuestring,
      cJSON_GetObjectItem(value, "area")->valuestring,
      cJSON_GetObjectItem(value, "period")->valuestring,
      cJSON_GetObjectItem(value, "breakdown")->valuestring,
      cJSON_IsNumber(number) ? &number->valuedouble : NULL,
      cJSON_IsString(note) ? note->valuestring : NULL,
      cJSON_GetObjectItem(indicator, "script")->valuestring,
      cJSON_GetObjectItem(indicator, "version")->valuestring, hash,
      numerator ? numerator->valueint : -1, denominator ? denominator->valueint : -1);
}

static int64_t sources_tick(const cJSON *state, const char *key) {
  const cJSON *tick = cJSON_GetObjectItem(state, key);
  return cJSON_IsNumber(tick) ? (int64_t)tick->valuedouble : -1;
}

static int sources_record(sl_store *store, const char *id, const char *area, int from_cases,
                          const char *hash, const cJSON *state, const char *now, sl_error *error) {
  /* 'n' binds NULL below zero: an area without data of a kind. */
  int64_t load = from_cases ? -1 : sources_tick(state, "load");
  int64_t progress = from_cases ? -1 : sources_tick(state, "progress");
  int64_t cases = from_cases ? sources_tick(state, "cases") : -1;
  int64_t import = from_cases ? sources_tick(state, "case_import") : -1;
  return sl_store_run(store,
                      "INSERT OR REPLACE INTO indicator_source(indicator, area, from_cases, "
                      "script_hash, load, progress, cases, case_import, computed_at) "
                      "VALUES(?1, ?2, ?3, ?4, nullif(?5, -1), nullif(?6, -1), nullif(?7, -1), "
                      "nullif(?8, -1), ?9)",
                      "ttitiiiit", error, id, area, (int64_t)from_cases, hash, load, progress,
                      cases, import, now);
}

/* The areas of an indicator's recomputed ones whose data is unchanged
 * since the plan's state: their results are stored; the others go to
 * changed. */
static cJSON *sources_unchanged(const cJSON *indicator, const sl_indicators_plan *plan,
                                const cJSON *now, cJSON *changed) {
  int from_cases = cJSON_IsTrue(cJSON_GetObjectItem(indicator, "from_cases"));
  cJSON *unchanged = cJSON_CreateArray();
  const cJSON *area;
  cJSON_ArrayForEach(area, cJSON_GetObjectItem(indicator, "recomputed")) {
    const char *code = area->valuestring;
    if (sources_same(cJSON_GetObjectItem(plan->state, code), cJSON_GetObjectItem(now, code),
                     from_cases))
      cJSON_AddItemToArray(unchanged, cJSON_CreateString(code));
    else if (!sl_indicators_in(changed, code))
      cJSON_AddItemToArray(changed, cJSON_CreateString(code));
  }
  return unchanged;
}

/* An indicator that counts a subset of another's records (subset_of): the
 * relation secondary suppression protects (core/disclosure.c). */
static int sources_store_subset(sl_store *store, const cJSON *indicator, sl_error *error) {
  const char *id = cJSON_GetObjectItem(indicator, "id")->valuestring;
  const cJSON *whole = cJSON_GetObjectItem(indicator, "subset_of");
  if (sl_store_run(store, "DELETE FROM indicator_subset WHERE indicator = ?1", "t", error, id))
    return -1;
  return cJSON_IsString(whole) ? sl_store_run(store,
                                              "INSERT INTO indicator_subset(indicator, whole) "
                                              "VALUES(?1, ?2)",
                                              "tt", error, id, whole->valuestring)
                               : 0;
}

static int sources_store_indicator(sl_store *store, const cJSON *indicator,
                                   const sl_indicators_plan *plan, const cJSON *now, const char *at,
                                   cJSON *changed, sl_error *error) {
  const char *id = cJSON_GetObjectItem(indicator, "id")->valuestring;
  int from_cases = cJSON_IsTrue(cJSON_GetObjectItem(indicator, "from_cases"));
  if (sources_store_subset(store, indicator, error)) return -1;
  if (cJSON_IsTrue(cJSON_GetObjectItem(plan->full, id)) &&
      (sl_store_run(store, "DELETE FROM indicator_result WHERE indicator = ?1", "t", error, id) ||
       sl_store_run(store, "DELETE FROM indicator_source WHERE indicator = ?1", "t", error, id)))
    return -1;
  cJSON *unchanged = sources_unchanged(indicator, plan, now, changed);
  int result = 0;
  const cJSON *area, *value;
  cJSON_ArrayForEach(area, unchanged) {
    if (sl_store_run(store, "DELETE FROM indicator_result WHERE indicator = ?1 AND area = ?2", "tt",
                     error, id, area->valuestring) ||
        sources_record(store, id, area->valuestring, from_cases, plan->hash,
                       cJSON_GetObjectItem(plan->state, area->valuestring), at, error)) {
      result = -1;
      break;
    }
  }
  /* Rows for areas not recomputed (a counts function may return every
   * area's) are left out: those areas' stored results are current. */
  cJSON_ArrayForEach(value, cJSON_GetObjectItem(indicator, "values")) {
    if (result == 0 && sl_indicators_in(unchanged, cJSON_GetObjectItem(value, "area")->valuestring))
      result = sources_insert_value(store, indicator, value, plan->hash, error);
  }
  cJSON_Delete(unchanged);
  return result;
}

int sl_indicator_sources_store(sl_store *store, const cJSON *results,
                               const sl_indicators_plan *plan, cJSON *changed, sl_error *error) {
  char at[32];
  time_t clock = time(NULL);
  struct tm utc;
  gmtime_r(&clock, &utc);
  strftime(at, sizeof at, "%Y-%m-%dT%H:%M:%SZ", &utc);
  if (sl_store_begin(store, error)) return -1;
  /* Read inside the write lock: no import commits between this check and
   * the commit below. */
  cJSON *now = sources_state(store, error);
  int result = now ? 0 : -1;
  const cJSON *indicator;
  cJSON_ArrayForEach(indicator, results) {
    if (result == 0)
      result = sources_store_indicator(store, indicator, plan, now, at, changed, error);
  }
  cJSON_Delete(now);
  if (result == 0) return sl_store_commit(store, error);
  sl_store_rollback(store);
  return -1;
}

/* ---- reading back ---- */

static cJSON *sources_value(sqlite3_stmt *statement) {
  cJSON *value = cJSON_CreateObject();
  cJSON_AddStringToObject(value, "area", (const char *)sqlite3_column_text(statement, 0));
  cJSON_AddStringToObject(value, "period", (const char *)sqlite3_column_text(statement, 1));
  cJSON_AddStringToObject(value, "breakdown", (const char *)sqlite3_column_text(statement, 2));
  cJSON_AddItemToObject(value, "value",
                        sqlite3_column_type(statement, 3) == SQLITE_NULL
                            ? cJSON_CreateNull()
                            : cJSON_CreateNumber(sqlite3_column_double(statement, 3)));
  /* A count alone (a median over so many records) has no numerator. */
  if (sqlite3_column_type(statement, 5) != SQLITE_NULL) {
    if (sqlite3_column_type(statement, 4) != SQLITE_NULL)
      cJSON_AddNumberToObject(value, "numerator", sqlite3_column_double(statement, 4));
    cJSON_AddNumberToObject(value, "denominator", sqlite3_column_double(statement, 5));
  }
  cJSON_AddItemToObject(value, "note",
                        sqlite3_column_type(statement, 6) == SQLITE_NULL
                            ? cJSON_CreateNull()
                            : cJSON_CreateString((const char *)sqlite3_column_text(statement, 6)));
  return value;
}

/* The order the values were computed in: a counts indicator's by area
 * code (as ctx.per_import gives them), the others' by area name; then
 * period and breakdown. */
static sqlite3_stmt *sources_values(sl_store *store, const char *id, int from_cases,
                                    sl_error *error) {
  return from_cases
             ? sl_store_prepare(store,
                                "SELECT area, period, breakdown, value, numerator, denominator, "
                                "note FROM indicator_result WHERE indicator = ?1 "
                                "ORDER BY area, period, breakdown",
                                "t", error, id)
             : sl_store_prepare(store,
                                "SELECT r.area, r.period, r.breakdown, r.value, r.numerator, "
                                "r.denominator, r.note FROM indicator_result r "
                                "LEFT JOIN area a ON a.code = r.area WHERE r.indicator = ?1 "
                                "ORDER BY a.name, r.area, r.period, r.breakdown",
                                "t", error, id);
}

static int sources_read_sources(sl_store *store, cJSON *indicator, const char *id,
                                sl_error *error) {
  sqlite3_stmt *statement =
      sl_store_prepare(store,
                       "SELECT area, computed_at, case_import, from_cases FROM indicator_source "
                       "WHERE indicator = ?1 ORDER BY area",
                       "t", error, id);
  if (!statement) return -1;
  cJSON *sources = cJSON_AddArrayToObject(indicator, "sources");
  while (sqlite3_step(statement) == SQLITE_ROW) {
    cJSON *source = cJSON_CreateObject();
    cJSON_AddStringToObject(source, "area", (const char *)sqlite3_column_text(statement, 0));
    cJSON_AddStringToObject(source, "computed_at", (const char *)sqlite3_column_text(statement, 1));
    if (sqlite3_column_int(statement, 3))
      cJSON_AddItemToObject(source, "case_import", sources_column(statement, 2));
    cJSON_AddItemToArray(sources, source);
  }
  sqlite3_reset(statement);
  return 0;
}

int sl_indicator_sources_read(sl_store *store, cJSON *results, sl_error *error) {
  cJSON *indicator;
  cJSON_ArrayForEach(indicator, results) {
    const char *id = cJSON_GetObjectItem(indicator, "id")->valuestring;
    int from_cases = cJSON_IsTrue(cJSON_GetObjectItem(indicator, "from_cases"));
    sqlite3_stmt *statement = sources_values(store, id, from_cases, error);
    if (!statement) return -1;
    cJSON *values = cJSON_CreateArray();
    while (sqlite3_step(statement) == SQLITE_ROW)
      cJSON_AddItemToArray(values, sources_value(statement));
    sqlite3_reset(statement);
    cJSON_ReplaceItemInObject(indicator, "values", values);
    if (sources_read_sources(store, indicator, id, error)) return -1;
  }
  return 0;
}
