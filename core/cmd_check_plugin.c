/*
 * cmd_check_plugin.c: `sendlens check-plugin FILE.so`, the conformance
 * check for a plugin's author. Each check prints "pass", "FAIL" or "skip"
 * with its reason: the descriptor and ABI, that it loads (in a child
 * process), that it emits only valid records, that every record has a
 * source, that two loads give the same result, and that a load leaks
 * nothing (under valgrind, when it is installed; a load that fails is its
 * own check's failure, not a leak). Works in a temporary folder, kept only
 * when a report names a file in it; touches no database of the user's.
 * FILE is a path ("devon.so" is the file in this folder).
 */
#include <cjson/cJSON.h>
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cli.h"
#include "export_json.h"
#include "host.h"
#include "mapping.h"
#include "themes.h"

typedef struct check_run {
  const sl_cli *cli;
  const sl_plugin_entry *entry;
  char folder[256];
  char db[300];
  int failed;
  int keep; /* a report names a file in folder: leave it for the author */
} check_run;

static void check_report(check_run *run, const char *verdict, const char *what, const char *why) {
  printf("%-4s  %s%s%s\n", verdict, what, why && *why ? ": " : "", why ? why : "");
  if (strcmp(verdict, "FAIL") == 0) run->failed = 1;
}

/* One load of the plugin into the check's database; 0 or -1 with error. */
static int check_load(check_run *run, sl_store *store, sl_error *error) {
  const sl_plugin *plugin = run->entry->descriptor;
  const char *scripts[SL_CLI_MAX_DIRS + 1];
  int script_count = sl_cli_scripts_dirs(run->cli, scripts, SL_CLI_MAX_DIRS + 1);
  sl_mapping_context mapping = {
      scripts, script_count, plugin->name, run->entry->dir, sl_lua_default_limits(), ""};
  sl_host_options options = sl_host_default_options();
  options.plugin_path = run->entry->path;
  options.after_load = sl_mapping_apply;
  options.after_context = &mapping;
  return sl_host_load_with(plugin, run->entry->dir, store, &options, NULL, error);
}

/* The child's own end, as opposed to a record the host refused. */
static int check_crashed(const char *message) {
  static const char *const ends[] = {"crashed (", "exited with status", "did not finish within",
                                     "used more than its memory limit", NULL};
  for (int i = 0; ends[i]; i++)
    if (strstr(message, ends[i])) return 1;
  return 0;
}

static char *check_export(sl_store *store, const char *code) {
  sl_error error;
  cJSON *area = sl_export_area(store, code, 0, &error);
  char *text = area ? cJSON_PrintUnformatted(area) : NULL;
  cJSON_Delete(area);
  return text;
}

static void check_sources(check_run *run, sl_store *store) {
  sqlite3_stmt *statement = sl_store_prepare(
      store,
      "SELECT count(*), sum(NOT EXISTS (SELECT 1 FROM source s WHERE s.fact = f.id)) "
      "FROM fact f WHERE f.area = ?1",
      "t", NULL, run->entry->descriptor->area_code);
  if (!statement || sqlite3_step(statement) != SQLITE_ROW) {
    check_report(run, "FAIL", "every record has a source", "cannot query the store");
    return;
  }
  char why[128];
  int records = sqlite3_column_int(statement, 0), bare = sqlite3_column_int(statement, 1);
  snprintf(why, sizeof why, "%d records, %d without a source", records, bare);
  sqlite3_reset(statement);
  check_report(run, bare == 0 && records > 0 ? "pass" : "FAIL", "every record has a source", why);
}

static void check_stable(check_run *run, sl_store *store) {
  const char *code = run->entry->descriptor->area_code;
  sl_error error;
  char *first = check_export(store, code);
  int loaded = check_load(run, store, &error) == 0;
  char *second = loaded ? check_export(store, code) : NULL;
  if (!loaded)
    check_report(run, "FAIL", "two loads give the same result", error.message);
  else
    check_report(run, first && second && strcmp(first, second) == 0 ? "pass" : "FAIL",
                 "two loads give the same result",
                 first && second && strcmp(first, second) == 0 ? "identical exports"
                                                               : "the second export differs");
  cJSON_free(first);
  cJSON_free(second);
}

/* The valgrind child: this very program, one in-process load of the
 * plugin from its own folder with the same scripts, into the check's
 * folder. Its exit codes: 0 clean, 99 valgrind found a leak or a memory
 * error, anything else the load's own failure. */
static void check_valgrind_child(const check_run *run, const char *self, const char *db,
                                 const char *log) {
  if (!freopen("/dev/null", "w", stdout)) _exit(127); /* the load's own report */
  if (!freopen("/dev/null", "w", stderr)) _exit(127); /* its errors: "loads" said them */
  char log_option[340];
  snprintf(log_option, sizeof log_option, "--log-file=%s", log);
  const char *argv[16 + 2 * SL_CLI_MAX_DIRS];
  int argc = 0;
  const char *fixed[] = {"valgrind",
                         "--leak-check=full",
                         "--errors-for-leak-kinds=definite",
                         "--error-exitcode=99",
                         log_option,
                         self,
                         "--db",
                         db,
                         "--plugins",
                         run->entry->dir};
  for (size_t i = 0; i < sizeof fixed / sizeof *fixed; i++)
    argv[argc++] = fixed[i];
  for (int i = 0; i < run->cli->scripts_dir_count; i++) {
    argv[argc++] = "--scripts";
    argv[argc++] = run->cli->scripts_dirs[i];
  }
  argv[argc++] = "load";
  argv[argc++] = "--in-process";
  argv[argc++] = run->entry->descriptor->name;
  argv[argc] = NULL;
  execvp("valgrind", (char *const *)argv);
  _exit(127);
}

