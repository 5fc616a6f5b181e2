/*
 * export_html.c: the store as one page of HTML. It is built from the same
 * trees as the other outputs (sl_export_document for the area cards,
 * sl_compare_matrix for the matrix, the document's "statistics" for the
 * official figures, drawn by export_html_statistics.c) and from the
 * indicator_result table for the charts, so the page never says what
 * `show` or `compare` would not. Every text from a document is escaped; the only links point inside
 * the page; colour always sits beside words that say the same thing.
 */
#include "export_html.h"

#include <cjson/cJSON.h>
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "compare.h"
#include "disclosure.h"
#include "export_html_publication.h"
#include "export_html_statistics.h"
#include "export_json.h"

typedef struct html {
  FILE *out;
  const cJSON *publication; /* core/publication.h: title, date, sources */
  const cJSON *themes;      /* the document's themes, for their titles */
  int card;                 /* the area card being written, for ids */
  const cJSON **notes;      /* that card's sources, footnote i+1 at [i] */
  int note_count, note_capacity;
} html;

static void put(html *h, const char *text) { fputs(text, h->out); }

void sl_html_escape(FILE *out, const char *text) {
  for (; text && *text; text++) {
    switch (*text) {
    case '&':
      fputs("&amp;", out);
      break;
    case '<':
      fputs("&lt;", out);
      break;
    case '>':
      fputs("&gt;", out);
      break;
    case '"':
      fputs("&quot;", out);
      break;
    case '\'':
      fputs("&#39;", out);
      break;
    default:
      fputc(*text, out);
    }
  }
}

static void esc(html *h, const char *text) { sl_html_escape(h->out, text); }

static const char *str(const cJSON *object, const char *key) {
  const cJSON *item = cJSON_GetObjectItemCaseSensitive(object, key);
  return cJSON_IsString(item) && item->valuestring[0] ? item->valuestring : NULL;
}

static const cJSON *list(const cJSON *object, const char *key) {
  return cJSON_GetObjectItemCaseSensitive(object, key);
}

/* A number as a person writes it: at most two decimals, no trailing zero. */
static void format_number(char *buffer, size_t size, double value) {
  snprintf(buffer, size, "%.2f", value);
  char *end = buffer + strlen(buffer) - 1;
  while (*end == '0')
    *end-- = '\0';
  if (*end == '.') *end = '\0';
}

static int has(const cJSON *object, const char *key) {
  return str(object, key) || cJSON_IsNumber(cJSON_GetObjectItemCaseSensitive(object, key));
}

/* A field that may be text, a number or null; 1 if it wrote something. */
static int field(html *h, const cJSON *object, const char *key) {
  const cJSON *item = cJSON_GetObjectItemCaseSensitive(object, key);
  if (cJSON_IsNumber(item)) {
    char number[64];
    format_number(number, sizeof number, item->valuedouble);
    put(h, number);
    return 1;
  }
  esc(h, str(object, key));
  return str(object, key) != NULL;
}

/* A term and its value in a <dl>, left out when the documents are silent. */
static void dl_item(html *h, const char *label, const cJSON *object, const char *key) {
  if (!has(object, key)) return;
  fprintf(h->out, "<dt>%s</dt><dd>", label);
  field(h, object, key);
  put(h, "</dd>");
}

static const char *theme_title(const html *h, const char *id) {
  const cJSON *theme;
  cJSON_ArrayForEach(theme, h->themes) {
    if (id && str(theme, "id") && strcmp(str(theme, "id"), id) == 0 && str(theme, "title"))
      return str(theme, "title");
  }
  return id;
}

static void theme_list(html *h, const cJSON *themes) {
  if (cJSON_GetArraySize(themes) == 0) return;
  put(h, " <span class=\"themes\">Themes: ");
  const cJSON *theme;
  cJSON_ArrayForEach(theme, themes) {
    esc(h, theme_title(h, cJSON_GetStringValue(theme)));
    if (theme->next) put(h, ", ");
  }
  put(h, ".</span>");
}

/* --- sources: a tooltip on the fact, and footnotes that print -------- */

