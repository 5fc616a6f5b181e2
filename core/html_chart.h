/*
 * html_chart.h: the drawing the page's line charts share (the official
 * statistics of export_html_statistics.c and the indicators' small
 * multiples of export_html_trends.c), so both read the same way: a scale
 * from 0 to a round number, points placed in a plot box, a line through
 * the points that have a number (broken where a period has none, never
 * drawn through a suppressed or missing figure), a legend sample, and the
 * x axis's labels thinned to fit. Writes SVG elements only: the caller
 * writes the <svg>, its <title> and <desc>, and the words beside it.
 */
#ifndef SL_HTML_CHART_H
#define SL_HTML_CHART_H

#include <stdio.h>

typedef struct sl_chart {
  FILE *out;
  double left, right, top, bottom; /* the plot box, in SVG units */
  double max;                      /* the value at the top; the bottom is 0 */
  int count;                       /* points along x */
  const double *at;        /* each point's place along x, 0 (left) to 1 (right); NULL: evenly */
  double char_width;       /* a character's width at the chart's font, for fitting labels */
  const char *label_class; /* the class of the x axis's labels, or NULL for none */
} sl_chart;

/* The scale's top for a largest value: the next 1, 2 or 5 times a power
 * of ten, so the axis reads 10000 rather than 9307. */
double sl_chart_nice(double largest);

double sl_chart_x(const sl_chart *chart, int index);
double sl_chart_y(const sl_chart *chart, double value);

/* A <path class="class"> through values[i] where present[i]: a break
 * where a point has none, and a short level stroke for a point with no
 * neighbour, so it still shows. */
void sl_chart_line(const sl_chart *chart, const double *values, const unsigned char *present,
                   const char *class);

/* A sample of a line at (x, y) and its name after it; returns where the
 * next one starts. */
double sl_chart_legend(const sl_chart *chart, double x, double y, const char *class,
                       const char *name);

/* labels[i] under point i at baseline y: every label if they fit, else
 * every step-th, counted back from the latest, which is always shown. */
void sl_chart_x_labels(const sl_chart *chart, const char *const *labels, double y);

/* The number of characters of UTF-8 text. */
int sl_chart_characters(const char *text);

#endif
