/*
 * cmd_compare.c: `sendlens compare`, the areas side by side. Three views:
 * the themes x areas matrix (the default), one theme in every area's own
 * words (--theme T), and what each plan leaves unmeasured or unassigned
 * (--gaps), and the official statistics against England, the region and
 * comparison groups (--indicators, core/statistics_view.c). All print
 * through core/table.c, so they fit the terminal. --theme also shows each
 * area's official series of the indicators that measure the theme.
 *
 * A matrix cell reads "W:ins" / "W:suf" for a weakness judged insufficient
 * / sufficient progress (W:? not judged), then "C2 A9 M8" for two concerns
 * with nine actions and eight measures between them.
 */
#include <cjson/cJSON.h>
#include <stdlib.h>
#include <string.h>

#include "buffer.h"
#include "cli.h"
#include "compare.h"
#include "statistics_compare.h"
#include "statistics_view.h"
#include "table.h"

static const char *compare_string(const cJSON *item, const char *name) {
  const cJSON *value = cJSON_GetObjectItemCaseSensitive(item, name);
  return cJSON_IsString(value) ? value->valuestring : NULL;
}

static const char *compare_progress_label(const cJSON *weakness) {
  const char *progress = compare_string(weakness, "progress");
  if (!progress) return "W:?";
  return strcmp(progress, "insufficient") == 0 ? "W:ins" : "W:suf";
}

/* Whether a weakness or concern of a cell sits under other themes too. */
static int compare_shared(const cJSON *item) {
  return cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(item, "shared_with")) > 0;
}

/* "W8 C4 A33 M18": an area's facts in the matrix, each counted once. */
static void compare_total_cell(const cJSON *totals, char *text, size_t size) {
  snprintf(text, size, "W%d C%d A%d M%d",
           cJSON_GetObjectItemCaseSensitive(totals, "weaknesses")->valueint,
           cJSON_GetObjectItemCaseSensitive(totals, "concerns")->valueint,
           cJSON_GetObjectItemCaseSensitive(totals, "actions")->valueint,
           cJSON_GetObjectItemCaseSensitive(totals, "measures")->valueint);
}

static void compare_cell(const cJSON *cell, char *text, size_t size) {
  size_t used = 0;
  text[0] = '\0';
  const cJSON *weakness;
  cJSON_ArrayForEach(weakness, cJSON_GetObjectItemCaseSensitive(cell, "weaknesses")) {
    used += (size_t)snprintf(text + used, used < size ? size - used : 0, "%s%s%s", used ? " " : "",
                             compare_progress_label(weakness), compare_shared(weakness) ? "*" : "");
  }
  const cJSON *concerns = cJSON_GetObjectItemCaseSensitive(cell, "concerns");
  int count = cJSON_GetArraySize(concerns), actions = 0, measures = 0, shared = 0;
  const cJSON *concern;
  cJSON_ArrayForEach(concern, concerns) {
    actions += cJSON_GetObjectItemCaseSensitive(concern, "actions")->valueint;
    measures += cJSON_GetObjectItemCaseSensitive(concern, "measures")->valueint;
    shared |= compare_shared(concern);
  }
  if (count && used < size)
    snprintf(text + used, size - used, "%sC%d%s A%d M%d", used ? " " : "", count, shared ? "*" : "",
             actions, measures);
  if (!text[0]) snprintf(text, size, "-");
}

/* Print a finished table to stdout, sized for it, and free it. */
static void compare_table_print(sl_table *table) {
  sl_table_print(table, stdout, sl_table_width(stdout), sl_table_colour(stdout));
  sl_table_free(table);
}

