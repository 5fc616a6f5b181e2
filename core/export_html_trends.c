/*
 * export_html_trends.c: the page's indicators as small multiples of line
 * charts (export_html_trends.h), drawn from the tree of trends.c with the
 * shared chart helpers (html_chart.h). Nothing is only in the picture:
 * each chart has a heading, an SVG title and description, its latest
 * value and change in words, and its numbers in a table. Suppressed
 * figures stay "x" and are never drawn; figures of synthetic records say
 * SYNTHETIC beside them. The SVG's 280 units are never drawn narrower than
 * about 250 CSS pixels (the grid's columns), so its 14-unit text stays at
 * 12 CSS pixels or more at every page width.
 */
#include "export_html_trends.h"

#include <math.h>
#include <stdint.h>
#include <string.h>

#include "days.h"
#include "export_html.h"
#include "html_chart.h"
#include "trends.h"

enum {
  TR_WIDTH = 280,
  TR_HEIGHT = 168,
  TR_LEFT = 46,
  TR_RIGHT = 246,
  TR_TOP = 12,
  TR_BOTTOM = 128,
  TR_POINTS_MAX = 512
};

const char sl_html_trends_style[] =
    ".trends{display:grid;grid-template-columns:repeat(auto-fill,minmax(min(18rem,100%),1fr));"
    "gap:0 1.5rem}.trend-chart{margin:.5rem 0 1rem;break-inside:avoid}"
    ".trend-chart h4{margin:.3rem 0}.trend-chart svg{width:100%;max-width:24rem;height:auto;"
    "display:block}.trend-chart svg text{font-size:14px}.trend-chart p{margin:.2rem 0}"
    ".trend-chart table{font-size:.9em}"
    "svg .tr-area{stroke:#1f5fae;stroke-width:2.5;fill:none}svg .tr-point{fill:#1f5fae}"
    "svg .tr-eng{stroke:#1a1a1a;stroke-width:1.5;stroke-dasharray:6 4;fill:none}"
    "svg .tr-reg{stroke:#8a4b00;stroke-width:2;stroke-dasharray:2 3;fill:none}"
    "svg .tr-target{stroke:#00703c;stroke-width:2;stroke-dasharray:10 3 2 3;fill:none}"
    "svg .tr-grid{stroke:#d0d0d0}svg .tr-axis{stroke:#767676}"
    ".key-line{vertical-align:middle}.trend code{overflow-wrap:anywhere}";

/* One small chart being written. */
typedef struct tr_chart {
  FILE *out;
  const cJSON *indicator, *area;
  const cJSON *themes; /* the document's themes, to name a breakdown */
  int percent, id;
  double max;
  int64_t first, last; /* the indicator's days, first and last */
} tr_chart;

static const cJSON *tr_item(const cJSON *object, const char *key) {
  return cJSON_GetObjectItemCaseSensitive(object, key);
}

static const char *tr_str(const cJSON *object, const char *key) {
  return cJSON_GetStringValue(tr_item(object, key));
}

static int tr_number(const cJSON *object, const char *key, double *value) {
  const cJSON *item = tr_item(object, key);
  if (!cJSON_IsNumber(item)) return 0;
  *value = item->valuedouble;
  return 1;
}

static void tr_put(const tr_chart *c, const char *text) { fputs(text, c->out); }
static void tr_esc(const tr_chart *c, const char *text) { sl_html_escape(c->out, text); }

/* A table in its own region that scrolls sideways on a phone, reached by
 * the keyboard (tabindex) and named by its caption (id), as the page's
 * other tables are; writes up to the caption's text. */
static void tr_table_open(FILE *out, const char *class, const char *id) {
  fprintf(out,
          "<div class=\"table-scroll\" tabindex=\"0\" role=\"region\" aria-labelledby=\"%s\">"
          "<table%s%s%s><caption id=\"%s\">",
          id, class ? " class=\"" : "", class ? class : "", class ? "\"" : "", id);
}

static int64_t tr_day(const char *iso) {
  int64_t day = 0;
  if (iso) sl_days_parse(iso, strlen(iso), &day);
  return day;
}

/* A number as a person writes it: at most two decimals, no trailing zero. */
static void tr_format(char *buffer, size_t size, double value) {
  snprintf(buffer, size, "%.2f", sl_trends_round(value));
  char *end = buffer + strlen(buffer) - 1;
  while (*end == '0')
    *end-- = '\0';
  if (*end == '.') *end = '\0';
  if (strcmp(buffer, "-0") == 0) snprintf(buffer, size, "0");
}

