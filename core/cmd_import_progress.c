/*
 * cmd_import_progress.c: `sendlens import-progress AREA FILE`, one area's
 * quarterly progress return (schemas/progress-return.md) into the store.
 * The file is all stored or, at its first bad cell, not at all.
 */
#include <cjson/cJSON.h>

#include "cli.h"
#include "progress.h"

static int import_progress_report(const sl_progress_counts *counts, const char *path, int json) {
  if (!json) {
    printf("imported %s for %s %s: %zu action statuses, %zu measure values%s\n", path, counts->area,
           counts->period, counts->actions, counts->measures,
           counts->replaced ? " (replacing the earlier return)" : "");
    return SL_EXIT_OK;
  }
  cJSON *report = cJSON_CreateObject();
  cJSON_AddStringToObject(report, "area", counts->area);
  cJSON_AddStringToObject(report, "period", counts->period);
  cJSON_AddStringToObject(report, "file", path);
  cJSON_AddNumberToObject(report, "actions", (double)counts->actions);
  cJSON_AddNumberToObject(report, "measures", (double)counts->measures);
  cJSON_AddBoolToObject(report, "replaced", counts->replaced);
  return sl_cli_print_json(report);
}

int sl_cmd_import_progress(sl_cli *cli) {
  static const char *const flags[] = {"json", NULL};
  sl_cli_options options;
  int status = sl_cli_parse(cli, flags, NULL, 2, &options);
  if (status != SL_EXIT_OK || options.done) goto done;
  if (options.positional_count != 2) {
    status = sl_cli_usage_error(cli, "AREA and FILE are required");
    goto done;
  }
  sl_store *store = sl_cli_open_store(cli, 1);
  if (!store) {
    status = SL_EXIT_FAILURE;
    goto done;
  }
  sl_progress_counts counts;
  sl_error error;
  const char *path = options.positional[1];
  if (sl_progress_import(store, options.positional[0], path, &counts, &error)) {
    /* The file and the cell come first after the command, as compilers
     * name them, so an editor or a script can go straight to it. */
    sl_cli_fail("import-progress: %s", error.message);
    status = SL_EXIT_FAILURE;
  } else {
    status = import_progress_report(&counts, path, sl_cli_flag(&options, "json"));
  }
  sl_store_close(store);
done:
  sl_cli_options_free(&options);
  return status;
}
