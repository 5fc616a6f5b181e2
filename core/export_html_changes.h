/*
 * export_html_changes.h: the "What changed since the last review" section
 * of an area card on the HTML page: the latest progress return compared
 * with the one before it (core/changes.c), compact enough for a board
 * pack: the summary line, then short lists of the actions whose status
 * changed, the measures that moved towards or away from their target and
 * the actions overdue, each status and value with its source.
 */
#ifndef SL_EXPORT_HTML_CHANGES_H
#define SL_EXPORT_HTML_CHANGES_H

#include <stdio.h>

#include "error.h"
#include "store.h"

/* Write the section of the area whose code is area_code, in card number
 * card (for its ids: "area-N-changes"). 0, or -1 with error set. */
int sl_html_changes_write(FILE *out, sl_store *store, const char *area_code, int card,
                          sl_error *error);

#endif
