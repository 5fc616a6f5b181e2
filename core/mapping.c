/*
 * mapping.c: running scripts/mapping/ over one loaded area. The matching
 * itself is Lua (engine.lua) so advisers can read and change it; this file
 * feeds it the area's records and stores what it returns, after checking
 * every theme it names exists.
 */
#include "mapping.h"

#include <lauxlib.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

/* Stack slots after mapping_prepare. */
enum { SLOT_RULES = 1, SLOT_OVERRIDES, SLOT_THEMES, SLOT_INDICATOR, SLOT_CHECK };

static int mapping_readable(const char *path) { return access(path, R_OK) == 0; }

/* The first scripts folder holding mapping/FILE (the bundled one last). */
static int mapping_find(const sl_mapping_context *context, const char *file, char *path,
                        size_t size) {
  for (int i = 0; i < context->scripts_dir_count; i++) {
    snprintf(path, size, "%s/mapping/%s", context->scripts_dirs[i], file);
    if (mapping_readable(path)) return 0;
  }
  return -1;
}

/* The area's own rules (mapping.h gives the order) and the name its rules
 * are stored under: "areas/NAME.lua" from a scripts folder, "NAME.lua" when
 * the plugin ships them. 0 found, -1 none. */
static int mapping_area_rules(sl_mapping_context *context, char *label, size_t size) {
  char *path = context->area_rules;
  size_t path_size = sizeof context->area_rules;
  int last = context->scripts_dir_count - 1;
  for (int i = 0; i <= last; i++) {
    if (i == last && context->plugin_dir) {
      snprintf(path, path_size, "%s/%s.lua", context->plugin_dir, context->plugin);
      snprintf(label, size, "%s.lua", context->plugin);
      if (mapping_readable(path)) return 0;
    }
    snprintf(path, path_size, "%s/mapping/areas/%s.lua", context->scripts_dirs[i], context->plugin);
    snprintf(label, size, "areas/%s.lua", context->plugin);
    if (mapping_readable(path)) return 0;
  }
  *path = '\0';
  *label = '\0';
  return -1;
}

/* Run the first mapping/FILE found; path receives where it was. */
static int mapping_run(sl_lua *lua, const sl_mapping_context *context, const char *file,
                       int results, char *path, size_t size, sl_error *error) {
  if (mapping_find(context, file, path, size))
    return sl_error_set(error, "%s/mapping/%s: not found",
                        context->scripts_dirs[context->scripts_dir_count - 1], file);
  return sl_lua_run_file(lua, path, results, error);
}

/* engine.lua's check(overrides) finds a malformed rule before any record
 * meets it, so the error names the area's file, not the engine's. */
static int mapping_check_area(sl_lua *lua, const char *path, sl_error *error) {
  lua_State *state = sl_lua_state(lua);
  if (!lua_isfunction(state, SLOT_CHECK)) return 0; /* an engine without check */
  lua_pushvalue(state, SLOT_CHECK);
  lua_pushvalue(state, SLOT_OVERRIDES);
  if (sl_lua_call(lua, 1, 1, error)) return -1;
  const char *problem = lua_isstring(state, -1) ? lua_tostring(state, -1) : NULL;
  int result = problem ? sl_error_set(error, "%s: %s", path, problem) : 0;
  lua_settop(state, SLOT_CHECK);
  return result;
}

static int mapping_prepare(sl_lua *lua, sl_mapping_context *context, char *label, size_t size,
                           sl_error *error) {
  lua_State *state = sl_lua_state(lua);
  char path[4096];
  if (mapping_run(lua, context, "rules.lua", 1, path, sizeof path, error)) return -1;
  if (!lua_istable(state, SLOT_RULES)) return sl_error_set(error, "%s: must return a table", path);
  if (mapping_area_rules(context, label, size) == 0) {
    if (sl_lua_run_file(lua, context->area_rules, 1, error)) return -1;
    if (!lua_istable(state, SLOT_OVERRIDES))
      return sl_error_set(error, "%s: must return a table", context->area_rules);
  } else {
    lua_pushnil(state);
  }
  if (mapping_run(lua, context, "engine.lua", 3, path, sizeof path, error)) return -1;
  if (!lua_isfunction(state, SLOT_THEMES) || !lua_isfunction(state, SLOT_INDICATOR))
    return sl_error_set(error, "%s: must return at least two functions", path);
  return *context->area_rules ? mapping_check_area(lua, context->area_rules, error) : 0;
}

