/*
 * rows.h: one way to read a table from a CSV or an XLSX file (by its
 * extension), so an importer validates rows once whatever the format. Rows
 * and cells have the CSV reader's shape (csv.h). Places are named as the
 * user sees them: "return.csv:5:3" (line and column) for CSV,
 * "return.xlsx:Sheet1!C5" for XLSX.
 */
#ifndef SL_ROWS_H
#define SL_ROWS_H

#include <stddef.h>

#include "csv.h"
#include "error.h"

typedef struct sl_rows sl_rows;

/* Open path: ".xlsx" (any case) reads its first worksheet, anything else
 * is CSV read with csv_options (may be NULL). NULL with error set. */
sl_rows *sl_rows_open(const char *path, const sl_csv_options *csv_options, sl_error *error);
void sl_rows_close(sl_rows *rows);

/* The next row: 1, 0 at the end, -1 with error set. */
int sl_rows_next(sl_rows *rows, sl_csv_row *row, sl_error *error);

/* "csv" or "xlsx". */
const char *sl_rows_format(const sl_rows *rows);

/* The place of a cell (1-based column of the row starting on line) for an
 * error message: "path:5:3" or "path:Sheet1!C5". */
void sl_rows_place(const sl_rows *rows, long line, size_t column, char *out, size_t size);

/* The same place as a source locator, without the file: "line 5, column 3"
 * or "Sheet1!C5". */
void sl_rows_locator(const sl_rows *rows, long line, size_t column, char *out, size_t size);

#endif
