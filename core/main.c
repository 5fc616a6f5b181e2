/*
 * main.c: the `sendlens` program. Global options, then a command, git style:
 *   sendlens [--db PATH] [--plugins DIR]... [--scripts DIR]... COMMAND [ARGS]
 * Exit codes: 0 success, 1 failure, 2 usage.
 */
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "publication.h"

const sl_command sl_commands[] = {
    {"plugins", sl_cmd_plugins, "discovered plugins: name, area, version, ABI, status", "[--json]",
     NULL},
    {"load", sl_cmd_load, "run plugins (all by default), map, store",
     "[AREA...] [--plugin-seconds S] [--plugin-memory MIB] [--in-process]",
     "Each plugin runs in a confined child process: only its pipe open, read-only\n"
     "access to its .so, its sources/ folder and the system's libraries (Landlock), no\n"
     "new process, socket or signal to another (seccomp). Each area is one transaction.\n"
     "\n"
     "  --plugin-seconds S   stop a plugin that runs longer (default 60)\n"
     "  --plugin-memory MIB  stop a plugin that holds more resident memory (default 1024)\n"
     "  --in-process         for debugging only: run the plugins in sendlens itself,\n"
     "                       unisolated (a warning says so); --plugin-seconds still\n"
     "                       holds and ends sendlens\n"},
    {"import-progress", sl_cmd_import_progress,
     "one area's progress return for one period (CSV or XLSX, see schemas/progress-return.md)",
     "AREA FILE [--json]", NULL},
    {"template", sl_cmd_template,
     "a progress return to fill in (XLSX) for import-progress: a row per action and measure",
     "progress AREA -o FILE.xlsx",
     "An Instructions sheet, then Return (the sheet import-progress reads: Ref and Kind\n"
     "filled, drop-down lists for Status and for the quarters the plan covers), then Plan\n"
     "(what each ref is; not read back). schemas/progress-return.md describes the columns.\n"
     "\n"
     "example:\n"
     "  sendlens template progress walsall -o walsall-2024-Q2.xlsx\n"
     "  sendlens import-progress walsall walsall-2024-Q2.xlsx\n"},
    {"import-cases", sl_cmd_import_cases,
     "import areas' person-level EHC records (CSV; identifiers pseudonymised)",
     "AREA FILE [AREA FILE...]", NULL},
    {"import-statistics", sl_cmd_import_statistics,
     "import official statistics: Explore education statistics CSV files or a release zip; "
     "mapped columns become common indicators (scripts/statistics/)",
     "FILE... [--mapping FILE.lua]... [--json]",
     "FILE is an open-data CSV of Explore education statistics, a release zip (its CSV\n"
     "members read in place; a member not in the standard format is skipped with a note)\n"
     "or a release's data-guidance.txt. Every row is stored as published; the columns\n"
     "that scripts/statistics/*.lua and each --mapping file declare become figures of\n"
     "common indicators, each with its file, line and column. All files are one\n"
     "transaction; a bad cell is reported as FILE:LINE:COLUMN and nothing is stored; a\n"
     "file of the same name imported again replaces the earlier one.\n"
     "\n"
     "  --mapping FILE.lua  more declarations (publication {}, statistic {}) for this\n"
     "                      import, after the bundled ones (docs/statistics.md)\n"
     "  --json              one object per file imported\n"
     "\n"
     "example:\n"
     "  sendlens import-statistics data/dfe-ehcp-2025/education-health-and-care-plans_2025.zip\n"
     "  sendlens compare --indicators\n"},
    {"areas", sl_cmd_areas, "loaded areas with counts", "[--json]", NULL},
    {"show", sl_cmd_show,
     "one area in full, with sources and conflicts; --since PERIOD what changed since a review",
     "AREA [--since PERIOD [--as-of DATE]] [--json]",
     "  (no option)       the area in full: inspections, plans, roles, reviews,\n"
     "                    conflicts, progress returns and the latest one summed up\n"
     "                    (\"4 of 38 actions reported in 2024-Q3: 3 in progress, 1 completed\")\n"
     "  --since PERIOD    what changed between the return for PERIOD (or the latest\n"
     "                    ending on or before it) and the latest return: actions whose\n"
     "                    status changed, measures that moved towards or away from\n"
     "                    their target, actions overdue, the summary. PERIOD as\n"
     "                    returns write it (2024-Q1, Q3 2022/23, Sep 2023: docs/periods.md)\n"
     "  --as-of DATE      with --since: judge overdue actions at DATE rather than at\n"
     "                    the last day of the latest return's period\n"
     "  --json            the same as JSON (--since: schemas/changes.schema.json)\n"
     "\n"
     "example:\n"
     "  sendlens show walsall --since 2024-Q1\n"},
    {"compare", sl_cmd_compare,
     "themes x areas matrix; --theme T side by side; --gaps what is unmeasured; "
     "--indicators official figures",
     "[--theme T | --gaps | --indicators [--area LA]... [--group FILE.csv]...] [--json]",
     "  (no option)    the themes x areas matrix; * marks a weakness or concern under\n"
     "                 several themes, and the total row counts each once\n"
     "  --theme T      one theme, the areas side by side in their own words, with the\n"
     "                 official figures of the indicators that measure it\n"
     "  --gaps         what cannot be measured: themes without measures, measures without\n"
     "                 baseline or target, actions without lead or due date\n"
     "  --indicators   the imported official statistics: each area's series beside\n"
     "                 England and its region, its rank and quartile among all local\n"
     "                 authorities, its change, the groups (the region, the partnership,\n"
     "                 each --group FILE.csv of GSS codes or DfE numbers), and the area's\n"
     "                 own quarterly figures from its case records\n"
     "  --area LA      with --indicators: a local authority by code, number or name\n"
     "  --json         the same as JSON\n"
     "\n"
     "example:\n"
     "  sendlens compare --indicators --theme ehcp_timeliness --group neighbours.csv\n"},
    {"export", sl_cmd_export, "write the data: json (interchange), csv, xlsx or html",
     "--format json|csv|xlsx|html [-o PATH] [--board-pack] [--bom] [--title TEXT] "
     "[--publisher TEXT] [--date DATE]",
     "  --format F        json (stdout or -o FILE), csv (-o DIR), xlsx (-o FILE.xlsx),\n"
     "                    html (one self-contained page; stdout or -o FILE.html)\n"
     "  -o PATH           where to write\n"
     "  --board-pack      with html: the page to print and hand round: contents, the\n"
     "                    matrix, then one A4 page per area (plan, concerns with their\n"
     "                    actions' status counts, measures' latest values), no footnotes\n"
     "  --bom             with csv: begin each file with UTF-8's byte order mark, so\n"
     "                    Excel opens a double-clicked file as UTF-8 (default: RFC 4180,\n"
     "                    no mark)\n"
     "  --title TEXT      the publication's title (default:\n"
     "                    \"" SL_PUBLICATION_TITLE "\")\n"
     "  --publisher TEXT  who publishes it (default: not stated)\n"
     "  --date DATE       its publication date, YYYY-MM-DD (default: SOURCE_DATE_EPOCH's\n"
     "                    day, else today, UTC)\n"
     "\n"
     "Every format carries the publication metadata: title, publisher, date, data as\n"
     "at (the latest date the loaded data carries, and which data that is), the\n"
     "sendlens and schema versions, and the sources with their public addresses and\n"
     "licences where recorded (a plugin's sources/sources.json; docs/plugin-guide.md).\n"
     "\n"
     "examples:\n"
     "  sendlens export --format html -o dashboard.html \\\n"
     "    --title \"West Midlands SEND improvement\" --publisher \"West Midlands SEND "
     "partnership\"\n"
     "  sendlens export --format html --board-pack -o board.html\n"
     "  sendlens export --format csv --bom -o tables\n"},
    {"indicators", sl_cmd_indicators, "compute indicators per area and period",
     "[FILE.lua...] [--json] [--max-memory MIB] [--max-instructions N] [--max-seconds S]", NULL},
    {"run", sl_cmd_run, "run an adviser's Lua script in the sandbox (read-only database)",
     "SCRIPT.lua [--max-memory MIB] [--max-instructions N] [--max-seconds S]", NULL},
    {"check-plugin", sl_cmd_check_plugin, "conformance check for a plugin author", "FILE.so", NULL},
    {NULL, NULL, NULL, NULL, NULL},
};

