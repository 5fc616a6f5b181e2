/*
 * lua_sandbox.c: the Lua sandbox. The limits are enforced by Lua itself:
 * the allocator refuses memory past the cap (Lua raises "not enough
 * memory"), and a count hook every LUA_HOOK_STEP instructions raises an
 * error when the budget or the clock runs out. Both surface as ordinary Lua
 * errors with the script's file and line.
 *
 * A limit once exceeded stays exceeded for the rest of the call: the hook
 * then fires at every instruction of every coroutine and raises it again,
 * and the sandbox's pcall, xpcall and coroutine functions raise it again
 * rather than return it, so no script outlives its budget by catching the
 * error. Work inside one C call (a backtracking string pattern) never
 * reaches the hook: a watchdog thread ends the process when a call
 * outlives its time by a grace period. Finalizers never run: setmetatable
 * refuses a __gc field, so no script code runs after its call has ended
 * (at exit, or after the database it could call has been closed).
 */
#include "lua_sandbox.h"

#include <errno.h>
#include <lauxlib.h>
#include <lualib.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

enum { LUA_HOOK_STEP = 10000, LUA_MESSAGE_SIZE = sizeof(sl_error){0}.message };

/* The watchdog of calls: a thread that sleeps until the running call's
 * deadline (its time limit and a grace period in which the hook would have
 * stopped any Lua code), and then ends the process. */
typedef struct lua_watchdog {
  pthread_t thread;
  int started;
  pthread_mutex_t lock;
  pthread_cond_t changed;
  struct timespec deadline; /* CLOCK_MONOTONIC */
  int armed, stopping;
  char message[LUA_MESSAGE_SIZE]; /* said when the deadline passes */
} lua_watchdog;

struct sl_lua {
  lua_State *state;
  sl_lua_limits limits;
  size_t used;       /* bytes allocated now */
  uint64_t executed; /* instructions in this call */
  int refused;       /* the last request to grow memory was refused */
  struct timespec started;
  char where[256];                 /* "chunk:line" where a limit was hit */
  char exceeded[LUA_MESSAGE_SIZE]; /* "chunk:line: reason" once a limit is hit */
  sl_lua_on_call on_call;          /* told when each call starts */
  sl_lua_on_expiry on_expiry;      /* told when a call outlives its watchdog */
  void *callbacks;                 /* their context */
  lua_watchdog watchdog;
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
    lua->refused = 1; /* unless Lua's emergency collection makes room */
    return NULL;      /* Lua raises LUA_ERRMEM; sl_lua_call names lua->where */
  }
  void *grown = realloc(block, new_size);
  if (grown) lua->used = lua->used - old_size + new_size;
  if (grown && new_size > old_size) lua->refused = 0;
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

/* Remember "chunk:line: reason" for the rest of the state's life, and
 * make the hook of this thread fire at every instruction from now on. */
static void lua_sandbox_exceed(lua_State *state, sl_lua *lua, const char *reason) {
  if (!lua->exceeded[0]) {
    lua_sandbox_locate(lua);
    snprintf(lua->exceeded, sizeof lua->exceeded, "%s: %s", lua->where, reason);
  }
  lua_sethook(state, lua_gethook(state), LUA_MASKCOUNT, 1);
}

/* Raise the exceeded limit again: the message if there is room for it,
 * else Lua's own memory error. Either way the error goes on up. */
static int lua_sandbox_raise(lua_State *state, sl_lua *lua) {
  lua_sethook(state, lua_gethook(state), LUA_MASKCOUNT, 1);
  lua_pushstring(state, lua->exceeded);
  return lua_error(state);
}

/* The memory limit, as exceeded: when Lua's emergency collection could not
 * make room and the error reached a protected call. */
static void lua_sandbox_exceed_memory(lua_State *state, sl_lua *lua) {
  char reason[96];
  snprintf(reason, sizeof reason, "memory limit exceeded (%zu bytes)", lua->limits.memory);
  if (!lua->exceeded[0]) /* the place is where the allocation was refused */
    snprintf(lua->exceeded, sizeof lua->exceeded, "%s: %s", lua->where, reason);
  lua_sandbox_exceed(state, lua, reason);
}

/* Every LUA_HOOK_STEP instructions (every instruction once a limit is
 * exceeded, in every coroutine): the budget and the clock. */
