/*
 * csv.h: a streaming RFC 4180 CSV reader. It reads a file through a fixed
 * input buffer (never the whole file in memory) and hands back one row at a
 * time: its cells (pointer and length, each also NUL-terminated) and the line
 * it starts on, so importers can name the place of a bad value. Quoted cells,
 * doubled quotes, newlines inside quotes and \r\n endings are handled; a UTF-8
 * byte order mark is dropped; blank lines are skipped. The cells live in one
 * row buffer owned by the reader, so a row costs no allocation once the
 * buffer has grown to the longest row.
 */
#ifndef SL_CSV_H
#define SL_CSV_H

#include <stddef.h>

#include "error.h"

typedef struct sl_csv sl_csv;

typedef struct sl_csv_options {
  /* Skip lines starting with '#' before the first row (the header). */
  int skip_leading_comments;
  /* Refuse a row longer than this many bytes (0: 64 MiB), so a missing
   * closing quote cannot make the reader swallow a whole file. */
  size_t max_row_bytes;
  /* Called with each block of bytes as it is read from the file, before any
   * row of it is parsed (NULL: not called; never for a memory reader). An
   * importer fingerprints the file on the same pass. */
  void (*on_input)(void *context, const char *bytes, size_t length);
  void *on_input_context;
} sl_csv_options;

typedef struct sl_csv_cell {
  const char *text; /* NUL-terminated; may also hold NUL bytes within length */
  size_t length;
} sl_csv_cell;

/* One row. Valid until the next sl_csv_next or sl_csv_close. */
typedef struct sl_csv_row {
  const sl_csv_cell *cells;
  size_t count;
  long line; /* 1-based line of the file the row starts on */
} sl_csv_row;

/* Open path ("-" reads standard input); options may be NULL. NULL with error
 * set ("path: why") on failure. */
sl_csv *sl_csv_open(const char *path, const sl_csv_options *options, sl_error *error);
/* Read length bytes at data (not copied: they must outlive the reader); name
 * is used in error messages. */
sl_csv *sl_csv_open_memory(const char *name, const char *data, size_t length,
                           const sl_csv_options *options, sl_error *error);
/* Read through read (a stream such as a member of a zip being inflated):
 * it fills up to size bytes of buffer and returns how many, 0 at the end,
 * -1 on failure (with a message in context's own terms, so the reader only
 * says that reading failed). name is used in error messages. */
typedef long (*sl_csv_read_fn)(void *context, char *buffer, size_t size);
sl_csv *sl_csv_open_stream(const char *name, sl_csv_read_fn read, void *context,
                           const sl_csv_options *options, sl_error *error);
void sl_csv_close(sl_csv *csv);

/* The next row: 1 with row filled, 0 at the end of the file, -1 with error
 * set as "name:line: what is wrong" (the reader is then finished). */
int sl_csv_next(sl_csv *csv, sl_csv_row *row, sl_error *error);

/* The name given when opening (the path), for the caller's own messages. */
const char *sl_csv_name(const sl_csv *csv);

#endif