static void main_usage(FILE *out) {
  fprintf(out, "usage: sendlens [--db PATH] [--plugins DIR]... [--scripts DIR]... COMMAND [ARGS]\n"
               "\n"
               "Compare how England's local areas fix the weaknesses Ofsted and CQC found in\n"
               "their SEND services.\n"
               "\n"
               "options:\n"
               "  --db PATH       the SQLite database (default $SENDLENS_DB, else ./sendlens.db)\n"
               "  --plugins DIR   search DIR for area plugins first (repeatable); then the\n"
               "                  bundled ones (the build's, or the installed ones)\n"
               "  --scripts DIR   Lua scripts searched before the bundled ones (repeatable):\n"
               "                  a file there replaces the bundled file of the same path\n"
               "  --version       print the version and exit\n"
               "  --help          this help\n"
               "\n"
               "commands:\n");
  int width = 0;
  for (const sl_command *command = sl_commands; command->name; command++)
    if ((int)strlen(command->name) > width) width = (int)strlen(command->name);
  for (const sl_command *command = sl_commands; command->name; command++)
    fprintf(out, "  %-*s %s\n", width, command->name, command->summary);
  fprintf(out, "\n'sendlens COMMAND --help' describes a command.\n");
}

/* Global option VALUE, as "--opt VALUE" or "--opt=VALUE". */
static const char *main_option_value(int argc, char **argv, int *index, const char *name) {
  size_t length = strlen(name);
  const char *arg = argv[*index];
  if (strncmp(arg, name, length) != 0) return NULL;
  if (arg[length] == '=') return arg + length + 1;
  if (arg[length] != '\0') return NULL;
  if (*index + 1 >= argc) return "";
  return argv[++*index];
}

