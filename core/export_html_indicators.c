/*
 * export_html_indicators.c: the page's "Indicators" section, one bar
 * chart (inline SVG) per stored indicator, drawn from sl_indicator_rows:
 * a bar per area, grouped by period and breakdown, the value and its
 * counts in words, the area's own target as a dashed line, and the chart
 * in words for screen readers.
 */
#include <string.h>

#include "export_html_internal.h"

enum { CHART_WIDTH = 660, CHART_LABEL = 200, CHART_BAR = 300, CHART_LINE = 26 };

typedef struct chart {
  const cJSON *rows[256]; /* one indicator's rows, in order */
  int count;
  double max;  /* the value at the end of the bar area */
  int percent; /* values are percentages: "%" and a scale to 100 */
  int lines;   /* rows plus group headings */
  int targets; /* some area has a target */
} chart;

/* Rows of one indicator fall in groups of period and breakdown (a theme,
 * say); a group is named when it is more than "all periods, as a whole". */
static int group_label(const html *h, const cJSON *row, char *buffer, size_t size) {
  const char *breakdown = html_str(row, "breakdown"), *period = html_str(row, "period");
  int by_period = period && strcmp(period, "all") != 0;
  if (!breakdown && !by_period) return 0;
  snprintf(buffer, size, "%s%s%s", breakdown ? html_theme_title(h, breakdown) : "",
           breakdown && by_period ? ", " : "", by_period ? period : "");
  return 1;
}

static int new_group(const chart *c, int i) {
  return i == 0 ||
         !html_same_text(html_str(c->rows[i], "period"), html_str(c->rows[i - 1], "period")) ||
         !html_same_text(html_str(c->rows[i], "breakdown"), html_str(c->rows[i - 1], "breakdown"));
}

static double number(const cJSON *row, const char *key, int *present) {
  const cJSON *item = cJSON_GetObjectItemCaseSensitive(row, key);
  *present = cJSON_IsNumber(item);
  return *present ? item->valuedouble : 0;
}

static void chart_scale(const html *h, chart *c) {
  const char *unit = html_str(c->rows[0], "unit");
  c->percent = unit && strcmp(unit, "percent") == 0;
  c->max = c->percent ? 100 : 0;
  c->lines = c->targets = 0;
  char label[256];
  for (int i = 0; i < c->count; i++) {
    int present;
    double value = number(c->rows[i], "value", &present);
    if (present && value > c->max) c->max = value;
    value = number(c->rows[i], "target", &present);
    if (present && value > c->max) c->max = value;
    c->targets |= present;
    c->lines += 1 + (new_group(c, i) && group_label(h, c->rows[i], label, sizeof label));
  }
  if (c->max <= 0) c->max = 1;
}

/* Whether a row's figures are counted from synthetic case records. */
static int synthetic_row(const cJSON *row) {
  const cJSON *item = cJSON_GetObjectItemCaseSensitive(row, "synthetic");
  return cJSON_IsNumber(item) && item->valuedouble == 1;
}

/* Above a chart with figures of synthetic records: which, in words. */
static void chart_synthetic(html *h, const chart *c) {
  int first = 1;
  for (int i = 0; i < c->count; i++) {
    if (!synthetic_row(c->rows[i])) continue;
    int seen = 0;
    for (int j = 0; j < i && !seen; j++)
      seen = synthetic_row(c->rows[j]) &&
             html_same_text(html_str(c->rows[j], "area"), html_str(c->rows[i], "area"));
    if (seen) continue;
    html_put(h, first ? "<p class=\"synthetic\" role=\"note\"><strong>SYNTHETIC DATA:</strong> the "
                        "figures of "
                      : ", ");
    html_esc(h, html_str(c->rows[i], "area"));
    first = 0;
  }
  if (!first)
    html_put(h, " below are counted from generated case records (marked SYNTHETIC), not real "
                "children: they are not the council&#39;s figures.</p>");
}

