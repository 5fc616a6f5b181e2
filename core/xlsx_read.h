/*
 * xlsx_read.h: reading the first worksheet of an XLSX workbook row by row,
 * in the shape of the CSV reader's rows (csv.h), so an importer reads both
 * through one loop. The workbook is a zip (libzip) of XML parts (libxml2's
 * streaming reader): the sheet is parsed as it is inflated, never whole.
 *
 * Cells come out as text: shared and inline strings as written, numbers as
 * the sheet stores them ("12.5"), booleans as TRUE/FALSE, formulas as their
 * cached value, errors as their code (#DIV/0!). A cell's reference ("C5")
 * places it, so cells the sheet omits come out empty. Dates are numbers in
 * XLSX (days since 1899-12-30) and come out as such: a column that holds
 * dates or periods is best typed as text.
 */
#ifndef SL_XLSX_READ_H
#define SL_XLSX_READ_H

#include <stddef.h>

#include "csv.h"
#include "error.h"

typedef struct sl_xlsx_read sl_xlsx_read;

/* A sheet of this name (case ignored) is for the person filling the
 * workbook in, never data: the reader passes over it. */
#define SL_XLSX_READ_INSTRUCTIONS "Instructions"

/* Open path's first worksheet (in tab order) that is not Instructions. NULL with error set ("path:
 * why") if it is not a workbook or has no worksheet. */
sl_xlsx_read *sl_xlsx_read_open(const char *path, sl_error *error);
void sl_xlsx_read_close(sl_xlsx_read *reader);

/* The worksheet's name, as its tab shows it ("Sheet1"). */
const char *sl_xlsx_read_sheet(const sl_xlsx_read *reader);

/* The next row that has a cell: 1 with row filled (row->line is the row
 * number the sheet shows, cells[0] is column A), 0 at the end, -1 with
 * error set. The row stays valid until the next call. */
int sl_xlsx_read_next(sl_xlsx_read *reader, sl_csv_row *row, sl_error *error);

/* The letters of 1-based column ("A", "Z", "AA"); out holds at least 8. */
void sl_xlsx_read_column_name(size_t column, char *out);

#endif