/* What every record of one area's mapping shares. */
typedef struct mapping_area {
  const char *code;       /* the area's GSS code */
  const char *plugin;     /* its plugin's name */
  const char *rules_file; /* the name its own rules are stored under, or NULL */
  sl_store *store;        /* where a concern's actions and measures are read */
  sqlite3_int64 concern;  /* the concern being mapped, or 0 */
} mapping_area;

/* Push {kind, ref, text, area, plugin, rules_file}. */
static void mapping_push_record(lua_State *state, const char *kind, const char *ref,
                                const char *text, const mapping_area *area) {
  lua_createtable(state, 0, 9);
  lua_pushstring(state, kind);
  lua_setfield(state, -2, "kind");
  if (ref) {
    lua_pushstring(state, ref);
    lua_setfield(state, -2, "ref");
  }
  lua_pushstring(state, text);
  lua_setfield(state, -2, "text");
  lua_pushstring(state, area->code);
  lua_setfield(state, -2, "area");
  lua_pushstring(state, area->plugin);
  lua_setfield(state, -2, "plugin");
  if (area->rules_file) {
    lua_pushstring(state, area->rules_file);
    lua_setfield(state, -2, "rules_file");
  }
}

/* Set field `list` of the table on top to the rows of statement, each a
 * table with the given keys (a NULL column leaves its key out). The
 * statement is reset; -1 if a step failed. */
static int mapping_push_rows(sl_store *store, lua_State *state, const char *list,
                             sqlite3_stmt *statement, const char *const *keys, sl_error *error) {
  lua_newtable(state);
  int rc;
  for (lua_Integer i = 1; (rc = sqlite3_step(statement)) == SQLITE_ROW; i++) {
    lua_newtable(state);
    for (int k = 0; keys[k]; k++) {
      const unsigned char *value = sqlite3_column_text(statement, k);
      if (!value) continue;
      lua_pushstring(state, (const char *)value);
      lua_setfield(state, -2, keys[k]);
    }
    lua_rawseti(state, -2, i);
  }
  sqlite3_reset(statement);
  lua_setfield(state, -2, list);
  if (rc != SQLITE_DONE)
    return sl_error_set(error, "%s: %s", sl_store_path(store), sqlite3_errmsg(sl_store_db(store)));
  return 0;
}

/* What a concern says beyond its title, added to its record table: its
 * actions and measures (those of its actions too), with the ref a progress
 * return uses for each, and the area's weaknesses, one of which it may
 * answer (engine.lua decides). The rules read them all, so a concern's
 * themes come from what it does, not only from what it is called. */
