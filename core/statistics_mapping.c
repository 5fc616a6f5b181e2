/*
 * statistics_mapping.c: running the statistics mapping files. Each file
 * runs in its own sandbox (lua_sandbox.h) with two functions, publication
 * and statistic, that check a declaration's fields and copy them out into
 * C; nothing else of the script survives it. A misspelt field is an error,
 * not a silently missing column.
 */
#include "statistics_mapping.h"

#include <lauxlib.h>
#include <stdlib.h>
#include <string.h>

#include "lua_sandbox.h"
#include "url.h"

typedef struct mapping_run {
  sl_stat_mappings *mappings;
  sl_arena_list items;
  const char *file; /* the script's name, without its folder */
  const sl_stat_publication *publication;
} mapping_run;

static const char *const MAPPING_STATISTIC_FIELDS[] = {"id",          "title", "unit",  "direction",
                                                       "definition",  "file",  "value", "numerator",
                                                       "denominator", "total", NULL};
static const char *const MAPPING_PUBLICATION_FIELDS[] = {"id",  "title",   "publisher",
                                                         "url", "licence", NULL};

static mapping_run *mapping_run_of(lua_State *state) {
  return lua_touserdata(state, lua_upvalueindex(1));
}

/* "file:line" of the declaration being run. */
static const char *mapping_where(lua_State *state, mapping_run *run) {
  lua_Debug debug;
  int line =
      lua_getstack(state, 1, &debug) && lua_getinfo(state, "l", &debug) ? debug.currentline : 0;
  return sl_arena_format(run->mappings->arena, "%s:%d", run->file, line);
}

/* Every key of the table at 1 is one of fields. */
static void mapping_check_fields(lua_State *state, const char *what, const char *const *fields) {
  lua_pushnil(state);
  while (lua_next(state, 1)) {
    lua_pop(state, 1);
    const char *key = lua_type(state, -1) == LUA_TSTRING ? lua_tostring(state, -1) : NULL;
    const char *const *field = fields;
    while (key && *field && strcmp(*field, key) != 0)
      field++;
    if (!key || !*field)
      luaL_error(state, "%s: unknown field '%s'", what, key ? key : luaL_typename(state, -1));
  }
}

/* Field key of the table at 1: a non-empty string copied into the arena, or
 * NULL when absent and not required. */
static const char *mapping_string(lua_State *state, mapping_run *run, const char *what,
                                  const char *key, int required) {
  int type = lua_getfield(state, 1, key);
  const char *copy = NULL;
  if (type == LUA_TSTRING && lua_rawlen(state, -1) > 0)
    copy = sl_arena_strdup(run->mappings->arena, lua_tostring(state, -1));
  else if (type != LUA_TNIL || required)
    luaL_error(state, "%s: '%s' must be a non-empty string", what, key);
  lua_pop(state, 1);
  if (type == LUA_TSTRING && !copy) luaL_error(state, "%s: out of memory", what);
  return copy;
}

static int mapping_publication(lua_State *state) {
  mapping_run *run = mapping_run_of(state);
  luaL_checktype(state, 1, LUA_TTABLE);
  mapping_check_fields(state, "publication", MAPPING_PUBLICATION_FIELDS);
  sl_stat_publication *publication = sl_arena_alloc(run->mappings->arena, sizeof *publication);
  if (!publication) return luaL_error(state, "publication: out of memory");
  publication->id = mapping_string(state, run, "publication", "id", 1);
  publication->title = mapping_string(state, run, "publication", "title", 1);
  publication->publisher = mapping_string(state, run, "publication", "publisher", 0);
  publication->url = mapping_string(state, run, "publication", "url", 0);
  publication->licence = mapping_string(state, run, "publication", "licence", 0);
  publication->where = mapping_where(state, run);
  char why[128];
  if (publication->url && sl_url_problem(publication->url, why, sizeof why))
    return luaL_error(state, "publication: 'url' %s", why);
  if (!publication->where) return luaL_error(state, "publication: out of memory");
  run->publication = publication;
  return 0;
}

/* The total = {column = "value", ...} table: the filter cells that mark a
 * file's total (headline) rows. */