static void compare_print(const cJSON *matrix) {
  const cJSON *areas = cJSON_GetObjectItemCaseSensitive(matrix, "areas");
  const cJSON *rows = cJSON_GetObjectItemCaseSensitive(matrix, "rows");
  int columns = cJSON_GetArraySize(areas) + 1, i = 1;
  const char *cells[columns];
  char texts[columns][128];
  cells[0] = "THEME";
  const cJSON *area;
  cJSON_ArrayForEach(area, areas) cells[i++] = compare_string(area, "name");
  sl_table *table = sl_table_new(columns, cells);
  /* Theme ids are never cut; "W:ins* C2 A9 M8" wraps between its counts. */
  for (i = 0; table && i < columns; i++)
    sl_table_set_kind(table, i, i ? SL_TABLE_WORDS : SL_TABLE_CODE);
  const cJSON *row;
  cJSON_ArrayForEach(row, rows) {
    cells[0] = compare_string(row, "theme");
    i = 1;
    const cJSON *cell;
    cJSON_ArrayForEach(cell, cJSON_GetObjectItemCaseSensitive(row, "cells")) {
      compare_cell(cell, texts[i], sizeof texts[i]);
      cells[i] = texts[i];
      i++;
    }
    if (table) sl_table_add(table, cells);
  }
  cells[0] = "total (each once)";
  i = 1;
  const cJSON *totals;
  cJSON_ArrayForEach(totals, cJSON_GetObjectItemCaseSensitive(matrix, "totals")) {
    compare_total_cell(totals, texts[i], sizeof texts[i]);
    cells[i] = texts[i];
    i++;
  }
  if (table && cJSON_GetArraySize(rows)) sl_table_add(table, cells);
  if (table) compare_table_print(table);
  if (cJSON_GetArraySize(rows) == 0)
    printf("(no themes assigned yet: load areas with the mapping scripts)\n");
  putchar('\n');
  sl_table_wrap(stdout,
                "W:ins/W:suf weakness judged insufficient/sufficient progress (W:? not judged); "
                "C concerns, A actions, M measures; * a weakness or concern that sits under "
                "other themes too (shared, not more of them): the total row counts each "
                "weakness, concern, action and measure once",
                0, sl_table_width(stdout));
}

/* " [a.txt line 12; line 14; b.txt cell B4]": a document is named once for
 * the run of its places, which keeps the cells short. */
static void compare_append_sources(sl_buffer *text, const cJSON *item) {
  const cJSON *source;
  const char *previous = NULL;
  int first = 1;
  cJSON_ArrayForEach(source, cJSON_GetObjectItemCaseSensitive(item, "sources")) {
    const char *document = compare_string(source, "document");
    sl_buffer_puts(text, first ? " [" : "; ");
    if (!previous || strcmp(previous, document) != 0) {
      sl_buffer_puts(text, document);
      sl_buffer_puts(text, " ");
    }
    sl_buffer_puts(text, compare_string(source, "locator"));
    previous = document;
    first = 0;
  }
  if (!first) sl_buffer_puts(text, "]");
}

/* Items of one kind, a blank line apart: "REF: words [source]". */
static void compare_append_item(sl_buffer *text, const char *ref, const char *words,
                                const cJSON *item) {
  if (text->length) sl_buffer_puts(text, "\n\n");
  if (ref) {
    sl_buffer_puts(text, ref);
    sl_buffer_puts(text, ": ");
  }
  sl_buffer_puts(text, words);
  compare_append_sources(text, item);
}

static void compare_append_weaknesses(sl_buffer *text, const cJSON *area) {
  const cJSON *weakness;
  cJSON_ArrayForEach(weakness, cJSON_GetObjectItemCaseSensitive(area, "weaknesses")) {
    const char *progress = compare_string(weakness, "progress");
    char label[64];
    snprintf(label, sizeof label, "(%s%s) ", progress ? progress : "not judged",
             progress ? " progress" : "");
    if (text->length) sl_buffer_puts(text, "\n\n");
    sl_buffer words = {0};
    sl_buffer_puts(&words, label);
    sl_buffer_puts(&words, compare_string(weakness, "text"));
    compare_append_item(text, compare_string(weakness, "ref"), words.data ? words.data : "",
                        weakness);
    free(words.data);
  }
}

