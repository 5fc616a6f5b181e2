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

/* Every command: one row each. `sendlens --help`, `sendlens help COMMAND`,
 * `COMMAND --help` and docs/cli.md (tools/cli-docs.py) are all made from
 * this table, so adding a command or an option is a change here and in its
 * cmd_*.c alone. */
const sl_command sl_commands[] = {
    {.name = "plugins",
     .run = sl_cmd_plugins,
     .summary = "discovered plugins: name, area, version, ABI, status",
     .usage = "[--json]",
     .details = "  --json  one object per plugin, with its path and the reason it is refused\n"
                "          or shadowed\n",
     .example = "sendlens plugins\n"
                "sendlens --plugins ./my-areas plugins --json"},
    {.name = "load",
     .run = sl_cmd_load,
     .summary = "run plugins (all by default), map, store",
     .usage = "[AREA...] [--plugin-seconds S] [--plugin-memory MIB] [--in-process]",
     .details = "Each plugin runs in a confined child process: only its pipe open, read-only\n"
                "access to its .so, its sources/ folder and the system's libraries (Landlock),\n"
                "no new process, socket or signal to another (seccomp). Each area is one\n"
                "transaction. AREA is a plugin's name or its area's code.\n"
                "\n"
                "  --plugin-seconds S   stop a plugin that runs longer (default 60)\n"
                "  --plugin-memory MIB  stop a plugin that holds more resident memory\n"
                "                       (default 1024)\n"
                "  --in-process         for debugging only: run the plugins in sendlens itself,\n"
                "                       unisolated (a warning says so); --plugin-seconds still\n"
                "                       holds and ends sendlens\n",
     .example = "sendlens load\n"
                "sendlens load walsall --plugin-seconds 120 --plugin-memory 2048"},
    {.name = "import-progress",
     .run = sl_cmd_import_progress,
     .summary =
         "one area's progress return for one period (CSV or XLSX, see schemas/progress-return.md)",
     .usage = "AREA FILE [--json]",
     .details = "FILE is CSV, or an XLSX workbook whose first sheet is read. Each row is checked\n"
                "against the stored plan; a bad cell is FILE:ROW:COLUMN and nothing is stored.\n"
                "The same area and period again replaces the return.\n",
     .example = "sendlens import-progress walsall walsall-2024-Q2.xlsx"},
    {.name = "template",
     .run = sl_cmd_template,
     .summary = "a progress return to fill in (XLSX) for import-progress: a row per action and "
                "measure",
     .usage = "progress AREA -o FILE.xlsx",
     .details = "An Instructions sheet, then Return (the sheet import-progress reads: Ref and\n"
                "Kind filled, drop-down lists for Status and for the quarters the plan covers),\n"
                "then Plan (what each ref is; not read back). schemas/progress-return.md\n"
                "describes the columns.\n",
     .example = "sendlens template progress walsall -o walsall-2024-Q2.xlsx\n"
                "sendlens import-progress walsall walsall-2024-Q2.xlsx"},
    {.name = "import-cases",
     .run = sl_cmd_import_cases,
     .summary = "import areas' person-level EHC records (CSV; identifiers pseudonymised)",
     .usage = "AREA FILE [AREA FILE...]",
     .details = sl_import_cases_help,
     .example = "sendlens import-cases walsall walsall-cases.csv\n"
                "sendlens import-cases E08000030 walsall.csv E10000034 worcestershire.csv"},
    {.name = "import-statistics",
     .run = sl_cmd_import_statistics,
     .summary = "import official statistics: Explore education statistics CSV files or a release "
                "zip; mapped columns become common indicators (scripts/statistics/)",
     .usage = "FILE... [--mapping FILE.lua]... [--json]",
     .details = "FILE is an open-data CSV of Explore education statistics, a release zip (its\n"
                "CSV members read in place; a member not in the standard format is skipped with\n"
                "a note) or a release's data-guidance.txt. Every row is stored as published;\n"
                "the columns that scripts/statistics/*.lua and each --mapping file declare\n"
                "become figures of common indicators, each with its file, line and column. All\n"
                "files are one transaction; a bad cell is reported as FILE:LINE:COLUMN and\n"
                "nothing is stored; a file of the same name imported again replaces the\n"
                "earlier one.\n"
                "\n"
                "  --mapping FILE.lua  more declarations (publication {}, statistic {}) for this\n"
                "                      import, after the bundled ones (docs/statistics.md)\n"
                "  --json              one object per file imported\n",
     .example = "sendlens import-statistics data/dfe-ehcp-2025/*.zip\n"
                "sendlens compare --indicators"},
    {.name = "areas",
     .run = sl_cmd_areas,
     .summary = "loaded areas with counts",
     .usage = "[--json]",
     .example = "sendlens areas\n"
                "sendlens areas --json"},
    {.name = "show",
     .run = sl_cmd_show,
     .summary = "one area in full, with sources and conflicts; --since PERIOD what changed "
                "since a review",
     .usage = "AREA [--since PERIOD [--as-of DATE]] [--json]",
     .details = "AREA is an area's code (E08000030) or its plugin's name (walsall).\n"
                "\n"
                "  (no option)       the area in full: inspections, plans, roles, reviews,\n"
                "                    conflicts, progress returns and the latest one summed up\n"
                "                    (\"4 of 38 actions reported in 2024-Q3: 3 in progress, 1\n"
                "                    completed\")\n"
                "  --since PERIOD    what changed between the return for PERIOD (or the latest\n"
                "                    ending on or before it) and the latest return: actions\n"
                "                    whose status changed, measures that moved towards or away\n"
                "                    from their target, actions overdue, the summary. PERIOD as\n"
                "                    returns write it (2024-Q1, Q3 2022/23, Sep 2023:\n"
                "                    docs/periods.md)\n"
                "  --as-of DATE      with --since: judge overdue actions at DATE rather than at\n"
                "                    the last day of the latest return's period\n"
                "  --json            the same as JSON (--since: schemas/changes.schema.json)\n",
     .example = "sendlens show walsall\n"
                "sendlens show walsall --since 2024-Q1\n"
                "sendlens show E10000034 --json"},
    {.name = "compare",
     .run = sl_cmd_compare,
     .summary = "themes x areas matrix; --theme T side by side; --gaps what is unmeasured; "
                "--indicators official figures",
     .usage = "[--theme T | --gaps | --indicators [--area LA]... [--group FILE.csv]...] [--json]",
     .details = "  (no option)    the themes x areas matrix; * marks a weakness or concern under\n"
                "                 several themes, and the total row counts each once\n"
                "  --theme T      one theme, the areas side by side in their own words, with the\n"
                "                 official figures of the indicators that measure it\n"
                "  --gaps         what cannot be measured: themes without measures, measures\n"
                "                 without baseline or target, actions without lead or due date\n"
                "  --indicators   the imported official statistics: each area's series beside\n"
                "                 England and its region, its rank and quartile among all local\n"
                "                 authorities, its change, the groups (the region, the\n"
                "                 partnership, each --group FILE.csv of GSS codes or DfE\n"
                "                 numbers), and the area's own quarterly figures from its case\n"
                "                 records\n"
                "  --area LA      with --indicators: a local authority by code, number or name\n"
                "  --json         the same as JSON\n",
     .example = "sendlens compare --theme ehcp_timeliness\n"
                "sendlens compare --indicators --theme ehcp_timeliness --group neighbours.csv"},
    {.name = "export",
     .run = sl_cmd_export,
     .summary = "write the data: json (interchange), csv, xlsx or html",
     .usage = "--format json|csv|xlsx|html [-o PATH] [--board-pack] [--bom] [--title TEXT] "
              "[--publisher TEXT] [--date DATE]",
     .details = "  --format json     the interchange document (schemas/model.schema.json);\n"
                "                    stdout without -o\n"
                "  --format csv      one file per kind of record: -o DIR is required\n"
                "  --format xlsx     one workbook (docs/workbook.md): -o FILE.xlsx is required\n"
                "  --format html     one self-contained page (docs/html-page.md); stdout\n"
                "                    without -o\n"
                "  --board-pack      with html: the page to print and hand round: contents, the\n"
                "                    matrix, then one A4 page per area (plan, concerns with\n"
                "                    their actions' status counts, measures' latest values), no\n"
                "                    footnotes\n"
                "  --bom             with csv: begin each file with UTF-8's byte order mark, so\n"
                "                    Excel opens a double-clicked file as UTF-8 (default: RFC\n"
                "                    4180, no mark)\n"
                "  --title TEXT      the publication's title (default:\n"
                "                    \"" SL_PUBLICATION_TITLE "\")\n"
                "  --publisher TEXT  who publishes it (default: not stated)\n"
                "  --date DATE       its publication date, YYYY-MM-DD (default:\n"
                "                    SOURCE_DATE_EPOCH's day, else today, UTC)\n"
                "\n"
                "Every format carries the publication metadata: title, publisher, date, data\n"
                "as at (the latest date the loaded data carries, and which data that is), the\n"
                "sendlens and schema versions, and the sources with their public addresses and\n"
                "licences where recorded (a plugin's sources/sources.json;\n"
                "docs/plugin-guide.md).\n",
     .example = "sendlens export --format html -o dashboard.html --title \"West Midlands SEND\"\n"
                "sendlens export --format html --board-pack -o board.html\n"
                "sendlens export --format csv --bom -o tables/"},
    {.name = "indicators",
     .run = sl_cmd_indicators,
     .summary = "compute indicators per area and period",
     .usage = "[FILE.lua...] [--json] [--max-memory MIB] [--max-instructions N] [--max-seconds S]",
     .details = sl_indicators_help,
     .example = "sendlens indicators\n"
                "sendlens indicators my-indicator.lua --max-seconds 10"},
    {.name = "run",
     .run = sl_cmd_run,
     .summary = "run an adviser's Lua script in the sandbox (read-only database)",
     .usage = "SCRIPT.lua [--max-memory MIB] [--max-instructions N] [--max-seconds S]",
     .details = "The script runs in the sandbox of docs/lua-api.md, with the database read-only.\n",
     .example = "sendlens run scripts/examples/insufficient_weaknesses.lua"},
    {.name = "check-plugin",
     .run = sl_cmd_check_plugin,
     .summary = "conformance check for a plugin author",
     .usage = "FILE.so",
     .details = "Touches no database of yours; each check prints pass, FAIL or skip with why\n"
                "(docs/plugin-guide.md).\n",
     .example = "sendlens check-plugin build/plugins/devon.so"},
    {.name = "help",
     .run = sl_cmd_help,
     .summary = "the commands, or what one command does (the same as COMMAND --help)",
     .usage = "[COMMAND]",
     .example = "sendlens help\n"
                "sendlens help compare"},
    {0},
};

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
      sl_cli_main_usage(stdout);
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
    sl_cli_main_usage(stderr);
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
