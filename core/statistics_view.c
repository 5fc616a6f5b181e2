/*
 * statistics_view.c: `compare --indicators` and the official figures of
 * `compare --theme`, drawn from the tree of statistics_compare.c through
 * core/table.c, so they fit the terminal. A cell is a few short lines
 * (value; change; rank and quartile) rather than one long one, so eight
 * columns still fit 60 characters.
 */
#include "statistics_view.h"

#include "buffer.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "statistics_compare.h"
#include "table.h"

static const char *statview_string(const cJSON *object, const char *key) {
  const cJSON *item = cJSON_GetObjectItemCaseSensitive(object, key);
  return cJSON_IsString(item) ? item->valuestring : NULL;
}

static const cJSON *statview_item(const cJSON *object, const char *key) {
  return cJSON_GetObjectItemCaseSensitive(object, key);
}

/* The series of one indicator in a list of {"indicator", "series"}. */
/* An area's (or group's) list of one indicator: "series", or "local". */
static const cJSON *statview_list(const cJSON *owner, const char *indicator, const char *list) {
  const cJSON *item;
  cJSON_ArrayForEach(item, statview_item(owner, "indicators")) {
    const char *id = statview_string(item, "indicator");
    if (id && strcmp(id, indicator) == 0) return statview_item(item, list);
  }
  return NULL;
}

static const cJSON *statview_series(const cJSON *owner, const char *indicator) {
  return statview_list(owner, indicator, "series");
}

static const cJSON *statview_point(const cJSON *series, const char *period, const char *kind) {
  const cJSON *point;
  cJSON_ArrayForEach(point, series) {
    if (strcmp(statview_string(point, "period"), period) == 0 &&
        strcmp(statview_string(point, "period_kind"), kind) == 0)
      return point;
  }
  return NULL;
}

/* The value as published: a number, or its symbol, or "-" for no figure. */
static void statview_value(char *text, size_t size, const cJSON *point, const char *key,
                           const char *symbol_key) {
  const cJSON *value = statview_item(point, key);
  const char *symbol = statview_string(point, symbol_key);
  if (cJSON_IsNumber(value))
    sl_statcmp_number(text, size, value->valuedouble, 0);
  else
    snprintf(text, size, "%s", symbol ? symbol : "-");
}

/* "28.1\n+7.2\n#5 Q3" for an area, "42.6\n+9.6\npooled" for a group. */
static char *statview_cell(const cJSON *point) {
  if (!point) return strdup("-");
  char line[64];
  sl_buffer text = {0};
  statview_value(line, sizeof line, point, "value", "symbol");
  sl_buffer_puts(&text, line);
  const cJSON *change = statview_item(point, "change");
  if (cJSON_IsNumber(change)) {
    sl_statcmp_number(line, sizeof line, change->valuedouble, 1);
    sl_buffer_puts(&text, "\n");
    sl_buffer_puts(&text, line);
  }
  const cJSON *rank = statview_item(point, "rank"), *quartile = statview_item(point, "quartile");
  if (cJSON_IsNumber(rank) && cJSON_IsNumber(quartile)) {
    snprintf(line, sizeof line, "\n#%d Q%d", rank->valueint, quartile->valueint);
    sl_buffer_puts(&text, line);
  }
  const char *method = statview_string(point, "method");
  if (method && strcmp(method, "published") != 0) {
    sl_buffer_puts(&text, "\n");
    sl_buffer_puts(&text, method);
  }
  if (cJSON_IsTrue(statview_item(point, "partial"))) sl_buffer_puts(&text, "\npartial");
  return text.data ? text.data : strdup("-");
}

/* The columns of every table: the areas, England, then the groups (the
 * regions first), each with its name and its list of series. */
typedef struct statview_column {
  const char *name;
  const cJSON *owner;
} statview_column;