static int same_text(const char *a, const char *b) {
  return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

static int same_source(const cJSON *a, const cJSON *b) {
  return same_text(str(a, "document"), str(b, "document")) &&
         same_text(str(a, "locator"), str(b, "locator")) &&
         same_text(str(a, "quote"), str(b, "quote"));
}

/* The footnote number of a source within the card, adding it if new;
 * 0 if out of memory (the tooltip still names it). */
static int note_number(html *h, const cJSON *source) {
  for (int i = 0; i < h->note_count; i++)
    if (same_source(h->notes[i], source)) return i + 1;
  if (h->note_count == h->note_capacity) {
    int capacity = h->note_capacity ? 2 * h->note_capacity : 64;
    const cJSON **notes = realloc(h->notes, (size_t)capacity * sizeof *notes);
    if (!notes) return 0;
    h->notes = notes;
    h->note_capacity = capacity;
  }
  h->notes[h->note_count++] = source;
  return h->note_count;
}

static void source_text(html *h, const cJSON *source) {
  esc(h, str(source, "document"));
  if (str(source, "locator")) put(h, ", "), esc(h, str(source, "locator"));
  if (str(source, "quote"))
    put(h, ": \xe2\x80\x9c"), esc(h, str(source, "quote")), put(h, "\xe2\x80\x9d");
}

/* sources is a list of sources or one source (a claim has one). */
static const cJSON *first_source(const cJSON *sources) {
  return cJSON_IsArray(sources) ? sources->child : cJSON_IsObject(sources) ? sources : NULL;
}

static const cJSON *next_source(const cJSON *sources, const cJSON *source) {
  return cJSON_IsArray(sources) ? source->next : NULL;
}

static void source_title(html *h, const cJSON *sources) {
  const cJSON *source = first_source(sources);
  if (!source) return;
  put(h, " title=\"");
  for (; source; source = next_source(sources, source)) {
    put(h, "Source: ");
    source_text(h, source);
    if (next_source(sources, source)) put(h, "&#10;");
  }
  put(h, "\"");
}

static void source_refs(html *h, const cJSON *sources) {
  const cJSON *source = first_source(sources);
  if (!source) return;
  put(h, "<sup class=\"refs\">");
  for (int first = 1; source; source = next_source(sources, source)) {
    int number = note_number(h, source);
    if (!number) continue;
    fprintf(h->out, "%s<a href=\"#c%d-s%d\" aria-label=\"source %d\">%d</a>", first ? "" : ",",
            h->card, number, number, number);
    first = 0;
  }
  put(h, "</sup>");
}

static void card_notes(html *h) {
  if (!h->note_count) return;
  fprintf(h->out, "<section class=\"notes\" aria-labelledby=\"c%d-notes\"><h4 id=\"c%d-notes\">",
          h->card, h->card);
  put(h, "Sources</h4><ol>");
  for (int i = 0; i < h->note_count; i++) {
    fprintf(h->out, "<li id=\"c%d-s%d\"><cite>", h->card, i + 1);
    esc(h, str(h->notes[i], "document"));
    put(h, "</cite>");
    if (str(h->notes[i], "locator")) put(h, ", "), esc(h, str(h->notes[i], "locator"));
    if (str(h->notes[i], "quote"))
      put(h, ": <q>"), esc(h, str(h->notes[i], "quote")), put(h, "</q>");
    put(h, "</li>");
  }
  put(h, "</ol></section>");
}

/* --- the themes x areas matrix ----------------------------------------- */

static const char *progress_words(const char *progress) {
  if (!progress) return "not judged";
  if (strcmp(progress, "insufficient") == 0) return "insufficient progress";
  if (strcmp(progress, "sufficient") == 0) return "sufficient progress";
  return progress;
}

static const char *progress_class(const char *progress) {
  if (progress && strcmp(progress, "insufficient") == 0) return "ins";
  if (progress && strcmp(progress, "sufficient") == 0) return "suf";
  return "unj";
}

/* A coloured square: a supplement only, the words beside it say the same. */
static void mark(html *h, const char *class) {
  fprintf(h->out, "<span class=\"mark %s\" aria-hidden=\"true\"></span>", class);
}

static void count(html *h, const cJSON *object, const char *key, const char *noun) {
  int n = (int)cJSON_GetNumberValue(cJSON_GetObjectItemCaseSensitive(object, key));
  fprintf(h->out, "%d %s%s", n, noun, n == 1 ? "" : "s");
}

/* " (also under Annual reviews)": the other themes of a shared item, so
 * no reader adds it up twice. */
static void matrix_shared(html *h, const cJSON *item, const cJSON *rows) {
  const cJSON *theme, *row;
  int first = 1;
  cJSON_ArrayForEach(theme, list(item, "shared_with")) {
    const char *title = cJSON_GetStringValue(theme);
    cJSON_ArrayForEach(row, rows) {
      if (strcmp(str(row, "theme"), cJSON_GetStringValue(theme)) == 0) title = str(row, "title");
    }
    put(h, first ? " <span class=\"shared\">(also under " : ", ");
    esc(h, title);
    first = 0;
  }
  if (!first) put(h, ")</span>");
}

static void matrix_cell(html *h, const cJSON *cell, const cJSON *rows) {
  put(h, "<td data-area=\"");
  esc(h, str(cell, "area"));
  put(h, "\">");
  const cJSON *item;
  cJSON_ArrayForEach(item, list(cell, "weaknesses")) {
    put(h, "<p>");
    mark(h, progress_class(str(item, "progress")));
    put(h, "Weakness");
    if (str(item, "ref")) put(h, " "), esc(h, str(item, "ref"));
    put(h, ": ");
    put(h, progress_words(str(item, "progress")));
    matrix_shared(h, item, rows);
    put(h, "</p>");
  }
  cJSON_ArrayForEach(item, list(cell, "concerns")) {
    put(h, "<p");
    if (str(item, "title")) put(h, " title=\""), esc(h, str(item, "title")), put(h, "\"");
    put(h, ">");
    mark(h, "con");
    put(h, "Plan concern ");
    if (str(item, "ref"))
      esc(h, str(item, "ref"));
    else
      put(h, "\xe2\x80\x9c"), esc(h, str(item, "title")), put(h, "\xe2\x80\x9d");
    put(h, ": ");
    count(h, item, "actions", "action");
    put(h, ", ");
    count(h, item, "measures", "measure");
    matrix_shared(h, item, rows);
    put(h, "</p>");
  }
  if (!cJSON_GetArraySize(list(cell, "weaknesses")) && !cJSON_GetArraySize(list(cell, "concerns")))
    put(h, "<span class=\"none\">none</span>");
  put(h, "</td>");
}

static void matrix_head(html *h, const cJSON *areas) {
  put(h, "<thead><tr><th scope=\"col\">Theme</th>");
  const cJSON *area;
  cJSON_ArrayForEach(area, areas) {
    put(h, "<th scope=\"col\" data-area=\"");
    esc(h, str(area, "code"));
    put(h, "\">");
    esc(h, str(area, "name"));
    put(h, "</th>");
  }
  put(h, "</tr></thead>");
}

/* The total row: each weakness, concern, action and measure of an area
 * once, however many themes it sits under. */
static void matrix_totals(html *h, const cJSON *totals) {
  const cJSON *area;
  put(h, "<tfoot><tr><th scope=\"row\">Total, each counted once</th>");
  cJSON_ArrayForEach(area, totals) {
    int weaknesses =
        (int)cJSON_GetNumberValue(cJSON_GetObjectItemCaseSensitive(area, "weaknesses"));
    fprintf(h->out, "<td>%d weakness%s, ", weaknesses, weaknesses == 1 ? "" : "es");
    count(h, area, "concerns", "concern");
    put(h, ", ");
    count(h, area, "actions", "action");
    put(h, ", ");
    count(h, area, "measures", "measure");
    put(h, "</td>");
  }
  put(h, "</tr></tfoot>");
}

static void write_matrix(html *h, const cJSON *matrix) {
  put(h,
      "<section id=\"matrix\" aria-labelledby=\"matrix-h\"><h2 id=\"matrix-h\">Themes by area</h2>"
      "<p>Each weakness the inspectors found, with the revisit&#39;s judgement, and each concern "
      "of the area&#39;s plan, with its actions and measures, under the common themes its "
      "words were mapped to.</p><div class=\"scroll\"><table class=\"matrix\"><caption>Themes "
      "by area: weaknesses (with the revisit&#39;s judgement) and plan concerns (with their "
      "actions and measures)</caption>");
  matrix_head(h, list(matrix, "areas"));
  put(h, "<tbody>");
  const cJSON *row, *cell;
  cJSON_ArrayForEach(row, list(matrix, "rows")) {
    put(h, "<tr data-theme=\"");
    esc(h, str(row, "theme"));
    put(h, "\"><th scope=\"row\">");
    esc(h, str(row, "title"));
    put(h, "<span class=\"theme-id\">");
    esc(h, str(row, "theme"));
    put(h, "</span></th>");
    cJSON_ArrayForEach(cell, list(row, "cells")) matrix_cell(h, cell, list(matrix, "rows"));
    put(h, "</tr>");
  }
  put(h, "</tbody>");
  matrix_totals(h, list(matrix, "totals"));
  put(h, "</table></div><p class=\"legend\">Key: ");
  mark(h, "ins");
  put(h, "insufficient progress, ");
  mark(h, "suf");
  put(h, "sufficient progress, ");
  mark(h, "unj");
  put(h, "not judged, ");
  mark(h, "con");
  put(h, "a concern of the plan. The colours only repeat the words.</p></section>");
}

/* --- indicators: one bar chart per indicator ------------------------- */

/* Results as published: small counts suppressed (the view
 * indicator_published). An area with case records but no plugin is named
 * by its code. Indicators come in the order they were first stored (one
 * grouping, not a subquery per row: 153 areas make thousands of rows). */
static const char INDICATOR_SQL[] =
    "WITH first(indicator, id) AS (SELECT indicator, min(id) FROM indicator_result "
    "GROUP BY indicator) "
    "SELECT r.indicator, r.title, r.unit, r.direction, coalesce(a.name, r.area), r.period, "
    "r.breakdown, r.value, r.note, r.script, r.script_version, (SELECT m.target FROM measure m "
    "JOIN fact f ON f.id = m.id "
    "WHERE f.area = r.area AND m.indicator = r.indicator AND m.target IS NOT NULL "
    "ORDER BY f.seq LIMIT 1), r.numerator, r.denominator, r.synthetic, r.area "
    "FROM indicator_published r JOIN first o ON o.indicator = r.indicator "
    "LEFT JOIN area a ON a.code = r.area "
    "ORDER BY o.id, r.period, r.breakdown, coalesce(a.name, r.area)";

static cJSON *indicator_rows(sl_store *store, sl_error *error) {
  static const char *const keys[] = {
      "indicator", "title",       "unit",      "direction", "area",    "period",
      "breakdown", "value",       "note",      "script",    "version", "target",
      "numerator", "denominator", "synthetic", "code",      NULL};
  if (sl_disclosure_publish(store, error)) return NULL;
  sqlite3_stmt *statement = sl_store_prepare(store, INDICATOR_SQL, "", error);
  if (!statement) return NULL;
  cJSON *rows = cJSON_CreateArray();
  while (sqlite3_step(statement) == SQLITE_ROW) {
    cJSON *row = cJSON_CreateObject();
    for (int i = 0; keys[i]; i++) {
      int type = sqlite3_column_type(statement, i);
      if (type == SQLITE_NULL)
        cJSON_AddNullToObject(row, keys[i]);
      else if (type == SQLITE_INTEGER || type == SQLITE_FLOAT)
        cJSON_AddNumberToObject(row, keys[i], sqlite3_column_double(statement, i));
      else
        cJSON_AddStringToObject(row, keys[i], (const char *)sqlite3_column_text(statement, i));
    }
    cJSON_AddItemToArray(rows, row);
  }
  return rows;
}

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
  const char *breakdown = str(row, "breakdown"), *period = str(row, "period");
  int by_period = period && strcmp(period, "all") != 0;
  if (!breakdown && !by_period) return 0;
  snprintf(buffer, size, "%s%s%s", breakdown ? theme_title(h, breakdown) : "",
           breakdown && by_period ? ", " : "", by_period ? period : "");
  return 1;
}

