/*
 * cmd_indicators.c: `sendlens indicators [FILE...]`, compute indicators per
 * area and period: the standard ones (the .lua files of scripts/indicators/) or the
 * files given. A script that fails is reported as "file:line: reason" and
 * the next one runs; the exit code is then 1.
 */
#include <cjson/cJSON.h>
#include <stdlib.h>
#include <string.h>

#include "buffer.h"
#include "cli.h"
#include "disclosure.h"
#include "indicators.h"
#include "table.h"

/* The label of a value in the list of key (and also, when given). */
static void indicators_label(const cJSON *value, const char *key, const char *also, char *label,
                             size_t size) {
  const char *extra = also ? cJSON_GetObjectItem(value, also)->valuestring : "";
  snprintf(label, size, "%s%s%s", cJSON_GetObjectItem(value, key)->valuestring, *extra ? " " : "",
           extra);
}

/* The position of label in list, or -1. */
static int indicators_find(const cJSON *list, const char *label) {
  int index = 0;
  const cJSON *item;
  cJSON_ArrayForEach(item, list) {
    if (strcmp(item->valuestring, label) == 0) return index;
    index++;
  }
  return -1;
}

/* The distinct values of key among the indicator's values, in order. */
static cJSON *indicators_distinct(const cJSON *values, const char *key, const char *also) {
  cJSON *list = cJSON_CreateArray();
  const cJSON *value;
  cJSON_ArrayForEach(value, values) {
    char label[256];
    indicators_label(value, key, also, label, sizeof label);
    if (indicators_find(list, label) < 0) cJSON_AddItemToArray(list, cJSON_CreateString(label));
  }
  return list;
}

/* Whether a value is counted from case records marked synthetic. */
static int indicators_synthetic(const cJSON *value) {
  const cJSON *synthetic = cJSON_GetObjectItem(value, "synthetic");
  return cJSON_IsNumber(synthetic) && synthetic->valuedouble == 1;
}

/* A count or value as shown: a number, or "x" where suppressed. */
static void indicators_shown(const cJSON *item, char *text, size_t size) {
  if (cJSON_IsNumber(item))
    snprintf(text, size, "%.4g", item->valuedouble);
  else
    snprintf(text, size, "%s", cJSON_IsString(item) ? item->valuestring : "unknown");
}

/* A cell as text: "-" without a value; the value; for a counts indicator
 * "numerator/denominator value". */
static void indicators_cell(const cJSON *value, char *text, size_t size) {
  if (!value) {
    snprintf(text, size, "-");
    return;
  }
  char shown[32], numerator[32], denominator[32];
  indicators_shown(cJSON_GetObjectItem(value, "value"), shown, sizeof shown);
  if (!cJSON_GetObjectItem(value, "denominator")) {
    snprintf(text, size, "%s", shown);
    return;
  }
  indicators_shown(cJSON_GetObjectItem(value, "denominator"), denominator, sizeof denominator);
  const char *mark = indicators_synthetic(value) ? " SYN" : "";
  if (!cJSON_GetObjectItem(value, "numerator")) {
    /* A value computed over so many records (a median): "n=12 8.5". */
    snprintf(text, size, "n=%s %s%s", denominator, shown, mark);
    return;
  }
  indicators_shown(cJSON_GetObjectItem(value, "numerator"), numerator, sizeof numerator);
  snprintf(text, size, "%s/%s %s%s", numerator, denominator, shown, mark);
}

/* Above an indicator's table, when any of its figures are of synthetic
 * case records: which areas, in capitals, before the numbers. */
static void indicators_print_synthetic(const cJSON *values, int width) {
  sl_buffer line = {0};
  const cJSON *value;
  cJSON_ArrayForEach(value, values) {
    if (!indicators_synthetic(value)) continue;
    const char *area = cJSON_GetObjectItem(value, "area")->valuestring;
    int seen = 0;
    for (const cJSON *before = values->child; before != value && !seen; before = before->next)
      seen = indicators_synthetic(before) &&
             strcmp(cJSON_GetObjectItem(before, "area")->valuestring, area) == 0;
    if (seen) continue;
    sl_buffer_printf(&line, line.length ? ", %s" : "*** SYNTHETIC DATA (SYN): the figures of %s",
                     area);
  }
  if (!line.length) return;
  sl_buffer_puts(&line, " are counted from generated case records, not real children ***");
  sl_table_wrap(stdout, line.data ? line.data : "", 2, width);
  free(line.data);
}

/* Each value at its place in the rows x areas grid (NULL: no value), so
 * that 153 areas by 20 quarters is not a search per cell. */
static const cJSON **indicators_grid(const cJSON *values, const cJSON *rows, const cJSON *areas) {
  size_t width = (size_t)cJSON_GetArraySize(areas);
  const cJSON **grid = calloc((size_t)cJSON_GetArraySize(rows) * width, sizeof *grid);
  const cJSON *value;
  cJSON_ArrayForEach(value, values) {
    char row[256], area[256];
    indicators_label(value, "period", "breakdown", row, sizeof row);
    indicators_label(value, "area", NULL, area, sizeof area);
    if (grid)
      grid[(size_t)indicators_find(rows, row) * width + (size_t)indicators_find(areas, area)] =
          value;
  }
  return grid;
}

/* The rows x areas table: a period (and breakdown) per row, an area per
 * column, headed by its code; a cell wraps between its counts only. */
