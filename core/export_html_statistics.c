/*
 * export_html_statistics.c: the official statistics of the HTML page
 * (export_html_statistics.h). One figure per indicator and area: a line
 * chart of the area's series, England's and its region's as reference
 * lines (dashed and dotted, so they differ without colour), the latest
 * value in words, and the data behind the chart as a table. Every word
 * that comes from a file (names, titles, symbols, documents) is escaped.
 * Counts are drawn without England's and the region's totals, which are
 * on another scale; the table still gives them.
 */
#include "export_html_statistics.h"

#include <string.h>

#include "export_html.h"
#include "html_chart.h"
#include "statistics_compare.h"

/* The chart's box, in SVG units. Its text is 16 units: on a 320px
 * screen the chart is drawn about 290px wide (0.8 of its units), so its
 * words stay above 12 CSS px; on wider screens it is not enlarged. */
enum {
  ST_WIDTH = 360,
  ST_HEIGHT = 214,
  ST_LEFT = 56,
  ST_RIGHT = 320,
  ST_TOP = 54,
  ST_BOTTOM = 174,
  ST_CHAR = 9,    /* about the width of a character at 16 units */
  ST_LEGEND = 20, /* a legend row's height */
  ST_PERIODS_MAX = 64
};

const char sl_html_statistics_style[] =
    ".stats{display:grid;grid-template-columns:repeat(auto-fill,minmax(min(100%,23rem),1fr));"
    "gap:0 1.5rem}.stat svg text{font-size:16px}"
    ".stat h4{margin-top:.5rem}.stat .latest{margin:.2rem 0}"
    "svg .st-area{stroke:#1f5fae;stroke-width:2.5;fill:none}svg .st-point{fill:#1f5fae}"
    "svg .st-eng{stroke:#1a1a1a;stroke-width:1.5;stroke-dasharray:6 4;fill:none}"
    "svg .st-reg{stroke:#8a4b00;stroke-width:2;stroke-dasharray:2 3;fill:none}"
    "svg .st-grid{stroke:#d0d0d0}svg .st-axis{stroke:#767676}"
    ".stat table{font-size:.9em}.stat details{margin:.3rem 0 1rem}";

/* What a published symbol means (the Explore education statistics
 * conventions); NULL for one it does not list. */
static const char *st_symbol_meaning(const char *symbol) {
  static const char *const meanings[][2] = {
      {"x", "not available"},    {"z", "not applicable"},  {"c", "confidential"},
      {"low", "rounds to zero"}, {"u", "low reliability"}, {"k", "below 0.5"},
      {"w", "withheld"},         {":", "not available"},   {".", "not applicable"},
  };
  for (size_t i = 0; symbol && i < sizeof meanings / sizeof meanings[0]; i++)
    if (strcmp(symbol, meanings[i][0]) == 0) return meanings[i][1];
  return NULL;
}

static const char *st_str(const cJSON *object, const char *key) {
  const cJSON *item = cJSON_GetObjectItemCaseSensitive(object, key);
  return cJSON_IsString(item) ? item->valuestring : NULL;
}

static const cJSON *st_item(const cJSON *object, const char *key) {
  return cJSON_GetObjectItemCaseSensitive(object, key);
}

static int st_number(const cJSON *object, const char *key, double *value) {
  const cJSON *item = st_item(object, key);
  if (!cJSON_IsNumber(item)) return 0;
  *value = item->valuedouble;
  return 1;
}

/* One chart being drawn: the indicator, the area, and the series on the
 * indicator's periods (a point per period, NULL where none). */
typedef struct st_chart {
  FILE *out;
  const cJSON *indicator, *area;
  const char *region_name;
  const cJSON *points[ST_PERIODS_MAX];
  const cJSON *periods[ST_PERIODS_MAX];
  int count, percent, references, id;
  double max;
} st_chart;

static void st_put(const st_chart *c, const char *text) { fputs(text, c->out); }
static void st_esc(const st_chart *c, const char *text) { sl_html_escape(c->out, text); }

/* A value with its unit ("35.3%", "1234"), or its symbol and meaning. */
static void st_value(const st_chart *c, const cJSON *point, const char *key,
                     const char *symbol_key) {
  double value;
  char text[64];
  if (point && st_number(point, key, &value)) {
    sl_statcmp_number(text, sizeof text, value, 0);
    st_esc(c, text);
    if (c->percent) st_put(c, "%");
    return;
  }
  const char *symbol = point ? st_str(point, symbol_key) : NULL;
  if (!symbol) {
    st_put(c, "no figure");
    return;
  }
  st_esc(c, symbol);
  if (st_symbol_meaning(symbol)) fprintf(c->out, " (%s)", st_symbol_meaning(symbol));
}

