/*
 * trends.h: the stored indicator results read back as trends, for the
 * page's small multiples (export_html_trends.c draws them; this module
 * holds the SQL). Results are read as published (core/disclosure.c: small
 * counts "x", values of synthetic records marked), each area's series in
 * the order of the days its periods cover (period_start, never the label),
 * with what it is compared against:
 *
 * - England and the area's region: the official statistic of the same
 *   indicator id and unit (`import-statistics`, as `compare --indicators`
 *   matches an area's own figures with the published ones), each published
 *   period that overlaps the indicator's periods;
 * - the plan's target: a measure of the area whose common indicator id
 *   (the mapping's, measure.indicator) is the indicator's id and that has
 *   a target. It is drawn only when the measure's unit is the indicator's;
 *   otherwise the tree says why not. No other link is made.
 *
 * Latest and change: the area's last period with a result, and its change
 * from the area's period before it, each value rounded to the two decimals
 * the page shows (so the words add up); no change where either is not a
 * number (suppressed, or not computable).
 */
#ifndef SL_TRENDS_H
#define SL_TRENDS_H

#include <cjson/cJSON.h>

#include "error.h"
#include "store.h"

/*
 * {"indicators": [{"id", "title", "unit", "direction", "script", "version",
 *   "periodic" (true when every period is a span), "start", "end" (the
 *   days the periods cover, periodic only), "statistic" ({"id", "title"} or
 *   null),
 *   "areas": [{"code", "name", "breakdown" (null for the whole), "synthetic",
 *     "points": [{"period", "start", "end", "value" (number, "x" or null),
 *       "numerator", "denominator", "note", "synthetic"}],
 *     "region_name", "england": [ref], "region": [ref] (ref: {"period",
 *       "start", "end", "value", "symbol", "document", "line"}),
 *     "targets": [{"ref", "name", "unit", "value", "date", "drawn", "why"}],
 *     "latest", "previous" (points or null), "change" (number or null)}]}]}
 * NULL with error set.
 */
cJSON *sl_trends_build(sl_store *store, sl_error *error);

/* A value as the page shows it: rounded to two decimals. */
double sl_trends_round(double value);

#endif
