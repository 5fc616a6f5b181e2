/*
 * progress_template.h: `sendlens template progress AREA -o FILE.xlsx`, a
 * progress return (schemas/progress-return.md) ready to fill in: an
 * Instructions sheet, then Return with a row per action and measure of the
 * area's stored plan (Ref and Kind filled; Period, Status, Value and Note
 * empty, with drop-down lists of the statuses and of the quarters the plan
 * spans), then Plan, what each ref is, for the reader and never read back.
 * `sendlens import-progress` reads the filled workbook as it is.
 */
#ifndef SL_PROGRESS_TEMPLATE_H
#define SL_PROGRESS_TEMPLATE_H

#include "error.h"
#include "store.h"

/* Write the template of area (code, plugin name or area name) to path,
 * through a temporary name renamed into place. 0, or -1 with error set
 * ("no area 'X' ..." for an area not loaded). */
int sl_progress_template(sl_store *store, const char *area, const char *path, sl_error *error);

#endif