/* Every action, or every measure, of the area's concerns given the theme. */
static void compare_append_children(sl_buffer *text, const cJSON *area, const char *kind) {
  const cJSON *concern, *child;
  cJSON_ArrayForEach(concern, cJSON_GetObjectItemCaseSensitive(area, "concerns")) {
    cJSON_ArrayForEach(child, cJSON_GetObjectItemCaseSensitive(concern, kind)) {
      if (strcmp(kind, "actions") == 0) {
        const char *words = compare_string(child, "text"),
                   *status = compare_string(child, "status");
        char line[2048];
        snprintf(line, sizeof line, "%s%s%s%s", words ? words : "(cited, not stated)",
                 status ? " [" : "", status ? status : "", status ? "]" : "");
        compare_append_item(text, compare_string(child, "ref"), line, child);
        continue;
      }
      char words[1024];
      const char *unit = compare_string(child, "unit"),
                 *measure_kind = compare_string(child, "kind");
      snprintf(words, sizeof words, "%s (%s%s%s)", compare_string(child, "name"),
               measure_kind ? measure_kind : "kind not said", unit ? ", " : "", unit ? unit : "");
      compare_append_item(text, compare_string(child, "ref"), words, child);
    }
  }
}

static char *compare_theme_cell(const cJSON *area, int row) {
  sl_buffer text = {0};
  const cJSON *concern;
  if (row == 0) compare_append_weaknesses(&text, area);
  if (row == 1)
    cJSON_ArrayForEach(concern, cJSON_GetObjectItemCaseSensitive(area, "concerns"))
        compare_append_item(&text, compare_string(concern, "ref"), compare_string(concern, "title"),
                            concern);
  if (row == 2) compare_append_children(&text, area, "actions");
  if (row == 3) compare_append_children(&text, area, "measures");
  if (!text.data) sl_buffer_puts(&text, "-");
  return text.data;
}

/* The row of official figures, when statistics are imported: each area's
 * series of the theme's indicators, England and its region beside it. */
static void compare_theme_official(sl_table *table, const cJSON *view, int columns) {
  const cJSON *statistics = cJSON_GetObjectItemCaseSensitive(view, "statistics"), *area;
  if (!statistics) return;
  const char *cells[columns];
  char *texts[columns];
  int i = 1;
  cells[0] = "official figures";
  cJSON_ArrayForEach(area, cJSON_GetObjectItemCaseSensitive(view, "areas")) {
    const cJSON *official = NULL, *item;
    cJSON_ArrayForEach(item, cJSON_GetObjectItemCaseSensitive(statistics, "areas")) {
      const char *code = compare_string(item, "area");
      if (code && strcmp(code, compare_string(area, "code")) == 0) official = item;
    }
    texts[i] = official ? sl_statview_area_text(statistics, official) : strdup("-");
    cells[i] = texts[i];
    i++;
  }
  sl_table_add(table, cells);
  for (i = 1; i < columns; i++)
    free(texts[i]);
}

/* One column per area with something given the theme, one row per kind. */
static void compare_theme_print(const cJSON *view) {
  static const char *const kinds[] = {"weaknesses", "concerns", "actions", "measures"};
  const cJSON *theme = cJSON_GetObjectItemCaseSensitive(view, "theme");
  const cJSON *areas = cJSON_GetObjectItemCaseSensitive(view, "areas");
  int width = sl_table_width(stdout), columns = cJSON_GetArraySize(areas) + 1;
  sl_buffer title = {0};
  sl_buffer_printf(&title, "%s: %s", compare_string(theme, "id"), compare_string(theme, "title"));
  sl_table_wrap_hanging(stdout, title.data ? title.data : "", 0, 2, width);
  free(title.data);
  sl_table_wrap(stdout, compare_string(theme, "description"), 0, width);
  putchar('\n');
  if (columns == 1) {
    printf("(no area has a weakness or concern given this theme)\n");
    return;
  }
  const char *cells[columns];
  const cJSON *area;
  int i = 1;
  cells[0] = "";
  cJSON_ArrayForEach(area, areas) cells[i++] = compare_string(area, "name");
  sl_table *table = sl_table_new(columns, cells);
  if (table) sl_table_set_kind(table, 0, SL_TABLE_WORDS); /* "official figures" */
  for (int row = 0; row < 4 && table; row++) {
    char *texts[columns];
    texts[0] = NULL;
    i = 1;
    cJSON_ArrayForEach(area, areas) texts[i++] = compare_theme_cell(area, row);
    cells[0] = kinds[row];
    for (i = 1; i < columns; i++)
      cells[i] = texts[i];
    sl_table_add(table, cells);
    for (i = 1; i < columns; i++)
      free(texts[i]);
  }
  if (table) compare_theme_official(table, view, columns);
  if (table) compare_table_print(table);
}

