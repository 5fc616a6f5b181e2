/*
 * export_tables.h: the tables of records that the CSV export writes as files
 * and the XLSX export as sheets: for each, its names, its header and one
 * SELECT whose columns come in the header's order.
 */
#ifndef SL_EXPORT_TABLES_H
#define SL_EXPORT_TABLES_H

#include <stddef.h>

typedef struct sl_export_table {
  const char *file;        /* the CSV file, "actions.csv" */
  const char *sheet;       /* the XLSX sheet, "Actions" */
  const char *description; /* what a row is, for the workbook's README and docs */
  const char *header;      /* comma-separated column names */
  /* The columns that are not text, by name: "rows:integer value:unit+x".
   * integer, decimal; date (an ISO day "2024-03-31"; a partial date such
   * as "2024-03" stays text); unit (a number in the unit the row's "unit"
   * column names: "percent" is 0 to 100). "+x": the column may hold the
   * DfE's symbol of a suppressed figure, "x", instead of a number. */
  const char *types;
  const char *sql;
} sl_export_table;

/* What a column holds, as a spreadsheet formats it. */
typedef enum sl_export_type {
  SL_EXPORT_TEXT,
  SL_EXPORT_INTEGER,
  SL_EXPORT_DECIMAL,
  SL_EXPORT_DATE,
  SL_EXPORT_UNIT,
} sl_export_type;

typedef struct sl_export_column {
  char name[64];
  sl_export_type type;
  int suppressible; /* "+x" */
} sl_export_column;

enum { SL_EXPORT_COLUMNS_MAX = 64 };

/* The columns of table, in its header's order, typed from its types;
 * their number, or -1 when the declaration is wrong (a type of no column,
 * an unknown type, too many columns): a fault of this program's tables. */
int sl_export_columns(const sl_export_table *table, sl_export_column *columns, size_t max);

/* Every table, in the order the exports write them; *count set. Built on
 * first use (the records' tables from sendlens/records.def) and kept: the
 * SQL's address keys the store's cache of statements. */
const sl_export_table *sl_export_tables(size_t *count);

/* Whether a text cell would be taken for a formula by a spreadsheet (it
 * begins with =, +, -, @, a tab or a carriage return): both exports then
 * write it after a single quote, as OWASP's advice on CSV injection says,
 * since a file's words (a column's name, an area's text) reach the cells. */
int sl_export_formula_like(const char *text);

#endif
