/*
 * lua_sandbox.c: the Lua sandbox. The limits are enforced by Lua itself:
 * the allocator refuses memory past the cap (Lua raises "not enough
 * memory"), and a count hook every LUA_HOOK_STEP instructions raises an
 * error when the budget or the clock runs out. Both surface as ordinary Lua
 * errors, so pcall reports them with the script's file and line.
 */
#include "lua_sandbox.h"

#include <lauxlib.h>
#include <lualib.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

enum { LUA_HOOK_STEP = 10000 };

struct sl_lua {
  lua_State *state;
  sl_lua_limits limits;
  size_t used;       /* bytes allocated now */
  uint64_t executed; /* instructions in this call */
  struct timespec started;
  char where[256]; /* "chunk:line" where a limit was hit */
};

sl_lua_limits sl_lua_default_limits(void) { return (sl_lua_limits){64u << 20, 100000000u, 10.0}; }

/* Record "chunk:line" of the innermost Lua function running, so a limit
 * can be reported where the script was. Only reads the call stack: safe from
 * inside the allocator, where no error may be raised. */
static void lua_sandbox_locate(sl_lua *lua) {
  lua_Debug debug;
  for (int level = 0; lua->state && lua_getstack(lua->state, level, &debug); level++) {
    if (lua_getinfo(lua->state, "Sl", &debug) && debug.currentline > 0) {
      snprintf(lua->where, sizeof lua->where, "%s:%d", debug.short_src, debug.currentline);
      return;
    }
  }
}

static void *lua_sandbox_alloc(void *context, void *block, size_t old_size, size_t new_size) {
  sl_lua *lua = context;
  if (!block) old_size = 0; /* then old_size holds the object's type */
  if (new_size == 0) {
    free(block);
    lua->used -= old_size;
    return NULL;
  }
  if (new_size > old_size && lua->used - old_size + new_size > lua->limits.memory) {
    lua_sandbox_locate(lua);
    return NULL; /* Lua raises LUA_ERRMEM; sl_lua_call names lua->where */
  }
  void *grown = realloc(block, new_size);
  if (grown) lua->used = lua->used - old_size + new_size;
  return grown;
}

static double lua_sandbox_elapsed(const sl_lua *lua) {
  struct timespec now;
  clock_gettime(CLOCK_MONOTONIC, &now);
  return (double)(now.tv_sec - lua->started.tv_sec) +
         (double)(now.tv_nsec - lua->started.tv_nsec) / 1e9;
}

int sl_lua_over_time(const sl_lua *lua) { return lua_sandbox_elapsed(lua) > lua->limits.seconds; }

size_t sl_lua_memory_left(const sl_lua *lua) {
  return lua->used < lua->limits.memory ? lua->limits.memory - lua->used : 0;
}

static sl_lua *lua_sandbox_of(lua_State *state) {
  void *context;
  lua_getallocf(state, &context);
  return context;
}

/* Raise "chunk:line: reason" from a hook, where luaL_error would name no
 * place (the hook is not a function on the call stack). */
static int lua_sandbox_raise(lua_State *state, sl_lua *lua, const char *reason) {
  lua_sandbox_locate(lua);
  lua_pushfstring(state, "%s: %s", lua->where, reason);
  return lua_error(state);
}

/* Every LUA_HOOK_STEP instructions: the budget and the clock. */
static void lua_sandbox_hook(lua_State *state, lua_Debug *debug) {
  (void)debug;
  sl_lua *lua = lua_sandbox_of(state);
  char reason[96];
  lua->executed += LUA_HOOK_STEP;
  if (lua->executed > lua->limits.instructions) {
    snprintf(reason, sizeof reason, "instruction budget exceeded (%llu instructions)",
             (unsigned long long)lua->limits.instructions);
    lua_sandbox_raise(state, lua, reason);
  }
  if (lua_sandbox_elapsed(lua) > lua->limits.seconds) {
    snprintf(reason, sizeof reason, "time limit exceeded (%.1f s)", lua->limits.seconds);
    lua_sandbox_raise(state, lua, reason);
  }
}

/* load(chunk [, name [, mode [, env]]]) in text mode only. */
static int lua_sandbox_load(lua_State *state) {
  size_t length;
  const char *chunk = luaL_checklstring(state, 1, &length);
  const char *name = luaL_optstring(state, 2, "=(load)");
  const char *mode = luaL_optstring(state, 3, "t");
  if (strcmp(mode, "t") != 0) return luaL_error(state, "load: only text chunks (mode \"t\")");
  int has_env = !lua_isnone(state, 4);
  if (luaL_loadbufferx(state, chunk, length, name, "t") != LUA_OK) {
    lua_pushnil(state);
    lua_insert(state, -2);
    return 2;
  }
  if (has_env) {
    lua_pushvalue(state, 4);
    if (!lua_setupvalue(state, -2, 1)) lua_pop(state, 1);
  }
  return 1;
}

/* collectgarbage("count") only: a script may measure, not steer, the GC. */
static int lua_sandbox_collectgarbage(lua_State *state) {
  const char *option = luaL_optstring(state, 1, "count");
  if (strcmp(option, "count") != 0)
    return luaL_error(state, "collectgarbage: only \"count\" is allowed");
  lua_pushnumber(state, (lua_Number)lua_gc(state, LUA_GCCOUNT, 0) +
                            (lua_Number)lua_gc(state, LUA_GCCOUNTB, 0) / 1024.0);
  return 1;
}