static char *compare_sources_text(const cJSON *item) {
  sl_buffer text = {0};
  compare_append_sources(&text, item);
  if (!text.data) return strdup("");
  memmove(text.data, text.data + 2, text.length - 2); /* drop " [" and "]" */
  text.data[text.length - 3] = '\0';
  return text.data;
}

static void compare_missing_text(const cJSON *item, char *text, size_t size) {
  const cJSON *name;
  size_t used = 0;
  text[0] = '\0';
  cJSON_ArrayForEach(name, cJSON_GetObjectItemCaseSensitive(item, "missing")) {
    used += (size_t)snprintf(text + used, used < size ? size - used : 0, "%s%s", used ? ", " : "",
                             name->valuestring);
  }
}

/* "REF: words", or the words alone when the record has no ref. */
static char *compare_label(const cJSON *item, const char *words) {
  sl_buffer text = {0};
  const char *ref = compare_string(item, "ref");
  if (ref) sl_buffer_puts(&text, ref);
  if (ref && words) sl_buffer_puts(&text, ": ");
  if (words) sl_buffer_puts(&text, words);
  return text.data ? text.data : strdup("-");
}

/* A table of the area's records missing something: what, where, source.
 * An action is named by its ref, or by its text when it has none. */
static void compare_gap_table(const cJSON *area, const char *list, const char *total,
                              const char *what, int actions) {
  const cJSON *items = cJSON_GetObjectItemCaseSensitive(area, list);
  sl_buffer line = {0};
  sl_buffer_printf(&line, "%s: %d of %d", what, cJSON_GetArraySize(items),
                   cJSON_GetObjectItemCaseSensitive(area, total)->valueint);
  sl_table_wrap_hanging(stdout, line.data ? line.data : "", 0, 2, sl_table_width(stdout));
  free(line.data);
  if (cJSON_GetArraySize(items) == 0) return;
  const char *heading[4] = {actions ? "ACTION" : "MEASURE", "MISSING", "SOURCE", "CONCERN"};
  int columns = actions ? 4 : 3;
  sl_table *table = sl_table_new(columns, heading);
  if (table) sl_table_set_kind(table, 1, SL_TABLE_WORDS);            /* "baseline, target" */
  if (table && actions) sl_table_set_kind(table, 3, SL_TABLE_WORDS); /* its ref or title */
  const cJSON *item;
  cJSON_ArrayForEach(item, items) {
    char missing[64];
    compare_missing_text(item, missing, sizeof missing);
    const char *words = compare_string(item, actions ? "text" : "name");
    if (actions && compare_string(item, "ref")) words = NULL;
    if (actions && !compare_string(item, "ref") && !words) words = "(cited, not stated)";
    char *label = compare_label(item, words), *sources = compare_sources_text(item);
    const char *cells[4] = {label, missing, sources, compare_string(item, "concern")};
    if (table) sl_table_add(table, cells);
    free(label);
    free(sources);
  }
  if (table) compare_table_print(table);
}