static void tr_amount(const tr_chart *c, double value) {
  char text[64];
  tr_format(text, sizeof text, value);
  fprintf(c->out, "%s%s", text, c->percent ? "%" : "");
}

/* A point's value as shown: the number, "x" where suppressed. */
static void tr_value(const tr_chart *c, const cJSON *point) {
  double value;
  const char *text = tr_str(point, "value");
  if (tr_number(point, "value", &value))
    tr_amount(c, value);
  else if (text && strcmp(text, "x") == 0)
    tr_put(c, "x (suppressed: a count below 5)");
  else
    tr_put(c, "no value");
}

/* A count as shown: the number, or "x" where suppressed. */
static void tr_count(const tr_chart *c, const cJSON *point, const char *key) {
  double count;
  if (tr_number(point, key, &count))
    fprintf(c->out, "%.0f", count);
  else
    tr_esc(c, tr_str(point, key) ? tr_str(point, key) : "?");
}

static int tr_has(const cJSON *point, const char *key) {
  const cJSON *item = tr_item(point, key);
  return item && !cJSON_IsNull(item);
}

static int tr_synthetic(const cJSON *point) {
  double flag;
  return tr_number(point, "synthetic", &flag) && flag == 1;
}

/* "0% (0 of 13)", "x (suppressed: a count below 5) (x of x)", SYNTHETIC. */
static void tr_result(const tr_chart *c, const cJSON *point) {
  tr_value(c, point);
  if (tr_has(point, "denominator")) {
    tr_put(c, " (");
    if (tr_has(point, "numerator"))
      tr_count(c, point, "numerator"), tr_put(c, " of ");
    else
      tr_put(c, "n=");
    tr_count(c, point, "denominator");
    tr_put(c, ")");
  }
  if (tr_synthetic(point)) tr_put(c, " SYNTHETIC");
}

/* The published figure whose period holds point's, the shortest; NULL. */
static const cJSON *tr_enclosing(const cJSON *references, const cJSON *point) {
  const cJSON *found = NULL, *reference;
  const char *start = tr_str(point, "start"), *end = tr_str(point, "end");
  cJSON_ArrayForEach(reference, references) {
    if (!start || !end || strcmp(tr_str(reference, "start"), start) > 0 ||
        strcmp(tr_str(reference, "end"), end) < 0)
      continue;
    if (!found || tr_day(tr_str(reference, "end")) - tr_day(tr_str(reference, "start")) <
                      tr_day(tr_str(found, "end")) - tr_day(tr_str(found, "start")))
      found = reference;
  }
  return found;
}

/* "55.6% (2020)", the symbol a figure is published as, or "none". */
static void tr_reference_value(const tr_chart *c, const cJSON *reference) {
  double value;
  if (!reference) {
    tr_put(c, "none published");
    return;
  }
  if (tr_number(reference, "value", &value))
    tr_amount(c, value);
  else
    tr_esc(c, tr_str(reference, "symbol") ? tr_str(reference, "symbol") : "no figure");
  tr_put(c, " (");
  tr_esc(c, tr_str(reference, "period"));
  tr_put(c, ")");
}

/* --- the scale, shared by every chart of an indicator ----------------- */

static void tr_widen(double *max, const cJSON *list, const char *key) {
  const cJSON *item;
  double value;
  cJSON_ArrayForEach(item, list) {
    if (tr_number(item, key, &value) && value > *max) *max = value;
  }
}

static double tr_scale(const cJSON *indicator, int percent) {
  double max = 0;
  const cJSON *area, *target;
  cJSON_ArrayForEach(area, tr_item(indicator, "areas")) {
    tr_widen(&max, tr_item(area, "points"), "value");
    tr_widen(&max, tr_item(area, "england"), "value");
    tr_widen(&max, tr_item(area, "region"), "value");
    cJSON_ArrayForEach(target, tr_item(area, "targets")) {
      double value;
      if (cJSON_IsTrue(tr_item(target, "drawn")) && tr_number(target, "value", &value) &&
          value > max)
        max = value;
    }
  }
  return percent && max <= 100 ? 100 : sl_chart_nice(max);
}

