/*
 * cmd_compare.c: `sendlens compare`, the themes x areas matrix in the
 * terminal. A cell reads "W:ins" / "W:suf" for a weakness judged
 * insufficient / sufficient progress (W:? not judged), then "C2 A9 M8" for
 * two concerns with nine actions and eight measures between them.
 */
#include <cjson/cJSON.h>
#include <string.h>

#include "cli.h"
#include "compare.h"

static const char *compare_progress_label(const cJSON *weakness) {
  const cJSON *progress = cJSON_GetObjectItemCaseSensitive(weakness, "progress");
  if (!cJSON_IsString(progress)) return "W:?";
  return strcmp(progress->valuestring, "insufficient") == 0 ? "W:ins" : "W:suf";
}

static void compare_cell(const cJSON *cell, char *text, size_t size) {
  size_t used = 0;
  text[0] = '\0';
  const cJSON *weakness;
  cJSON_ArrayForEach(weakness, cJSON_GetObjectItemCaseSensitive(cell, "weaknesses")) {
    used += (size_t)snprintf(text + used, used < size ? size - used : 0, "%s%s", used ? " " : "",
                             compare_progress_label(weakness));
  }
  const cJSON *concerns = cJSON_GetObjectItemCaseSensitive(cell, "concerns");
  int count = cJSON_GetArraySize(concerns), actions = 0, measures = 0;
  const cJSON *concern;
  cJSON_ArrayForEach(concern, concerns) {
    actions += cJSON_GetObjectItemCaseSensitive(concern, "actions")->valueint;
    measures += cJSON_GetObjectItemCaseSensitive(concern, "measures")->valueint;
  }
  if (count && used < size)
    snprintf(text + used, size - used, "%sC%d A%d M%d", used ? " " : "", count, actions, measures);
  if (!text[0]) snprintf(text, size, "-");
}

static void compare_print(const cJSON *matrix) {
  const cJSON *areas = cJSON_GetObjectItemCaseSensitive(matrix, "areas");
  const cJSON *rows = cJSON_GetObjectItemCaseSensitive(matrix, "rows");
  printf("%-26s", "THEME");
  const cJSON *area;
  cJSON_ArrayForEach(area, areas)
      printf(" %-22s", cJSON_GetObjectItemCaseSensitive(area, "name")->valuestring);
  putchar('\n');
  const cJSON *row;
  cJSON_ArrayForEach(row, rows) {
    printf("%-26s", cJSON_GetObjectItemCaseSensitive(row, "theme")->valuestring);
    const cJSON *cell;
    cJSON_ArrayForEach(cell, cJSON_GetObjectItemCaseSensitive(row, "cells")) {
      char text[128];
      compare_cell(cell, text, sizeof text);
      printf(" %-22s", text);
    }
    putchar('\n');
  }
  if (cJSON_GetArraySize(rows) == 0)
    printf("(no themes assigned yet: load areas with the mapping scripts)\n");
  printf("\nW:ins/W:suf weakness judged insufficient/sufficient progress (W:? not judged); "
         "C concerns, A actions, M measures\n");
}

int sl_cmd_compare(sl_cli *cli) {
  static const char *const flags[] = {"json", NULL};
  sl_cli_options options;
  int status = sl_cli_parse(cli, flags, NULL, 0, &options);
  if (status != SL_EXIT_OK || options.done) goto done;
  sl_store *store = sl_cli_open_store(cli, 0);
  sl_error error;
  cJSON *matrix = store ? sl_compare_matrix(store, &error) : NULL;
  if (!matrix) {
    status = store ? sl_cli_fail("compare: %s", error.message) : SL_EXIT_FAILURE;
  } else if (sl_cli_flag(&options, "json")) {
    status = sl_cli_print_json(matrix);
    matrix = NULL;
  } else {
    compare_print(matrix);
  }
  cJSON_Delete(matrix);
  sl_store_close(store);
done:
  sl_cli_options_free(&options);
  return status;
}
