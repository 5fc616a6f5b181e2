/*
 * cmd_import_statistics.c: `sendlens import-statistics FILE...`, official
 * statistics in the Explore education statistics open-data format (CSV
 * files, or a release zip read in place) into the store, with the columns
 * the files of scripts/statistics/ (and --mapping files) declare as common
 * indicators. All files are one transaction.
 */
#include <cjson/cJSON.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "statistics.h"

typedef struct import_statistics_output {
  int json;
  cJSON *files; /* --json: the reports */
} import_statistics_output;

static void import_statistics_note(void *context, const char *message) {
  (void)context;
  fprintf(stderr, "sendlens: import-statistics: note: %s\n", message);
}

static void import_statistics_report(void *context, const sl_stat_file_report *report) {
  import_statistics_output *output = context;
  if (!output->json) {
    printf("imported %s: %ld rows, %zu figures (%zu indicator%s)%s\n", report->document,
           report->rows, report->figures, report->indicators, report->indicators == 1 ? "" : "s",
           report->replaced ? " (replacing the earlier import)" : "");
    return;
  }
  cJSON *file = cJSON_CreateObject();
  cJSON_AddStringToObject(file, "name", report->name);
  cJSON_AddStringToObject(file, "document", report->document);
  cJSON_AddNumberToObject(file, "rows", (double)report->rows);
  cJSON_AddNumberToObject(file, "figures", (double)report->figures);
  cJSON_AddNumberToObject(file, "indicators", (double)report->indicators);
  cJSON_AddBoolToObject(file, "replaced", report->replaced);
  cJSON_AddItemToArray(output->files, file);
}

/* The mapping files: scripts/statistics/ of every scripts folder, then
 * each --mapping in the order given. NULL out of memory. */
static const char **import_statistics_paths(sl_cli *cli, const sl_cli_options *options,
                                            char ***standard, size_t *count) {
  int standard_count;
  *standard = sl_cli_script_files(cli, "statistics", &standard_count);
  const char **paths = calloc((size_t)standard_count + (size_t)options->count + 1, sizeof *paths);
  if (!*standard || !paths) {
    free(paths);
    return NULL;
  }
  *count = 0;
  for (int i = 0; i < standard_count; i++)
    paths[(*count)++] = (*standard)[i];
  for (int i = 0; i < options->count; i++)
    if (strcmp(options->names[i], "mapping") == 0) paths[(*count)++] = options->values[i];
  return paths;
}

static void import_statistics_free_paths(char **standard, const char **paths) {
  for (size_t i = 0; standard && standard[i]; i++)
    free(standard[i]);
  free(standard);
  free(paths);
}

static int import_statistics_run(sl_cli *cli, const sl_cli_options *options) {
  char **standard = NULL;
  size_t count = 0;
  const char **paths = import_statistics_paths(cli, options, &standard, &count);
  sl_stat_mappings mappings;
  sl_error error;
  int loaded = paths ? sl_stat_mappings_load(&mappings, paths, count, &error)
                     : sl_error_set(&error, "out of memory");
  import_statistics_free_paths(standard, paths);
  if (loaded) {
    if (paths) sl_stat_mappings_free(&mappings);
    return sl_cli_fail("import-statistics: %s", error.message);
  }
  sl_store *store = sl_cli_open_store(cli, 1);
  if (!store) {
    sl_stat_mappings_free(&mappings);
    return SL_EXIT_FAILURE;
  }
  import_statistics_output output = {sl_cli_flag(options, "json"), cJSON_CreateArray()};
  sl_stat_import_options import = {&mappings, import_statistics_note, import_statistics_report,
                                   &output};
  int status = SL_EXIT_OK;
  if (sl_statistics_import(store, (const char *const *)options->positional,
                           (size_t)options->positional_count, &import, &error)) {
    /* The place first after the command, as compilers write it. */
    sl_cli_fail("import-statistics: %s", error.message);
    status = SL_EXIT_FAILURE;
  }
  sl_store_close(store);
  sl_stat_mappings_free(&mappings);
  if (status == SL_EXIT_OK && output.json) return sl_cli_print_json(output.files);
  cJSON_Delete(output.files);
  return status;
}

int sl_cmd_import_statistics(sl_cli *cli) {
  static const char *const flags[] = {"json", NULL};
  static const char *const valued[] = {"mapping", NULL};
  sl_cli_options options;
  int status = sl_cli_parse(cli, flags, valued, -1, &options);
  if (status == SL_EXIT_OK && !options.done) {
    status = options.positional_count == 0
                 ? sl_cli_usage_error(cli, "at least one FILE (a CSV or a zip) is required")
                 : import_statistics_run(cli, &options);
  }
  sl_cli_options_free(&options);
  return status;
}