static int main_global_options(sl_cli *cli, int argc, char **argv, int *index) {
  for (*index = 1; *index < argc && argv[*index][0] == '-'; (*index)++) {
    const char *value;
    if ((value = main_option_value(argc, argv, index, "--db"))) {
      cli->db_path = value;
    } else if ((value = main_option_value(argc, argv, index, "--plugins"))) {
      if (cli->plugin_dir_count == SL_CLI_MAX_DIRS) {
        fprintf(stderr, "sendlens: too many --plugins (at most %d)\n", SL_CLI_MAX_DIRS);
        return SL_EXIT_USAGE;
      }
      cli->plugin_dirs[cli->plugin_dir_count++] = value;
    } else if ((value = main_option_value(argc, argv, index, "--scripts"))) {
      if (cli->scripts_dir_count == SL_CLI_MAX_DIRS) {
        fprintf(stderr, "sendlens: too many --scripts (at most %d)\n", SL_CLI_MAX_DIRS);
        return SL_EXIT_USAGE;
      }
      cli->scripts_dirs[cli->scripts_dir_count++] = value;
    } else if (strcmp(argv[*index], "--version") == 0) {
      printf("sendlens %s (plugin ABI %d, store schema %d)\n", SENDLENS_VERSION,
             SL_PLUGIN_ABI_VERSION, SL_STORE_VERSION);
      return -1;
    } else if (strcmp(argv[*index], "--help") == 0 || strcmp(argv[*index], "-h") == 0) {
      main_usage(stdout);
      return -1;
    } else {
      fprintf(stderr, "sendlens: unknown option '%s' (see 'sendlens --help')\n", argv[*index]);
      return SL_EXIT_USAGE;
    }
    if (value && !*value) {
      fprintf(stderr, "sendlens: option '%s' needs a value\n", argv[*index - 1]);
      return SL_EXIT_USAGE;
    }
  }
  return SL_EXIT_OK;
}

int main(int argc, char **argv) {
  /* SQLite's connections without their mutexes: each connection is used by
   * one thread at a time (import-cases's reading thread reads the file, not
   * the database; per_import's helper threads have connections of their
   * own, core/lua_db_imports.c). Multi-thread, not single-thread, mode: the
   * core mutexes it keeps are what makes connections on several threads
   * safe, and what lets SQLite's sorter use a helper thread (PRAGMA
   * threads, lua_db.c). Single-thread mode saved 3% of an import
   * (bench/README.md). It must be said before SQLite's first use. */
  if (sqlite3_config(SQLITE_CONFIG_MULTITHREAD) != SQLITE_OK)
    return sl_cli_fail("SQLite refused multi-thread mode");
  sl_cli cli = {0};
  const char *env_db = getenv("SENDLENS_DB");
  cli.db_path = env_db && *env_db ? env_db : "sendlens.db";
  int index;
  int status = main_global_options(&cli, argc, argv, &index);
  if (status < 0) return SL_EXIT_OK;
  if (status != SL_EXIT_OK) return status;
  if (index >= argc) {
    main_usage(stderr);
    return SL_EXIT_USAGE;
  }
  for (const sl_command *command = sl_commands; command->name; command++) {
    if (strcmp(command->name, argv[index]) == 0) {
      cli.argc = argc - index;
      cli.argv = argv + index;
      return command->run(&cli);
    }
  }
  fprintf(stderr, "sendlens: unknown command '%s' (see 'sendlens --help')\n", argv[index]);
  return SL_EXIT_USAGE;
}
