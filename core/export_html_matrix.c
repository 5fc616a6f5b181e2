/*
 * export_html_matrix.c: the page's themes x areas matrix, drawn from
 * sl_compare_matrix's tree: per theme and area each weakness with the
 * revisit's judgement and each plan concern with its counts, and a total
 * row counting every item once.
 */
#include <string.h>

#include "export_html_internal.h"

/* " (also under Annual reviews)": the other themes of a shared item, so
 * no reader adds it up twice. */
static void matrix_shared(html *h, const cJSON *item, const cJSON *rows) {
  const cJSON *theme, *row;
  int first = 1;
  cJSON_ArrayForEach(theme, html_list(item, "shared_with")) {
    const char *title = cJSON_GetStringValue(theme);
    cJSON_ArrayForEach(row, rows) {
      if (strcmp(html_str(row, "theme"), cJSON_GetStringValue(theme)) == 0)
        title = html_str(row, "title");
    }
    html_put(h, first ? " <span class=\"shared\">(also under " : ", ");
    html_esc(h, title);
    first = 0;
  }
  if (!first) html_put(h, ")</span>");
}

static void matrix_cell(html *h, const cJSON *cell, const cJSON *rows) {
  html_put(h, "<td data-area=\"");
  html_esc(h, html_str(cell, "area"));
  html_put(h, "\">");
  const cJSON *item;
  cJSON_ArrayForEach(item, html_list(cell, "weaknesses")) {
    html_put(h, "<p>");
    html_mark(h, html_progress_class(html_str(item, "progress")));
    html_put(h, "Weakness");
    if (html_str(item, "ref")) html_put(h, " "), html_esc(h, html_str(item, "ref"));
    html_put(h, ": ");
    html_put(h, html_progress_words(html_str(item, "progress")));
    matrix_shared(h, item, rows);
    html_put(h, "</p>");
  }
  cJSON_ArrayForEach(item, html_list(cell, "concerns")) {
    html_put(h, "<p");
    if (html_str(item, "title"))
      html_put(h, " title=\""), html_esc(h, html_str(item, "title")), html_put(h, "\"");
    html_put(h, ">");
    html_mark(h, "con");
    html_put(h, "Plan concern ");
    if (html_str(item, "ref"))
      html_esc(h, html_str(item, "ref"));
    else
      html_put(h, "\xe2\x80\x9c"), html_esc(h, html_str(item, "title")),
          html_put(h, "\xe2\x80\x9d");
    html_put(h, ": ");
    html_count(h, item, "actions", "action");
    html_put(h, ", ");
    html_count(h, item, "measures", "measure");
    matrix_shared(h, item, rows);
    html_put(h, "</p>");
  }
  if (!cJSON_GetArraySize(html_list(cell, "weaknesses")) &&
      !cJSON_GetArraySize(html_list(cell, "concerns")))
    html_put(h, "<span class=\"none\">none</span>");
  html_put(h, "</td>");
}

static void matrix_head(html *h, const cJSON *areas) {
  html_put(h, "<thead><tr><th scope=\"col\">Theme</th>");
  const cJSON *area;
  cJSON_ArrayForEach(area, areas) {
    html_put(h, "<th scope=\"col\" data-area=\"");
    html_esc(h, html_str(area, "code"));
    html_put(h, "\">");
    html_esc(h, html_str(area, "name"));
    html_put(h, "</th>");
  }
  html_put(h, "</tr></thead>");
}

/* The total row: each weakness, concern, action and measure of an area
 * once, however many themes it sits under. */
static void matrix_totals(html *h, const cJSON *totals) {
  const cJSON *area;
  html_put(h, "<tfoot><tr><th scope=\"row\">Total, each counted once</th>");
  cJSON_ArrayForEach(area, totals) {
    int weaknesses =
        (int)cJSON_GetNumberValue(cJSON_GetObjectItemCaseSensitive(area, "weaknesses"));
    html_put(h, "<td data-area=\"");
    html_esc(h, html_str(area, "area"));
    fprintf(h->out, "\">%d weakness%s, ", weaknesses, weaknesses == 1 ? "" : "es");
    html_count(h, area, "concerns", "concern");
    html_put(h, ", ");
    html_count(h, area, "actions", "action");
    html_put(h, ", ");
    html_count(h, area, "measures", "measure");
    html_put(h, "</td>");
  }
  html_put(h, "</tr></tfoot>");
}

void html_matrix_write(html *h, const cJSON *matrix) {
  html_put(
      h,
      "<section id=\"matrix\" aria-labelledby=\"matrix-h\"><h2 id=\"matrix-h\">Themes by area</h2>"
      "<p>Each weakness the inspectors found, with the revisit&#39;s judgement, and each concern "
      "of the area&#39;s plan, with its actions and measures, under the common themes its "
      "words were mapped to.</p>");
  html_table_open(h, "matrix", "matrix-caption");
  html_put(h, "Themes by area: weaknesses (with the revisit&#39;s judgement) and plan concerns "
              "(with their actions and measures)</caption>");
  matrix_head(h, html_list(matrix, "areas"));
  html_put(h, "<tbody>");
  const cJSON *row, *cell;
  cJSON_ArrayForEach(row, html_list(matrix, "rows")) {
    /* The theme's id only in attributes: readers see its title. */
    html_put(h, "<tr id=\"theme-");
    html_esc(h, html_str(row, "theme"));
    html_put(h, "\" data-theme=\"");
    html_esc(h, html_str(row, "theme"));
    html_put(h, "\"><th scope=\"row\">");
    html_esc(h, html_str(row, "title"));
    html_put(h, "</th>");
    cJSON_ArrayForEach(cell, html_list(row, "cells"))
        matrix_cell(h, cell, html_list(matrix, "rows"));
    html_put(h, "</tr>");
  }
  html_put(h, "</tbody>");
  matrix_totals(h, html_list(matrix, "totals"));
  html_table_close(h);
  html_put(h, "<p class=\"legend\">Key: ");
  html_mark(h, "ins");
  html_put(h, "insufficient progress, ");
  html_mark(h, "suf");
  html_put(h, "sufficient progress, ");
  html_mark(h, "unj");
  html_put(h, "not judged, ");
  html_mark(h, "con");
  html_put(h, "a concern of the plan. The colours only repeat the words.</p></section>");
}
