/*
 * cmd_run.c: `sendlens run SCRIPT.lua`, an adviser's ad-hoc script in the
 * same sandbox as the indicators, with the read-only database as the global
 * `sendlens` (sql, value, areas, area). It writes with print.
 */
#include <lauxlib.h>

#include "cli.h"
#include "lua_db.h"

int sl_cmd_run(sl_cli *cli) {
  static const char *const valued[] = {"max-memory", "max-instructions", "max-seconds", NULL};
  sl_cli_options options;
  sl_lua_limits limits;
  int status = sl_cli_parse(cli, NULL, valued, -1, &options);
  if (status != SL_EXIT_OK || options.done) goto done;
  if ((status = sl_cli_limits(cli, &options, &limits)) != SL_EXIT_OK) goto done;
  if (options.positional_count != 1) {
    status = sl_cli_usage_error(cli, "one SCRIPT.lua is required");
    goto done;
  }
  sl_store *store = sl_cli_open_store(cli, 0); /* creates or migrates; then closed */
  sl_error error;
  sl_lua *lua = store ? sl_lua_new(&limits, &error) : NULL;
  sl_lua_db *db = lua ? sl_lua_db_open(cli->db_path, lua, &error) : NULL;
  sl_store_close(store);
  status = SL_EXIT_FAILURE;
  if (!store) {
    /* sl_cli_open_store has said why */
  } else if (!db) {
    sl_cli_fail("run: %s", error.message);
  } else if (sl_lua_db_push_context(db, sl_lua_state(lua), NULL, NULL, &error)) {
    sl_cli_fail("run: %s", error.message);
  } else {
    lua_setglobal(sl_lua_state(lua), "sendlens");
    if (sl_lua_run_file(lua, options.positional[0], 0, &error))
      sl_cli_fail("run: %s", error.message);
    else
      status = SL_EXIT_OK;
  }
  sl_lua_db_close(db);
  sl_lua_free(lua);
done:
  sl_cli_options_free(&options);
  return status;
}