/* Where a day falls along the indicator's axis, 0 to 1. */
static double tr_at(const tr_chart *c, int64_t day) {
  double span = (double)(c->last + 1 - c->first);
  double at = span > 0 ? (double)(day - c->first) / span : 0.5;
  return at < 0 ? 0 : at > 1 ? 1 : at;
}

/* The middle of a point's period along the axis. */
static double tr_middle(const tr_chart *c, const cJSON *point) {
  return tr_at(c, tr_day(tr_str(point, "start"))) / 2 +
         tr_at(c, tr_day(tr_str(point, "end")) + 1) / 2;
}

static sl_chart tr_frame(const tr_chart *c, int count, const double *at) {
  return (sl_chart){.out = c->out,
                    .left = TR_LEFT,
                    .right = TR_RIGHT,
                    .top = TR_TOP,
                    .bottom = TR_BOTTOM,
                    .max = c->max,
                    .count = count,
                    .at = at,
                    .char_width = 8.4};
}

/* --- one chart -------------------------------------------------------- */

/* The y axis: 0, half and the top, each with a grid line. */
static void tr_axes(const tr_chart *c) {
  sl_chart frame = tr_frame(c, 0, NULL);
  for (int step = 0; step <= 2; step++) {
    double value = c->max * step / 2, y = sl_chart_y(&frame, value);
    fprintf(c->out, "<line class=\"%s\" x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\"/>",
            step ? "tr-grid" : "tr-axis", TR_LEFT, TR_RIGHT, y, y);
    fprintf(c->out, "<text class=\"tr-y\" x=\"%d\" y=\"%.1f\" text-anchor=\"end\">", TR_LEFT - 5,
            y + 5);
    tr_amount(c, value);
    tr_put(c, "</text>");
  }
}

/* The x axis: the indicator's periods (of every area), so every chart of
 * it reads the same. */
static void tr_periods(const tr_chart *c) {
  const char *labels[TR_POINTS_MAX];
  double at[TR_POINTS_MAX];
  int count = 0;
  const cJSON *area, *point;
  cJSON_ArrayForEach(area, tr_item(c->indicator, "areas")) {
    cJSON_ArrayForEach(point, tr_item(area, "points")) {
      double middle = tr_middle(c, point);
      int seen = 0;
      for (int i = 0; i < count && !seen; i++)
        seen = strcmp(labels[i], tr_str(point, "period")) == 0;
      if (seen || count == TR_POINTS_MAX) continue;
      int i = count++;
      for (; i > 0 && at[i - 1] > middle; i--)
        labels[i] = labels[i - 1], at[i] = at[i - 1];
      labels[i] = tr_str(point, "period"), at[i] = middle;
    }
  }
  sl_chart frame = tr_frame(c, count, at);
  frame.label_class = "tr-x";
  sl_chart_x_labels(&frame, labels, TR_BOTTOM + 20);
}

/* A published series as a level line over each period it is published
 * for (a year's figure across the year's quarters). */
static void tr_levels(const tr_chart *c, const cJSON *references, const char *class) {
  sl_chart frame = tr_frame(c, 0, NULL);
  fprintf(c->out, "<path class=\"%s\" d=\"", class);
  double reached = -1;
  const cJSON *reference;
  cJSON_ArrayForEach(reference, references) {
    double value, from = tr_at(c, tr_day(tr_str(reference, "start")));
    double to = tr_at(c, tr_day(tr_str(reference, "end")) + 1);
    if (!tr_number(reference, "value", &value) || from < reached || to <= from) continue;
    double y = sl_chart_y(&frame, value);
    fprintf(c->out, "M%.1f %.1f L%.1f %.1f ", TR_LEFT + from * (TR_RIGHT - TR_LEFT), y,
            TR_LEFT + to * (TR_RIGHT - TR_LEFT), y);
    reached = to;
  }
  tr_put(c, "\"/>");
}

static void tr_targets(const tr_chart *c) {
  sl_chart frame = tr_frame(c, 0, NULL);
  const cJSON *target;
  cJSON_ArrayForEach(target, tr_item(c->area, "targets")) {
    double value;
    if (!cJSON_IsTrue(tr_item(target, "drawn")) || !tr_number(target, "value", &value)) continue;
    double y = sl_chart_y(&frame, value);
    fprintf(c->out, "<path class=\"tr-target\" d=\"M%d %.1f L%d %.1f\"/>", TR_LEFT, y, TR_RIGHT, y);
  }
}

