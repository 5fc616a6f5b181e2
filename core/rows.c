/*
 * rows.c: the row source of rows.h, a CSV reader or an XLSX reader behind
 * one set of calls.
 */
#include "rows.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "file_kind.h"
#include "utf8.h"
#include "xlsx_read.h"

struct sl_rows {
  char *path;
  sl_csv *csv; /* one of these two */
  sl_xlsx_read *xlsx;
};

static int rows_is_xlsx(const char *path) {
  if (sl_file_kind_of(path) == SL_FILE_XLSX) return 1; /* whatever its name */
  size_t length = strlen(path);
  return length >= 5 && strcasecmp(path + length - 5, ".xlsx") == 0;
}

sl_rows *sl_rows_open(const char *path, const sl_csv_options *csv_options, sl_error *error) {
  sl_rows *rows = calloc(1, sizeof *rows);
  if (!rows || !(rows->path = strdup(path))) {
    free(rows);
    sl_error_set(error, "%s: out of memory", path);
    return NULL;
  }
  if (rows_is_xlsx(path))
    rows->xlsx = sl_xlsx_read_open(path, error);
  else
    rows->csv = sl_csv_open(path, csv_options, error);
  if (!rows->xlsx && !rows->csv) {
    sl_rows_close(rows);
    return NULL;
  }
  return rows;
}

void sl_rows_close(sl_rows *rows) {
  if (!rows) return;
  sl_csv_close(rows->csv);
  sl_xlsx_read_close(rows->xlsx);
  free(rows->path);
  free(rows);
}

/* The name of a byte order mark of UTF-16 at the start of text, or NULL. */
static const char *rows_utf16(const char *text, size_t length) {
  const unsigned char *bytes = (const unsigned char *)text;
  if (length >= 2 && bytes[0] == 0xFF && bytes[1] == 0xFE) return "UTF-16 (little-endian)";
  if (length >= 2 && bytes[0] == 0xFE && bytes[1] == 0xFF) return "UTF-16 (big-endian)";
  return NULL;
}

/* The offset of the first control character of text (C0 but tab, line
 * feed and carriage return, which a cell's lines may hold; DEL; C1), or
 * length: a terminal obeys them, so they are refused, not stored. */
static size_t rows_control(const char *text, size_t length) {
  const unsigned char *bytes = (const unsigned char *)text;
  for (size_t at = 0; at < length; at++) {
    unsigned char byte = bytes[at];
    if ((byte < 0x20 && byte != '\t' && byte != '\n' && byte != '\r') || byte == 0x7F) return at;
    if (byte == 0xC2 && at + 1 < length && bytes[at + 1] >= 0x80 && bytes[at + 1] < 0xA0) return at;
  }
  return length;
}

/* Every cell is UTF-8 without NUL bytes or control characters: an
 * importer then quotes and stores text that every output can carry. A
 * message names the encoding or the byte, never quoting what it cannot
 * decode. */
static int rows_check(const sl_rows *rows, const sl_csv_row *row, sl_error *error) {
  char place[512];
  for (size_t i = 0; i < row->count; i++) {
    const sl_csv_cell *cell = &row->cells[i];
    size_t bad = sl_utf8_check(cell->text, cell->length);
    int nul = memchr(cell->text, '\0', cell->length) != NULL;
    size_t control = bad == cell->length && !nul ? rows_control(cell->text, cell->length) : 0;
    if (bad == cell->length && !nul && control == cell->length) continue;
    sl_rows_place(rows, row->line, i + 1, place, sizeof place);
    if (bad == cell->length && !nul) {
      const unsigned char *at = (const unsigned char *)cell->text + control;
      return sl_error_set(error, "%s: a control character (U+%04X) in the cell", place,
                          at[0] == 0xC2 ? at[1] : at[0]);
    }
    const char *utf16 = rows_utf16(cell->text, cell->length);
    if (utf16)
      return sl_error_set(error, "%s: the file is %s text; save it as UTF-8", place, utf16);
    if (bad < cell->length)
      return sl_error_set(error,
                          "%s: not UTF-8 (byte 0x%02x; save the file as UTF-8, it may be in "
                          "another encoding)",
                          place, (unsigned char)cell->text[bad]);
    return sl_error_set(error, "%s: a NUL byte in the cell", place);
  }
  return 0;
}

int sl_rows_next(sl_rows *rows, sl_csv_row *row, sl_error *error) {
  int rc =
      rows->csv ? sl_csv_next(rows->csv, row, error) : sl_xlsx_read_next(rows->xlsx, row, error);
  return rc == 1 && rows_check(rows, row, error) ? -1 : rc;
}

const char *sl_rows_format(const sl_rows *rows) { return rows->csv ? "csv" : "xlsx"; }

/* A sheet name as a formula writes it: quoted ('Q2 return') unless it is
 * letters, digits and underscores, a quote inside doubled. */
static void rows_sheet_name(const char *name, char *out, size_t size) {
  int plain = *name != 0;
  for (const char *p = name; *p; p++)
    if (!isalnum((unsigned char)*p) && *p != '_') plain = 0;
  if (plain || size < 3) {
    snprintf(out, size, "%s", name);
    return;
  }
  size_t length = 0;
  out[length++] = '\'';
  for (const char *p = name; *p && length + 3 < size; p++) {
    if (*p == '\'') out[length++] = '\'';
    out[length++] = *p;
  }
  out[length++] = '\'';
  out[length] = 0;
}

void sl_rows_locator(const sl_rows *rows, long line, size_t column, char *out, size_t size) {
  if (rows->csv) {
    snprintf(out, size, "line %ld, column %zu", line, column);
    return;
  }
  char letters[8], sheet[256];
  sl_xlsx_read_column_name(column, letters);
  rows_sheet_name(sl_xlsx_read_sheet(rows->xlsx), sheet, sizeof sheet);
  snprintf(out, size, "%s!%s%ld", sheet, letters, line);
}

void sl_rows_place(const sl_rows *rows, long line, size_t column, char *out, size_t size) {
  if (rows->csv) {
    snprintf(out, size, "%s:%ld:%zu", rows->path, line, column);
    return;
  }
  char locator[128];
  sl_rows_locator(rows, line, column, locator, sizeof locator);
  snprintf(out, size, "%s:%s", rows->path, locator);
}