static int new_group(const chart *c, int i) {
  return i == 0 || !same_text(str(c->rows[i], "period"), str(c->rows[i - 1], "period")) ||
         !same_text(str(c->rows[i], "breakdown"), str(c->rows[i - 1], "breakdown"));
}

static double number(const cJSON *row, const char *key, int *present) {
  const cJSON *item = cJSON_GetObjectItemCaseSensitive(row, key);
  *present = cJSON_IsNumber(item);
  return *present ? item->valuedouble : 0;
}

static void chart_scale(const html *h, chart *c) {
  const char *unit = str(c->rows[0], "unit");
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
      seen =
          synthetic_row(c->rows[j]) && same_text(str(c->rows[j], "area"), str(c->rows[i], "area"));
    if (seen) continue;
    put(h, first ? "<p class=\"synthetic\" role=\"note\"><strong>SYNTHETIC DATA:</strong> the "
                   "figures of "
                 : ", ");
    esc(h, str(c->rows[i], "area"));
    first = 0;
  }
  if (!first)
    put(h, " below are counted from generated case records (marked SYNTHETIC), not real "
           "children: they are not the council&#39;s figures.</p>");
}

/* A count as shown: the number, or "x" where suppressed. */
static void chart_count(html *h, const cJSON *row, const char *key) {
  int present;
  double count = number(row, key, &present);
  if (present)
    fprintf(h->out, "%.0f", count);
  else
    esc(h, str(row, key) ? str(row, key) : "?");
}