static void tr_series(const tr_chart *c) {
  const cJSON *points = tr_item(c->area, "points"), *point;
  double values[TR_POINTS_MAX], at[TR_POINTS_MAX];
  unsigned char present[TR_POINTS_MAX];
  int count = 0;
  cJSON_ArrayForEach(point, points) {
    if (count == TR_POINTS_MAX) break;
    at[count] = tr_middle(c, point);
    present[count] = (unsigned char)tr_number(point, "value", &values[count]);
    count++;
  }
  sl_chart frame = tr_frame(c, count, at);
  sl_chart_line(&frame, values, present, "tr-area");
  for (int i = 0; i < count; i++)
    if (present[i])
      fprintf(c->out, "<circle class=\"tr-point\" cx=\"%.1f\" cy=\"%.1f\" r=\"3.5\"/>",
              sl_chart_x(&frame, i), sl_chart_y(&frame, values[i]));
}

/* A target in words; drawing: whether the words sit beside a chart, which
 * then say why a target is not drawn. */
static void tr_target_words(const tr_chart *c, const cJSON *target, int drawing) {
  double value;
  tr_put(c, "the plan&#39;s measure");
  if (tr_str(target, "ref")) tr_put(c, " "), tr_esc(c, tr_str(target, "ref"));
  tr_put(c, " (\xe2\x80\x9c");
  tr_esc(c, tr_str(target, "name"));
  tr_put(c, "\xe2\x80\x9d) has a target of ");
  /* In the measure's own unit, which may not be the indicator's. */
  tr_chart own = *c;
  own.percent = tr_str(target, "unit") && strcmp(tr_str(target, "unit"), "percent") == 0;
  if (tr_number(target, "value", &value)) tr_amount(&own, value);
  if (tr_str(target, "date")) tr_put(c, " by "), tr_esc(c, tr_str(target, "date"));
  if (drawing && !cJSON_IsTrue(tr_item(target, "drawn")))
    tr_put(c, ", not drawn: "), tr_esc(c, tr_str(target, "why"));
}

/* The chart in words, for the SVG's description. */
static void tr_desc(const tr_chart *c) {
  fprintf(c->out, "<desc id=\"tr%d-d\">", c->id);
  const cJSON *point, *target;
  cJSON_ArrayForEach(point, tr_item(c->area, "points")) {
    tr_esc(c, tr_str(point, "period"));
    tr_put(c, ": ");
    tr_result(c, point);
    if (tr_str(point, "note")) tr_put(c, " ("), tr_esc(c, tr_str(point, "note")), tr_put(c, ")");
    tr_put(c, point->next ? "; " : ".");
  }
  if (tr_item(c->area, "england")) {
    const cJSON *lists[] = {tr_item(c->area, "england"), tr_item(c->area, "region")};
    const char *names[] = {"England", tr_str(c->area, "region_name")};
    for (int k = 0; k < 2; k++) {
      tr_put(c, " ");
      tr_esc(c, names[k] ? names[k] : "The region");
      tr_put(c, ":");
      cJSON_ArrayForEach(point, lists[k]) tr_put(c, " "), tr_reference_value(c, point);
      tr_put(c, cJSON_GetArraySize(lists[k]) ? "." : " none published.");
    }
  }
  cJSON_ArrayForEach(target, tr_item(c->area, "targets")) {
    tr_put(c, " In words, ");
    tr_target_words(c, target, 1);
    tr_put(c, ".");
  }
  tr_put(c, "</desc>");
}

static void tr_svg(const tr_chart *c) {
  fprintf(c->out,
          "<svg role=\"img\" aria-labelledby=\"tr%d-t tr%d-d\" width=\"%d\" height=\"%d\" "
          "viewBox=\"0 0 %d %d\"><title id=\"tr%d-t\">",
          c->id, c->id, TR_WIDTH, TR_HEIGHT, TR_WIDTH, TR_HEIGHT, c->id);
  tr_esc(c, tr_str(c->area, "name"));
  tr_put(c, ": ");
  tr_esc(c, tr_str(c->indicator, "title"));
  tr_put(c, "</title>");
  tr_desc(c);
  tr_axes(c);
  tr_periods(c);
  tr_targets(c);
  if (tr_item(c->area, "england")) {
    tr_levels(c, tr_item(c->area, "england"), "tr-eng");
    tr_levels(c, tr_item(c->area, "region"), "tr-reg");
  }
  tr_series(c);
  tr_put(c, "</svg>");
}