static void lua_sandbox_hook(lua_State *state, lua_Debug *debug) {
  (void)debug;
  sl_lua *lua = lua_sandbox_of(state);
  char reason[96];
  lua->executed += LUA_HOOK_STEP;
  if (!lua->exceeded[0] && lua->executed > lua->limits.instructions) {
    snprintf(reason, sizeof reason, "instruction budget exceeded (%llu instructions)",
             (unsigned long long)lua->limits.instructions);
    lua_sandbox_exceed(state, lua, reason);
  }
  if (!lua->exceeded[0] && lua_sandbox_elapsed(lua) > lua->limits.seconds) {
    snprintf(reason, sizeof reason, "time limit exceeded (%.1f s)", lua->limits.seconds);
    lua_sandbox_exceed(state, lua, reason);
  }
  if (lua->exceeded[0]) lua_sandbox_raise(state, lua);
}

/* After a protected call, resume or close has caught an error: an exceeded
 * limit goes on up instead of being returned. */
static void lua_sandbox_rethrow(lua_State *state, int status) {
  sl_lua *lua = lua_sandbox_of(state);
  if (status == LUA_ERRMEM || (status != LUA_OK && status != LUA_YIELD && lua->refused))
    lua_sandbox_exceed_memory(state, lua);
  if (lua->exceeded[0]) lua_sandbox_raise(state, lua);
}

/* pcall and xpcall as Lua's own (lbaselib.c), re-raising an exceeded
 * limit; the continuation keeps yields across them working. */
static int lua_sandbox_finish_pcall(lua_State *state, int status, lua_KContext extra) {
  lua_sandbox_rethrow(state, status);
  if (status != LUA_OK && status != LUA_YIELD) {
    lua_pushboolean(state, 0);
    lua_pushvalue(state, -2);
    return 2;
  }
  return lua_gettop(state) - (int)extra;
}

static int lua_sandbox_pcall(lua_State *state) {
  luaL_checkany(state, 1);
  lua_pushboolean(state, 1);
  lua_insert(state, 1);
  int status =
      lua_pcallk(state, lua_gettop(state) - 2, LUA_MULTRET, 0, 0, lua_sandbox_finish_pcall);
  return lua_sandbox_finish_pcall(state, status, 0);
}

/* The message handler of xpcall, around the script's (the upvalue). Once a
 * limit is exceeded the script's is never called: the hook raises the
 * error from inside itself, where Lua runs no hooks, so a handler that
 * looped then would never be stopped. */
static int lua_sandbox_handler(lua_State *state) {
  sl_lua *lua = lua_sandbox_of(state);
  if (lua->exceeded[0]) {
    lua_pushstring(state, lua->exceeded);
    return 1;
  }
  lua_pushvalue(state, lua_upvalueindex(1));
  lua_insert(state, 1);
  lua_call(state, lua_gettop(state) - 1, 1);
  return 1;
}

static int lua_sandbox_xpcall(lua_State *state) {
  int n = lua_gettop(state);
  luaL_checktype(state, 2, LUA_TFUNCTION);
  lua_pushvalue(state, 2);
  lua_pushcclosure(state, lua_sandbox_handler, 1);
  lua_replace(state, 2);
  lua_pushboolean(state, 1);
  lua_pushvalue(state, 1);
  lua_rotate(state, 3, 2);
  int status = lua_pcallk(state, n - 2, LUA_MULTRET, 2, 2, lua_sandbox_finish_pcall);
  return lua_sandbox_finish_pcall(state, status, 2);
}

/* coroutine.resume, coroutine.close: Lua's own (the first upvalue), after
 * giving the coroutine this thread's hook (a coroutine made before a
 * limit was exceeded still counts instructions the old way) and raising an
 * exceeded limit instead of returning it. */
static int lua_sandbox_coroutine(lua_State *state) {
  sl_lua *lua = lua_sandbox_of(state);
  if (lua->exceeded[0]) lua_sandbox_raise(state, lua);
  lua_State *coroutine = lua_tothread(state, 1);
  if (coroutine && coroutine != state)
    lua_sethook(coroutine, lua_gethook(state), lua_gethookmask(state), lua_gethookcount(state));
  int top = lua_gettop(state);
  lua_pushvalue(state, lua_upvalueindex(1));
  lua_insert(state, 1);
  lua_call(state, top, LUA_MULTRET);
  if (lua_toboolean(state, 1) == 0 && lua_gettop(state) >= 1)
    lua_sandbox_rethrow(state, LUA_ERRRUN);
  return lua_gettop(state);
}

/* setmetatable without finalizers: Lua marks an object for finalization
 * only when its metatable has __gc as it is set, so refusing it here means
 * no finalizer ever runs. */
static int lua_sandbox_setmetatable(lua_State *state) {
  if (lua_type(state, 2) == LUA_TTABLE) {
    lua_pushliteral(state, "__gc");
    if (lua_rawget(state, 2) != LUA_TNIL) /* raw, as Lua's own check */
      return luaL_error(state, "setmetatable: __gc finalizers are not allowed");
  }
  lua_settop(state, 2);
  lua_pushvalue(state, lua_upvalueindex(1));
  lua_insert(state, 1);
  lua_call(state, 2, 1);
  return 1;
}