static void chart_value(html *h, const chart *c, const cJSON *row) {
  char text[64];
  int present;
  double value = number(row, "value", &present);
  const char *suppressed = str(row, "value");
  if (!present && suppressed && strcmp(suppressed, "x") == 0) {
    put(h, "x (suppressed: a count below 5)");
  } else if (!present) {
    put(h, "no value");
  } else {
    format_number(text, sizeof text, value);
    fprintf(h->out, "%s%s", text, c->percent ? "%" : "");
  }
  if (cJSON_GetObjectItemCaseSensitive(row, "denominator") &&
      !cJSON_IsNull(cJSON_GetObjectItemCaseSensitive(row, "denominator"))) {
    put(h, " (");
    chart_count(h, row, "numerator");
    put(h, " of ");
    chart_count(h, row, "denominator");
    put(h, ")");
  }
  double target = number(row, "target", &present);
  if (present) {
    format_number(text, sizeof text, target);
    fprintf(h->out, " (target %s%s)", text, c->percent ? "%" : "");
  }
  if (synthetic_row(row)) put(h, " SYNTHETIC");
}

/* The chart in words: what a screen reader says, and the alt text. */
static void chart_desc(html *h, const chart *c, int id) {
  fprintf(h->out, "<desc id=\"i%d-d\">One bar per area. ", id);
  char label[256];
  for (int i = 0; i < c->count; i++) {
    if (new_group(c, i) && group_label(h, c->rows[i], label, sizeof label))
      esc(h, label), put(h, ": ");
    esc(h, str(c->rows[i], "area"));
    put(h, " ");
    chart_value(h, c, c->rows[i]);
    if (str(c->rows[i], "note")) put(h, " ("), esc(h, str(c->rows[i], "note")), put(h, ")");
    put(h, i + 1 < c->count && !new_group(c, i + 1) ? ", " : ". ");
  }
  put(h, "</desc>");
}

static void chart_row(html *h, const chart *c, const cJSON *row, int y) {
  int present;
  double value = number(row, "value", &present);
  int width = present && value > 0 ? (int)(CHART_BAR * value / c->max + 0.5) : 0;
  fprintf(h->out, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">", CHART_LABEL - 8, y + 17);
  esc(h, str(row, "area"));
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
  put(h, "</text>");
}

static void chart_svg(html *h, const chart *c, int id) {
  int height = c->lines * CHART_LINE + 8;
  fprintf(h->out,
          "<svg role=\"img\" aria-labelledby=\"i%d-t i%d-d\" width=\"%d\" height=\"%d\" "
          "viewBox=\"0 0 %d %d\"><title id=\"i%d-t\">",
          id, id, CHART_WIDTH, height, CHART_WIDTH, height, id);
  esc(h, str(c->rows[0], "title"));
  put(h, "</title>");
  chart_desc(h, c, id);
  fprintf(h->out, "<line class=\"axis\" x1=\"%d\" x2=\"%d\" y1=\"0\" y2=\"%d\"/>", CHART_LABEL,
          CHART_LABEL, height);
  char label[256];
  int y = 0;
  for (int i = 0; i < c->count; i++) {
    if (new_group(c, i) && group_label(h, c->rows[i], label, sizeof label)) {
      fprintf(h->out, "<text class=\"group\" x=\"0\" y=\"%d\">", y + 18);
      esc(h, label);
      put(h, "</text>");
      y += CHART_LINE;
    }
    chart_row(h, c, c->rows[i], y);
    y += CHART_LINE;
  }
  put(h, "</svg>");
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
    if (!str(c->rows[i], "note")) continue;
    put(h, first ? "<br>Notes: " : "; ");
    first = 0;
    if (group_label(h, c->rows[i], label, sizeof label)) esc(h, label), put(h, ", ");
    esc(h, str(c->rows[i], "area"));
    put(h, ": ");
    esc(h, str(c->rows[i], "note"));
  }
  if (!first) put(h, ".");
}

static void chart_caption(html *h, const chart *c) {
  const cJSON *first = c->rows[0];
  put(h, "<figcaption>");
  if (str(first, "unit")) put(h, "Unit: "), esc(h, str(first, "unit")), put(h, "; ");
  put(h, direction_words(str(first, "direction")));
  put(h, ". ");
  if (c->targets) put(h, "A dashed line marks an area&#39;s own target, from its plan. ");
  put(h, "Computed by ");
  put(h, "<cite>");
  esc(h, str(first, "script"));
  put(h, "</cite>, version ");
  esc(h, str(first, "version"));
  put(h, " (indicator <code>");
  esc(h, str(first, "indicator"));
  put(h, "</code>).");
  chart_notes(h, c);
  put(h, "</figcaption>");
}

static void write_chart(html *h, chart *c, int id) {
  chart_scale(h, c);
  fprintf(h->out, "<figure class=\"chart\" aria-labelledby=\"i%d-h\"><h3 id=\"i%d-h\">", id, id);
  esc(h, str(c->rows[0], "title"));
  put(h, "</h3>");
  chart_synthetic(h, c);
  chart_svg(h, c, id);
  chart_caption(h, c);
  put(h, "</figure>");
}

static void write_indicators(html *h, const cJSON *rows) {
  put(h, "<section id=\"indicators\" aria-labelledby=\"indicators-h\"><h2 id=\"indicators-h\">"
         "Indicators</h2>");
  if (!cJSON_GetArraySize(rows))
    put(h, "<p>No indicators are stored yet: run <code>sendlens indicators</code> first.</p>");
  chart c = {.count = 0};
  int id = 0;
  const cJSON *row;
  cJSON_ArrayForEach(row, rows) {
    if (c.count && (!same_text(str(row, "indicator"), str(c.rows[0], "indicator")) ||
                    c.count == (int)(sizeof c.rows / sizeof c.rows[0]))) {
      write_chart(h, &c, ++id);
      c.count = 0;
    }
    c.rows[c.count++] = row;
  }
  if (c.count) write_chart(h, &c, ++id);
  put(h, "</section>");
}