/* "42% in 2023-Q2, up 5 percentage points from 2023-Q1." */
static void tr_latest(const tr_chart *c) {
  const cJSON *latest = tr_item(c->area, "latest"), *previous = tr_item(c->area, "previous");
  double change;
  tr_put(c, "<p class=\"latest\"><strong>Latest:</strong> ");
  tr_value(c, latest);
  tr_put(c, " in ");
  tr_esc(c, tr_str(latest, "period"));
  if (tr_number(c->area, "change", &change)) {
    char text[64];
    tr_format(text, sizeof text, fabs(change));
    if (strcmp(text, "0") == 0)
      tr_put(c, ", the same as in ");
    else
      fprintf(c->out, ", %s %s%s from ", change > 0 ? "up" : "down", text,
              c->percent ? " percentage points" : "");
    tr_esc(c, tr_str(previous, "period"));
  } else if (cJSON_IsObject(previous)) {
    tr_put(c, "; no change is given, as ");
    tr_esc(c, tr_str(previous, "period"));
    tr_put(c, tr_str(previous, "value") ? " is suppressed" : " has no value");
  } else {
    tr_put(c, ", its only period");
  }
  tr_put(c, ".");
  if (tr_synthetic(latest)) tr_put(c, " SYNTHETIC");
  tr_put(c, "</p>");
}

/* England's, the region's and the target's words under the chart. */
static void tr_beside(const tr_chart *c) {
  const cJSON *latest = tr_item(c->area, "latest"), *target;
  if (tr_item(c->area, "england")) {
    tr_put(c, "<p>Published for the period of ");
    tr_esc(c, tr_str(latest, "period"));
    tr_put(c, ": England ");
    tr_reference_value(c, tr_enclosing(tr_item(c->area, "england"), latest));
    tr_put(c, ", ");
    tr_esc(c, tr_str(c->area, "region_name") ? tr_str(c->area, "region_name") : "the region");
    tr_put(c, " ");
    tr_reference_value(c, tr_enclosing(tr_item(c->area, "region"), latest));
    tr_put(c, ".</p>");
  }
  cJSON_ArrayForEach(target, tr_item(c->area, "targets")) {
    tr_put(c, "<p class=\"target\">Target: ");
    tr_target_words(c, target, 1);
    tr_put(c, ".</p>");
  }
}

static void tr_row(const tr_chart *c, const cJSON *point) {
  tr_put(c, "<tr><th scope=\"row\">");
  tr_esc(c, tr_str(point, "period"));
  tr_put(c, "</th><td>");
  tr_result(c, point);
  tr_put(c, "</td>");
  if (tr_item(c->area, "england")) {
    tr_put(c, "<td>");
    tr_reference_value(c, tr_enclosing(tr_item(c->area, "england"), point));
    tr_put(c, "</td><td>");
    tr_reference_value(c, tr_enclosing(tr_item(c->area, "region"), point));
    tr_put(c, "</td>");
  }
  tr_put(c, "<td>");
  tr_esc(c, tr_str(point, "note"));
  tr_put(c, "</td></tr>");
}

/* "Walsall" or, for a breakdown by theme, "Walsall, Local offer". */
static void tr_area_name(const tr_chart *c) {
  const char *breakdown = tr_str(c->area, "breakdown");
  tr_esc(c, tr_str(c->area, "name"));
  if (!breakdown) return;
  const cJSON *theme;
  cJSON_ArrayForEach(theme, c->themes) {
    if (tr_str(theme, "id") && tr_str(theme, "title") &&
        strcmp(tr_str(theme, "id"), breakdown) == 0)
      breakdown = tr_str(theme, "title");
  }
  tr_put(c, ", ");
  tr_esc(c, breakdown);
}

