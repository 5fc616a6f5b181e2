/*
 * indicators.c: declaring, computing and storing indicators. Lua decides
 * what to compute (and asks SQLite to do the heavy part through the
 * read-only context); C enumerates areas and periods, checks what comes
 * back, and writes the results in one transaction per script. The script
 * runs in a child process (script_child.h) that sends its results back as
 * JSON; this process stores them.
 */
#include "indicators.h"

#include <lauxlib.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "indicator_sources.h"
#include "lua_db.h"
#include "script_child.h"
#include "themes.h"
#include "utf8.h"

static const char INDICATOR_REGISTRY[] = "sendlens.indicators";

/* indicator{ id=, title=, unit=, direction=, per=, compute= }: checked
 * here, where the script's line is still known. */
static int indicators_declare(lua_State *state) {
  luaL_checktype(state, 1, LUA_TTABLE);
  static const char *const required[] = {"id", "title", "unit", "direction", NULL};
  for (int i = 0; required[i]; i++) {
    if (lua_getfield(state, 1, required[i]) != LUA_TSTRING)
      return luaL_error(state, "indicator: field '%s' must be a string", required[i]);
    lua_pop(state, 1);
  }
  lua_getfield(state, 1, "direction");
  const char *direction = lua_tostring(state, -1);
  if (strcmp(direction, "up") && strcmp(direction, "down") && strcmp(direction, "none"))
    return luaL_error(state, "indicator: direction '%s' is not up, down or none", direction);
  lua_pop(state, 1);
  if (lua_getfield(state, 1, "subset_of") != LUA_TNIL && !lua_isstring(state, -1))
    return luaL_error(state, "indicator: subset_of must be the id of another indicator");
  lua_pop(state, 1);
  lua_getfield(state, 1, "per");
  if (!lua_isnil(state, -1) &&
      (!lua_isstring(state, -1) ||
       (strcmp(lua_tostring(state, -1), "area") && strcmp(lua_tostring(state, -1), "quarter"))))
    return luaL_error(state, "indicator: per must be \"area\" or \"quarter\"");
  lua_pop(state, 1);
  int compute = lua_getfield(state, 1, "compute") == LUA_TFUNCTION;
  int counts = lua_getfield(state, 1, "counts") == LUA_TFUNCTION;
  lua_pop(state, 2);
  if (compute == counts)
    return luaL_error(state, "indicator: give one function, 'compute' or 'counts'");
  lua_getfield(state, LUA_REGISTRYINDEX, INDICATOR_REGISTRY);
  lua_pushvalue(state, 1);
  lua_rawseti(state, -2, (lua_Integer)lua_rawlen(state, -2) + 1);
  return 0;
}

/* FNV-1a of the file: tells two edits of a script apart in stored results. */
static int indicators_hash(const char *path, char *hash, size_t size, sl_error *error) {
  size_t length;
  char *bytes = sl_read_file(path, &length, error);
  if (!bytes) return -1;
  uint64_t value = 1469598103934665603ull;
  for (size_t i = 0; i < length; i++)
    value = (value ^ (unsigned char)bytes[i]) * 1099511628211ull;
  free(bytes);
  snprintf(hash, size, "%016llx", (unsigned long long)value);
  return 0;
}

static const char *indicators_field(lua_State *state, int index, const char *key) {
  lua_getfield(state, index, key);
  const char *value = lua_tostring(state, -1);
  lua_pop(state, 1); /* the declaration table keeps the string alive */
  return value;
}

static cJSON *indicators_new_value(cJSON *values, const char *area, const char *period,
                                   const char *breakdown) {
  cJSON *item = cJSON_CreateObject();
  cJSON_AddStringToObject(item, "area", area);
  cJSON_AddStringToObject(item, "period", period);
  cJSON_AddStringToObject(item, "breakdown", breakdown);
  cJSON_AddItemToArray(values, item);
  return item;
}

/* The count a computed value is computed over (a median over so many
 * records): compute's third result, a whole number >= 0, or for a
 * breakdown a table of them by the same names. -1: none given. */
