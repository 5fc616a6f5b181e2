/*
 * test_lua_sandbox.c: what an untrusted script cannot do. Each attempt must
 * fail with a message naming the chunk and line (where Lua knows one), and
 * the limits must stop runaway scripts quickly.
 */
#include <lauxlib.h>
#include <string.h>
#include <time.h>

#include "check.h"
#include "lua_sandbox.h"

/* Run code as chunk "=script.lua"; 0 on success, else the message. */
static const char *run(sl_lua *lua, const char *code, sl_error *error) {
  lua_State *state = sl_lua_state(lua);
  if (luaL_loadbufferx(state, code, strlen(code), "@script.lua", "t") != LUA_OK) {
    snprintf(error->message, sizeof error->message, "%s", lua_tostring(state, -1));
    lua_pop(state, 1);
    return error->message;
  }
  if (sl_lua_call(lua, 0, 0, error)) return error->message;
  return NULL;
}

static void expect_fail(sl_lua *lua, const char *code, const char *words) {
  sl_error error;
  const char *message = run(lua, code, &error);
  CHECK(message != NULL);
  if (message && !strstr(message, words)) {
    fprintf(stderr, "for %s: message '%s' lacks '%s'\n", code, message, words);
    CHECK(0);
  }
}

int main(void) {
  sl_lua_limits limits = {8u << 20, 5000000u, 5.0};
  sl_error error;
  sl_lua *lua = sl_lua_new(&limits, &error);
  CHECK(lua != NULL);
  CHECK(run(lua, "x = string.format('%d', 1 + 1); assert(os.time() > 0); assert(os.clock() >= 0)",
            &error) == NULL);
  CHECK(run(lua,
            "assert(utf8.len('été') == 3 and math.floor(2.5) == 2 and table.concat({1,2}) == '12')",
            &error) == NULL);
  expect_fail(lua, "os.execute('true')", "script.lua:1:");
  expect_fail(lua, "io.open('/etc/passwd')", "script.lua:1:");
  expect_fail(lua, "require('os')", "script.lua:1:");
  expect_fail(lua, "dofile('/etc/passwd')", "script.lua:1:");
  expect_fail(lua, "loadfile('/etc/passwd')", "script.lua:1:");
  expect_fail(lua, "os.exit(1)", "script.lua:1:");
  expect_fail(lua, "os.remove('/tmp/x')", "script.lua:1:");
  expect_fail(lua, "debug.getinfo(1)", "script.lua:1:");
  expect_fail(lua, "package.loadlib('x', 'y')", "script.lua:1:");
  expect_fail(lua, "collectgarbage('stop')", "only \"count\"");
  expect_fail(lua, "load('\\27Lua', 'x', 'b')", "only text chunks");
  expect_fail(lua, "local f = assert(load('\\27LuaT\\0'))", "script.lua:1:");
  expect_fail(lua, "string.dump(print)", "script.lua:1:");
  CHECK(run(lua, "assert(load('return 1 + 1')() == 2)", &error) == NULL);

  struct timespec start, end;
  clock_gettime(CLOCK_MONOTONIC, &start);
  expect_fail(lua, "\nwhile true do end", "script.lua:2: instruction budget exceeded");
  expect_fail(lua, "local s = string.rep('x', 1 << 30)", "script.lua:1: memory limit exceeded");
  expect_fail(lua, "\n\nlocal t = {} for i = 1, 1e9 do t[i] = i end",
              "script.lua:3: memory limit exceeded");
  expect_fail(lua, "local s = 'x' for i = 1, 40 do s = s .. s end",
              "script.lua:1: memory limit exceeded");
  /* Unbounded recursion ends in Lua's stack overflow or the memory cap,
   * whichever comes first; either way with the script's line. */
  expect_fail(lua, "local function f() return 1 + f() end f()", "script.lua:1:");
  clock_gettime(CLOCK_MONOTONIC, &end);
  CHECK(end.tv_sec - start.tv_sec < 20);
  /* A limit once exceeded cannot be caught: pcall, xpcall, a message
   * handler that loops, coroutines and load give it back up. */
  expect_fail(lua, "while true do pcall(function() while true do end end) end",
              "script.lua:1: instruction budget exceeded");
  expect_fail(lua, "while true do xpcall(error, function() while true do end end) end",
              "script.lua:1: instruction budget exceeded");
  expect_fail(lua,
              "while true do coroutine.resume(coroutine.create(function() while true do end "
              "end)) end",
              "script.lua:1: instruction budget exceeded");
  expect_fail(lua, "while true do pcall(coroutine.wrap(function() while true do end end)) end",
              "script.lua:1: instruction budget exceeded");
  expect_fail(lua,
              "local t = {} while true do pcall(function() t[#t + 1] = string.rep('x', 1 << 20) "
              "end) end",
              "script.lua:1: memory limit exceeded");
  expect_fail(lua, "while true do load(string.rep('x = 1 ', 1 << 22)) end",
              "memory limit exceeded");
  /* No finalizers: setmetatable refuses __gc. */
  expect_fail(lua, "setmetatable({}, {__gc = function() end})", "__gc finalizers are not allowed");
  CHECK(run(lua, "local ok = pcall(error, 'x') assert(not ok) setmetatable({}, {__index = {}})",
            &error) == NULL);
  /* The state is still usable after each failure: each call has its own
   * budget. */
  CHECK(run(lua, "y = 1", &error) == NULL);
  sl_lua_free(lua);

  sl_lua_limits slow = {8u << 20, UINT64_MAX / 2, 0.2};
  lua = sl_lua_new(&slow, &error);
  expect_fail(lua, "while true do end", "time limit exceeded");
  sl_lua_free(lua);
  return CHECK_DONE();
}