/* The numbers behind the chart, for screen readers and for checking. */
static void tr_table(const tr_chart *c) {
  char id[32];
  snprintf(id, sizeof id, "tr%d-c", c->id);
  tr_put(c, "<details><summary>Data table</summary>");
  tr_table_open(c->out, NULL, id);
  tr_area_name(c);
  tr_put(c, ": ");
  tr_esc(c, tr_str(c->indicator, "title"));
  tr_put(c, ", by period</caption><thead><tr><th scope=\"col\">Period</th><th scope=\"col\">"
            "Value (counted of)</th>");
  if (tr_item(c->area, "england")) {
    tr_put(c, "<th scope=\"col\">England</th><th scope=\"col\">");
    tr_esc(c, tr_str(c->area, "region_name") ? tr_str(c->area, "region_name") : "Region");
    tr_put(c, "</th>");
  }
  tr_put(c, "<th scope=\"col\">Note</th></tr></thead><tbody>");
  const cJSON *point;
  cJSON_ArrayForEach(point, tr_item(c->area, "points")) tr_row(c, point);
  tr_put(c, "</tbody></table></div></details>");
}

static void tr_figure(const tr_chart *c) {
  tr_put(c, "<figure class=\"trend-chart\" data-area=\"");
  tr_esc(c, tr_str(c->area, "code"));
  fprintf(c->out, "\" aria-labelledby=\"tr%d-h\"><h4 id=\"tr%d-h\">", c->id, c->id);
  tr_area_name(c);
  tr_put(c, "</h4>");
  tr_svg(c);
  tr_put(c, "<figcaption>");
  tr_latest(c);
  tr_beside(c);
  tr_put(c, "</figcaption>");
  tr_table(c);
  tr_put(c, "</figure>");
}

/* --- an indicator ----------------------------------------------------- */

static const char *tr_direction(const char *direction) {
  if (direction && strcmp(direction, "up") == 0) return "higher is better";
  if (direction && strcmp(direction, "down") == 0) return "lower is better";
  return "neither higher nor lower is better";
}

/* What the charts of an indicator show and where they come from. */
static void tr_about(FILE *out, const cJSON *indicator) {
  fputs("<p class=\"small\">", out);
  if (tr_str(indicator, "unit"))
    fputs("Unit: ", out), sl_html_escape(out, tr_str(indicator, "unit")), fputs("; ", out);
  fputs(tr_direction(tr_str(indicator, "direction")), out);
  fputs(". Computed by <cite>", out);
  sl_html_escape(out, tr_str(indicator, "script"));
  fputs("</cite>, version ", out);
  sl_html_escape(out, tr_str(indicator, "version"));
  fputs(" (indicator <code>", out);
  sl_html_escape(out, tr_str(indicator, "id"));
  fputs("</code>).", out);
  const cJSON *statistic = tr_item(indicator, "statistic");
  if (cJSON_IsObject(statistic)) {
    fputs(" England (dashed line) and the area&#39;s region (dotted line) are the DfE&#39;s "
          "published <q>",
          out);
    sl_html_escape(out, tr_str(statistic, "title"));
    fputs("</q>, a level line over each period a figure is published for.", out);
  } else if (cJSON_IsTrue(tr_item(indicator, "periodic"))) {
    fputs(" No official statistic of this indicator is imported, so there is no England or "
          "region line.",
          out);
  }
  fputs("</p>", out);
}

/* Above an indicator with figures of synthetic records: which, in words. */
static void tr_synthetic_note(FILE *out, const cJSON *indicator) {
  int first = 1;
  const cJSON *area;
  cJSON_ArrayForEach(area, tr_item(indicator, "areas")) {
    if (!cJSON_IsTrue(tr_item(area, "synthetic"))) continue;
    fputs(first ? "<p class=\"synthetic\" role=\"note\"><strong>SYNTHETIC DATA:</strong> the "
                  "figures of "
                : ", ",
          out);
    sl_html_escape(out, tr_str(area, "name"));
    first = 0;
  }
  if (!first)
    fputs(" below are counted from generated case records (marked SYNTHETIC), not real "
          "children: they are not the council&#39;s figures.</p>",
          out);
}

static void tr_small_multiples(FILE *out, const cJSON *indicator, const cJSON *themes, int *id) {
  tr_chart c = {.out = out, .indicator = indicator, .themes = themes};
  const char *unit = tr_str(indicator, "unit");
  c.percent = unit && strcmp(unit, "percent") == 0;
  c.max = tr_scale(indicator, c.percent);
  c.first = tr_day(tr_str(indicator, "start"));
  c.last = tr_day(tr_str(indicator, "end"));
  fputs("<div class=\"trends\">", out);
  const cJSON *area;
  cJSON_ArrayForEach(area, tr_item(indicator, "areas")) {
    c.area = area;
    c.id = ++*id;
    tr_figure(&c);
  }
  fputs("</div>", out);
}