/* --- area cards ------------------------------------------------------ */

static void capitalised(html *h, const char *text) {
  if (!text) return;
  fputc(toupper((unsigned char)text[0]), h->out);
  esc(h, text + 1);
}

/* The roles of a plan, concern or action: each its kind, who holds it as
 * written, the post, organisation and its common kind where known, and
 * the role as the document words it, sourced; all of it escaped. */
static void write_roles(html *h, const char *label, const cJSON *roles) {
  if (!cJSON_GetArraySize(roles)) return;
  fprintf(h->out, "<p><strong>%s:</strong></p><ul class=\"roles\">", label);
  const cJSON *role;
  cJSON_ArrayForEach(role, roles) {
    put(h, "<li");
    source_title(h, list(role, "sources"));
    put(h, "><span class=\"role-kind\">");
    esc(h, str(role, "kind"));
    put(h, "</span>: ");
    esc(h, str(role, "name"));
    static const char *const keys[] = {"post", "organisation", "organisation_kind"};
    const char *separator = " (";
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
      if (!str(role, keys[i])) continue;
      put(h, separator);
      esc(h, str(role, keys[i]));
      separator = ", ";
    }
    if (*separator == ',') put(h, ")");
    put(h, " \xe2\x80\x94 <q>");
    esc(h, str(role, "role"));
    put(h, "</q>");
    source_refs(h, list(role, "sources"));
    put(h, "</li>");
  }
  put(h, "</ul>");
}

static void write_weakness(html *h, const cJSON *weakness) {
  put(h, "<li");
  source_title(h, list(weakness, "sources"));
  put(h, ">");
  const char *progress = str(weakness, "progress");
  if (progress) {
    fprintf(h->out, "<span class=\"badge %s\">", progress_class(progress));
    mark(h, progress_class(progress));
    fprintf(h->out, "%s</span> ", progress_words(progress));
  }
  put(h, "<strong>Weakness");
  if (str(weakness, "ref")) put(h, " "), esc(h, str(weakness, "ref"));
  put(h, ":</strong> ");
  esc(h, str(weakness, "text"));
  theme_list(h, list(weakness, "themes"));
  source_refs(h, list(weakness, "sources"));
  put(h, "</li>");
}

static void write_inspection(html *h, const cJSON *inspection) {
  put(h, "<h5");
  source_title(h, list(inspection, "sources"));
  put(h, ">");
  capitalised(h, str(inspection, "kind"));
  put(h, " inspection");
  source_refs(h, list(inspection, "sources"));
  put(h, "</h5><dl class=\"facts\">");
  dl_item(h, "Started", inspection, "started");
  dl_item(h, "Ended", inspection, "ended");
  dl_item(h, "Published", inspection, "published");
  dl_item(h, "Outcome", inspection, "outcome");
  dl_item(h, "Weaknesses found", inspection, "weaknesses_found");
  dl_item(h, "Judged sufficient", inspection, "weaknesses_sufficient");
  put(h, "</dl>");
  if (!cJSON_GetArraySize(list(inspection, "weaknesses"))) return;
  put(h, "<ul class=\"weaknesses\">");
  const cJSON *weakness;
  cJSON_ArrayForEach(weakness, list(inspection, "weaknesses")) write_weakness(h, weakness);
  put(h, "</ul>");
}

/* A table cell holding one field, empty when the documents say nothing. */
static void cell(html *h, const cJSON *object, const char *key) {
  put(h, "<td>");
  field(h, object, key);
  put(h, "</td>");
}

/* A status code as words: "in_progress" is "in progress". */
static void status_words(html *h, const char *status) {
  for (; status && *status; status++) {
    char letter[2] = {*status == '_' ? ' ' : *status, '\0'};
    esc(h, letter);
  }
}

/* The plan's own status, then each progress return's, with its period and
 * its cell as a numbered source. */
static void action_status(html *h, const cJSON *action) {
  put(h, "<td>");
  int written = field(h, action, "status");
  const cJSON *entry;
  cJSON_ArrayForEach(entry, list(action, "progress")) {
    if (!str(entry, "status")) continue;
    put(h, written++ ? "<br><span class=\"return\">" : "<span class=\"return\">");
    esc(h, str(entry, "period"));
    put(h, " return: ");
    status_words(h, str(entry, "status"));
    source_refs(h, list(entry, "sources"));
    put(h, "</span>");
  }
  put(h, "</td>");
}

/* A record's row up to its words: the sources as the row's tooltip, the
 * ref, then the text with the sources' numbers (the cell left open). */
static void record_row_open(html *h, const cJSON *record, const char *text_key) {
  put(h, "<tr");
  source_title(h, list(record, "sources"));
  put(h, ">");
  cell(h, record, "ref");
  put(h, "<td>");
  field(h, record, text_key);
  source_refs(h, list(record, "sources"));
}

static void write_action(html *h, const cJSON *action) {
  record_row_open(h, action, "text");
  put(h, "</td>");
  cell(h, action, "lead");
  cell(h, action, "due");
  action_status(h, action);
  put(h, "</tr>");
}

static void write_actions(html *h, const cJSON *actions, const char *caption) {
  if (!cJSON_GetArraySize(actions)) return;
  put(h, "<table class=\"records\"><caption>");
  esc(h, caption);
  put(h, "</caption><thead><tr><th scope=\"col\">Ref</th><th scope=\"col\">Action</th>"
         "<th scope=\"col\">Lead</th><th scope=\"col\">Due</th><th scope=\"col\">Status</th>"
         "</tr></thead><tbody>");
  const cJSON *action;
  cJSON_ArrayForEach(action, actions) write_action(h, action);
  put(h, "</tbody></table>");
}