static void compare_gaps_print(const cJSON *gaps) {
  const cJSON *area;
  int width = sl_table_width(stdout), first = 1;
  cJSON_ArrayForEach(area, cJSON_GetObjectItemCaseSensitive(gaps, "areas")) {
    printf("%s%s (%s)\n", first ? "" : "\n", compare_string(area, "name"),
           compare_string(area, "code"));
    first = 0;
    sl_buffer themes = {0};
    const cJSON *theme;
    cJSON_ArrayForEach(theme, cJSON_GetObjectItemCaseSensitive(area, "themes_without_measures")) {
      sl_buffer_puts(&themes, themes.length ? ", " : "");
      sl_buffer_puts(&themes, compare_string(theme, "theme"));
    }
    sl_buffer line = {0};
    sl_buffer_puts(&line, "themes with concerns but no measure: ");
    sl_buffer_puts(&line, themes.data ? themes.data : "none");
    sl_table_wrap(stdout, line.data ? line.data : "", 0, width);
    free(themes.data);
    free(line.data);
    compare_gap_table(area, "measures_without_baseline_or_target", "measures_total",
                      "measures with no baseline or no target", 0);
    compare_gap_table(area, "actions_without_lead_or_due", "actions_total",
                      "actions with no lead or no due date", 1);
  }
}

/* The theme given is checked against the store's themes, so a typo is a
 * usage error that lists the valid ids. */
static int compare_theme_usage(sl_cli *cli, sl_store *store, const char *theme) {
  sl_error error;
  cJSON *ids = sl_compare_theme_ids(store, &error);
  if (!ids) return sl_cli_fail("compare: %s", error.message);
  sl_buffer valid = {0};
  int known = 0;
  const cJSON *id;
  cJSON_ArrayForEach(id, ids) {
    known = known || strcmp(id->valuestring, theme) == 0;
    sl_buffer_puts(&valid, valid.length ? ", " : "");
    sl_buffer_puts(&valid, id->valuestring);
  }
  int status = known ? SL_EXIT_OK
                     : sl_cli_usage_error(cli, "unknown theme '%s' (valid: %s)", theme,
                                          valid.data ? valid.data : "none loaded");
  free(valid.data);
  cJSON_Delete(ids);
  return status;
}

/* The theme view gains the official figures of the theme's indicators:
 * "statistics" (the comparison of the loaded areas), and in each area
 * "official", its series. Nothing when no statistics are imported. */
static int compare_theme_statistics(sl_store *store, cJSON *view, const char *theme,
                                    sl_error *error) {
  int found = sl_statcmp_has_statistics(store, error);
  if (found <= 0) return found;
  sl_statcmp_request request = {.theme = theme};
  cJSON *statistics = sl_statcmp_build(store, &request, error);
  if (!statistics) return -1;
  cJSON *area;
  cJSON_ArrayForEach(area, cJSON_GetObjectItemCaseSensitive(view, "areas")) {
    const cJSON *item, *indicators = NULL;
    cJSON_ArrayForEach(item, cJSON_GetObjectItemCaseSensitive(statistics, "areas")) {
      const char *code = compare_string(item, "area");
      if (code && strcmp(code, compare_string(area, "code")) == 0)
        indicators = cJSON_GetObjectItemCaseSensitive(item, "indicators");
    }
    cJSON_AddItemToObject(area, "official",
                          indicators ? cJSON_Duplicate(indicators, 1) : cJSON_CreateArray());
  }
  cJSON_AddItemToObject(view, "statistics", statistics);
  return 0;
}

/* view: 'm' matrix, 't' theme, 'g' gaps. */
static int compare_run(sl_cli *cli, sl_store *store, int view, const char *theme, int json) {
  if (view == 't') {
    int status = compare_theme_usage(cli, store, theme);
    if (status != SL_EXIT_OK) return status;
  }
  sl_error error;
  cJSON *result = view == 't'   ? sl_compare_theme(store, theme, &error)
                  : view == 'g' ? sl_compare_gaps(store, &error)
                                : sl_compare_matrix(store, &error);
  if (result && view == 't' && compare_theme_statistics(store, result, theme, &error)) {
    cJSON_Delete(result);
    result = NULL;
  }
  if (!result) return sl_cli_fail("compare: %s", error.message);
  if (json) return sl_cli_print_json(result);
  if (view == 't') compare_theme_print(result);
  if (view == 'g') compare_gaps_print(result);
  if (view == 'm') compare_print(result);
  cJSON_Delete(result);
  return SL_EXIT_OK;
}