static int mapping_push_concern(sl_store *store, lua_State *state, sqlite3_int64 concern,
                                const char *area_code, sl_error *error) {
  static const char *const action_keys[] = {"ref", "text", NULL};
  static const char *const measure_keys[] = {"ref", "text", "group", NULL};
  static const char *const weakness_keys[] = {"ref", "text", "progress", NULL};
  sqlite3_stmt *actions =
      sl_store_prepare(store,
                       "SELECT t.ref, a.text FROM action a JOIN fact f ON f.id = a.id "
                       "LEFT JOIN progress_target t ON t.fact = a.id "
                       "WHERE a.concern = ?1 AND a.text IS NOT NULL ORDER BY f.seq",
                       "i", error, (int64_t)concern);
  if (!actions || mapping_push_rows(store, state, "actions", actions, action_keys, error))
    return -1;
  sqlite3_stmt *measures = sl_store_prepare(
      store,
      "SELECT t.ref, m.name, m.\"group\" FROM measure m JOIN fact f ON f.id = m.id "
      "LEFT JOIN progress_target t ON t.fact = m.id "
      "WHERE m.parent = ?1 OR m.parent IN (SELECT id FROM action WHERE concern = ?1) "
      "ORDER BY f.seq",
      "i", error, (int64_t)concern);
  if (!measures || mapping_push_rows(store, state, "measures", measures, measure_keys, error))
    return -1;
  sqlite3_stmt *weaknesses = sl_store_prepare(
      store,
      "SELECT w.ref, w.text, w.progress FROM weakness w JOIN fact f ON f.id = w.id "
      "WHERE f.area = ?1 ORDER BY f.seq",
      "t", error, area_code);
  if (!weaknesses ||
      mapping_push_rows(store, state, "weaknesses", weaknesses, weakness_keys, error))
    return -1;
  return 0;
}

/* What the record table is built from, for mapping_build. */
typedef struct mapping_input {
  const char *kind, *ref, *text;
  const mapping_area *area;
  sl_error *error;
  int failed; /* a store read failed (error says why) */
} mapping_input;

/* The record table, built inside a protected call: the texts of a plugin
 * are the plugin's to choose, and a table of them beyond the state's
 * memory limit must be an error here, not a panic outside any pcall. */
static int mapping_build(lua_State *state) {
  mapping_input *input = lua_touserdata(state, 1);
  const mapping_area *area = input->area;
  mapping_push_record(state, input->kind, input->ref, input->text, area);
  if (area->concern &&
      mapping_push_concern(area->store, state, area->concern, area->code, input->error))
    input->failed = 1;
  return 1;
}

static int mapping_call(sl_lua *lua, int function, const char *kind, const char *ref,
                        const char *text, const mapping_area *area, sl_error *error) {
  lua_State *state = sl_lua_state(lua);
  mapping_input input = {kind, ref, text, area, error, 0};
  lua_pushvalue(state, function);
  lua_pushvalue(state, SLOT_RULES);
  lua_pushvalue(state, SLOT_OVERRIDES);
  lua_pushcfunction(state, mapping_build);
  lua_pushlightuserdata(state, &input);
  int status = lua_pcall(state, 1, 1, 0);
  if (status != LUA_OK || input.failed) {
    if (status != LUA_OK)
      sl_error_set(error, "mapping: the %s%s%s is too large to give the rules (%s)", kind,
                   ref ? " " : "", ref ? ref : "",
                   status == LUA_ERRMEM ? "over the scripts' memory limit" : "an error");
    lua_settop(state, SLOT_CHECK);
    return -1;
  }
  return sl_lua_call(lua, 3, 1, error);
}

static const char *mapping_field(lua_State *state, int index, const char *key) {
  lua_getfield(state, index, key);
  const char *value = lua_type(state, -1) == LUA_TSTRING ? lua_tostring(state, -1) : NULL;
  lua_pop(state, 1); /* the string stays alive: the table holds it */
  return value;
}

static int mapping_store_theme(sl_store *store, sqlite3_int64 fact, lua_State *state,
                               sl_error *error) {
  const char *theme = mapping_field(state, -1, "theme");
  const char *rule = mapping_field(state, -1, "rule");
  const char *phrase = mapping_field(state, -1, "phrase");
  const char *basis = mapping_field(state, -1, "basis");
  if (!theme || !rule)
    return sl_error_set(error, "mapping: engine.lua gave a theme without id or rule");
  sqlite3_stmt *known =
      sl_store_prepare(store, "SELECT 1 FROM theme WHERE id = ?1", "t", error, theme);
  if (!known) return -1;
  int exists = sqlite3_step(known) == SQLITE_ROW;
  sqlite3_reset(known);
  if (!exists)
    return sl_error_set(error, "mapping: rule '%s' names theme '%s', which is not in themes.json",
                        rule, theme);
  return sl_store_run(store,
                      "INSERT OR IGNORE INTO theme_assignment(fact, theme, rule, phrase, basis) "
                      "VALUES(?1, ?2, ?3, ?4, ?5)",
                      "itttt", error, (int64_t)fact, theme, rule, phrase, basis);
}

