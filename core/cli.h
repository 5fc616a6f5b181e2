/*
 * cli.h: what every command of the `sendlens` program shares: the global
 * options, the command table and the helpers for options, the store and the
 * plugin search path. Each command lives in its own core/cmd_*.c.
 */
#ifndef SL_CLI_H
#define SL_CLI_H

#include <stdio.h>

#include "error.h"
#include "plugin_loader.h"
#include "store.h"

enum { SL_EXIT_OK = 0, SL_EXIT_FAILURE = 1, SL_EXIT_USAGE = 2, SL_CLI_MAX_DIRS = 32 };

typedef struct sl_cli {
  const char *db_path;
  const char *plugin_dirs[SL_CLI_MAX_DIRS]; /* --plugins, in order */
  int plugin_dir_count;
  const char *scripts_dirs[SL_CLI_MAX_DIRS]; /* --scripts, in order */
  int scripts_dir_count;
  int argc; /* the command's own arguments, argv[0] its name */
  char **argv;
} sl_cli;

/* A row of the command table (core/main.c), from which every help text
 * and docs/cli.md are made. */
typedef struct sl_command {
  const char *name;
  int (*run)(sl_cli *cli);
  const char *summary; /* one line for the list of commands */
  const char *usage;   /* the command's --help text after its name */
  const char *details; /* more for --help: what it reads, its options; or NULL */
  const char *example; /* one or more command lines, a line each */
} sl_command;

/* The table, ended by a row of NULLs. */
extern const sl_command sl_commands[];
/* The command of that name, or NULL. */
const sl_command *sl_cli_command(const char *name);
/* sendlens's own usage and the list of commands. */
void sl_cli_main_usage(FILE *out);
/* What `COMMAND --help` prints: usage, summary, details, example. */
void sl_cli_command_help(const sl_command *command, FILE *out);

/* The longer help texts kept beside their commands. */
extern const char sl_import_cases_help[];
extern const char sl_indicators_help[];

int sl_cmd_plugins(sl_cli *cli);
int sl_cmd_load(sl_cli *cli);
int sl_cmd_import_progress(sl_cli *cli);
int sl_cmd_areas(sl_cli *cli);
int sl_cmd_show(sl_cli *cli);
int sl_cmd_compare(sl_cli *cli);
int sl_cmd_export(sl_cli *cli);
int sl_cmd_template(sl_cli *cli);
int sl_cmd_indicators(sl_cli *cli);
int sl_cmd_run(sl_cli *cli);
int sl_cmd_check_plugin(sl_cli *cli);
int sl_cmd_import_cases(sl_cli *cli);
int sl_cmd_import_statistics(sl_cli *cli);
int sl_cmd_help(sl_cli *cli);

/* Print "sendlens: message" to stderr; return SL_EXIT_FAILURE. Every error
 * line of a command starts "sendlens: COMMAND: ", so the message does. */
int sl_cli_fail(const char *format, ...) __attribute__((format(printf, 1, 2)));
/* Print "sendlens: COMMAND: message" and the usage line; return SL_EXIT_USAGE. */
int sl_cli_usage_error(const sl_cli *cli, const char *format, ...)
    __attribute__((format(printf, 2, 3)));

/*
 * Parse a command's options: flags is a list of the long options it takes,
 * e.g. {"json", NULL}; valued is those taking a value, e.g. {"format", "o",
 * NULL}. Prints --help itself (*done set). Options found are returned
 * through sl_cli_flag / sl_cli_value; the remaining words through
 * *positional, of which there may be at most max_positional (-1: any).
 * Returns SL_EXIT_OK or SL_EXIT_USAGE.
 */
typedef struct sl_cli_options {
  const char *names[16];
  const char *values[16];
  int count;
  char **positional;
  int positional_count;
  int done; /* --help was printed */
} sl_cli_options;

int sl_cli_parse(sl_cli *cli, const char *const *flags, const char *const *valued,
                 int max_positional, sl_cli_options *options);
void sl_cli_options_free(sl_cli_options *options);
int sl_cli_flag(const sl_cli_options *options, const char *name);
const char *sl_cli_value(const sl_cli_options *options, const char *name);

/* The Lua limits from --max-memory MiB, --max-instructions N and
 * --max-seconds S, over the defaults. SL_EXIT_USAGE for a bad value. */
struct sl_lua_limits;
int sl_cli_limits(const sl_cli *cli, const sl_cli_options *options, struct sl_lua_limits *limits);

/* The store, opened for writing or reading; NULL after printing why. */
sl_store *sl_cli_open_store(const sl_cli *cli, int writable);

/* Every plugin directory in search order: each --plugins DIR, then the
 * bundled plugins' folder (core/paths.c). Returns the count. */
int sl_cli_plugin_dirs(const sl_cli *cli, const char **dirs, int capacity);

/* Discover the plugins of every directory in search order; on failure,
 * prints why and returns -1. */
int sl_cli_discover(const sl_cli *cli, sl_plugin_set *set);

/* Where the data files are (schemas/themes.json, scripts/): the source
 * tree of this build, or the installed share folder (core/paths.c). */
const char *sl_cli_data_dir(void);
/* The bundled Lua scripts: DATA_DIR/scripts. */
const char *sl_cli_bundled_scripts(void);
/* The Lua script folders in search order: each --scripts DIR, then the
 * bundled scripts, last. A file found in an earlier folder replaces the
 * bundled file of the same path; files found only there are added. */
int sl_cli_scripts_dirs(const sl_cli *cli, const char **dirs, int capacity);

/* The .lua files of FOLDER ("indicators", "statistics") of every scripts
 * folder, a file name once (the first folder's wins), sorted by file name
 * so the order is the same whichever folder gave a file. count is set;
 * NULL-terminated, each path and the array owned by the caller; NULL out
 * of memory. */
char **sl_cli_script_files(const sl_cli *cli, const char *folder, int *count);

/* Print a cJSON tree to stdout and free it; SL_EXIT_FAILURE if NULL. */
struct cJSON;
int sl_cli_print_json(struct cJSON *json);

#endif