static int statview_columns(const cJSON *statistics, statview_column *columns, int capacity) {
  int count = 0;
  const cJSON *item;
  cJSON_ArrayForEach(item, statview_item(statistics, "areas")) {
    if (count < capacity) columns[count++] = (statview_column){statview_string(item, "name"), item};
  }
  const cJSON *england = statview_item(statistics, "england");
  if (cJSON_IsObject(england) && count < capacity)
    columns[count++] = (statview_column){statview_string(england, "name"), england};
  cJSON_ArrayForEach(item, statview_item(statistics, "groups")) {
    if (count < capacity) columns[count++] = (statview_column){statview_string(item, "name"), item};
  }
  return count;
}

/* "2023\n(7 LAs)": the period and how many authorities were ranked. */
static void statview_period(char *text, size_t size, const cJSON *period, int ranked) {
  int count = statview_item(period, "ranked")->valueint;
  if (ranked)
    snprintf(text, size, "%s\n(%d LAs)", statview_string(period, "period"), count);
  else
    snprintf(text, size, "%s", statview_string(period, "period"));
}

/* Which members of which groups had no number, period by period. */
static void statview_missing(FILE *out, const cJSON *statistics, const char *indicator, int width) {
  const cJSON *group, *point, *missing;
  cJSON_ArrayForEach(group, statview_item(statistics, "groups")) {
    cJSON_ArrayForEach(point, statview_series(group, indicator)) {
      if (cJSON_GetArraySize(statview_item(point, "missing")) == 0) continue;
      sl_buffer text = {0};
      sl_buffer_puts(&text, statview_string(group, "name"));
      sl_buffer_puts(&text, " ");
      sl_buffer_puts(&text, statview_string(point, "period"));
      sl_buffer_puts(&text, ": no number for");
      int first = 1;
      cJSON_ArrayForEach(missing, statview_item(point, "missing")) {
        const char *symbol = statview_string(missing, "symbol");
        sl_buffer_puts(&text, first ? " " : ", ");
        sl_buffer_puts(&text, statview_string(missing, "code"));
        if (statview_string(missing, "name")) {
          sl_buffer_puts(&text, " ");
          sl_buffer_puts(&text, statview_string(missing, "name"));
        }
        sl_buffer_puts(&text, symbol ? " (" : " (no figure");
        sl_buffer_puts(&text, symbol ? symbol : "");
        sl_buffer_puts(&text, ")");
        first = 0;
      }
      sl_table_wrap(out, text.data ? text.data : "", 0, width);
      free(text.data);
    }
  }
}

enum { STATVIEW_COLUMNS_MAX = 64 };

/* One table of the period column and columns [first, first + count). */
static void statview_table(FILE *out, const cJSON *indicator, const statview_column *columns,
                           int first, int count, int width, int colour) {
  const char *id = statview_string(indicator, "id");
  int ranked = strcmp(statview_string(indicator, "direction"), "none") != 0;
  const char *cells[STATVIEW_COLUMNS_MAX];
  cells[0] = "PERIOD";
  for (int i = 0; i < count; i++)
    cells[i + 1] = columns[first + i].name;
  sl_table *table = sl_table_new(count + 1, cells);
  const cJSON *period;
  cJSON_ArrayForEach(period, statview_item(indicator, "periods")) {
    char label[64];
    char *texts[STATVIEW_COLUMNS_MAX];
    statview_period(label, sizeof label, period, ranked);
    cells[0] = label;
    for (int i = 0; i < count; i++) {
      const cJSON *series = statview_series(columns[first + i].owner, id);
      texts[i] = statview_cell(statview_point(series, statview_string(period, "period"),
                                              statview_string(period, "period_kind")));
      cells[i + 1] = texts[i];
    }
    if (table) sl_table_add(table, cells);
    for (int i = 0; i < count; i++)
      free(texts[i]);
  }
  if (table) sl_table_print(table, out, width, colour);
  sl_table_free(table);
}

/* How many columns from first fit beside the period column, each as wide
 * as its name or "#140 Q4" and a gap, so a narrow terminal gets more tables
 * rather than names cut in two. At least one. */