static int indicators_value_count(lua_State *state, int count_index, const char *breakdown,
                                  const char *id, lua_Integer *count, sl_error *error) {
  *count = -1;
  int pushed = 0;
  if (breakdown && lua_istable(state, count_index)) {
    lua_getfield(state, count_index, breakdown);
    count_index = -1, pushed = 1;
  }
  int ok = lua_isnil(state, count_index) ||
           (lua_isinteger(state, count_index) &&
            (*count = lua_tointeger(state, count_index)) >= 0 && *count <= INT32_MAX);
  if (pushed) lua_pop(state, 1);
  return ok ? 0
            : sl_error_set(error,
                           "indicator %s: compute's third result (the count) must be a "
                           "whole number >= 0%s",
                           id, breakdown ? ", or a table of them by breakdown" : "");
}

static void indicators_add_value(cJSON *values, const char *area, const char *period,
                                 const char *breakdown, lua_State *state, int value_index,
                                 const char *note, lua_Integer count) {
  cJSON *item = indicators_new_value(values, area, period, breakdown);
  cJSON_AddItemToObject(item, "value",
                        lua_isnumber(state, value_index)
                            ? cJSON_CreateNumber(lua_tonumber(state, value_index))
                            : cJSON_CreateNull());
  if (count >= 0) cJSON_AddNumberToObject(item, "denominator", (double)count);
  cJSON_AddItemToObject(item, "note", note ? cJSON_CreateString(note) : cJSON_CreateNull());
}

/* A value computed after the script read case records must say how many
 * records it is computed over: without its count, a median of two children
 * would be published as if it were a plan's figure. */
static int indicators_check_count(const sl_lua_db *db, const char *id, lua_Integer count,
                                  int value_index, lua_State *state, sl_error *error) {
  if (count >= 0 || lua_isnil(state, value_index) || !sl_lua_db_read_cases(db)) return 0;
  return sl_error_set(error,
                      "indicator %s: the script reads case records, so compute must return the "
                      "number of records each value is computed over: return value, note, count "
                      "(docs/indicators.md)",
                      id);
}

/* What compute returned (at -3: value or breakdown table; -2: note; -1:
 * count). */
static int indicators_collect(lua_State *state, const sl_lua_db *db, const char *id, cJSON *values,
                              const char *area, const char *period, sl_error *error) {
  const char *note = lua_isstring(state, -2) ? lua_tostring(state, -2) : NULL;
  int result = -3;
  lua_Integer count;
  if (lua_isnil(state, result) || lua_isnumber(state, result)) {
    if (indicators_value_count(state, -1, NULL, id, &count, error) ||
        indicators_check_count(db, id, count, result, state, error))
      return -1;
    indicators_add_value(values, area, period, "", state, result, note, count);
    return 0;
  }
  if (!lua_istable(state, result))
    return sl_error_set(error, "indicator %s: compute returned a %s, not a number, nil or a table",
                        id, luaL_typename(state, result));
  lua_pushnil(state);
  while (lua_next(state, result - 1)) {
    if (lua_type(state, -2) != LUA_TSTRING || !(lua_isnumber(state, -1) || lua_isnil(state, -1))) {
      lua_pop(state, 2);
      return sl_error_set(error, "indicator %s: a breakdown maps names to numbers", id);
    }
    const char *breakdown = lua_tostring(state, -2);
    if (indicators_value_count(state, -3, breakdown, id, &count, error) ||
        indicators_check_count(db, id, count, -1, state, error)) {
      lua_pop(state, 2);
      return -1;
    }
    indicators_add_value(values, area, period, breakdown, state, -1, note, count);
    lua_pop(state, 1);
  }
  return 0;
}

/* The periods one indicator is computed for in one area. */
static cJSON *indicators_periods(sl_store *store, const char *area, int per_quarter,
                                 sl_error *error) {
  cJSON *periods = cJSON_CreateArray();
  if (!per_quarter) {
    cJSON_AddItemToArray(periods, cJSON_CreateString("all"));
    return periods;
  }
  sqlite3_stmt *statement =
      sl_store_prepare(store,
                       "SELECT o.period FROM observation o JOIN fact f ON f.id = o.id "
                       "WHERE f.area = ?1 GROUP BY o.period "
                       "ORDER BY min(o.period_start), min(o.period_end), o.period",
                       "t", error, area);
  while (statement && sqlite3_step(statement) == SQLITE_ROW)
    cJSON_AddItemToArray(periods,
                         cJSON_CreateString((const char *)sqlite3_column_text(statement, 0)));
  return periods;
}

