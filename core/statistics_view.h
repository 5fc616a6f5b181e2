/*
 * statistics_view.h: the official statistics comparison
 * (statistics_compare.h) drawn for the terminal: `compare --indicators`,
 * one table per indicator, and the official figures of an area as one
 * cell of `compare --theme`. Only drawing: every figure comes from the tree.
 */
#ifndef SL_STATISTICS_VIEW_H
#define SL_STATISTICS_VIEW_H

#include <cjson/cJSON.h>
#include <stdio.h>

/* Every indicator of statistics as a table fitting width: a row per
 * period, a column per area, England, each region and each group. */
void sl_statview_print(FILE *out, const cJSON *statistics, int width, int colour);

/* The official series of one area of statistics (its "areas" item) as
 * text for a table cell: per indicator, a line per period with England
 * and the region beside it. Malloc'd; "-" when there is none. */
char *sl_statview_area_text(const cJSON *statistics, const cJSON *area);

#endif
