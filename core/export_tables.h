/*
 * export_tables.h: the tables of records that the CSV export writes as files
 * and the XLSX export as sheets: for each, its names, its header and one
 * SELECT whose columns come in the header's order.
 */
#ifndef SL_EXPORT_TABLES_H
#define SL_EXPORT_TABLES_H

#include <stddef.h>

typedef struct sl_export_table {
  const char *file;   /* the CSV file, "actions.csv" */
  const char *sheet;  /* the XLSX sheet, "Actions" */
  const char *header; /* comma-separated column names */
  const char *sql;
} sl_export_table;

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