static int indicators_compute(sl_lua *lua, sl_lua_db *db, sl_store *store, int declaration,
                              const char *area, cJSON *values, sl_error *error) {
  lua_State *state = sl_lua_state(lua);
  const char *id = indicators_field(state, declaration, "id");
  const char *per = indicators_field(state, declaration, "per");
  cJSON *periods = indicators_periods(store, area, per && strcmp(per, "quarter") == 0, error);
  int result = 0;
  const cJSON *period;
  cJSON_ArrayForEach(period, periods) {
    lua_getfield(state, declaration, "compute");
    if (sl_lua_db_push_context(db, state, area, period->valuestring, error) ||
        sl_lua_call(lua, 1, 3, error) ||
        indicators_collect(state, db, id, values, area, period->valuestring, error)) {
      result = -1;
      break;
    }
    lua_pop(state, 3);
  }
  lua_settop(state, declaration);
  cJSON_Delete(periods);
  return result;
}

/* A count field of a counts row: a whole number >= 0. */
static int indicators_count(lua_State *state, int row, const char *key, const char *id,
                            lua_Integer *count, sl_error *error) {
  lua_getfield(state, row, key);
  int ok = lua_isinteger(state, -1) && (*count = lua_tointeger(state, -1)) >= 0;
  lua_pop(state, 1);
  return ok ? 0
            : sl_error_set(error, "indicator %s: counts row %d: %s must be a whole number >= 0", id,
                           (int)lua_tointeger(state, row - 1), key);
}

static const char *indicators_row_text(lua_State *state, int row, const char *key) {
  lua_getfield(state, row, key);
  const char *text = lua_type(state, -1) == LUA_TSTRING ? lua_tostring(state, -1) : NULL;
  lua_pop(state, 1); /* the row keeps the string alive */
  return text;
}

/* One row {area=, period=, numerator=, denominator= [, breakdown=, note=]}
 * at the top of the stack (its index below it). */
static int indicators_counts_row(lua_State *state, const char *id, int percent, cJSON *values,
                                 sl_error *error) {
  int row = lua_gettop(state);
  if (!lua_istable(state, row))
    return sl_error_set(error, "indicator %s: counts row %d is not a table", id,
                        (int)lua_tointeger(state, row - 1));
  const char *area = indicators_row_text(state, row, "area");
  const char *period = indicators_row_text(state, row, "period");
  const char *breakdown = indicators_row_text(state, row, "breakdown");
  const char *note = indicators_row_text(state, row, "note");
  if (!area || !period)
    return sl_error_set(error, "indicator %s: counts row %d needs area and period strings", id,
                        (int)lua_tointeger(state, row - 1));
  lua_Integer numerator = 0, denominator = 0; /* set by indicators_count */
  if (indicators_count(state, row, "numerator", id, &numerator, error) ||
      indicators_count(state, row, "denominator", id, &denominator, error))
    return -1;
  if (numerator > denominator || denominator > INT32_MAX)
    return sl_error_set(error, "indicator %s: counts row %d: numerator above denominator", id,
                        (int)lua_tointeger(state, row - 1));
  cJSON *item = indicators_new_value(values, area, period, breakdown ? breakdown : "");
  cJSON_AddItemToObject(item, "value",
                        denominator ? cJSON_CreateNumber((double)numerator * (percent ? 100 : 1) /
                                                         (double)denominator)
                                    : cJSON_CreateNull());
  cJSON_AddNumberToObject(item, "numerator", (double)numerator);
  cJSON_AddNumberToObject(item, "denominator", (double)denominator);
  cJSON_AddItemToObject(item, "note", note ? cJSON_CreateString(note) : cJSON_CreateNull());
  return 0;
}

/* A counts indicator: counts(ctx) runs once, over every area, and returns
 * its rows; the value is numerator / denominator (x 100 for percent). */
