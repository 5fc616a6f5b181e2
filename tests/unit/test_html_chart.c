/*
 * test_html_chart.c: the line drawing the page's charts share
 * (core/html_chart.c): the scale's round top, a line that breaks where a
 * point has no number instead of joining its neighbours across it (a
 * suppressed figure must never look like a value), a lone point still
 * visible, points placed along x by the days they cover, and axis labels
 * thinned to fit but never losing the latest, all text escaped.
 */
#include <stdlib.h>

#include "check.h"
#include "html_chart.h"

/* What draw writes for a chart, as a string the caller frees. */
static char *drawn(sl_chart *chart, void (*draw)(sl_chart *, void *), void *data) {
  char *text = NULL;
  size_t size = 0;
  chart->out = open_memstream(&text, &size);
  draw(chart, data);
  fclose(chart->out);
  return text;
}

static void test_nice(void) {
  CHECK(sl_chart_nice(9307) == 10000);
  CHECK(sl_chart_nice(35) == 50);
  CHECK(sl_chart_nice(120) == 200);
  CHECK(sl_chart_nice(0.3) == 0.5);
  CHECK(sl_chart_nice(10) == 10);
  CHECK(sl_chart_nice(0) == 1);
}

typedef struct series {
  const double *values;
  const unsigned char *present;
} series;

static void draw_line(sl_chart *chart, void *data) {
  const series *s = data;
  sl_chart_line(chart, s->values, s->present, "area");
}

static void test_line_breaks_at_gaps(void) {
  /* Five points 0..100 wide, 0..100 high; the third has no number, the
   * fifth stands alone after the fourth's gap. */
  sl_chart chart = {.left = 0, .right = 100, .top = 0, .bottom = 100, .max = 100, .count = 5};
  double values[] = {10, 20, 30, 40, 50};
  unsigned char present[] = {1, 1, 0, 1, 0};
  series s = {values, present};
  char *text = drawn(&chart, draw_line, &s);
  /* 0 and 1 joined, 2 skipped, 3 alone: a short level stroke at y 60. */
  CHECK_STR(text, "<path class=\"area\" d=\"M0.0 90.0 L25.0 80.0 M63.0 60.0 L87.0 60.0 \"/>");
  free(text);
}

static void test_points_placed_by_day(void) {
  /* Uneven places: 0, 0.25 and 1 of the width. */
  double at[] = {0, 0.25, 1};
  sl_chart chart = {
      .left = 40, .right = 240, .top = 0, .bottom = 100, .max = 50, .count = 3, .at = at};
  CHECK(sl_chart_x(&chart, 1) == 90);
  CHECK(sl_chart_x(&chart, 2) == 240);
  CHECK(sl_chart_y(&chart, 25) == 50);
}

static void draw_labels(sl_chart *chart, void *data) { sl_chart_x_labels(chart, data, 120); }

static void test_labels_fit(void) {
  const char *labels[] = {"2020-Q1", "2020-Q2", "2020-Q3", "2020-Q4", "<b>&"};
  sl_chart chart = {
      .left = 0, .right = 40, .max = 1, .count = 5, .char_width = 8, .label_class = "x"};
  char *text = drawn(&chart, draw_labels, (void *)labels);
  /* 10 units between points cannot hold 7 characters: only some labels,
   * always the last, escaped. */
  CHECK(strstr(text, "&lt;b&gt;&amp;</text>") != NULL);
  CHECK(strstr(text, "2020-Q4") == NULL);
  CHECK(strstr(text, "<text class=\"x\" x=\"40.0\" y=\"120\"") != NULL);
  free(text);
  chart.right = 400;
  text = drawn(&chart, draw_labels, (void *)labels);
  CHECK(strstr(text, "2020-Q1") && strstr(text, "2020-Q2") && strstr(text, "2020-Q4"));
  free(text);
}

int main(void) {
  test_nice();
  test_line_breaks_at_gaps();
  test_points_placed_by_day();
  test_labels_fit();
  return CHECK_DONE();
}
