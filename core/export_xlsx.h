/*
 * export_xlsx.h: `export --format xlsx -o FILE`, one workbook with a sheet
 * per kind of record (ids that join, as in the CSV export) and a
 * Comparison sheet holding the themes x areas matrix in words.
 */
#ifndef SL_EXPORT_XLSX_H
#define SL_EXPORT_XLSX_H

#include <cjson/cJSON.h>

#include "error.h"
#include "store.h"

/* Write the workbook to path, through a temporary name renamed into place,
 * so a failure leaves no half file; its README sheet first, with the
 * publication metadata (core/publication.h). 0, or -1 with error set. */
int sl_export_xlsx(sl_store *store, const cJSON *publication, const char *path, sl_error *error);

#endif