/* Every value given to a repeatable option, in order. */
static int compare_values(const sl_cli_options *options, const char *name, const char **values) {
  int count = 0;
  for (int i = 0; i < options->count; i++)
    if (strcmp(options->names[i], name) == 0) values[count++] = options->values[i];
  return count;
}

/* Each --group FILE read as a named group; NULL after printing why. */
static cJSON *compare_groups(sl_store *store, const sl_cli_options *options) {
  const char *paths[16];
  int count = compare_values(options, "group", paths);
  cJSON *groups = cJSON_CreateArray();
  for (int i = 0; i < count; i++) {
    sl_error error;
    cJSON *group = sl_statcmp_group_read(store, paths[i], &error);
    if (!group) {
      sl_cli_fail("compare: %s", error.message);
      cJSON_Delete(groups);
      return NULL;
    }
    cJSON_AddItemToArray(groups, group);
  }
  return groups;
}

/* --indicators: the official statistics of the areas (the loaded ones, or
 * each --area), England, their regions and the groups. */
static int compare_indicators(sl_store *store, const sl_cli_options *options) {
  const char *areas[16];
  int area_count = compare_values(options, "area", areas);
  cJSON *groups = compare_groups(store, options);
  if (!groups) return SL_EXIT_FAILURE;
  sl_statcmp_request request = {areas, area_count, sl_cli_value(options, "theme"), groups, 1};
  sl_error error;
  cJSON *statistics = sl_statcmp_build(store, &request, &error);
  cJSON_Delete(groups);
  if (!statistics) return sl_cli_fail("compare: %s", error.message);
  if (sl_cli_flag(options, "json")) return sl_cli_print_json(statistics);
  sl_statview_print(stdout, statistics, sl_table_width(stdout), sl_table_colour(stdout));
  cJSON_Delete(statistics);
  return SL_EXIT_OK;
}

/* The options that go together: one view, and --group and --area only
 * with --indicators. */
static int compare_check_options(sl_cli *cli, const sl_cli_options *options) {
  int theme = sl_cli_value(options, "theme") != NULL, gaps = sl_cli_flag(options, "gaps");
  int indicators = sl_cli_flag(options, "indicators");
  if (theme && gaps) return sl_cli_usage_error(cli, "--theme and --gaps are two views: give one");
  if (indicators && gaps)
    return sl_cli_usage_error(cli, "--indicators and --gaps are two views: give one");
  if (!indicators && (sl_cli_value(options, "group") || sl_cli_value(options, "area")))
    return sl_cli_usage_error(cli, "--group and --area go with --indicators");
  return SL_EXIT_OK;
}

int sl_cmd_compare(sl_cli *cli) {
  static const char *const flags[] = {"json", "gaps", "indicators", NULL};
  static const char *const valued[] = {"theme", "group", "area", NULL};
  sl_cli_options options;
  int status = sl_cli_parse(cli, flags, valued, 0, &options);
  if (status != SL_EXIT_OK || options.done) goto done;
  if ((status = compare_check_options(cli, &options)) != SL_EXIT_OK) goto done;
  const char *theme = sl_cli_value(&options, "theme");
  int gaps = sl_cli_flag(&options, "gaps");
  sl_store *store = sl_cli_open_store(cli, 0);
  if (store && sl_cli_flag(&options, "indicators")) {
    status = theme ? compare_theme_usage(cli, store, theme) : SL_EXIT_OK;
    if (status == SL_EXIT_OK) status = compare_indicators(store, &options);
    sl_store_close(store);
    goto done;
  }
  status = store ? compare_run(cli, store,
                               theme  ? 't'
                               : gaps ? 'g'
                                      : 'm',
                               theme, sl_cli_flag(&options, "json"))
                 : SL_EXIT_FAILURE;
  sl_store_close(store);
done:
  sl_cli_options_free(&options);
  return status;
}
