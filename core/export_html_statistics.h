/*
 * export_html_statistics.h: the "Official statistics" section of the HTML
 * page: per indicator and area a small line chart (inline SVG) of the
 * area's published series with England and its region as reference lines,
 * the latest value, its change and its rank, each followed by its data
 * table for screen readers. Draws the tree of statistics_compare.c; holds
 * no SQL.
 */
#ifndef SL_EXPORT_HTML_STATISTICS_H
#define SL_EXPORT_HTML_STATISTICS_H

#include <cjson/cJSON.h>
#include <stdio.h>

/* The section's CSS, for the page's one <style>. */
extern const char sl_html_statistics_style[];

/* Write the section (id "statistics", an <h2>, an <h3> per indicator,
 * an <h4> per chart). statistics may be NULL: the section then says how
 * to import figures. */
void sl_html_statistics_write(FILE *out, const cJSON *statistics);

#endif
