/*
 * html_chart.c: the line charts' shared drawing (html_chart.h). Every
 * word written into the SVG is escaped (sl_html_escape).
 */
#include "html_chart.h"

#include <string.h>

#include "export_html.h"

double sl_chart_nice(double largest) {
  if (largest <= 0) return 1;
  double power = 1;
  while (power * 10 <= largest)
    power *= 10;
  while (power > largest)
    power /= 10;
  static const double steps[] = {1, 2, 5, 10};
  for (size_t i = 0; i < sizeof steps / sizeof steps[0]; i++)
    if (steps[i] * power >= largest) return steps[i] * power;
  return 10 * power;
}

double sl_chart_x(const sl_chart *chart, int index) {
  if (chart->at) return chart->left + chart->at[index] * (chart->right - chart->left);
  if (chart->count < 2) return (chart->left + chart->right) / 2.0;
  return chart->left + index * (chart->right - chart->left) / (chart->count - 1);
}

double sl_chart_y(const sl_chart *chart, double value) {
  return chart->bottom - value / chart->max * (chart->bottom - chart->top);
}

static int chart_has(const sl_chart *chart, const unsigned char *present, int index) {
  return index >= 0 && index < chart->count && present[index];
}

void sl_chart_line(const sl_chart *chart, const double *values, const unsigned char *present,
                   const char *class) {
  fprintf(chart->out, "<path class=\"%s\" d=\"", class);
  int drawing = 0;
  for (int i = 0; i < chart->count; i++) {
    if (!present[i]) {
      drawing = 0;
      continue;
    }
    double x = sl_chart_x(chart, i), y = sl_chart_y(chart, values[i]);
    if (!drawing && !chart_has(chart, present, i + 1))
      fprintf(chart->out, "M%.1f %.1f L%.1f %.1f ", x - 12, y, x + 12, y);
    else
      fprintf(chart->out, "%s%.1f %.1f ", drawing ? "L" : "M", x, y);
    drawing = 1;
  }
  fputs("\"/>", chart->out);
}

int sl_chart_characters(const char *text) {
  int characters = 0;
  for (const char *p = text; p && *p; p++)
    characters += ((unsigned char)*p & 0xC0) != 0x80;
  return characters;
}

double sl_chart_legend(const sl_chart *chart, double x, double y, const char *class,
                       const char *name) {
  fprintf(chart->out, "<path class=\"%s\" d=\"M%g %g L%g %g\"/><text x=\"%g\" y=\"%g\">", class, x,
          y, x + 22, y, x + 26, y + 4);
  sl_html_escape(chart->out, name);
  fputs("</text>", chart->out);
  return x + 26 + sl_chart_characters(name) * chart->char_width + 14;
}

void sl_chart_x_labels(const sl_chart *chart, const char *const *labels, double y) {
  int longest = 1;
  for (int i = 0; i < chart->count; i++)
    if (sl_chart_characters(labels[i]) > longest) longest = sl_chart_characters(labels[i]);
  double span = chart->count > 1 ? sl_chart_x(chart, chart->count - 1) - sl_chart_x(chart, 0) : 0;
  double room = chart->count > 1 ? span / (chart->count - 1) : chart->right - chart->left;
  int step = 1;
  while (step < chart->count && step * room < longest * chart->char_width + 8)
    step++;
  for (int i = (chart->count - 1) % step; i < chart->count; i += step) {
    fputs("<text", chart->out);
    if (chart->label_class) fprintf(chart->out, " class=\"%s\"", chart->label_class);
    fprintf(chart->out, " x=\"%.1f\" y=\"%g\" text-anchor=\"middle\">", sl_chart_x(chart, i), y);
    sl_html_escape(chart->out, labels[i]);
    fputs("</text>", chart->out);
  }
}
