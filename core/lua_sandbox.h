/*
 * lua_sandbox.h: a Lua 5.4 state for untrusted scripts. Only base (without
 * dofile, loadfile, bytecode loading or collectgarbage control), string,
 * table, math, utf8 and os.time/os.date/os.clock; bounded in memory (a
 * custom allocator), instructions (a count hook) and wall-clock time. A
 * script that breaks a limit fails with "file:line: reason", and stays
 * failed: pcall, xpcall and coroutines cannot catch an exceeded limit (the
 * call ends with it). A call stuck inside one C
 * function past its time (and a grace period) is ended by a watchdog
 * thread, which ends the process. setmetatable refuses __gc: no finalizer
 * of a script ever runs.
 */
#ifndef SL_LUA_SANDBOX_H
#define SL_LUA_SANDBOX_H

#include <lua.h>
#include <stddef.h>
#include <stdint.h>

#include "error.h"

typedef struct sl_lua_limits {
  size_t memory;         /* bytes the state may hold */
  uint64_t instructions; /* VM instructions per call */
  double seconds;        /* wall-clock time per call */
} sl_lua_limits;

/* Defaults: 64 MiB, 100 million instructions, 10 seconds. */
sl_lua_limits sl_lua_default_limits(void);

typedef struct sl_lua sl_lua;

sl_lua *sl_lua_new(const sl_lua_limits *limits, sl_error *error);
void sl_lua_free(sl_lua *lua);
lua_State *sl_lua_state(sl_lua *lua);

/* Told when each call starts (a process running scripts for another
 * tells it the clock has restarted). */
typedef void (*sl_lua_on_call)(void *context);
/* Told when a call has outlived its time and the grace period; must not
 * return (the default says "sendlens: message" on stderr and _exits 1). */
typedef void (*sl_lua_on_expiry)(void *context, const char *message);
void sl_lua_set_callbacks(sl_lua *lua, sl_lua_on_call on_call, sl_lua_on_expiry on_expiry,
                          void *context);

const sl_lua_limits *sl_lua_get_limits(const sl_lua *lua);

/* Load a text (never bytecode) chunk from path and run it, leaving nresults
 * on the stack. */
int sl_lua_run_file(sl_lua *lua, const char *path, int nresults, sl_error *error);

/* Whether the call running now has used up its time (for work done
 * outside the Lua VM, such as SQLite's). Only reads: helper threads of the
 * call may ask too. */
int sl_lua_over_time(const sl_lua *lua);

/* Bytes the state may still allocate: the budget of results gathered
 * outside it (by helper threads) before they become Lua values. */
size_t sl_lua_memory_left(const sl_lua *lua);

/* lua_pcall under the limits (the budget restarts for each call). */
int sl_lua_call(sl_lua *lua, int nargs, int nresults, sl_error *error);

#endif