/* Whether any series of the indicator has a target, or a point a note. */
static int tr_any(const cJSON *indicator, const char *what) {
  const cJSON *area, *point;
  cJSON_ArrayForEach(area, tr_item(indicator, "areas")) {
    if (strcmp(what, "targets") == 0 && cJSON_GetArraySize(tr_item(area, "targets"))) return 1;
    cJSON_ArrayForEach(point, tr_item(area, "points")) {
      if (strcmp(what, "note") == 0 && tr_str(point, "note")) return 1;
    }
  }
  return 0;
}

/* An indicator without periods: a table of each area's value, with its
 * target and note where any has one. */
static void tr_values(FILE *out, const cJSON *indicator, const cJSON *themes, int index) {
  tr_chart c = {.out = out, .indicator = indicator, .themes = themes};
  const char *unit = tr_str(indicator, "unit");
  c.percent = unit && strcmp(unit, "percent") == 0;
  int targets = tr_any(indicator, "targets"), notes = tr_any(indicator, "note");
  char id[32];
  snprintf(id, sizeof id, "ind%d-c", index);
  tr_table_open(out, "values", id);
  sl_html_escape(out, tr_str(indicator, "title"));
  fputs(", by area</caption><thead><tr><th scope=\"col\">Area</th><th scope=\"col\">Value "
        "(counted of)</th>",
        out);
  if (targets) fputs("<th scope=\"col\">Target</th>", out);
  if (notes) fputs("<th scope=\"col\">Note</th>", out);
  fputs("</tr></thead><tbody>", out);
  const cJSON *area, *point, *target;
  cJSON_ArrayForEach(area, tr_item(indicator, "areas")) {
    c.area = area;
    cJSON_ArrayForEach(point, tr_item(area, "points")) {
      fputs("<tr><th scope=\"row\">", out);
      tr_area_name(&c);
      if (strcmp(tr_str(point, "period"), "all") != 0)
        fputs(", ", out), sl_html_escape(out, tr_str(point, "period"));
      fputs("</th><td>", out);
      tr_result(&c, point);
      fputs("</td>", out);
      if (targets) {
        fputs("<td>", out);
        cJSON_ArrayForEach(target, tr_item(area, "targets")) {
          tr_target_words(&c, target, 0);
          if (target->next) fputs("; ", out);
        }
        fputs("</td>", out);
      }
      if (notes)
        fputs("<td>", out), sl_html_escape(out, tr_str(point, "note")), fputs("</td>", out);
      fputs("</tr>", out);
    }
  }
  fputs("</tbody></table></div>", out);
}

/* Whether any of an indicator's series is a breakdown (by theme, say). */
static int tr_broken_down(const cJSON *indicator) {
  const cJSON *area;
  cJSON_ArrayForEach(area, tr_item(indicator, "areas")) {
    if (tr_str(area, "breakdown")) return 1;
  }
  return 0;
}

/* Whether series is the first of the indicator with its value of key
 * (its area code, its breakdown): a column or row is written once. */
static int tr_first_of(const cJSON *indicator, const cJSON *series, const char *key) {
  const cJSON *area;
  cJSON_ArrayForEach(area, tr_item(indicator, "areas")) {
    if (area == series) return 1;
    const char *a = tr_str(area, key), *b = tr_str(series, key);
    if ((!a && !b) || (a && b && strcmp(a, b) == 0)) return 0;
  }
  return 0;
}

/* One cell of the breakdown table: the area's values for the breakdown. */
static void tr_breakdown_cell(tr_chart *c, const char *code, const char *breakdown) {
  const cJSON *area, *point;
  fputs("<td>", c->out);
  cJSON_ArrayForEach(area, tr_item(c->indicator, "areas")) {
    const char *other = tr_str(area, "breakdown");
    if (strcmp(tr_str(area, "code"), code) != 0 ||
        !((!other && !breakdown) || (other && breakdown && strcmp(other, breakdown) == 0)))
      continue;
    cJSON_ArrayForEach(point, tr_item(area, "points")) {
      if (strcmp(tr_str(point, "period"), "all") != 0)
        tr_esc(c, tr_str(point, "period")), tr_put(c, ": ");
      tr_result(c, point);
      if (tr_str(point, "note"))
        tr_put(c, " <span class=\"small\">("), tr_esc(c, tr_str(point, "note")),
            tr_put(c, ")</span>");
      if (point->next) tr_put(c, "; ");
    }
  }
  fputs("</td>", c->out);
}