static int statview_chunk(const statview_column *columns, int first, int count, int width) {
  int used = 9, chunk = 0;
  for (int i = first; i < count; i++) {
    int name = columns[i].name ? (int)strlen(columns[i].name) : 0;
    used += (name > 8 ? name : 8) + 2;
    if (used > width && chunk > 0) break;
    chunk++;
  }
  return chunk;
}

/* A published count or value: a number, "x" (suppressed) or "-". */
static void statview_count(char *text, size_t size, const cJSON *value) {
  /* Two decimal places, as `sendlens indicators` shows them. */
  if (cJSON_IsNumber(value))
    sl_statcmp_number(text, size, round(value->valuedouble * 100) / 100, 0);
  else
    snprintf(text, size, "%s", cJSON_IsString(value) ? value->valuestring : "-");
}

/* "2024-Q1 62.5 (10/16)": one quarter of an area's own figures. */
static void statview_local_point(sl_buffer *text, const cJSON *point) {
  char value[64], numerator[64], denominator[64];
  statview_count(value, sizeof value, statview_item(point, "value"));
  statview_count(numerator, sizeof numerator, statview_item(point, "numerator"));
  statview_count(denominator, sizeof denominator, statview_item(point, "denominator"));
  sl_buffer_printf(text, "%s %s", statview_string(point, "period"), value);
  if (strcmp(denominator, "-") != 0) sl_buffer_printf(text, " (%s/%s)", numerator, denominator);
  /* The published period it lies within, matched by span. */
  const char *within = statview_string(point, "within");
  if (within && *within) sl_buffer_printf(text, " [in %s]", within);
}

/* Whether an area's own figures of an indicator are counted from case
 * records of a file marked synthetic. */
static int statview_synthetic(const cJSON *local) {
  const cJSON *point;
  cJSON_ArrayForEach(point, local) {
    const cJSON *synthetic = statview_item(point, "synthetic");
    if (cJSON_IsNumber(synthetic) && synthetic->valuedouble == 1) return 1;
  }
  return 0;
}

/* Under the official table, each area's own figures of the same
 * indicator, counted from its case records: the local quarters beside the
 * published years. */
static void statview_local(FILE *out, const cJSON *statistics, const char *indicator, int width) {
  const cJSON *area, *point;
  cJSON_ArrayForEach(area, statview_item(statistics, "areas")) {
    const cJSON *local = statview_list(area, indicator, "local");
    if (cJSON_GetArraySize(local) == 0) continue;
    sl_buffer text = {0};
    const char *name = statview_string(area, "name");
    if (statview_synthetic(local))
      sl_buffer_puts(&text, "SYNTHETIC DATA, made up, not real children: ");
    sl_buffer_printf(&text,
                     "%s's own figures (case records, by quarter; x: suppressed, a count below 5 "
                     "or one subtraction would give away):",
                     name ? name : "?");
    int first = 1;
    cJSON_ArrayForEach(point, local) {
      sl_buffer_puts(&text, first ? " " : "; ");
      statview_local_point(&text, point);
      first = 0;
    }
    sl_table_wrap(out, text.data ? text.data : "", 0, width);
    sl_buffer_free(&text);
  }
}

/* An indicator's heading, then its columns in as many tables as the width
 * needs (statview_chunk). */
static void statview_indicator(FILE *out, const cJSON *statistics, const cJSON *indicator,
                               int width, int colour) {
  const char *id = statview_string(indicator, "id"), *title = statview_string(indicator, "title");
  const char *unit = statview_string(indicator, "unit");
  if (!id) return;
  sl_buffer about = {0};
  sl_buffer_puts(&about, id);
  sl_buffer_puts(&about, ": ");
  sl_buffer_puts(&about, title ? title : "");
  sl_table_wrap(out, about.data ? about.data : "", 0, width);
  free(about.data);
  about = (sl_buffer){0};
  sl_buffer_puts(&about, unit ? unit : "unit not said");
  sl_buffer_puts(&about, "; ");
  sl_buffer_puts(&about, statview_string(indicator, "ranking"));
  sl_table_wrap(out, about.data ? about.data : "", 0, width);
  free(about.data);
  statview_column columns[STATVIEW_COLUMNS_MAX];
  int count = statview_columns(statistics, columns, STATVIEW_COLUMNS_MAX - 1);
  for (int first = 0, chunk; first < count; first += chunk) {
    if (first) fputc('\n', out);
    chunk = statview_chunk(columns, first, count, width);
    statview_table(out, indicator, columns, first, chunk, width, colour);
  }
  statview_missing(out, statistics, id, width);
  statview_local(out, statistics, id, width);
  fputc('\n', out);
}