static int mapping_themes(sl_lua *lua, sl_store *store, mapping_area *area, sl_error *error) {
  lua_State *state = sl_lua_state(lua);
  sqlite3_stmt *records = sl_store_prepare(
      store,
      "SELECT f.id, f.kind, coalesce(w.ref, c.ref), coalesce(w.text, c.title) FROM fact f "
      "LEFT JOIN weakness w ON w.id = f.id LEFT JOIN concern c ON c.id = f.id "
      "WHERE f.area = ?1 AND f.kind IN ('weakness', 'concern') ORDER BY f.seq",
      "t", error, area->code);
  if (!records) return -1;
  int result = 0;
  while (result == 0 && sqlite3_step(records) == SQLITE_ROW) {
    sqlite3_int64 fact = sqlite3_column_int64(records, 0);
    const char *kind = (const char *)sqlite3_column_text(records, 1);
    area->concern = strcmp(kind, "concern") == 0 ? fact : 0;
    if (mapping_call(lua, SLOT_THEMES, kind, (const char *)sqlite3_column_text(records, 2),
                     (const char *)sqlite3_column_text(records, 3), area, error))
      result = -1;
    else if (!lua_istable(state, -1))
      result = sl_error_set(error, "mapping: engine.lua: themes() must return a table");
    for (lua_Integer i = 1; result == 0 && lua_rawgeti(state, -1, i) == LUA_TTABLE; i++) {
      result = mapping_store_theme(store, fact, state, error);
      lua_pop(state, 1);
    }
    lua_settop(state, SLOT_CHECK);
  }
  sqlite3_reset(records);
  area->concern = 0;
  return result;
}

static int mapping_indicators(sl_lua *lua, sl_store *store, const mapping_area *area,
                              sl_error *error) {
  lua_State *state = sl_lua_state(lua);
  sqlite3_stmt *measures =
      sl_store_prepare(store,
                       "SELECT m.id, m.ref, m.name FROM measure m JOIN fact f ON f.id = m.id "
                       "WHERE f.area = ?1 ORDER BY f.seq",
                       "t", error, area->code);
  if (!measures) return -1;
  int result = 0;
  while (result == 0 && sqlite3_step(measures) == SQLITE_ROW) {
    if (mapping_call(lua, SLOT_INDICATOR, "measure", (const char *)sqlite3_column_text(measures, 1),
                     (const char *)sqlite3_column_text(measures, 2), area, error)) {
      result = -1;
    } else if (lua_istable(state, -1)) {
      const char *id = mapping_field(state, -1, "id");
      if (!id)
        result = sl_error_set(error, "mapping: engine.lua: indicator() gave no id");
      else
        result = sl_store_run(store, "UPDATE measure SET indicator = ?2 WHERE id = ?1", "it", error,
                              (int64_t)sqlite3_column_int64(measures, 0), id);
    }
    lua_settop(state, SLOT_CHECK);
  }
  sqlite3_reset(measures);
  return result;
}

int sl_mapping_apply(sl_store *store, const char *area_code, void *context_pointer,
                     sl_error *error) {
  sl_mapping_context *context = context_pointer;
  char label[600] = "";
  context->area_rules[0] = '\0';
  sl_lua *lua = sl_lua_new(&context->limits, error);
  if (!lua) return -1;
  int result = mapping_prepare(lua, context, label, sizeof label, error);
  mapping_area area = {area_code, context->plugin, *label ? label : NULL, store, 0};
  if (result == 0) result = mapping_themes(lua, store, &area, error);
  if (result == 0) result = mapping_indicators(lua, store, &area, error);
  sl_lua_free(lua);
  return result;
}