static sl_table *indicators_table(const cJSON *values, const cJSON *rows, const cJSON *areas) {
  int columns = cJSON_GetArraySize(areas) + 1, c = 1;
  const char *cells[columns];
  const cJSON *area, *row;
  cells[0] = "PERIOD";
  cJSON_ArrayForEach(area, areas) cells[c++] = area->valuestring;
  sl_table *table = sl_table_new(columns, cells);
  const cJSON **grid = indicators_grid(values, rows, areas);
  char texts[columns][112];
  size_t r = 0;
  for (c = 0; table && c < columns; c++)
    sl_table_set_kind(table, c, SL_TABLE_WORDS);
  cJSON_ArrayForEach(row, rows) {
    cells[0] = row->valuestring;
    for (c = 1; c < columns; c++) {
      indicators_cell(grid ? grid[r * (size_t)(columns - 1) + (size_t)(c - 1)] : NULL, texts[c],
                      sizeof texts[c]);
      cells[c] = texts[c];
    }
    if (table && !sl_table_add(table, cells)) break;
    r++;
  }
  free(grid);
  return table;
}

/* One indicator as an area x period table: a row per period (and
 * breakdown), a column per area; notes follow the table. */
static void indicators_print(const cJSON *indicator) {
  const char *direction = cJSON_GetObjectItem(indicator, "direction")->valuestring;
  int width = sl_table_width(stdout);
  sl_buffer line = {0};
  sl_buffer_printf(&line, "%s: %s (%s; %s) [%s, version %s]",
                   cJSON_GetObjectItem(indicator, "id")->valuestring,
                   cJSON_GetObjectItem(indicator, "title")->valuestring,
                   cJSON_GetObjectItem(indicator, "unit")->valuestring,
                   strcmp(direction, "up") == 0     ? "higher is better"
                   : strcmp(direction, "down") == 0 ? "lower is better"
                                                    : "neither higher nor lower is better",
                   cJSON_GetObjectItem(indicator, "script")->valuestring,
                   cJSON_GetObjectItem(indicator, "version")->valuestring);
  putchar('\n');
  sl_table_wrap_hanging(stdout, line.data ? line.data : "", 0, 2, width);
  free(line.data);
  const cJSON *values = cJSON_GetObjectItem(indicator, "values");
  if (cJSON_GetArraySize(values) == 0) {
    printf("  (no values: no area has data for it)\n");
    return;
  }
  indicators_print_synthetic(values, width);
  cJSON *areas = indicators_distinct(values, "area", NULL);
  cJSON *rows = indicators_distinct(values, "period", "breakdown");
  sl_table *table = indicators_table(values, rows, areas);
  if (table) sl_table_print(table, stdout, width, sl_table_colour(stdout));
  sl_table_free(table);
  const cJSON *value;
  cJSON_ArrayForEach(value, values) {
    const cJSON *note = cJSON_GetObjectItem(value, "note");
    if (!cJSON_IsString(note)) continue;
    sl_buffer text = {0};
    sl_buffer_printf(&text, "note: %s %s: %s", cJSON_GetObjectItem(value, "area")->valuestring,
                     cJSON_GetObjectItem(value, "period")->valuestring, note->valuestring);
    sl_table_wrap_hanging(stdout, text.data ? text.data : "", 2, 4, width);
    free(text.data);
  }
  cJSON_Delete(areas);
  cJSON_Delete(rows);
}

/* What --help adds to the usage line (the command table, core/main.c). */
const char sl_indicators_help[] =
    "Without FILE, runs the standard scripts of scripts/indicators/. An indicator\n"
    "computed from counts (the EHC indicators of ehc.lua) shows each cell as\n"
    "'numerator/denominator value'.\n"
    "\n"
    "Results record what they were computed from (each area's case import, load\n"
    "and progress returns, and the script's hash): a run computes only the areas\n"
    "whose data or script changed since, and stores nothing counted from data\n"
    "replaced while it ran. --json gives per indicator the areas it 'recomputed'\n"
    "and each area's 'sources'.\n"
    "\n"
    "Small counts are suppressed, as in the DfE's SEN2 statistics: a numerator or\n"
    "denominator from 1 to 4 is shown as x, and a value is shown only when both\n"
    "of its counts are shown (else x). A count that subtraction from others would\n"
    "give away (a denominator minus its numerator, all plans minus those without\n"
    "an exception) is protected by suppressing one more (secondary suppression).\n"
    "A value a script computes over records (a median) shows as 'n=COUNT value',\n"
    "and is x when its count is. Figures counted from a case file marked synthetic\n"
    "are flagged SYN under a SYNTHETIC DATA line. The same rules apply to --json\n"
    "and to every export; the database keeps the raw counts. See docs/indicators.md.\n";

int sl_cmd_indicators(sl_cli *cli) {
  static const char *const flags[] = {"json", NULL};
  static const char *const valued[] = {"max-memory", "max-instructions", "max-seconds", NULL};
  sl_cli_options options;
  sl_lua_limits limits;
  int status = sl_cli_parse(cli, flags, valued, -1, &options);
  if (status != SL_EXIT_OK || options.done) goto done;
  if ((status = sl_cli_limits(cli, &options, &limits)) != SL_EXIT_OK) goto done;
  int count = options.positional_count;
  char **standard = count ? NULL : sl_cli_script_files(cli, "indicators", &count);
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
    if (sl_disclosure_apply(store, results, &error)) {
      sl_cli_fail("indicators: %s", error.message);
      cJSON_Delete(results);
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