void sl_statview_print(FILE *out, const cJSON *statistics, int width, int colour) {
  const cJSON *indicator;
  if (cJSON_GetArraySize(statview_item(statistics, "indicators")) == 0) {
    fprintf(out, "(no official statistics imported: see 'sendlens import-statistics')\n");
    return;
  }
  if (cJSON_GetArraySize(statview_item(statistics, "areas")) == 0)
    fprintf(out, "(no loaded area is a local authority of the statistics: give --area CODE)\n\n");
  cJSON_ArrayForEach(indicator, statview_item(statistics, "indicators"))
      statview_indicator(out, statistics, indicator, width, colour);
  sl_table_wrap(out,
                "Each cell: the value as published (a symbol such as x, c or low is never a "
                "number; - no figure), its change since the period before, and #rank Qquartile "
                "among the local authorities (LAs) ranked that period.",
                0, width);
  sl_table_wrap(out, sl_statcmp_rank_rule, 0, width);
  sl_table_wrap(out, sl_statcmp_group_rule, 0, width);
}

/* The name of a geography of the comparison, by code. */
static const char *statview_geography_name(const cJSON *statistics, const char *code) {
  const cJSON *geography;
  cJSON_ArrayForEach(geography, statview_item(statistics, "geographies")) {
    if (code && strcmp(statview_string(geography, "code"), code) == 0)
      return statview_string(geography, "name");
  }
  return "region";
}

/* "2024: 35.3 (+7.2, #5 of 8, Q3); England 46.4, West Midlands 45" */
static void statview_point_line(sl_buffer *text, const cJSON *point, const char *region) {
  char value[64], number[64], line[256];
  statview_value(value, sizeof value, point, "value", "symbol");
  snprintf(line, sizeof line, "\n%s: %s", statview_string(point, "period"), value);
  sl_buffer_puts(text, line);
  const cJSON *change = statview_item(point, "change"), *rank = statview_item(point, "rank");
  if (cJSON_IsNumber(change)) {
    sl_statcmp_number(number, sizeof number, change->valuedouble, 1);
    sl_buffer_puts(text, " ");
    sl_buffer_puts(text, number);
  }
  if (cJSON_IsNumber(rank)) {
    snprintf(line, sizeof line, " #%d of %d Q%d", rank->valueint,
             statview_item(point, "ranked")->valueint, statview_item(point, "quartile")->valueint);
    sl_buffer_puts(text, line);
  }
  statview_value(value, sizeof value, point, "england", "england_symbol");
  statview_value(number, sizeof number, point, "region", "region_symbol");
  snprintf(line, sizeof line, "; England %s, %s %s", value, region, number);
  sl_buffer_puts(text, line);
}

char *sl_statview_area_text(const cJSON *statistics, const cJSON *area) {
  sl_buffer text = {0};
  const char *region = statview_geography_name(statistics, statview_string(area, "region"));
  const cJSON *indicator;
  cJSON_ArrayForEach(indicator, statview_item(statistics, "indicators")) {
    const char *id = statview_string(indicator, "id");
    const cJSON *series = statview_series(area, id);
    if (!series) continue;
    if (text.length) sl_buffer_puts(&text, "\n\n");
    sl_buffer_puts(&text, id);
    sl_buffer_puts(&text, " (");
    sl_buffer_puts(&text, statview_string(indicator, "ranking"));
    sl_buffer_puts(&text, ")");
    const cJSON *point;
    cJSON_ArrayForEach(point, series) statview_point_line(&text, point, region);
  }
  return text.data ? text.data : strdup("-");
}