static int indicators_counts(sl_lua *lua, sl_lua_db *db, int declaration, cJSON *values,
                             sl_error *error) {
  lua_State *state = sl_lua_state(lua);
  const char *id = indicators_field(state, declaration, "id");
  int percent = strcmp(indicators_field(state, declaration, "unit"), "percent") == 0;
  lua_getfield(state, declaration, "counts");
  if (sl_lua_db_push_context(db, state, NULL, NULL, error) || sl_lua_call(lua, 1, 1, error)) {
    lua_settop(state, declaration);
    return -1;
  }
  int result = lua_istable(state, -1)
                   ? 0
                   : sl_error_set(error, "indicator %s: counts returned a %s, not a list of rows",
                                  id, luaL_typename(state, -1));
  int rows = lua_gettop(state);
  for (lua_Integer i = 1; result == 0 && lua_rawgeti(state, rows, i) != LUA_TNIL; i++) {
    lua_pushinteger(state, i);
    lua_insert(state, -2);
    result = indicators_counts_row(state, id, percent, values, error);
    lua_pop(state, 2);
  }
  lua_settop(state, declaration);
  return result;
}

static cJSON *indicators_describe(lua_State *state, int declaration, const char *path,
                                  const char *version) {
  static const char *const keys[] = {"id", "title", "unit", "direction", NULL};
  cJSON *item = cJSON_CreateObject();
  for (int i = 0; keys[i]; i++)
    cJSON_AddStringToObject(item, keys[i], indicators_field(state, declaration, keys[i]));
  /* The script's file name, never its folder: results are published, and
   * the folder is a path on the machine that ran them (the content hash
   * tells two scripts of one name apart). */
  const char *slash = strrchr(path, '/');
  cJSON_AddStringToObject(item, "script", slash ? slash + 1 : path);
  cJSON_AddStringToObject(item, "version", version);
  const char *subset_of = indicators_field(state, declaration, "subset_of");
  if (subset_of) cJSON_AddStringToObject(item, "subset_of", subset_of);
  cJSON_AddArrayToObject(item, "values");
  return item;
}

/* Whether a declaration is of a counts indicator (else compute). */
static int indicators_is_counts(lua_State *state, int declaration) {
  lua_getfield(state, declaration, "counts");
  int counts = lua_isfunction(state, -1);
  lua_pop(state, 1);
  return counts;
}

/* Choose, for each declared indicator, the areas to compute: those whose
 * stored results are missing, from another script, or from data that has
 * changed since (core/indicator_sources.c). */
static int indicators_plan_script(sl_store *store, lua_State *state, int registry,
                                  sl_indicators_plan *plan, sl_error *error) {
  int result = 0;
  for (lua_Integer i = 1; result == 0 && lua_rawgeti(state, registry, i) == LUA_TTABLE; i++) {
    int declaration = lua_gettop(state);
    result = sl_indicator_sources_plan(store, plan, indicators_field(state, declaration, "id"),
                                       indicators_is_counts(state, declaration), error);
    lua_settop(state, registry);
  }
  lua_settop(state, registry);
  return result;
}

/* Compute one compute indicator for the areas of its plan. */
static int indicators_compute_areas(sl_lua *lua, sl_lua_db *db, sl_store *store, int declaration,
                                    const cJSON *stale, cJSON *values, sl_error *error) {
  sqlite3_stmt *areas = sl_store_prepare(store, "SELECT code FROM area ORDER BY name", "", error);
  while (areas && sqlite3_step(areas) == SQLITE_ROW) {
    char area[64];
    snprintf(area, sizeof area, "%s", (const char *)sqlite3_column_text(areas, 0));
    if (!sl_indicators_in(stale, area)) continue;
    if (indicators_compute(lua, db, store, declaration, area, values, error)) {
      sqlite3_reset(areas);
      return -1;
    }
  }
  return areas ? 0 : -1;
}

/* Every declared indicator, for the areas the plan names (indicators_plan_script
 * chooses them from what the store records). */