static void st_change(const st_chart *c, const cJSON *point) {
  double change;
  char text[64];
  if (!point || !st_number(point, "change", &change)) return;
  sl_statcmp_number(text, sizeof text, change, 1);
  st_esc(c, text);
  st_put(c, c->percent ? " percentage points" : "");
}

/* The series of the area on the indicator's periods; the scale's top. */
static void st_prepare(st_chart *c) {
  const char *id = st_str(c->indicator, "id"), *unit = st_str(c->indicator, "unit");
  const cJSON *series = NULL, *item, *period;
  cJSON_ArrayForEach(item, st_item(c->area, "indicators")) {
    if (strcmp(st_str(item, "indicator"), id) == 0) series = st_item(item, "series");
  }
  c->percent = unit && strcmp(unit, "percent") == 0;
  c->references = !unit || strcmp(unit, "count") != 0;
  c->count = 0;
  c->max = c->percent ? 100 : 0;
  cJSON_ArrayForEach(period, st_item(c->indicator, "periods")) {
    if (c->count == ST_PERIODS_MAX) break;
    const cJSON *found = NULL, *point;
    cJSON_ArrayForEach(point, series) {
      if (strcmp(st_str(point, "period"), st_str(period, "period")) == 0 &&
          strcmp(st_str(point, "period_kind"), st_str(period, "period_kind")) == 0)
        found = point;
    }
    static const char *const keys[] = {"value", "england", "region"};
    double value;
    for (int k = 0; found && k < (c->references ? 3 : 1); k++)
      if (st_number(found, keys[k], &value) && value > c->max) c->max = value;
    c->periods[c->count] = period;
    c->points[c->count++] = found;
  }
  if (!c->percent) c->max = sl_chart_nice(c->max);
}

/* The drawing's frame: the shared chart (html_chart.h) on this box. */
static sl_chart st_frame(const st_chart *c) {
  return (sl_chart){.out = c->out,
                    .left = ST_LEFT,
                    .right = ST_RIGHT,
                    .top = ST_TOP,
                    .bottom = ST_BOTTOM,
                    .max = c->max,
                    .count = c->count,
                    .char_width = ST_CHAR};
}

/* One line through the points that have a number for key (a symbol never
 * becomes a point). */
static void st_line(const st_chart *c, const char *key, const char *class) {
  double values[ST_PERIODS_MAX];
  unsigned char present[ST_PERIODS_MAX];
  for (int i = 0; i < c->count; i++)
    present[i] = c->points[i] && st_number(c->points[i], key, &values[i]);
  sl_chart frame = st_frame(c);
  sl_chart_line(&frame, values, present, class);
}

static void st_axes(const st_chart *c) {
  char top[64];
  sl_statcmp_number(top, sizeof top, c->max, 0);
  fprintf(c->out,
          "<line class=\"st-grid\" x1=\"%d\" x2=\"%d\" y1=\"%d\" y2=\"%d\"/>"
          "<line class=\"st-axis\" x1=\"%d\" x2=\"%d\" y1=\"%d\" y2=\"%d\"/>"
          "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">0</text>"
          "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>",
          ST_LEFT, ST_RIGHT, ST_TOP, ST_TOP, ST_LEFT, ST_RIGHT, ST_BOTTOM, ST_BOTTOM, ST_LEFT - 6,
          ST_BOTTOM + 4, ST_LEFT - 6, ST_TOP + 4, top);
  const char *labels[ST_PERIODS_MAX];
  for (int i = 0; i < c->count; i++)
    labels[i] = st_str(c->periods[i], "period");
  sl_chart frame = st_frame(c);
  sl_chart_x_labels(&frame, labels, ST_BOTTOM + 20);
}

/* The chart in words, for the SVG's description. */
static void st_desc(const st_chart *c) {
  fprintf(c->out, "<desc id=\"st%d-d\">", c->id);
  for (int i = 0; i < c->count; i++) {
    st_esc(c, st_str(c->periods[i], "period"));
    st_put(c, ": ");
    st_value(c, c->points[i], "value", "symbol");
    if (c->references) {
      st_put(c, ", England ");
      st_value(c, c->points[i], "england", "england_symbol");
      st_put(c, ", ");
      st_esc(c, c->region_name);
      st_put(c, " ");
      st_value(c, c->points[i], "region", "region_symbol");
    }
    st_put(c, i + 1 < c->count ? "; " : ".");
  }
  st_put(c, "</desc>");
}

/* A legend sample at *x on row *row, moved to the next row when it would
 * not fit the chart's width; *x becomes where the next one starts. */
static void st_legend(const sl_chart *frame, int *x, int *row, const char *class,
                      const char *name) {
  int width = 26 + sl_chart_characters(name) * ST_CHAR;
  if (*x > 0 && *x + width > ST_WIDTH) *x = 0, ++*row;
  *x = (int)sl_chart_legend(frame, *x, 12 + *row * ST_LEGEND, class, name);
}

