/*
 * cmd_indicators.c: `sendlens indicators [FILE...]`, compute indicators per
 * area and period: the standard ones (the .lua files of scripts/indicators/) or the
 * files given. A script that fails is reported as "file:line: reason" and
 * the next one runs; the exit code is then 1.
 */
#include <cjson/cJSON.h>
#include <dirent.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "indicators.h"

static int indicators_compare(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The standard scripts, sorted; NULL-terminated, owned by the caller. */
static char **indicators_standard(const sl_cli *cli, int *count) {
  char dir[4096];
  snprintf(dir, sizeof dir, "%s/indicators", sl_cli_scripts_dir(cli));
  *count = 0;
  DIR *handle = opendir(dir);
  if (!handle) return NULL;
  char **paths = calloc(256, sizeof *paths);
  struct dirent *item;
  while (paths && *count < 255 && (item = readdir(handle))) {
    size_t length = strlen(item->d_name);
    if (length < 5 || strcmp(item->d_name + length - 4, ".lua") != 0) continue;
    size_t size = strlen(dir) + length + 2;
    if (!(paths[*count] = malloc(size))) break;
    snprintf(paths[(*count)++], size, "%s/%s", dir, item->d_name);
  }
  closedir(handle);
  if (paths) qsort(paths, (size_t)*count, sizeof *paths, indicators_compare);
  return paths;
}

static void indicators_print_value(const cJSON *value) {
  const cJSON *number = cJSON_GetObjectItem(value, "value");
  if (cJSON_IsNumber(number))
    printf(" %14.4g", number->valuedouble);
  else
    printf(" %14s", "unknown");
}

/* One indicator as a table: a row per period (and breakdown), a column per
 * area, in the order the values came. */
static void indicators_print(const cJSON *indicator) {
  printf("\n%s: %s (%s, %s is better) [%s, version %s]\n",
         cJSON_GetObjectItem(indicator, "id")->valuestring,
         cJSON_GetObjectItem(indicator, "title")->valuestring,
         cJSON_GetObjectItem(indicator, "unit")->valuestring,
         cJSON_GetObjectItem(indicator, "direction")->valuestring,
         cJSON_GetObjectItem(indicator, "script")->valuestring,
         cJSON_GetObjectItem(indicator, "version")->valuestring);
  const cJSON *values = cJSON_GetObjectItem(indicator, "values"), *value;
  if (cJSON_GetArraySize(values) == 0) {
    printf("  (no values: no area has data for it)\n");
    return;
  }
  cJSON_ArrayForEach(value, values) {
    const char *breakdown = cJSON_GetObjectItem(value, "breakdown")->valuestring;
    printf("  %-10s %-8s %-26s", cJSON_GetObjectItem(value, "area")->valuestring,
           cJSON_GetObjectItem(value, "period")->valuestring, *breakdown ? breakdown : "-");
    indicators_print_value(value);
    const cJSON *note = cJSON_GetObjectItem(value, "note");
    printf("%s%s\n", cJSON_IsString(note) ? "  " : "",
           cJSON_IsString(note) ? note->valuestring : "");
  }
}

int sl_cmd_indicators(sl_cli *cli) {
  static const char *const flags[] = {"json", NULL};
  static const char *const valued[] = {"max-memory", "max-instructions", "max-seconds", NULL};
  sl_cli_options options;
  sl_lua_limits limits;
  int status = sl_cli_parse(cli, flags, valued, &options);
  if (status != SL_EXIT_OK || options.done) goto done;
  if ((status = sl_cli_limits(cli, &options, &limits)) != SL_EXIT_OK) goto done;
  int count = options.positional_count;
  char **standard = count ? NULL : indicators_standard(cli, &count);
  char **paths = standard ? standard : options.positional;
  sl_store *store = sl_cli_open_store(cli, 1);
  int json = sl_cli_flag(&options, "json"), failed = !store;
  cJSON *all = cJSON_CreateArray();
  for (int i = 0; store && i < count; i++) {
    cJSON *results;
    sl_error error;
    if (sl_indicators_run(store, paths[i], &limits, &results, &error)) {
      sl_cli_fail("indicators: %s", error.message);
      failed = 1;
      continue;
    }
    const cJSON *indicator;
    cJSON_ArrayForEach(indicator, results) if (!json) indicators_print(indicator);
    while (cJSON_GetArraySize(results))
      cJSON_AddItemToArray(all, cJSON_DetachItemFromArray(results, 0));
    cJSON_Delete(results);
  }
  if (json)
    sl_cli_print_json(all);
  else
    cJSON_Delete(all);
  sl_store_close(store);
  for (int i = 0; standard && i < count; i++)
    free(standard[i]);
  free(standard);
  status = failed ? SL_EXIT_FAILURE : SL_EXIT_OK;
done:
  sl_cli_options_free(&options);
  return status;
}
