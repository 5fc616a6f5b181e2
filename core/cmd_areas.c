/*
 * cmd_areas.c: `sendlens areas`, the loaded areas with counts of what each
 * plugin stored, and the case records imported for each (import-cases),
 * areas with case records but no plugin included.
 */
#include <cjson/cJSON.h>
#include <stdio.h>

#include "cli.h"
#include "table.h"

/* Areas with a plugin first, by name; then areas known only by their case
 * records, by code. A count an area cannot have is NULL: shown as "-". */
static const char AREAS_SQL[] =
    "SELECT * FROM (SELECT a.code, a.name, a.la_number, a.region, a.plugin, a.plugin_version, "
    "  sum(f.kind = 'inspection'), sum(f.kind = 'weakness'), sum(f.kind = 'plan'), "
    "  sum(f.kind = 'concern'), sum(f.kind = 'action'), sum(f.kind = 'measure'), "
    "  (SELECT count(*) FROM source s JOIN fact g ON g.id = s.fact WHERE g.area = a.code), "
    "  (SELECT rows FROM case_import c WHERE c.area = a.code), "
    "  (SELECT synthetic FROM case_import c WHERE c.area = a.code) "
    "FROM area a JOIN fact f ON f.area = a.code GROUP BY a.code ORDER BY a.name) "
    "UNION ALL "
    "SELECT * FROM (SELECT c.area, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, "
    "  NULL, NULL, c.rows, c.synthetic FROM case_import c WHERE c.area NOT IN (SELECT code FROM "
    "area) "
    "ORDER BY c.area)";

static const char *const AREAS_KEYS[] = {"code",        "name",         "la_number",
                                         "region",      "plugin",       "plugin_version",
                                         "inspections", "weaknesses",   "plans",
                                         "concerns",    "actions",      "measures",
                                         "sources",     "case_records", "case_records_synthetic",
                                         NULL};

/* The plugin, in --json, `show` and `plugins`, is left out of the table so
 * that it fits 80 columns with no name cut. */
static const char *const AREAS_HEADING[] = {"CODE",  "NAME", "LA",  "INSP", "WEAK",
                                            "PLANS", "CONC", "ACT", "MEAS", "CASES"};
/* The statement's column shown in each column of the table, and how it
 * wraps: codes and counts never, names and "25 SYNTHETIC" between words. */
static const int AREAS_SHOWN[] = {0, 1, 2, 6, 7, 8, 9, 10, 11, 13};
static const sl_table_kind AREAS_KINDS[] = {
    SL_TABLE_CODE, SL_TABLE_WORDS, SL_TABLE_CODE, SL_TABLE_CODE, SL_TABLE_CODE,
    SL_TABLE_CODE, SL_TABLE_CODE,  SL_TABLE_CODE, SL_TABLE_CODE, SL_TABLE_WORDS};
enum { AREAS_COLUMNS = sizeof AREAS_SHOWN / sizeof AREAS_SHOWN[0], AREAS_TEXT_KEYS = 6 };

static cJSON *areas_json_row(sqlite3_stmt *statement) {
  cJSON *item = cJSON_CreateObject();
  for (int i = 0; item && AREAS_KEYS[i]; i++) {
    const char *text = (const char *)sqlite3_column_text(statement, i);
    cJSON_AddItemToObject(item, AREAS_KEYS[i],
                          !text ? cJSON_CreateNull()
                          : i >= AREAS_TEXT_KEYS
                              ? cJSON_CreateNumber(sqlite3_column_int64(statement, i))
                              : cJSON_CreateString(text));
  }
  return item;
}

/* The statement's column saying the case records are made up (a file
 * marked # SYNTHETIC): their count says so, as every output does. */
enum { AREAS_SYNTHETIC = 14 };

static int areas_table_row(sl_table *table, sqlite3_stmt *statement) {
  const char *cells[AREAS_COLUMNS];
  char cases[64];
  for (int i = 0; i < AREAS_COLUMNS; i++) {
    const char *text = (const char *)sqlite3_column_text(statement, AREAS_SHOWN[i]);
    cells[i] = text ? text : "-";
  }
  if (sqlite3_column_int(statement, AREAS_SYNTHETIC) == 1) {
    snprintf(cases, sizeof cases, "%s SYNTHETIC", cells[AREAS_COLUMNS - 1]);
    cells[AREAS_COLUMNS - 1] = cases;
  }
  return sl_table_add(table, cells);
}

/* Every area, as a table or as JSON; -1 with error set on failure. */
static int areas_list(sl_store *store, int json, sl_error *error) {
  sqlite3_stmt *statement = sl_store_prepare(store, AREAS_SQL, "", error);
  if (!statement) return -1;
  cJSON *list = json ? cJSON_CreateArray() : NULL;
  sl_table *table = json ? NULL : sl_table_new(AREAS_COLUMNS, AREAS_HEADING);
  int rc, ok = json ? list != NULL : table != NULL;
  for (int c = 0; table && c < AREAS_COLUMNS; c++)
    sl_table_set_kind(table, c, AREAS_KINDS[c]);
  while (ok && (rc = sqlite3_step(statement)) == SQLITE_ROW)
    ok = json ? cJSON_AddItemToArray(list, areas_json_row(statement)) != 0
              : areas_table_row(table, statement);
  if (!ok)
    sl_error_set(error, "out of memory");
  else if (rc != SQLITE_DONE) {
    sl_error_set(error, "%s", sqlite3_errmsg(sl_store_db(store)));
    ok = 0;
  }
  sqlite3_reset(statement);
  if (ok && json) {
    ok = sl_cli_print_json(list) == SL_EXIT_OK; /* which frees list */
    list = NULL;
  }
  if (ok && table) sl_table_print(table, stdout, sl_table_width(stdout), sl_table_colour(stdout));
  cJSON_Delete(list);
  sl_table_free(table);
  return ok ? 0 : -1;
}

int sl_cmd_areas(sl_cli *cli) {
  static const char *const flags[] = {"json", NULL};
  sl_cli_options options;
  int status = sl_cli_parse(cli, flags, NULL, 0, &options);
  if (status != SL_EXIT_OK || options.done) goto done;
  sl_store *store = sl_cli_open_store(cli, 0);
  sl_error error;
  if (!store)
    status = SL_EXIT_FAILURE;
  else if (areas_list(store, sl_cli_flag(&options, "json"), &error))
    status = sl_cli_fail("areas: %s", error.message);
  sl_store_close(store);
done:
  sl_cli_options_free(&options);
  return status;
}
