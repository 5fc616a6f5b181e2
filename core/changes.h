/*
 * changes.h: what changed in one area between two of its progress returns,
 * for whoever reviews its plan: the actions whose status changed, the
 * measures that moved towards or away from their target, the actions
 * overdue as at the latest return, and a one-line summary of the latest
 * return. Built once, as a cJSON tree (schemas/changes.schema.json), which
 * `show AREA --since PERIOD`, its --json and the HTML page's area cards
 * draw; nothing the returns and the plan do not say is filled in.
 */
#ifndef SL_CHANGES_H
#define SL_CHANGES_H

#include <cjson/cJSON.h>
#include <stdio.h>

#include "error.h"
#include "store.h"

typedef struct sl_changes_query {
  const char *area;  /* code, plugin name or area name */
  const char *since; /* a period (core/period.c): its return, or the latest
                        at or before it, is compared with the latest; NULL:
                        the return before the latest */
  const char *as_of; /* a date overdue is judged at; NULL: the last day of
                        the latest return's period */
} sl_changes_query;

/*
 * The changes of query->area as a tree owned by the caller. Where there is
 * nothing to compare (no return, one return, none at or before since, or
 * since's return is the latest) the tree says why in "nothing_to_compare"
 * and holds the summary and overdue actions it can. NULL with error set
 * for an unknown area, a since or as_of that is no period, or a store
 * failure.
 */
cJSON *sl_changes_build(sl_store *store, const sl_changes_query *query, sl_error *error);

/* The tree as text for the terminal (core/changes_text.c): a heading,
 * the summary line, then a table per list, within width columns; every
 * text goes through core/table.c, which prints control characters as "?".
 * Returns 0, or -1 out of memory. */
int sl_changes_print(FILE *out, const cJSON *changes, int width, int colour);

/* A status or state code as words: "in_progress" is "in progress". */
void sl_changes_words(const char *code, char *out, size_t size);

#endif