static int indicators_compute_all(sl_lua *lua, sl_lua_db *db, sl_store *store, const char *path,
                                  const char *version, sl_indicators_plan *plan, cJSON *results,
                                  sl_error *error) {
  lua_State *state = sl_lua_state(lua);
  lua_getfield(state, LUA_REGISTRYINDEX, INDICATOR_REGISTRY);
  int registry = lua_gettop(state);
  /* The Lua state (a script's cache of per_import rows, as ehc.lua keeps)
   * is shared by its indicators: per_import counts the areas any of them
   * needs. */
  if (indicators_plan_script(store, state, registry, plan, error)) return -1;
  sl_lua_db_only_areas(db, (const char *const *)plan->counted, plan->counted_count);
  for (lua_Integer i = 1; lua_rawgeti(state, registry, i) == LUA_TTABLE; i++) {
    int declaration = lua_gettop(state);
    cJSON *indicator = indicators_describe(state, declaration, path, version);
    cJSON_AddItemToArray(results, indicator);
    int counts = indicators_is_counts(state, declaration);
    cJSON *stale = cJSON_Duplicate(
        cJSON_GetObjectItem(plan->stale, indicators_field(state, declaration, "id")), 1);
    cJSON_AddBoolToObject(indicator, "from_cases", counts);
    cJSON_AddItemToObject(indicator, "recomputed", stale ? stale : cJSON_CreateArray());
    cJSON *values = cJSON_GetObjectItem(indicator, "values");
    int result = 0;
    if (cJSON_GetArraySize(stale) == 0)
      result = 0; /* every area's results are current */
    else if (counts)
      result = indicators_counts(lua, db, declaration, values, error);
    else
      result = indicators_compute_areas(lua, db, store, declaration, stale, values, error);
    if (result) return -1;
    lua_settop(state, registry);
  }
  return 0;
}

/* ---- no folder in what is published ---- */

/* Remove from text (in place) the folder of the script at path: its full
 * form ("/home/a/scripts/"), and the tail Lua keeps of a long chunk name
 * ("...a/scripts/" before the file's name), so a message a script puts in
 * a note or title ("x.lua:5: no such measure") names the file alone. */
static void indicators_strip(char *text, const char *path) {
  const char *name = strrchr(path, '/');
  if (!name || !text) return;
  size_t folder = (size_t)(name - path) + 1; /* with its '/' */
  for (char *at = text; *at; at++)
    while (strncmp(at, path, folder) == 0)
      memmove(at, at + folder, strlen(at + folder) + 1);
  for (char *at = strstr(text, "..."); at; at = strstr(at + 1, "...")) {
    /* The longest tail of the folder that follows the dots. */
    char *cut = NULL;
    for (char *slash = strchr(at + 3, '/'); slash; slash = strchr(slash + 1, '/')) {
      size_t tail = (size_t)(slash + 1 - (at + 3));
      if (tail > folder) break;
      if (memcmp(at + 3, path + folder - tail, tail) == 0) cut = slash + 1;
    }
    if (cut) memmove(at, cut, strlen(cut) + 1);
  }
}

static void indicators_strip_item(cJSON *object, const char *key, const char *path) {
  cJSON *item = cJSON_GetObjectItem(object, key);
  if (cJSON_IsString(item)) indicators_strip(item->valuestring, path);
}

/* Every text a script gives that reaches an output. */
static void indicators_strip_results(cJSON *results, const char *path) {
  cJSON *indicator;
  cJSON_ArrayForEach(indicator, results) {
    indicators_strip_item(indicator, "title", path);
    cJSON *value;
    cJSON_ArrayForEach(value, cJSON_GetObjectItem(indicator, "values")) {
      indicators_strip_item(value, "note", path);
      indicators_strip_item(value, "breakdown", path);
    }
  }
}

/* One run of the script in this process, a fresh Lua state: declare,
 * choose what to compute (plan), compute it into *results. child, when
 * given, is told of each call (script_child.h). */