/* valgrind runs this very program on one in-process load. A load that
 * fails is another check's failure, never reported as a leak. */
static void check_leaks(check_run *run) {
#if defined(__SANITIZE_ADDRESS__)
  check_report(run, "skip", "no leaks", "this sendlens is built with AddressSanitizer");
  return;
#endif
  if (run->failed) {
    check_report(run, "skip", "no leaks", "an earlier check failed");
    return;
  }
  if (system("command -v valgrind >/dev/null 2>&1") != 0) {
    check_report(run, "skip", "no leaks", "valgrind is not installed");
    return;
  }
  char self[4096];
  ssize_t length = readlink("/proc/self/exe", self, sizeof self - 1);
  if (length <= 0) {
    check_report(run, "skip", "no leaks", "cannot find this program");
    return;
  }
  self[length] = '\0';
  char db[320], log[320];
  snprintf(db, sizeof db, "%s/valgrind.db", run->folder);
  snprintf(log, sizeof log, "%s/valgrind.log", run->folder);
  fflush(stdout); /* else the child's copy of the buffer is printed twice */
  fflush(stderr);
  pid_t child = fork();
  if (child == 0) check_valgrind_child(run, self, db, log);
  int status = 0;
  while (child > 0 && waitpid(child, &status, 0) < 0)
    continue;
  int code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  char why[400];
  if (code == 0) {
    check_report(run, "pass", "no leaks", "valgrind found no leaks or errors");
  } else if (code == 99) {
    run->keep = 1;
    snprintf(why, sizeof why, "valgrind found a leak or a memory error, see %s", log);
    check_report(run, "FAIL", "no leaks", why);
  } else {
    snprintf(why, sizeof why, "the load under valgrind did not finish (status %d)", code);
    check_report(run, "skip", "no leaks", why);
  }
}

/* The checks that need the plugin loaded. */
static void check_loaded(check_run *run) {
  sl_error error;
  sl_store *store = sl_store_open(run->db, &error);
  if (!store || sl_themes_sync(store, sl_cli_data_dir(), &error)) {
    check_report(run, "FAIL", "loads", error.message);
    sl_store_close(store);
    return;
  }
  if (check_load(run, store, &error)) {
    int crashed = check_crashed(error.message);
    check_report(run, crashed ? "FAIL" : "pass", "loads", crashed ? error.message : NULL);
    if (!crashed) check_report(run, "FAIL", "emits only valid records", error.message);
  } else {
    check_report(run, "pass", "loads", NULL);
    check_report(run, "pass", "emits only valid records", NULL);
    check_sources(run, store);
    check_stable(run, store);
  }
  sl_store_close(store);
}

/* Remove the check's folder, unless a report points into it. */
static void check_clean(check_run *run) {
  if (run->keep) {
    printf("(kept %s for the files named above)\n", run->folder);
    return;
  }
  char command[400];
  snprintf(command, sizeof command, "rm -rf '%s'", run->folder);
  if (system(command) != 0)
    fprintf(stderr, "sendlens: check-plugin: could not remove %s\n", run->folder);
}

/* dlopen reads a name without a slash as a library to look up, not a
 * file here: "devon.so" must mean ./devon.so, as the user meant. */
static void check_plugin(check_run *run, const char *given) {
  sl_plugin_entry entry;
  char why[512], path[4096];
  if (!realpath(given, path)) {
    snprintf(why, sizeof why, "%s: %s", given, strerror(errno));
    check_report(run, "FAIL", "descriptor and ABI", why);
    return;
  }
  if (sl_plugin_open(path, &entry)) {
    check_report(run, "FAIL", "descriptor and ABI", entry.refusal);
    sl_plugin_close(&entry);
    return;
  }
  const sl_plugin *plugin = entry.descriptor;
  snprintf(why, sizeof why, "%s %s for %s (%s), ABI %d", plugin->name, plugin->version,
           plugin->area_name, plugin->area_code, plugin->abi_version);
  check_report(run, "pass", "descriptor and ABI", why);
  run->entry = &entry;
  const char *tmp = getenv("TMPDIR");
  snprintf(run->folder, sizeof run->folder, "%s/sendlens-check-XXXXXX", tmp && *tmp ? tmp : "/tmp");
  if (!mkdtemp(run->folder)) {
    check_report(run, "FAIL", "loads", "cannot make a temporary folder");
  } else {
    snprintf(run->db, sizeof run->db, "%s/check.db", run->folder);
    check_loaded(run);
    check_leaks(run);
    check_clean(run);
  }
  run->entry = NULL; /* entry ends here */
  sl_plugin_close(&entry);
}

int sl_cmd_check_plugin(sl_cli *cli) {
  sl_cli_options options;
  int status = sl_cli_parse(cli, NULL, NULL, 1, &options);
  if (status != SL_EXIT_OK || options.done) goto done;
  if (options.positional_count != 1) {
    status = sl_cli_usage_error(cli, "FILE.so is required");
    goto done;
  }
  check_run run = {.cli = cli};
  check_plugin(&run, options.positional[0]);
  printf("%s\n", run.failed ? "conformance: FAILED" : "conformance: passed");
  fflush(stdout); /* the report, then the error line that sums it up */
  status = run.failed ? sl_cli_fail("check-plugin: %s: FAILED (the report on stdout says which "
                                    "check and why)",
                                    options.positional[0])
                      : SL_EXIT_OK;
done:
  sl_cli_options_free(&options);
  return status;
}
