/*
 * cmd_areas.c: `sendlens areas`, the loaded areas with counts of what each
 * plugin stored.
 */
#include <cjson/cJSON.h>

#include "cli.h"

static const char AREAS_SQL[] =
    "SELECT a.code, a.name, a.la_number, a.region, a.plugin, a.plugin_version, "
    "  sum(f.kind = 'inspection'), sum(f.kind = 'weakness'), sum(f.kind = 'plan'), "
    "  sum(f.kind = 'concern'), sum(f.kind = 'action'), sum(f.kind = 'measure'), "
    "  (SELECT count(*) FROM source s JOIN fact g ON g.id = s.fact WHERE g.area = a.code) "
    "FROM area a JOIN fact f ON f.area = a.code GROUP BY a.code ORDER BY a.name";

static const char *const AREAS_KEYS[] = {
    "code",       "name",  "la_number", "region",  "plugin",   "plugin_version", "inspections",
    "weaknesses", "plans", "concerns",  "actions", "measures", "sources",        NULL};

int sl_cmd_areas(sl_cli *cli) {
  static const char *const flags[] = {"json", NULL};
  sl_cli_options options;
  int status = sl_cli_parse(cli, flags, NULL, 0, &options);
  if (status != SL_EXIT_OK || options.done) goto done;
  sl_store *store = sl_cli_open_store(cli, 0);
  sl_error error;
  sqlite3_stmt *statement = store ? sl_store_prepare(store, AREAS_SQL, "", &error) : NULL;
  if (!statement) {
    status = store ? sl_cli_fail("areas: %s", error.message) : SL_EXIT_FAILURE;
    sl_store_close(store);
    goto done;
  }
  int json = sl_cli_flag(&options, "json");
  cJSON *list = cJSON_CreateArray();
  if (!json)
    printf("%-10s %-16s %-4s %-12s %5s %5s %5s %5s %5s %5s\n", "CODE", "NAME", "LA", "PLUGIN",
           "INSP", "WEAK", "PLANS", "CONC", "ACT", "MEAS");
  while (sqlite3_step(statement) == SQLITE_ROW) {
    if (json) {
      cJSON *item = cJSON_CreateObject();
      for (int i = 0; AREAS_KEYS[i]; i++)
        cJSON_AddItemToObject(
            item, AREAS_KEYS[i],
            i < 6 ? (sqlite3_column_text(statement, i)
                         ? cJSON_CreateString((const char *)sqlite3_column_text(statement, i))
                         : cJSON_CreateNull())
                  : cJSON_CreateNumber(sqlite3_column_int(statement, i)));
      cJSON_AddItemToArray(list, item);
      continue;
    }
    const unsigned char *la = sqlite3_column_text(statement, 2);
    printf("%-10s %-16s %-4s %-12s %5d %5d %5d %5d %5d %5d\n", sqlite3_column_text(statement, 0),
           sqlite3_column_text(statement, 1), la ? (const char *)la : "-",
           sqlite3_column_text(statement, 4), sqlite3_column_int(statement, 6),
           sqlite3_column_int(statement, 7), sqlite3_column_int(statement, 8),
           sqlite3_column_int(statement, 9), sqlite3_column_int(statement, 10),
           sqlite3_column_int(statement, 11));
  }
  status = json ? sl_cli_print_json(list) : (cJSON_Delete(list), SL_EXIT_OK);
  sl_store_close(store);
done:
  sl_cli_options_free(&options);
  return status;
}
