/*
 * indicator_rows.h: the stored indicator results, as published (small
 * counts suppressed through core/disclosure.c), one row per indicator,
 * period, breakdown and area, with the area's own target for the
 * indicator where its plan states one. Read by the HTML page's charts.
 */
#ifndef SL_INDICATOR_ROWS_H
#define SL_INDICATOR_ROWS_H

#include <cjson/cJSON.h>

#include "error.h"
#include "store.h"

/* An array of {"indicator", "title", "unit", "direction", "area" (its
 * name, or its code when no plugin names it), "period", "breakdown",
 * "value" (a number, or the suppression symbol), "note", "script",
 * "version", "target", "numerator", "denominator", "synthetic", "code"},
 * null where the store holds none; in the order indicators were first
 * stored, then period, breakdown and area name. NULL with error set. */
cJSON *sl_indicator_rows(sl_store *store, sl_error *error);

#endif