/* A count as shown: the number, or "x" where suppressed. */
static void chart_count(html *h, const cJSON *row, const char *key) {
  int present;
  double count = number(row, key, &present);
  if (present)
    fprintf(h->out, "%.0f", count);
  else
    html_esc(h, html_str(row, key) ? html_str(row, key) : "?");
}

static void chart_value(html *h, const chart *c, const cJSON *row) {
  char text[64];
  int present;
  double value = number(row, "value", &present);
  const char *suppressed = html_str(row, "value");
  if (!present && suppressed && strcmp(suppressed, "x") == 0) {
    html_put(h, "x (suppressed: a count below 5)");
  } else if (!present) {
    html_put(h, "no value");
  } else {
    html_number(text, sizeof text, value);
    fprintf(h->out, "%s%s", text, c->percent ? "%" : "");
  }
  if (cJSON_GetObjectItemCaseSensitive(row, "denominator") &&
      !cJSON_IsNull(cJSON_GetObjectItemCaseSensitive(row, "denominator"))) {
    html_put(h, " (");
    chart_count(h, row, "numerator");
    html_put(h, " of ");
    chart_count(h, row, "denominator");
    html_put(h, ")");
  }
  double target = number(row, "target", &present);
  if (present) {
    html_number(text, sizeof text, target);
    fprintf(h->out, " (target %s%s)", text, c->percent ? "%" : "");
  }
  if (synthetic_row(row)) html_put(h, " SYNTHETIC");
}

/* The chart in words: what a screen reader says, and the alt text. */
static void chart_desc(html *h, const chart *c, int id) {
  fprintf(h->out, "<desc id=\"i%d-d\">One bar per area. ", id);
  char label[256];
  for (int i = 0; i < c->count; i++) {
    if (new_group(c, i) && group_label(h, c->rows[i], label, sizeof label))
      html_esc(h, label), html_put(h, ": ");
    html_esc(h, html_str(c->rows[i], "area"));
    html_put(h, " ");
    chart_value(h, c, c->rows[i]);
    if (html_str(c->rows[i], "note"))
      html_put(h, " ("), html_esc(h, html_str(c->rows[i], "note")), html_put(h, ")");
    html_put(h, i + 1 < c->count && !new_group(c, i + 1) ? ", " : ". ");
  }
  html_put(h, "</desc>");
}

static void chart_row(html *h, const chart *c, const cJSON *row, int y) {
  int present;
  double value = number(row, "value", &present);
  int width = present && value > 0 ? (int)(CHART_BAR * value / c->max + 0.5) : 0;
  fprintf(h->out, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">", CHART_LABEL - 8, y + 17);
  html_esc(h, html_str(row, "area"));
  fprintf(h->out, "</text><rect class=\"bar\" x=\"%d\" y=\"%d\" width=\"%d\" height=\"16\"/>",
          CHART_LABEL, y + 5, width);
  double target = number(row, "target", &present);
  if (present) {
    int x = CHART_LABEL + (int)(CHART_BAR * target / c->max + 0.5);
    fprintf(h->out, "<line class=\"target\" x1=\"%d\" x2=\"%d\" y1=\"%d\" y2=\"%d\"/>", x, x, y + 1,
            y + 25);
  }
  fprintf(h->out, "<text x=\"%d\" y=\"%d\">", CHART_LABEL + width + 6, y + 17);
  chart_value(h, c, row);
  html_put(h, "</text>");
}

static void chart_svg(html *h, const chart *c, int id) {
  int height = c->lines * CHART_LINE + 8;
  fprintf(h->out,
          "<svg role=\"img\" aria-labelledby=\"i%d-t i%d-d\" width=\"%d\" height=\"%d\" "
          "viewBox=\"0 0 %d %d\"><title id=\"i%d-t\">",
          id, id, CHART_WIDTH, height, CHART_WIDTH, height, id);
  html_esc(h, html_str(c->rows[0], "title"));
  html_put(h, "</title>");
  chart_desc(h, c, id);
  fprintf(h->out, "<line class=\"axis\" x1=\"%d\" x2=\"%d\" y1=\"0\" y2=\"%d\"/>", CHART_LABEL,
          CHART_LABEL, height);
  char label[256];
  int y = 0;
  for (int i = 0; i < c->count; i++) {
    if (new_group(c, i) && group_label(h, c->rows[i], label, sizeof label)) {
      fprintf(h->out, "<text class=\"group\" x=\"0\" y=\"%d\">", y + 18);
      html_esc(h, label);
      html_put(h, "</text>");
      y += CHART_LINE;
    }
    chart_row(h, c, c->rows[i], y);
    y += CHART_LINE;
  }
  html_put(h, "</svg>");
}