static int indicators_run_pass(sl_store *store, const char *path, const sl_lua_limits *limits,
                               sl_indicators_plan *plan, sl_script_child *child, cJSON **results,
                               sl_error *error) {
  *results = NULL;
  sl_lua *lua = sl_lua_new(limits, error);
  if (lua && child) sl_script_child_watch(child, lua);
  sl_lua_db *db = lua ? sl_lua_db_open(sl_store_path(store), lua, error) : NULL;
  int result = -1;
  if (db) {
    lua_State *state = sl_lua_state(lua);
    lua_newtable(state);
    lua_setfield(state, LUA_REGISTRYINDEX, INDICATOR_REGISTRY);
    lua_pushcfunction(state, indicators_declare);
    lua_setglobal(state, "indicator");
    if (sl_lua_run_file(lua, path, 0, error) == 0) {
      lua_getglobal(state, "VERSION");
      char version[64];
      snprintf(version, sizeof version, "%s",
               lua_type(state, -1) == LUA_TSTRING ? lua_tostring(state, -1) : "unversioned");
      lua_pop(state, 1);
      *results = cJSON_CreateArray();
      result = indicators_compute_all(lua, db, store, path, version, plan, *results, error);
    }
  }
  sl_lua_free(lua); /* first: its statements belong to db's connections */
  sl_lua_db_close(db);
  if (result != 0) {
    cJSON_Delete(*results);
    *results = NULL;
  }
  return result;
}

typedef struct indicators_job {
  const char *db_path, *path;
  const sl_lua_limits *limits;
  sl_indicators_plan *plan; /* fork's copy: the child fills its choices */
} indicators_job;

/* Which indicators the child chose to replace whole (another script's
 * results): the parent's copy of the plan never saw that choice. */
static void indicators_mark_full(cJSON *results, const sl_indicators_plan *plan) {
  cJSON *indicator;
  cJSON_ArrayForEach(indicator, results) {
    const char *id = cJSON_GetObjectItem(indicator, "id")->valuestring;
    cJSON_AddBoolToObject(indicator, "full", cJSON_IsTrue(cJSON_GetObjectItem(plan->full, id)));
  }
}

static void indicators_take_full(cJSON *results, sl_indicators_plan *plan) {
  cJSON *indicator;
  cJSON_ArrayForEach(indicator, results) {
    if (cJSON_IsTrue(cJSON_GetObjectItem(indicator, "full")))
      cJSON_AddBoolToObject(plan->full, cJSON_GetObjectItem(indicator, "id")->valuestring, 1);
    cJSON_DeleteItemFromObject(indicator, "full");
  }
}

/* In the script's process: its own read-only store, and the results as
 * JSON for the parent. */
static int indicators_child(void *context, sl_script_child *child, char **output, size_t *length,
                            sl_error *error) {
  const indicators_job *job = context;
  *output = NULL;
  *length = 0;
  sl_store *store = sl_store_open_readonly(job->db_path, error);
  cJSON *results = NULL;
  int result =
      store ? indicators_run_pass(store, job->path, job->limits, job->plan, child, &results, error)
            : -1;
  sl_store_close(store);
  if (result != 0) return -1;
  indicators_mark_full(results, job->plan);
  *output = cJSON_PrintUnformatted(results);
  cJSON_Delete(results);
  if (!*output) return sl_error_set(error, "%s: out of memory", job->path);
  *length = strlen(*output);
  return 0;
}

/* What a script gives is text from an untrusted source, as a plugin's is:
 * clean UTF-8 without control characters (an escape sequence in a title
 * would reach a terminal; sl_utf8_text_problem), or the script fails. */
static int indicators_check_text(const cJSON *object, const char *path, const char *id,
                                 sl_error *error) {
  const cJSON *item;
  cJSON_ArrayForEach(item, object) {
    char why[160];
    if (cJSON_IsString(item) && sl_utf8_text_problem(item->valuestring, 1 << 20, why, sizeof why))
      return sl_error_set(error, "%s: indicator '%s': %s: %s", path, id,
                          item->string ? item->string : "a value", why);
    if ((cJSON_IsObject(item) || cJSON_IsArray(item)) &&
        indicators_check_text(item, path, id, error))
      return -1;
  }
  return 0;
}

static int indicators_check_results(const cJSON *results, const char *path, sl_error *error) {
  const cJSON *indicator;
  cJSON_ArrayForEach(indicator, results) {
    const cJSON *id = cJSON_GetObjectItem(indicator, "id");
    char clean[64];
    snprintf(clean, sizeof clean, "%s", cJSON_IsString(id) ? id->valuestring : "?");
    sl_utf8_printable(clean, 0);
    if (indicators_check_text(indicator, path, clean, error)) return -1;
  }
  return 0;
}

/* One pass computed in a child process under the limits that no script
 * can catch or outlive (script_child.h). */