/* Comparators and observations of a measure, each with its source. */
static void measure_points(html *h, const cJSON *measure) {
  const cJSON *item;
  put(h, "<td><ul class=\"plain\">");
  cJSON_ArrayForEach(item, list(measure, "comparators")) {
    put(h, "<li");
    source_title(h, list(item, "sources"));
    put(h, ">");
    field(h, item, "label");
    put(h, ": ");
    field(h, item, "value");
    if (has(item, "date")) put(h, " ("), field(h, item, "date"), put(h, ")");
    source_refs(h, list(item, "sources"));
    put(h, "</li>");
  }
  cJSON_ArrayForEach(item, list(measure, "observations")) {
    put(h, "<li");
    source_title(h, list(item, "sources"));
    put(h, ">");
    field(h, item, "period");
    put(h, " "), field(h, item, "kind");
    if (has(item, "label")) put(h, " ("), field(h, item, "label"), put(h, ")");
    put(h, ": ");
    if (!field(h, item, "value")) field(h, item, "state");
    if (has(item, "note")) put(h, " \xe2\x80\x94 "), field(h, item, "note");
    source_refs(h, list(item, "sources"));
    put(h, "</li>");
  }
  put(h, "</ul></td>");
}

static void write_measure(html *h, const cJSON *measure) {
  record_row_open(h, measure, "name");
  if (has(measure, "group"))
    put(h, "<br><span class=\"small\">"), field(h, measure, "group"), put(h, "</span>");
  if (has(measure, "unit"))
    put(h, "<br><span class=\"small\">unit: "), field(h, measure, "unit"), put(h, "</span>");
  put(h, "</td><td>");
  const cJSON *baseline = list(measure, "baseline");
  field(h, baseline, "value");
  if (has(baseline, "date")) put(h, " ("), field(h, baseline, "date"), put(h, ")");
  put(h, "</td>");
  put(h, "<td>");
  field(h, measure, "target");
  if (has(measure, "target_date")) put(h, " ("), field(h, measure, "target_date"), put(h, ")");
  put(h, "</td>");
  cell(h, measure, "indicator");
  measure_points(h, measure);
  put(h, "</tr>");
}

static void write_measures(html *h, const cJSON *measures, const char *caption) {
  if (!cJSON_GetArraySize(measures)) return;
  put(h, "<table class=\"records\"><caption>");
  esc(h, caption);
  put(h, "</caption><thead><tr><th scope=\"col\">Ref</th><th scope=\"col\">Measure</th>"
         "<th scope=\"col\">Baseline</th><th scope=\"col\">Target</th>"
         "<th scope=\"col\">Indicator</th><th scope=\"col\">Comparators and observations</th>"
         "</tr></thead><tbody>");
  const cJSON *measure;
  cJSON_ArrayForEach(measure, measures) write_measure(h, measure);
  put(h, "</tbody></table>");
}

/* "concern 1.2" or, without a ref, its title: the name a caption uses. */
static void record_name(char *buffer, size_t size, const char *kind, const cJSON *record) {
  const char *name = str(record, "ref") ? str(record, "ref") : str(record, "title");
  snprintf(buffer, size, "%s%s%s", kind, name ? " " : "", name ? name : "");
}

static void write_concern(html *h, const cJSON *concern) {
  put(h, "<div class=\"concern\"><h5");
  source_title(h, list(concern, "sources"));
  put(h, ">Concern");
  if (str(concern, "ref")) put(h, " "), esc(h, str(concern, "ref"));
  put(h, ": ");
  esc(h, str(concern, "title"));
  source_refs(h, list(concern, "sources"));
  put(h, "</h5>");
  if (cJSON_GetArraySize(list(concern, "themes")))
    put(h, "<p>"), theme_list(h, list(concern, "themes")), put(h, "</p>");
  write_roles(h, "People", list(concern, "roles"));
  char caption[512], name[400];
  record_name(name, sizeof name, "concern", concern);
  snprintf(caption, sizeof caption, "Actions of %s", name);
  write_actions(h, list(concern, "actions"), caption);
  snprintf(caption, sizeof caption, "Measures of %s", name);
  write_measures(h, list(concern, "measures"), caption);
  const cJSON *action;
  cJSON_ArrayForEach(action, list(concern, "actions")) {
    record_name(name, sizeof name, "action", action);
    snprintf(caption, sizeof caption, "Measures of %s", name);
    write_measures(h, list(action, "measures"), caption);
  }
  put(h, "</div>");
}

static void write_review(html *h, const cJSON *review) {
  put(h, "<li");
  source_title(h, list(review, "sources"));
  put(h, "><strong>");
  field(h, review, "label");
  put(h, "</strong>");
  if (has(review, "due")) put(h, ", due "), field(h, review, "due");
  if (has(review, "held")) put(h, ", held "), field(h, review, "held");
  if (has(review, "by")) put(h, " by "), field(h, review, "by");
  source_refs(h, list(review, "sources"));
  const cJSON *finding;
  if (cJSON_GetArraySize(list(review, "findings"))) put(h, "<ul>");
  cJSON_ArrayForEach(finding, list(review, "findings")) {
    put(h, "<li");
    source_title(h, list(finding, "sources"));
    put(h, ">");
    field(h, finding, "text");
    source_refs(h, list(finding, "sources"));
    put(h, "</li>");
  }
  if (cJSON_GetArraySize(list(review, "findings"))) put(h, "</ul>");
  put(h, "</li>");
}

static void write_plan(html *h, const cJSON *plan) {
  put(h, "<div class=\"plan\"><h4");
  source_title(h, list(plan, "sources"));
  put(h, ">Plan: ");
  field(h, plan, "kind");
  if (has(plan, "title")) put(h, " \xe2\x80\x94 "), field(h, plan, "title");
  source_refs(h, list(plan, "sources"));
  put(h, "</h4><dl class=\"facts\">");
  dl_item(h, "Version", plan, "version");
  dl_item(h, "Dated", plan, "dated");
  dl_item(h, "Approved", plan, "approved");
  dl_item(h, "From", plan, "period_from");
  dl_item(h, "To", plan, "period_to");
  dl_item(h, "Board", plan, "board");
  put(h, "</dl>");
  write_roles(h, "People", list(plan, "roles"));
  write_measures(h, list(plan, "measures"), "Measures of the plan as a whole");
  if (cJSON_GetArraySize(list(plan, "reviews"))) {
    put(h, "<h5>Reviews</h5><ul class=\"reviews\">");
    const cJSON *review;
    cJSON_ArrayForEach(review, list(plan, "reviews")) write_review(h, review);
    put(h, "</ul>");
  }
  const cJSON *concern;
  cJSON_ArrayForEach(concern, list(plan, "concerns")) write_concern(h, concern);
  put(h, "</div>");
}