static void st_svg(const st_chart *c) {
  fprintf(c->out,
          "<svg role=\"img\" aria-labelledby=\"st%d-t st%d-d\" width=\"%d\" height=\"%d\" "
          "viewBox=\"0 0 %d %d\"><title id=\"st%d-t\">",
          c->id, c->id, ST_WIDTH, ST_HEIGHT, ST_WIDTH, ST_HEIGHT, c->id);
  st_esc(c, st_str(c->area, "name"));
  st_put(c, ": ");
  st_esc(c, st_str(c->indicator, "title"));
  st_put(c, "</title>");
  st_desc(c);
  st_axes(c);
  sl_chart frame = st_frame(c);
  int x = 0, row = 0;
  st_legend(&frame, &x, &row, "st-area", st_str(c->area, "name"));
  if (c->references) {
    st_legend(&frame, &x, &row, "st-eng", "England");
    st_legend(&frame, &x, &row, "st-reg", c->region_name);
    st_line(c, "england", "st-eng");
    st_line(c, "region", "st-reg");
  }
  st_line(c, "value", "st-area");
  for (int i = 0; i < c->count; i++) {
    double value;
    if (c->points[i] && st_number(c->points[i], "value", &value))
      fprintf(c->out, "<circle class=\"st-point\" cx=\"%.1f\" cy=\"%.1f\" r=\"3.5\"/>",
              sl_chart_x(&frame, i), sl_chart_y(&frame, value));
  }
  st_put(c, "</svg>");
}

/* "2024: 35.3% (+7.2 percentage points since 2023); rank 5 of 8 local
 * authorities, quartile 3; England 46.4%, West Midlands 45%." */
static void st_latest(const st_chart *c) {
  int last = c->count - 1;
  while (last > 0 && !c->points[last])
    last--;
  const cJSON *point = c->points[last];
  st_put(c, "<p class=\"latest\"><strong>Latest, ");
  st_esc(c, st_str(c->periods[last], "period"));
  st_put(c, ":</strong> ");
  st_value(c, point, "value", "symbol");
  if (point && cJSON_IsNumber(st_item(point, "change"))) {
    st_put(c, " (");
    st_change(c, point);
    st_put(c, " since ");
    st_esc(c, last > 0 ? st_str(c->periods[last - 1], "period") : "the period before");
    st_put(c, ")");
  }
  double rank, ranked, quartile;
  if (point && st_number(point, "rank", &rank) && st_number(point, "ranked", &ranked) &&
      st_number(point, "quartile", &quartile))
    fprintf(c->out, "; rank %.0f of %.0f local authorities, quartile %.0f", rank, ranked, quartile);
  else if (strcmp(st_str(c->indicator, "direction"), "none") == 0)
    st_put(c, "; not ranked (neither higher nor lower is better)");
  st_put(c, "; England ");
  st_value(c, point, "england", "england_symbol");
  st_put(c, ", ");
  st_esc(c, c->region_name);
  st_put(c, " ");
  st_value(c, point, "region", "region_symbol");
  st_put(c, ".</p>");
}

static void st_cell(const st_chart *c, const cJSON *point, const char *key) {
  double value;
  st_put(c, "<td>");
  if (point && st_number(point, key, &value)) fprintf(c->out, "%.0f", value);
  st_put(c, "</td>");
}

/* Where a row's value was published: document, line, column. */
static void st_source(const st_chart *c, const cJSON *point) {
  const cJSON *source = cJSON_GetArrayItem(st_item(point, "sources"), 0);
  double line;
  st_put(c, "<td>");
  if (source && st_number(source, "line", &line)) {
    st_esc(c, st_str(source, "document"));
    fprintf(c->out, ", line %.0f", line);
    if (st_str(source, "column")) st_put(c, ", column "), st_esc(c, st_str(source, "column"));
  }
  st_put(c, "</td>");
}

static void st_row(const st_chart *c, int i) {
  const cJSON *point = c->points[i];
  st_put(c, "<tr><th scope=\"row\">");
  st_esc(c, st_str(c->periods[i], "period"));
  st_put(c, "</th><td>");
  st_value(c, point, "value", "symbol");
  st_put(c, "</td><td>");
  st_change(c, point);
  st_put(c, "</td>");
  st_cell(c, point, "rank");
  st_cell(c, point, "quartile");
  st_put(c, "<td>");
  st_value(c, point, "england", "england_symbol");
  st_put(c, "</td><td>");
  st_value(c, point, "region", "region_symbol");
  st_put(c, "</td>");
  if (point)
    st_source(c, point);
  else
    st_put(c, "<td></td>");
  st_put(c, "</tr>");
}