static void lua_sandbox_remove(lua_State *state, const char *table, const char *name) {
  if (table) {
    lua_getglobal(state, table);
    lua_pushnil(state);
    lua_setfield(state, -2, name);
    lua_pop(state, 1);
  } else {
    lua_pushnil(state);
    lua_setglobal(state, name);
  }
}

/* os with time, date and clock alone. */
static void lua_sandbox_os(lua_State *state) {
  luaL_requiref(state, LUA_OSLIBNAME, luaopen_os, 0);
  lua_newtable(state);
  static const char *const kept[] = {"time", "date", "clock", NULL};
  for (int i = 0; kept[i]; i++) {
    lua_getfield(state, -2, kept[i]);
    lua_setfield(state, -2, kept[i]);
  }
  lua_setglobal(state, "os");
  lua_pop(state, 1);
}

static int lua_sandbox_open(lua_State *state) {
  static const luaL_Reg libraries[] = {
      {LUA_GNAME, luaopen_base},       {LUA_STRLIBNAME, luaopen_string},
      {LUA_TABLIBNAME, luaopen_table}, {LUA_MATHLIBNAME, luaopen_math},
      {LUA_UTF8LIBNAME, luaopen_utf8}, {NULL, NULL}};
  for (const luaL_Reg *library = libraries; library->func; library++) {
    luaL_requiref(state, library->name, library->func, 1);
    lua_pop(state, 1);
  }
  lua_sandbox_os(state);
  lua_sandbox_remove(state, NULL, "dofile");
  lua_sandbox_remove(state, NULL, "loadfile");
  lua_sandbox_remove(state, NULL, "require");
  lua_sandbox_remove(state, "string", "dump");
  lua_pushcfunction(state, lua_sandbox_load);
  lua_setglobal(state, "load");
  lua_pushcfunction(state, lua_sandbox_collectgarbage);
  lua_setglobal(state, "collectgarbage");
  return 0;
}

sl_lua *sl_lua_new(const sl_lua_limits *limits, sl_error *error) {
  sl_lua *lua = calloc(1, sizeof *lua);
  if (!lua) {
    sl_error_set(error, "lua: out of memory");
    return NULL;
  }
  lua->limits = limits ? *limits : sl_lua_default_limits();
  lua->state = lua_newstate(lua_sandbox_alloc, lua);
  snprintf(lua->where, sizeof lua->where, "?");
  if (!lua->state) {
    free(lua);
    sl_error_set(error, "lua: out of memory");
    return NULL;
  }
  lua_pushcfunction(lua->state, lua_sandbox_open);
  if (lua_pcall(lua->state, 0, 0, 0) != LUA_OK) {
    sl_error_set(error, "lua: cannot open libraries: %s", lua_tostring(lua->state, -1));
    sl_lua_free(lua);
    return NULL;
  }
  return lua;
}

void sl_lua_free(sl_lua *lua) {
  if (!lua) return;
  if (lua->state) lua_close(lua->state);
  free(lua);
}

lua_State *sl_lua_state(sl_lua *lua) { return lua->state; }

/* A traceback-free message: Lua's own "file:line: reason". An error
 * value that is not a string (error({})) has no place of its own: it gets
 * the script's, and its type, never its address ("table: 0x55..."). */
static int lua_sandbox_message(lua_State *state) {
  const char *message = lua_tostring(state, 1);
  if (message) {
    lua_pushstring(state, message);
    return 1;
  }
  sl_lua *lua = lua_sandbox_of(state);
  lua_sandbox_locate(lua);
  lua_pushfstring(state, "%s: error raised with a %s value, not a message", lua->where,
                  luaL_typename(state, 1));
  return 1;
}

int sl_lua_call(sl_lua *lua, int nargs, int nresults, sl_error *error) {
  lua_State *state = lua->state;
  lua->executed = 0;
  snprintf(lua->where, sizeof lua->where, "?");
  clock_gettime(CLOCK_MONOTONIC, &lua->started);
  lua_sethook(state, lua_sandbox_hook, LUA_MASKCOUNT, LUA_HOOK_STEP);
  int base = lua_gettop(state) - nargs;
  lua_pushcfunction(state, lua_sandbox_message);
  lua_insert(state, base);
  int rc = lua_pcall(state, nargs, nresults, base);
  lua_remove(state, base);
  lua_sethook(state, NULL, 0, 0);
  if (rc == LUA_OK) return 0;
  lua_gc(state, LUA_GCCOLLECT, 0); /* give back what the failed call held */
  const char *message = lua_tostring(state, -1);
  if (rc == LUA_ERRMEM)
    sl_error_set(error, "%s: memory limit exceeded (%zu bytes)", lua->where, lua->limits.memory);
  else
    sl_error_set(error, "%s", message ? message : "error");
  lua_pop(state, 1);
  return -1;
}

int sl_lua_run_file(sl_lua *lua, const char *path, int nresults, sl_error *error) {
  lua_State *state = lua->state;
  int rc = luaL_loadfilex(state, path, "t");
  if (rc != LUA_OK) {
    sl_error_set(error, "%s", lua_tostring(state, -1));
    lua_pop(state, 1);
    return -1;
  }
  return sl_lua_call(lua, 0, nresults, error);
}