static void mapping_total(lua_State *state, mapping_run *run, sl_stat_mapping *mapping) {
  int type = lua_getfield(state, 1, "total");
  if (type == LUA_TNIL) {
    lua_pop(state, 1);
    return;
  }
  if (type != LUA_TTABLE) luaL_error(state, "statistic %s: 'total' must be a table", mapping->id);
  size_t count = 0;
  for (lua_pushnil(state); lua_next(state, -2); lua_pop(state, 1))
    count++;
  mapping->total_columns = sl_arena_alloc(run->mappings->arena, (count + 1) * sizeof(char *));
  mapping->total_values = sl_arena_alloc(run->mappings->arena, (count + 1) * sizeof(char *));
  if (!mapping->total_columns || !mapping->total_values) luaL_error(state, "out of memory");
  for (lua_pushnil(state); lua_next(state, -2); lua_pop(state, 1)) {
    if (lua_type(state, -2) != LUA_TSTRING || lua_type(state, -1) != LUA_TSTRING)
      luaL_error(state, "statistic %s: 'total' maps column names to the text of their cells",
                 mapping->id);
    size_t i = mapping->total_count++;
    mapping->total_columns[i] = sl_arena_strdup(run->mappings->arena, lua_tostring(state, -2));
    mapping->total_values[i] = sl_arena_strdup(run->mappings->arena, lua_tostring(state, -1));
    if (!mapping->total_columns[i] || !mapping->total_values[i]) luaL_error(state, "out of memory");
  }
  lua_pop(state, 1);
}

/* Ids are the common indicator ids of the store: lower-case words. */
static int mapping_valid_id(const char *id) {
  for (const char *c = id; *c; c++)
    if (!((*c >= 'a' && *c <= 'z') || (*c >= '0' && *c <= '9') || *c == '_')) return 0;
  return 1;
}

static int mapping_statistic(lua_State *state) {
  mapping_run *run = mapping_run_of(state);
  luaL_checktype(state, 1, LUA_TTABLE);
  mapping_check_fields(state, "statistic", MAPPING_STATISTIC_FIELDS);
  sl_stat_mapping *mapping = sl_arena_alloc(run->mappings->arena, sizeof *mapping);
  if (!mapping) return luaL_error(state, "statistic: out of memory");
  memset(mapping, 0, sizeof *mapping);
  mapping->id = mapping_string(state, run, "statistic", "id", 1);
  if (!mapping_valid_id(mapping->id))
    return luaL_error(state, "statistic: id '%s' must be lower-case letters, digits and _",
                      mapping->id);
  mapping->title = mapping_string(state, run, mapping->id, "title", 1);
  mapping->unit = mapping_string(state, run, mapping->id, "unit", 0);
  mapping->direction = mapping_string(state, run, mapping->id, "direction", 1);
  if (strcmp(mapping->direction, "up") && strcmp(mapping->direction, "down") &&
      strcmp(mapping->direction, "none"))
    return luaL_error(state, "statistic %s: direction must be up, down or none", mapping->id);
  mapping->definition = mapping_string(state, run, mapping->id, "definition", 0);
  mapping->file = mapping_string(state, run, mapping->id, "file", 0);
  mapping->value = mapping_string(state, run, mapping->id, "value", 1);
  mapping->numerator = mapping_string(state, run, mapping->id, "numerator", 0);
  mapping->denominator = mapping_string(state, run, mapping->id, "denominator", 0);
  mapping_total(state, run, mapping);
  mapping->publication = run->publication;
  mapping->where = mapping_where(state, run);
  if (!mapping->where || sl_arena_list_push(&run->items, mapping))
    return luaL_error(state, "statistic: out of memory");
  return 0;
}

static void mapping_register(lua_State *state, mapping_run *run) {
  lua_pushlightuserdata(state, run);
  lua_pushcclosure(state, mapping_publication, 1);
  lua_setglobal(state, "publication");
  lua_pushlightuserdata(state, run);
  lua_pushcclosure(state, mapping_statistic, 1);
  lua_setglobal(state, "statistic");
}

static int mapping_run_file(mapping_run *run, const char *path, sl_error *error) {
  sl_lua_limits limits = sl_lua_default_limits();
  sl_lua *lua = sl_lua_new(&limits, error);
  if (!lua) return -1;
  const char *slash = strrchr(path, '/');
  run->file = slash ? slash + 1 : path;
  run->publication = NULL;
  mapping_register(sl_lua_state(lua), run);
  int rc = sl_lua_run_file(lua, path, 0, error);
  sl_lua_free(lua);
  return rc;
}

int sl_stat_mappings_load(sl_stat_mappings *mappings, const char *const *paths, size_t count,
                          sl_error *error) {
  memset(mappings, 0, sizeof *mappings);
  if (!(mappings->arena = sl_arena_new())) return sl_error_set(error, "out of memory");
  mapping_run run = {.mappings = mappings};
  sl_arena_list_init(&run.items, mappings->arena);
  for (size_t i = 0; i < count; i++)
    if (mapping_run_file(&run, paths[i], error)) return -1;
  mappings->items = (const sl_stat_mapping **)run.items.items;
  mappings->count = run.items.count;
  return 0;
}

void sl_stat_mappings_free(sl_stat_mappings *mappings) {
  sl_arena_free(mappings->arena);
  memset(mappings, 0, sizeof *mappings);
}
