/*
 * file_kind.h: what a file is by its first bytes, for the commands that
 * read CSV: a spreadsheet given in its place (an XLSX workbook, another
 * zip, an Excel 97-2003 workbook) is named as such, with what to do,
 * instead of being read as text and refused at its first cell.
 */
#ifndef SL_FILE_KIND_H
#define SL_FILE_KIND_H

typedef enum sl_file_kind {
  SL_FILE_OTHER = 0, /* perhaps text; unreadable files too */
  SL_FILE_XLSX,      /* a zip holding xl/workbook.xml */
  SL_FILE_ZIP,       /* another zip */
  SL_FILE_XLS        /* an OLE2 compound file: Excel 97-2003 */
} sl_file_kind;

/* The kind of the regular file at path; SL_FILE_OTHER for anything else
 * (a pipe is never read here, so its reader loses nothing). */
sl_file_kind sl_file_kind_of(const char *path);

/* Why a CSV reader refuses a file of kind ("this is an Excel workbook
 * (XLSX); save it as CSV UTF-8 first"), or NULL for SL_FILE_OTHER. */
const char *sl_file_not_csv(sl_file_kind kind);

#endif
