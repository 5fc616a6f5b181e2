/*
 * cmd_run.c: `sendlens run SCRIPT.lua`, an adviser's ad-hoc script in the
 * same sandbox as the indicators, with the read-only database as the global
 * `sendlens` (sql, value, areas, area). It writes with print. The script
 * runs in a child process (script_child.h), which opens the database
 * itself; what it prints goes straight to stdout.
 */
#include <lauxlib.h>
#include <stdlib.h>

#include "cli.h"
#include "lua_db.h"
#include "script_child.h"

typedef struct run_job {
  const char *db_path, *script;
  const sl_lua_limits *limits;
} run_job;

/* In the child: the script, with the database as the global sendlens. */
static int run_script(void *context, sl_script_child *child, char **output, size_t *length,
                      sl_error *error) {
  const run_job *job = context;
  *output = NULL;
  *length = 0;
  sl_lua *lua = sl_lua_new(job->limits, error);
  if (!lua) return -1;
  sl_script_child_watch(child, lua);
  sl_lua_db *db = sl_lua_db_open(job->db_path, lua, error);
  int rc = -1;
  if (db && sl_lua_db_push_context(db, sl_lua_state(lua), NULL, NULL, error) == 0) {
    lua_setglobal(sl_lua_state(lua), "sendlens");
    rc = sl_lua_run_file(lua, job->script, 0, error);
  }
  sl_lua_free(lua); /* first: its statements belong to db's connections */
  sl_lua_db_close(db);
  return rc;
}

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
  sl_store_close(store);
  status = SL_EXIT_FAILURE;
  if (store) {
    run_job job = {cli->db_path, options.positional[0], &limits};
    char *output;
    size_t length;
    sl_error error;
    if (sl_script_child_run(options.positional[0], &limits, run_script, &job, &output, &length,
                            &error))
      sl_cli_fail("run: %s", error.message);
    else
      status = SL_EXIT_OK;
    if (status == SL_EXIT_OK) free(output);
  }
done:
  sl_cli_options_free(&options);
  return status;
}