/* load(chunk [, name [, mode [, env]]]) in text mode only. */
static int lua_sandbox_load(lua_State *state) {
  size_t length;
  const char *chunk = luaL_checklstring(state, 1, &length);
  const char *name = luaL_optstring(state, 2, "=(load)");
  const char *mode = luaL_optstring(state, 3, "t");
  if (strcmp(mode, "t") != 0) return luaL_error(state, "load: only text chunks (mode \"t\")");
  int has_env = !lua_isnone(state, 4);
  int status = luaL_loadbufferx(state, chunk, length, name, "t");
  if (status != LUA_OK) lua_sandbox_rethrow(state, status); /* memory, not syntax */
  if (status != LUA_OK) {
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

/* Replace table.name (a global when table is NULL) by function, with
 * the original as its upvalue. */
static void lua_sandbox_wrap(lua_State *state, const char *table, const char *name,
                             lua_CFunction function) {
  if (table)
    lua_getglobal(state, table);
  else
    lua_pushglobaltable(state);
  lua_getfield(state, -1, name);
  lua_pushcclosure(state, function, 1);
  lua_setfield(state, -2, name);
  lua_pop(state, 1);
}

/* The functions that catch errors, made to let an exceeded limit through;
 * setmetatable without finalizers. */
static void lua_sandbox_guard(lua_State *state) {
  lua_pushcfunction(state, lua_sandbox_pcall);
  lua_setglobal(state, "pcall");
  lua_pushcfunction(state, lua_sandbox_xpcall);
  lua_setglobal(state, "xpcall");
  lua_sandbox_wrap(state, NULL, "setmetatable", lua_sandbox_setmetatable);
  lua_sandbox_wrap(state, LUA_COLIBNAME, "resume", lua_sandbox_coroutine);
  lua_sandbox_wrap(state, LUA_COLIBNAME, "close", lua_sandbox_coroutine);
}

static int lua_sandbox_open(lua_State *state) {
  static const luaL_Reg libraries[] = {{LUA_GNAME, luaopen_base},
                                       {LUA_STRLIBNAME, luaopen_string},
                                       {LUA_TABLIBNAME, luaopen_table},
                                       {LUA_MATHLIBNAME, luaopen_math},
                                       {LUA_UTF8LIBNAME, luaopen_utf8},
                                       {LUA_COLIBNAME, luaopen_coroutine},
                                       {NULL, NULL}};
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
  lua_sandbox_guard(state);
  return 0;
}

/* ---- the watchdog ---- */

/* What a call that outlived its watchdog does by default: say so, and end
 * the process (a load in progress is one transaction: nothing is stored). */
static void lua_watchdog_default(void *context, const char *message) {
  (void)context;
  dprintf(STDERR_FILENO, "sendlens: %s\n", message);
  _exit(1);
}

static void *lua_watchdog_run(void *context) {
  sl_lua *lua = context;
  lua_watchdog *dog = &lua->watchdog;
  pthread_mutex_lock(&dog->lock);
  while (!dog->stopping) {
    if (!dog->armed) {
      pthread_cond_wait(&dog->changed, &dog->lock);
      continue;
    }
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    if (now.tv_sec > dog->deadline.tv_sec ||
        (now.tv_sec == dog->deadline.tv_sec && now.tv_nsec >= dog->deadline.tv_nsec))
      lua->on_expiry(lua->callbacks, dog->message); /* does not return */
    else
      pthread_cond_timedwait(&dog->changed, &dog->lock, &dog->deadline);
  }
  pthread_mutex_unlock(&dog->lock);
  return NULL;
}

/* Started with the first call: states that never run a call (or run none
 * after a fork) have no thread. */
static int lua_watchdog_start(sl_lua *lua) {
  lua_watchdog *dog = &lua->watchdog;
  if (dog->started) return 0;
  pthread_condattr_t attributes;
  if (pthread_condattr_init(&attributes)) return -1;
  pthread_condattr_setclock(&attributes, CLOCK_MONOTONIC);
  int failed =
      pthread_mutex_init(&dog->lock, NULL) || pthread_cond_init(&dog->changed, &attributes);
  pthread_condattr_destroy(&attributes);
  if (failed || pthread_create(&dog->thread, NULL, lua_watchdog_run, lua)) return -1;
  dog->started = 1;
  return 0;
}

/* The grace after the time limit: the hook and SQLite's progress handler
 * stop what they can see at the limit itself; what still runs a second
 * (and a tenth) later is stuck inside one C function. */
static double lua_watchdog_grace(const sl_lua *lua) { return 1.0 + lua->limits.seconds / 10; }

/* Arm for the call about to run (the function at the top of the stack,
 * whose script the message names). */
static void lua_watchdog_arm(sl_lua *lua) {
  lua_watchdog *dog = &lua->watchdog;
  lua_Debug debug;
  const char *script = "?";
  if (!lua_isfunction(lua->state, -1))
    lua_pop(lua->state, 1);
  else if (lua_getinfo(lua->state, ">S", &debug)) /* pops the function */
    script = debug.short_src;
  pthread_mutex_lock(&dog->lock);
  snprintf(dog->message, sizeof dog->message,
           "%s: time limit exceeded (%.1f s) inside one library function: stopped", script,
           lua->limits.seconds);
  double limit = lua->limits.seconds + lua_watchdog_grace(lua);
  if (limit > 1e9) limit = 1e9;
  dog->deadline = lua->started;
  dog->deadline.tv_sec += (time_t)limit;
  dog->deadline.tv_nsec += (long)((limit - (double)(time_t)limit) * 1e9);
  if (dog->deadline.tv_nsec >= 1000000000L) {
    dog->deadline.tv_sec++;
    dog->deadline.tv_nsec -= 1000000000L;
  }
  dog->armed = 1;
  pthread_cond_signal(&dog->changed);
  pthread_mutex_unlock(&dog->lock);
}

static void lua_watchdog_disarm(sl_lua *lua) {
  lua_watchdog *dog = &lua->watchdog;
  pthread_mutex_lock(&dog->lock);
  dog->armed = 0;
  pthread_mutex_unlock(&dog->lock);
}

static void lua_watchdog_stop(sl_lua *lua) {
  lua_watchdog *dog = &lua->watchdog;
  if (!dog->started) return;
  pthread_mutex_lock(&dog->lock);
  dog->stopping = 1;
  pthread_cond_signal(&dog->changed);
  pthread_mutex_unlock(&dog->lock);
  pthread_join(dog->thread, NULL);
  pthread_cond_destroy(&dog->changed);
  pthread_mutex_destroy(&dog->lock);
  dog->started = 0;
}

/* ---- the state ---- */

sl_lua *sl_lua_new(const sl_lua_limits *limits, sl_error *error) {
  sl_lua *lua = calloc(1, sizeof *lua);
  if (!lua) {
    sl_error_set(error, "lua: out of memory");
    return NULL;
  }
  lua->limits = limits ? *limits : sl_lua_default_limits();
  lua->on_expiry = lua_watchdog_default;
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
  lua_watchdog_stop(lua);
  if (lua->state) lua_close(lua->state);
  free(lua);
}

void sl_lua_set_callbacks(sl_lua *lua, sl_lua_on_call on_call, sl_lua_on_expiry on_expiry,
                          void *context) {
  lua->on_call = on_call;
  lua->on_expiry = on_expiry ? on_expiry : lua_watchdog_default;
  lua->callbacks = context;
}

const sl_lua_limits *sl_lua_get_limits(const sl_lua *lua) { return &lua->limits; }

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
  lua->exceeded[0] = '\0'; /* each call has its own budget */
  lua->refused = 0;
  if (lua->on_call) lua->on_call(lua->callbacks);
  lua->executed = 0;
  snprintf(lua->where, sizeof lua->where, "?");
  clock_gettime(CLOCK_MONOTONIC, &lua->started);
  if (lua_watchdog_start(lua)) return sl_error_set(error, "lua: cannot start the watchdog");
  lua_pushvalue(state, -1 - nargs);
  lua_watchdog_arm(lua); /* pops the copy of the function */
  lua_sethook(state, lua_sandbox_hook, LUA_MASKCOUNT, LUA_HOOK_STEP);
  int base = lua_gettop(state) - nargs;
  lua_pushcfunction(state, lua_sandbox_message);
  lua_insert(state, base);
  int rc = lua_pcall(state, nargs, nresults, base);
  lua_remove(state, base);
  lua_sethook(state, NULL, 0, 0);
  lua_watchdog_disarm(lua);
  if (rc == LUA_OK) return 0;
  if (rc == LUA_ERRMEM && !lua->exceeded[0])
    snprintf(lua->exceeded, sizeof lua->exceeded, "%s: memory limit exceeded (%zu bytes)",
             lua->where, lua->limits.memory);
  lua_gc(state, LUA_GCCOLLECT, 0); /* give back what the failed call held */
  const char *message = lua_tostring(state, -1);
  sl_error_set(error, "%s", lua->exceeded[0] ? lua->exceeded : message ? message : "error");
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
