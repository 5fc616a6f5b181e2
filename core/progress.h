/*
 * progress.h: quarterly progress returns (schemas/progress-return.md). A
 * return is one area's action statuses and measure values for one quarter,
 * read from CSV or XLSX, checked row by row against the stored plan and
 * stored whole or not at all. Measure values become the plan's observations
 * (kind 'actual') with the file's cell as their source; action statuses are
 * kept per period beside the plan's own status, never over it.
 */
#ifndef SL_PROGRESS_H
#define SL_PROGRESS_H

#include <stddef.h>

#include "error.h"
#include "store.h"

/* What a return's Status column accepts for an action, as stored (a
 * cell may write "In progress": progress.c folds case, spaces and hyphens),
 * and the states a nominal measure's Value takes; NULL-terminated. The
 * template's drop-down lists (progress_template.c) are these. */
extern const char *const sl_progress_action_statuses[];
extern const char *const sl_progress_nominal_states[];

typedef struct sl_progress_counts {
  char area[64];   /* the area's code */
  char period[64]; /* the return's period, as its first row writes it */
  size_t actions;  /* statuses stored */
  size_t measures; /* values stored */
  int replaced;    /* an earlier return of this area and period was replaced */
} sl_progress_counts;

/*
 * Import the return in path (".xlsx": its first worksheet; else CSV) for
 * area (code, plugin name or area name). Every row is checked against the
 * stored plan; the first bad one fails the import with error set to one line
 * "FILE:ROW:COLUMN: what is wrong" (XLSX: "FILE:Sheet1!C5: ...") and the
 * store unchanged. A return of the same area and period replaces the
 * earlier one.
 */
int sl_progress_import(sl_store *store, const char *area, const char *path,
                       sl_progress_counts *counts, sl_error *error);

/*
 * Link area_code's imported returns to its plan as it now stands: run by
 * `load` inside its transaction, after the plan was replaced (which deleted
 * the observations made from returns). *unlinked counts the entries whose
 * ref the new plan lacks: they stay stored and are listed by the export.
 */
int sl_progress_relink(sl_store *store, const char *area_code, size_t *unlinked, sl_error *error);

/* SQL condition: entry e (of return r) is not linked to the plan: a
 * measure without its observation, an action whose ref the plan lacks. */
#define SL_PROGRESS_UNLINKED                                                                       \
  "(CASE e.kind WHEN 'measure' THEN e.observation IS NULL ELSE NOT EXISTS (SELECT 1 FROM "         \
  "progress_target t WHERE t.area = r.area AND t.kind = e.kind AND t.ref = e.ref) END)"

#endif
