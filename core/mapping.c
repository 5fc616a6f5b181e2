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
enum { SLOT_RULES = 1, SLOT_OVERRIDES, SLOT_THEMES, SLOT_INDICATOR };

static int mapping_run(sl_lua *lua, const char *dir, const char *file, int results,
                       sl_error *error) {
  char path[4096];
  snprintf(path, sizeof path, "%s/mapping/%s", dir, file);
  if (sl_lua_run_file(lua, path, results, error)) return -1;
  return 0;
}

static int mapping_prepare(sl_lua *lua, const sl_mapping_context *context, sl_error *error) {
  lua_State *state = sl_lua_state(lua);
  if (mapping_run(lua, context->scripts_dir, "rules.lua", 1, error)) return -1;
  if (!lua_istable(state, SLOT_RULES))
    return sl_error_set(error, "%s/mapping/rules.lua: must return a table", context->scripts_dir);
  char file[512];
  snprintf(file, sizeof file, "areas/%s.lua", context->plugin);
  char path[4096];
  snprintf(path, sizeof path, "%s/mapping/%s", context->scripts_dir, file);
  if (access(path, R_OK) == 0) {
    if (mapping_run(lua, context->scripts_dir, file, 1, error)) return -1;
  } else {
    lua_pushnil(state);
  }
  if (mapping_run(lua, context->scripts_dir, "engine.lua", 2, error)) return -1;
  if (!lua_isfunction(state, SLOT_THEMES) || !lua_isfunction(state, SLOT_INDICATOR))
    return sl_error_set(error, "%s/mapping/engine.lua: must return two functions",
                        context->scripts_dir);
  return 0;
}

/* Push {kind, ref, text, area, plugin}. */
static void mapping_push_record(lua_State *state, const char *kind, const char *ref,
                                const char *text, const char *area, const char *plugin) {
  lua_createtable(state, 0, 5);
  lua_pushstring(state, kind);
  lua_setfield(state, -2, "kind");
  if (ref) {
    lua_pushstring(state, ref);
    lua_setfield(state, -2, "ref");
  }
  lua_pushstring(state, text);
  lua_setfield(state, -2, "text");
  lua_pushstring(state, area);
  lua_setfield(state, -2, "area");
  lua_pushstring(state, plugin);
  lua_setfield(state, -2, "plugin");
}

static int mapping_call(sl_lua *lua, int function, const char *kind, const char *ref,
                        const char *text, const char *area, const char *plugin, sl_error *error) {
  lua_State *state = sl_lua_state(lua);
  lua_pushvalue(state, function);
  lua_pushvalue(state, SLOT_RULES);
  lua_pushvalue(state, SLOT_OVERRIDES);
  mapping_push_record(state, kind, ref, text, area, plugin);
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
                      "INSERT OR IGNORE INTO theme_assignment(fact, theme, rule, phrase) "
                      "VALUES(?1, ?2, ?3, ?4)",
                      "ittt", error, (int64_t)fact, theme, rule, phrase);
}

static int mapping_themes(sl_lua *lua, sl_store *store, const char *area,
                          const sl_mapping_context *context, sl_error *error) {
  lua_State *state = sl_lua_state(lua);
  sqlite3_stmt *records = sl_store_prepare(
      store,
      "SELECT f.id, f.kind, coalesce(w.ref, c.ref), coalesce(w.text, c.title) FROM fact f "
      "LEFT JOIN weakness w ON w.id = f.id LEFT JOIN concern c ON c.id = f.id "
      "WHERE f.area = ?1 AND f.kind IN ('weakness', 'concern') ORDER BY f.seq",
      "t", error, area);
  if (!records) return -1;
  int result = 0;
  while (result == 0 && sqlite3_step(records) == SQLITE_ROW) {
    sqlite3_int64 fact = sqlite3_column_int64(records, 0);
    if (mapping_call(lua, SLOT_THEMES, (const char *)sqlite3_column_text(records, 1),
                     (const char *)sqlite3_column_text(records, 2),
                     (const char *)sqlite3_column_text(records, 3), area, context->plugin, error))
      result = -1;
    else if (!lua_istable(state, -1))
      result = sl_error_set(error, "mapping: engine.lua: themes() must return a table");
    for (lua_Integer i = 1; result == 0 && lua_rawgeti(state, -1, i) == LUA_TTABLE; i++) {
      result = mapping_store_theme(store, fact, state, error);
      lua_pop(state, 1);
    }
    lua_settop(state, SLOT_INDICATOR);
  }
  sqlite3_reset(records);
  return result;
}

static int mapping_indicators(sl_lua *lua, sl_store *store, const char *area,
                              const sl_mapping_context *context, sl_error *error) {
  lua_State *state = sl_lua_state(lua);
  sqlite3_stmt *measures =
      sl_store_prepare(store,
                       "SELECT m.id, m.ref, m.name FROM measure m JOIN fact f ON f.id = m.id "
                       "WHERE f.area = ?1 ORDER BY f.seq",
                       "t", error, area);
  if (!measures) return -1;
  int result = 0;
  while (result == 0 && sqlite3_step(measures) == SQLITE_ROW) {
    if (mapping_call(lua, SLOT_INDICATOR, "measure", (const char *)sqlite3_column_text(measures, 1),
                     (const char *)sqlite3_column_text(measures, 2), area, context->plugin,
                     error)) {
      result = -1;
    } else if (lua_istable(state, -1)) {
      const char *id = mapping_field(state, -1, "id");
      if (!id)
        result = sl_error_set(error, "mapping: engine.lua: indicator() gave no id");
      else
        result = sl_store_run(store, "UPDATE measure SET indicator = ?2 WHERE id = ?1", "it", error,
                              (int64_t)sqlite3_column_int64(measures, 0), id);
    }
    lua_settop(state, SLOT_INDICATOR);
  }
  sqlite3_reset(measures);
  return result;
}

int sl_mapping_apply(sl_store *store, const char *area_code, void *context_pointer,
                     sl_error *error) {
  const sl_mapping_context *context = context_pointer;
  sl_lua *lua = sl_lua_new(&context->limits, error);
  if (!lua) return -1;
  int result = mapping_prepare(lua, context, error);
  if (result == 0) result = mapping_themes(lua, store, area_code, context, error);
  if (result == 0) result = mapping_indicators(lua, store, area_code, context, error);
  sl_lua_free(lua);
  return result;
}