/* An indicator without periods, broken down: a row per breakdown, a
 * column per area, so a theme's figures read across. */
static void tr_breakdowns(FILE *out, const cJSON *indicator, const cJSON *themes, int index) {
  tr_chart c = {.out = out, .indicator = indicator, .themes = themes};
  const char *unit = tr_str(indicator, "unit");
  c.percent = unit && strcmp(unit, "percent") == 0;
  char id[32];
  snprintf(id, sizeof id, "ind%d-c", index);
  tr_table_open(out, "values", id);
  sl_html_escape(out, tr_str(indicator, "title"));
  fputs(", by area</caption><thead><tr><th scope=\"col\">Of</th>", out);
  const cJSON *area, *row, *column;
  cJSON_ArrayForEach(area, tr_item(indicator, "areas")) {
    if (!tr_first_of(indicator, area, "code")) continue;
    fputs("<th scope=\"col\">", out);
    sl_html_escape(out, tr_str(area, "name"));
    fputs("</th>", out);
  }
  fputs("</tr></thead><tbody>", out);
  cJSON_ArrayForEach(row, tr_item(indicator, "areas")) {
    if (!tr_first_of(indicator, row, "breakdown")) continue;
    const char *breakdown = tr_str(row, "breakdown");
    fputs("<tr><th scope=\"row\">", out);
    c.area = row;
    if (breakdown) {
      const char *title = breakdown;
      const cJSON *theme;
      cJSON_ArrayForEach(theme, themes) {
        if (tr_str(theme, "id") && tr_str(theme, "title") &&
            strcmp(tr_str(theme, "id"), breakdown) == 0)
          title = tr_str(theme, "title");
      }
      sl_html_escape(out, title);
    } else {
      fputs("All", out);
    }
    fputs("</th>", out);
    cJSON_ArrayForEach(column, tr_item(indicator, "areas")) {
      if (tr_first_of(indicator, column, "code"))
        tr_breakdown_cell(&c, tr_str(column, "code"), breakdown);
    }
    fputs("</tr>", out);
  }
  fputs("</tbody></table></div>", out);
}

static void tr_indicator(FILE *out, const cJSON *indicator, const cJSON *themes, int index,
                         int *id) {
  fprintf(out, "<section class=\"trend\" aria-labelledby=\"ind%d-h\"><h3 id=\"ind%d-h\">", index,
          index);
  sl_html_escape(out, tr_str(indicator, "title"));
  fputs("</h3>", out);
  tr_about(out, indicator);
  tr_synthetic_note(out, indicator);
  if (cJSON_IsTrue(tr_item(indicator, "periodic")))
    tr_small_multiples(out, indicator, themes, id);
  else if (tr_broken_down(indicator))
    tr_breakdowns(out, indicator, themes, index);
  else
    tr_values(out, indicator, themes, index);
  fputs("</section>", out);
}

void sl_html_trends_write(FILE *out, const cJSON *trends, const cJSON *themes) {
  fputs("<section id=\"indicators\" aria-labelledby=\"indicators-h\"><h2 id=\"indicators-h\">"
        "Indicators</h2>",
        out);
  const cJSON *indicators = tr_item(trends, "indicators");
  if (!cJSON_GetArraySize(indicators)) {
    fputs("<p>No indicators are stored yet: run <code>sendlens indicators</code> first.</p>"
          "</section>",
          out);
    return;
  }
  fputs("<p>Each indicator over time: one small chart per area, every chart of an indicator on "
        "the same scale and the same periods, so they compare at a glance. The area&#39;s own "
        "figures are the solid line with a dot per period; England is dashed, the region "
        "dotted, and the plan&#39;s target a dash-dot line, where there is one. Under each "
        "chart, its latest value and change in words; its numbers are in its data table. A "
        "count below 5 is shown as x and never drawn.</p>",
        out);
  int index = 0, id = 0;
  const cJSON *indicator;
  cJSON_ArrayForEach(indicator, indicators) tr_indicator(out, indicator, themes, ++index, &id);
  fputs("</section>", out);
}