static void write_conflicts(html *h, const cJSON *conflicts) {
  put(h, "<h4>Conflicts between documents</h4>");
  if (!cJSON_GetArraySize(conflicts)) {
    put(h, "<p>None: where documents say the same thing twice, they agree.</p>");
    return;
  }
  put(h, "<ul class=\"conflicts\">");
  const cJSON *conflict, *claim;
  cJSON_ArrayForEach(conflict, conflicts) {
    put(h, "<li><strong>");
    capitalised(h, str(conflict, "record"));
    put(h, "</strong>, field <code>");
    esc(h, str(conflict, "field"));
    put(h, "</code>: the documents disagree.<ul>");
    cJSON_ArrayForEach(claim, list(conflict, "claims")) {
      put(h, "<li");
      source_title(h, list(claim, "source"));
      put(h, ">");
      field(h, claim, "value");
      const char *role = str(claim, "role"), *about = str(conflict, "field");
      if (role && about && strcmp(role, about)) { /* "letter dated" */
        put(h, " (");
        esc(h, role);
        put(h, ")");
      }
      put(h, " according to <cite>");
      esc(h, str(list(claim, "source"), "document"));
      put(h, "</cite>");
      source_refs(h, list(claim, "source"));
      put(h, "</li>");
    }
    put(h, "</ul></li>");
  }
  put(h, "</ul>");
}

static void write_card(html *h, const cJSON *area, int index) {
  h->card = index;
  h->note_count = 0;
  fprintf(h->out, "<section class=\"card\" id=\"area-%d\" aria-labelledby=\"area-%d-h\">", index,
          index);
  fprintf(h->out, "<h3 id=\"area-%d-h\"", index);
  source_title(h, list(area, "sources"));
  put(h, ">");
  esc(h, str(area, "name"));
  source_refs(h, list(area, "sources"));
  put(h, "</h3><dl class=\"facts\">");
  dl_item(h, "GSS code", area, "code");
  dl_item(h, "LA number", area, "la_number");
  dl_item(h, "Region", area, "region");
  dl_item(h, "Read by plugin", area, "plugin");
  dl_item(h, "Plugin version", area, "plugin_version");
  put(h, "</dl><h4>Inspections</h4>");
  if (!cJSON_GetArraySize(list(area, "inspections")))
    put(h, "<p>The documents read describe no inspection.</p>");
  const cJSON *item;
  cJSON_ArrayForEach(item, list(area, "inspections")) write_inspection(h, item);
  cJSON_ArrayForEach(item, list(area, "plans")) write_plan(h, item);
  write_conflicts(h, list(area, "conflicts"));
  card_notes(h);
  put(h, "</section>");
}

/* --- the page -------------------------------------------------------- */

/* Colours: text on its background is at least 4.5:1 (most are above 7:1);
 * marks and bars are at least 3:1 against white, and words carry meaning. */
static const char STYLE[] =
    ":root{color:#1a1a1a;background:#fff;font:16px/1.45 system-ui,-apple-system,\"Segoe UI\","
    "Roboto,\"Helvetica Neue\",Arial,sans-serif}"
    "body{max-width:75rem;margin:0 auto;padding:1rem 1.5rem}"
    "h1{font-size:1.7rem;margin-bottom:.3rem}h2{font-size:1.4rem;margin-top:2.5rem;"
    "border-bottom:2px solid #1a1a1a}h3{font-size:1.2rem}h4{font-size:1.05rem;margin:1.2rem 0 "
    ".3rem}"
    "h5{font-size:1rem;margin:1rem 0 .3rem}a{color:#0b4f9c}"
    ".scroll{overflow-x:auto}table{border-collapse:collapse;width:100%;margin:.5rem 0 1rem}"
    "caption{text-align:left;font-weight:600;padding:.3rem 0}"
    "th,td{border:1px solid #767676;padding:.35rem .5rem;text-align:left;vertical-align:top}"
    "thead th{background:#eef0f3}.matrix td p{margin:0 0 .3rem}.matrix td{min-width:11rem}"
    ".mark{display:inline-block;width:.8em;height:.8em;margin-right:.4em;border:1px solid #1a1a1a;"
    "vertical-align:-.05em;-webkit-print-color-adjust:exact;print-color-adjust:exact}"
    ".mark.ins{background:#c62828}.mark.suf{background:#2e7d32}.mark.con{background:#1565c0}"
    ".mark.unj{background:#fff}"
    ".badge{display:inline-block;padding:0 .4em;border:1px solid currentColor;border-radius:.25em;"
    "font-size:.9em;white-space:nowrap}.badge.ins{color:#8b1a1a;background:#fdecea}"
    ".badge.suf{color:#1b5e20;background:#e8f5e9}.badge.unj{color:#1a1a1a}"
    ".none,.theme-id,.small,.themes{color:#555}.theme-id{display:block;font-size:.8em;"
    "font-family:ui-monospace,monospace;font-weight:400}"
    ".card{border:1px solid #767676;border-radius:.4rem;padding:.25rem 1.25rem 1rem;margin:1.5rem "
    "0}"
    "dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:.1rem 1rem;margin:.4rem 0}"
    "dt{font-weight:600}dd{margin:0}ul.plain{list-style:none;padding:0;margin:0}"
    ".weaknesses li,.conflicts li,.reviews li{margin:.3rem 0}"
    "sup.refs{font-size:.7em;margin-left:.15em}sup.refs a{text-decoration:none}"
    ".notes ol{font-size:.9em;padding-left:2.2rem}.notes li{margin:.15rem 0}"
    ".chart svg{max-width:100%;height:auto}svg text{font:13px system-ui,sans-serif;fill:#1a1a1a}"
    "svg .group{font-weight:700}svg .bar{fill:#1f5fae}svg .axis{stroke:#767676}"
    "svg .target{stroke:#1a1a1a;stroke-width:2;stroke-dasharray:4 3}"
    "figure{margin:1rem 0 2rem}figcaption{font-size:.9em}"
    "@media print{:root{font-size:10.5pt}body{max-width:none;padding:0}nav{display:none}"
    "a{color:inherit;text-decoration:none}.card{border:0;padding:0;break-before:page}"
    "h2,h3,h4,h5,caption{break-after:avoid}tr,li,figure,dl,.weaknesses li{break-inside:avoid}"
    "thead{display:table-header-group}.badge,thead th{background:none}"
    ".scroll{overflow:visible}}"
    ".synthetic{border:3px solid #b00020;background:#fdecea;color:#000;padding:.5em .75em;"
    "margin:.5em 0;font-size:1.1em}";