static int indicators_compute_isolated(sl_store *store, const char *path,
                                       const sl_lua_limits *limits, sl_indicators_plan *plan,
                                       cJSON **results, sl_error *error) {
  indicators_job job = {sl_store_path(store), path, limits, plan};
  char *output;
  size_t length;
  *results = NULL;
  if (sl_script_child_run(path, limits, indicators_child, &job, &output, &length, error)) return -1;
  *results = cJSON_ParseWithLength(output, length);
  free(output);
  if (cJSON_IsArray(*results) && indicators_check_results(*results, path, error) == 0) {
    indicators_take_full(*results, plan);
    return 0;
  }
  if (cJSON_IsArray(*results)) {
    cJSON_Delete(*results);
    *results = NULL;
    return -1;
  }
  cJSON_Delete(*results);
  *results = NULL;
  return sl_error_set(error, "%s: the script's process sent no results", path);
}

/* Passes of a script: a second (and third) computes again the areas whose
 * data an import or load changed while the first counted them. */
enum { INDICATORS_PASSES = 3 };

/* Areas computed in the passes so far: each indicator's "recomputed" is
 * what was stored; areas in changed were not. */
static void indicators_note_recomputed(cJSON *all, const cJSON *results, const cJSON *changed) {
  const cJSON *indicator;
  cJSON_ArrayForEach(indicator, results) {
    const char *id = cJSON_GetObjectItem(indicator, "id")->valuestring;
    cJSON *areas = cJSON_GetObjectItem(all, id);
    if (!areas) areas = cJSON_AddArrayToObject(all, id);
    const cJSON *area;
    cJSON_ArrayForEach(area, cJSON_GetObjectItem(indicator, "recomputed")) {
      if (!sl_indicators_in(changed, area->valuestring) &&
          !sl_indicators_in(areas, area->valuestring))
        cJSON_AddItemToArray(areas, cJSON_CreateString(area->valuestring));
    }
  }
}

static int indicators_passes(sl_store *store, const char *path, const sl_lua_limits *limits,
                             const char *hash, cJSON **results, cJSON *recomputed,
                             sl_error *error) {
  for (int pass = 1;; pass++) {
    sl_indicators_plan plan;
    cJSON *changed = cJSON_CreateArray();
    cJSON_Delete(*results);
    *results = NULL;
    int result = sl_indicator_sources_begin(store, hash, &plan, error);
    if (result == 0)
      result = indicators_compute_isolated(store, path, limits, &plan, results, error);
    if (result == 0) indicators_strip_results(*results, path);
    if (result == 0) result = sl_indicator_sources_store(store, *results, &plan, changed, error);
    if (result == 0) indicators_note_recomputed(recomputed, *results, changed);
    int again = cJSON_GetArraySize(changed) > 0;
    if (result == 0 && again && pass == INDICATORS_PASSES) {
      char *areas = cJSON_PrintUnformatted(changed);
      result = sl_error_set(error,
                            "%s: the data of %s changed while it was counted, %d times: its "
                            "results are not stored; run it again once the imports are done",
                            path, areas ? areas : "some areas", INDICATORS_PASSES);
      free(areas);
    }
    cJSON_Delete(changed);
    sl_indicators_plan_free(&plan);
    if (result != 0 || !again) return result;
  }
}

int sl_indicators_run(sl_store *store, const char *path, const sl_lua_limits *limits,
                      cJSON **results, sl_error *error) {
  char hash[32];
  *results = NULL;
  if (indicators_hash(path, hash, sizeof hash, error)) return -1;
  cJSON *recomputed = cJSON_CreateObject();
  int result = indicators_passes(store, path, limits, hash, results, recomputed, error);
  if (result == 0) result = sl_indicator_sources_read(store, *results, error);
  cJSON *indicator, *stored = result == 0 ? *results : NULL;
  cJSON_ArrayForEach(indicator, stored) {
    cJSON *areas =
        cJSON_DetachItemFromObject(recomputed, cJSON_GetObjectItem(indicator, "id")->valuestring);
    cJSON_ReplaceItemInObject(indicator, "recomputed", areas ? areas : cJSON_CreateArray());
  }
  cJSON_Delete(recomputed);
  if (result != 0) {
    cJSON_Delete(*results);
    *results = NULL;
  }
  return result;
}