static const char *direction_words(const char *direction) {
  if (direction && strcmp(direction, "up") == 0) return "higher is better";
  if (direction && strcmp(direction, "down") == 0) return "lower is better";
  return "neither higher nor lower is better";
}

/* The script's notes on a value ("2 of 9", why there is none). */
static void chart_notes(html *h, const chart *c) {
  char label[256];
  int first = 1;
  for (int i = 0; i < c->count; i++) {
    if (!html_str(c->rows[i], "note")) continue;
    html_put(h, first ? "<br>Notes: " : "; ");
    first = 0;
    if (group_label(h, c->rows[i], label, sizeof label)) html_esc(h, label), html_put(h, ", ");
    html_esc(h, html_str(c->rows[i], "area"));
    html_put(h, ": ");
    html_esc(h, html_str(c->rows[i], "note"));
  }
  if (!first) html_put(h, ".");
}

static void chart_caption(html *h, const chart *c) {
  const cJSON *first = c->rows[0];
  html_put(h, "<figcaption>");
  if (html_str(first, "unit"))
    html_put(h, "Unit: "), html_esc(h, html_str(first, "unit")), html_put(h, "; ");
  html_put(h, direction_words(html_str(first, "direction")));
  html_put(h, ". ");
  if (c->targets) html_put(h, "A dashed line marks an area&#39;s own target, from its plan. ");
  html_put(h, "Computed by ");
  html_put(h, "<cite>");
  html_esc(h, html_str(first, "script"));
  html_put(h, "</cite>, version ");
  html_esc(h, html_str(first, "version"));
  html_put(h, " (indicator <code>");
  html_esc(h, html_str(first, "indicator"));
  html_put(h, "</code>).");
  chart_notes(h, c);
  html_put(h, "</figcaption>");
}

static void write_chart(html *h, chart *c, int id) {
  chart_scale(h, c);
  fprintf(h->out, "<figure class=\"chart\" aria-labelledby=\"i%d-h\"><h3 id=\"i%d-h\">", id, id);
  html_esc(h, html_str(c->rows[0], "title"));
  html_put(h, "</h3>");
  chart_synthetic(h, c);
  /* Drawn at its own size, so its words stay 13px: on a phone the chart
   * scrolls sideways in its region rather than shrinking. */
  fprintf(h->out,
          "<div class=\"chart-scroll\" tabindex=\"0\" role=\"region\" "
          "aria-labelledby=\"i%d-h\">",
          id);
  chart_svg(h, c, id);
  html_put(h, "</div>");
  chart_caption(h, c);
  html_put(h, "</figure>");
}

void html_indicators_write(html *h, const cJSON *rows) {
  html_put(h, "<section id=\"indicators\" aria-labelledby=\"indicators-h\"><h2 id=\"indicators-h\">"
              "Indicators</h2>");
  if (!cJSON_GetArraySize(rows))
    html_put(h, "<p>No indicators are stored yet: run <code>sendlens indicators</code> first.</p>");
  chart c = {.count = 0};
  int id = 0;
  const cJSON *row;
  cJSON_ArrayForEach(row, rows) {
    if (c.count && (!html_same_text(html_str(row, "indicator"), html_str(c.rows[0], "indicator")) ||
                    c.count == (int)(sizeof c.rows / sizeof c.rows[0]))) {
      write_chart(h, &c, ++id);
      c.count = 0;
    }
    c.rows[c.count++] = row;
  }
  if (c.count) write_chart(h, &c, ++id);
  html_put(h, "</section>");
}
