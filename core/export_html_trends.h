/*
 * export_html_trends.h: the "Indicators" section of the HTML page. Per
 * indicator with periods, small multiples: one small line chart per area,
 * all on one y scale and one time axis, with England and the region
 * (dashed, dotted) where the official statistic is imported, the plan's
 * target (dash-dot) where its measure has one, the latest value and its
 * change in words, and the numbers in a table. An indicator without
 * periods (one value per area) is a table. Draws the tree of trends.c;
 * holds no SQL.
 */
#ifndef SL_EXPORT_HTML_TRENDS_H
#define SL_EXPORT_HTML_TRENDS_H

#include <cjson/cJSON.h>
#include <stdio.h>

/* The section's CSS, for the page's one <style>. */
extern const char sl_html_trends_style[];

/* Write the section (id "indicators", an <h2>, an <h3> per indicator, an
 * <h4> per area's chart). themes is the document's list of themes, to
 * name a breakdown by a theme's title; it may be NULL. */
void sl_html_trends_write(FILE *out, const cJSON *trends, const cJSON *themes);

#endif