static void write_head(html *h) {
  const char *title = str(h->publication, "title");
  put(h, "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
         "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
         "<meta name=\"generator\" content=\"sendlens " SENDLENS_VERSION "\"><title>");
  esc(h, title);
  put(h, "</title><style>");
  put(h, STYLE);
  put(h, sl_html_statistics_style);
  put(h, sl_html_publication_style);
  put(h, "</style></head>\n<body><header><h1>");
  esc(h, title);
  put(h,
      "</h1>"
      "<p>What Ofsted and CQC found in each local area&#39;s services for children with special "
      "educational needs and disabilities, and what each area&#39;s plan does about it, in the "
      "area&#39;s own words. Every fact names its source: hover over it, or follow its number to "
      "the list at the end of the area.</p>");
  sl_html_publication_summary(h->out, h->publication);
  put(h, "</header>\n");
}

static void write_nav(html *h, const cJSON *areas) {
  put(h, "<nav aria-label=\"Contents\"><ul><li><a href=\"#matrix\">Themes by area</a></li>"
         "<li><a href=\"#indicators\">Indicators</a></li>"
         "<li><a href=\"#statistics\">Official statistics</a></li>"
         "<li><a href=\"#areas\">Areas</a><ul>");
  const cJSON *area;
  int index = 0;
  cJSON_ArrayForEach(area, areas) {
    fprintf(h->out, "<li><a href=\"#area-%d\">", ++index);
    esc(h, str(area, "name"));
    put(h, "</a></li>");
  }
  put(h, "</ul></li></ul></nav>\n");
}

/* At the top of the page, before anything else: figures of synthetic case
 * records are made up, whichever council's name they carry. */
static void write_synthetic(html *h, const cJSON *document) {
  const cJSON *synthetic = cJSON_GetObjectItemCaseSensitive(document, "synthetic");
  if (!synthetic) return;
  put(h, "<div class=\"synthetic\" role=\"alert\"><strong>");
  esc(h, str(synthetic, "warning"));
  put(h, "</strong> Their figures are marked SYNTHETIC below.</div>\n");
}

static void write_page(html *h, const cJSON *document, const cJSON *matrix, const cJSON *rows) {
  write_head(h);
  write_synthetic(h, document);
  write_nav(h, list(document, "areas"));
  put(h, "<main>");
  write_matrix(h, matrix);
  put(h, "\n");
  write_indicators(h, rows);
  put(h, "\n");
  sl_html_statistics_write(h->out, list(document, "statistics"));
  put(h, "\n<section id=\"areas\" aria-labelledby=\"areas-h\"><h2 id=\"areas-h\">Areas</h2>");
  if (!cJSON_GetArraySize(list(document, "areas")))
    put(h, "<p>No area is loaded: run <code>sendlens load</code> first.</p>");
  const cJSON *area;
  int index = 0;
  cJSON_ArrayForEach(area, list(document, "areas")) write_card(h, area, ++index), put(h, "\n");
  put(h, "</section></main><footer>");
  sl_html_publication_sources(h->out, h->publication);
  put(h, "<p>Contains public sector information licensed under the Open "
         "Government Licence v3.0.</p></footer></body></html>\n");
}

int sl_export_html_write(sl_store *store, const cJSON *publication, FILE *out, sl_error *error) {
  cJSON *document = sl_export_document(store, error);
  cJSON *matrix = document ? sl_compare_matrix(store, error) : NULL;
  cJSON *rows = matrix ? indicator_rows(store, error) : NULL;
  int status = -1;
  if (rows) {
    html h = {.out = out, .publication = publication, .themes = list(document, "themes")};
    write_page(&h, document, matrix, rows);
    free(h.notes);
    status = fflush(out) == 0 && !ferror(out) ? 0 : sl_error_set(error, "cannot write the page");
  }
  cJSON_Delete(rows);
  cJSON_Delete(matrix);
  cJSON_Delete(document);
  return status;
}

int sl_export_html(sl_store *store, const cJSON *publication, const char *path, sl_error *error) {
  size_t length = strlen(path) + 8;
  char *temporary = malloc(length);
  if (!temporary) return sl_error_set(error, "%s: out of memory", path);
  snprintf(temporary, length, "%s.tmp", path);
  FILE *file = fopen(temporary, "w");
  int status = file ? sl_export_html_write(store, publication, file, error)
                    : sl_error_set(error, "%s: cannot write: %s", temporary, strerror(errno));
  if (file && fclose(file) != 0 && status == 0)
    status = sl_error_set(error, "%s: cannot write: %s", temporary, strerror(errno));
  if (status == 0 && rename(temporary, path) != 0)
    status = sl_error_set(error, "%s: cannot rename into place: %s", path, strerror(errno));
  if (status != 0 && file) remove(temporary);
  free(temporary);
  return status;
}