/* The data behind the chart, for screen readers and for checking. */
static void st_table(const st_chart *c) {
  fprintf(c->out,
          "<details><summary>Data table</summary><div class=\"table-scroll\" tabindex=\"0\" "
          "role=\"region\" aria-labelledby=\"st%d-c\"><table><caption id=\"st%d-c\">",
          c->id, c->id);
  st_esc(c, st_str(c->area, "name"));
  st_put(c, ": ");
  st_esc(c, st_str(c->indicator, "title"));
  st_put(c, ", by period</caption><thead><tr><th scope=\"col\">Period</th><th scope=\"col\">");
  st_esc(c, st_str(c->area, "name"));
  st_put(c, "</th><th scope=\"col\">Change</th><th scope=\"col\">Rank</th>"
            "<th scope=\"col\">Quartile</th><th scope=\"col\">England</th><th scope=\"col\">");
  st_esc(c, c->region_name);
  st_put(c, "</th><th scope=\"col\">Source</th></tr></thead><tbody>");
  for (int i = 0; i < c->count; i++)
    st_row(c, i);
  st_put(c, "</tbody></table></div></details>");
}

static void st_figure(st_chart *c) {
  st_prepare(c);
  if (c->count == 0) return;
  fprintf(c->out, "<figure class=\"stat chart\" aria-labelledby=\"st%d-h\" data-area=\"", c->id);
  st_esc(c, st_str(c->area, "code"));
  fprintf(c->out, "\"><h4 id=\"st%d-h\">", c->id);
  st_esc(c, st_str(c->area, "name"));
  st_put(c, "</h4>");
  st_svg(c);
  st_put(c, "<figcaption>");
  st_latest(c);
  if (!c->references)
    st_put(c, "<p class=\"small\">England&#39;s and the region&#39;s totals are on another "
              "scale: the table gives them.</p>");
  st_put(c, "</figcaption>");
  st_table(c);
  st_put(c, "</figure>");
}

static const char *st_region_name(const cJSON *statistics, const cJSON *area) {
  const char *region = st_str(area, "region");
  const cJSON *geography;
  cJSON_ArrayForEach(geography, st_item(statistics, "geographies")) {
    if (region && strcmp(st_str(geography, "code"), region) == 0) return st_str(geography, "name");
  }
  return "Region";
}

/* Whether the area has any figure of the indicator. */
static int st_has(const cJSON *area, const char *indicator) {
  const cJSON *item;
  cJSON_ArrayForEach(item, st_item(area, "indicators")) {
    if (strcmp(st_str(item, "indicator"), indicator) == 0) return 1;
  }
  return 0;
}

static void st_indicator(FILE *out, const cJSON *statistics, const cJSON *indicator, int *id) {
  fputs("<h3 id=\"st-", out);
  sl_html_escape(out, st_str(indicator, "id"));
  fputs("\">", out);
  sl_html_escape(out, st_str(indicator, "title"));
  fputs("</h3><p class=\"small\">", out);
  sl_html_escape(out, st_str(indicator, "definition"));
  fputs(" Unit: ", out);
  sl_html_escape(out, st_str(indicator, "unit") ? st_str(indicator, "unit") : "not said");
  fputs("; ", out);
  sl_html_escape(out, st_str(indicator, "ranking"));
  fputs(" (indicator <code>", out);
  sl_html_escape(out, st_str(indicator, "id"));
  fputs("</code>).</p><div class=\"stats\">", out);
  const cJSON *area;
  cJSON_ArrayForEach(area, st_item(statistics, "areas")) {
    if (!st_has(area, st_str(indicator, "id"))) continue;
    st_chart c = {.out = out, .indicator = indicator, .area = area, .id = ++*id};
    c.region_name = st_region_name(statistics, area);
    st_figure(&c);
  }
  fputs("</div>", out);
}

void sl_html_statistics_write(FILE *out, const cJSON *statistics) {
  fputs("<section id=\"statistics\" aria-labelledby=\"statistics-h\"><h2 id=\"statistics-h\">"
        "Official statistics</h2>",
        out);
  if (!statistics || cJSON_GetArraySize(st_item(statistics, "areas")) == 0) {
    fputs("<p>No official statistics of a loaded area are imported: run <code>sendlens "
          "import-statistics</code> with the DfE&#39;s release first.</p></section>",
          out);
    return;
  }
  fputs("<p>Each area&#39;s published headline figures (the DfE&#39;s open data), with England "
        "(dashed line) and its region (dotted line) in the same periods, its latest change "
        "and its rank among all local authorities. ",
        out);
  sl_html_escape(out, sl_statcmp_rank_rule);
  fputs("</p>", out);
  int id = 0;
  const cJSON *indicator;
  cJSON_ArrayForEach(indicator, st_item(statistics, "indicators"))
      st_indicator(out, statistics, indicator, &id);
  fputs("</section>", out);
}
