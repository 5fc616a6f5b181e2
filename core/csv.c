/*
 * csv.c: the streaming CSV reader of csv.h. Bytes come through a fixed input
 * buffer (or straight from caller memory); runs of ordinary bytes are copied
 * into the row buffer in bulk, so the per-byte work is one table lookup.
 * Cell boundaries are kept as offsets while the row buffer may still move,
 * and turned into pointers once the row is complete.
 */
#include "csv.h"

#include "file_kind.h"

#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

enum { SL_CSV_INPUT_SIZE = 256 * 1024, SL_CSV_EOF = -1 };
static const size_t sl_csv_default_max_row = 64u * 1024 * 1024;

/* Bytes that end a run of ordinary bytes in an unquoted cell. */
static const unsigned char sl_csv_special[256] = {['\n'] = 1, ['\r'] = 1, [','] = 1, ['"'] = 1};

struct sl_csv {
  char *name;
  int fd;              /* -1 for a memory or stream reader */
  sl_csv_read_fn read; /* a stream reader's source, else NULL */
  void *read_context;
  bool own_fd;    /* false for standard input */
  bool own_input; /* false for a memory reader: the bytes are the caller's */
  bool failed;
  bool seen_row; /* comments are only skipped before the first row */
  bool bom_checked;
  char *input; /* owned for files; the caller's bytes for memory */
  size_t input_length, input_pos;
  long line; /* line of the next unread byte */
  char *row; /* cells, each followed by a NUL */
  size_t row_length, row_capacity;
  size_t *offsets; /* start of each cell in row, then its length */
  size_t cell_count, cell_capacity;
  sl_csv_cell *cells;
  size_t cells_capacity;
  sl_csv_options options;
};

static sl_csv *sl_csv_new(const char *name, const sl_csv_options *options, sl_error *error) {
  sl_csv *csv = calloc(1, sizeof *csv);
  if (csv) csv->name = strdup(name);
  if (!csv || !csv->name) {
    free(csv);
    sl_error_set(error, "%s: out of memory", name);
    return NULL;
  }
  csv->fd = -1;
  csv->line = 1;
  if (options) csv->options = *options;
  if (csv->options.max_row_bytes == 0) csv->options.max_row_bytes = sl_csv_default_max_row;
  return csv;
}

sl_csv *sl_csv_open(const char *path, const sl_csv_options *options, sl_error *error) {
  sl_csv *csv = sl_csv_new(path, options, error);
  if (!csv) return NULL;
  csv->input = malloc(SL_CSV_INPUT_SIZE);
  csv->own_input = csv->input != NULL;
  if (!csv->input) {
    sl_csv_close(csv);
    sl_error_set(error, "%s: out of memory", path);
    return NULL;
  }
  if (strcmp(path, "-") == 0) {
    csv->fd = STDIN_FILENO;
    return csv;
  }
  csv->fd = open(path, O_RDONLY | O_CLOEXEC);
  if (csv->fd < 0) {
    sl_error_set(error, "%s: %s", path, strerror(errno));
    sl_csv_close(csv);
    return NULL;
  }
  csv->own_fd = true;
  /* A workbook saved under any name is named, not read as text. */
  const char *not_csv = sl_file_not_csv(sl_file_kind_of(path));
  if (not_csv) {
    sl_error_set(error, "%s: %s", path, not_csv);
    sl_csv_close(csv);
    return NULL;
  }
  return csv;
}

sl_csv *sl_csv_open_memory(const char *name, const char *data, size_t length,
                           const sl_csv_options *options, sl_error *error) {
  sl_csv *csv = sl_csv_new(name, options, error);
  if (!csv) return NULL;
  csv->input = (char *)data; /* never written through: fd is -1, so no refill */
  csv->input_length = length;
  return csv;
}

sl_csv *sl_csv_open_stream(const char *name, sl_csv_read_fn read, void *context,
                           const sl_csv_options *options, sl_error *error) {
  sl_csv *csv = sl_csv_new(name, options, error);
  if (!csv) return NULL;
  csv->input = malloc(SL_CSV_INPUT_SIZE);
  csv->own_input = csv->input != NULL;
  if (!csv->input) {
    sl_csv_close(csv);
    sl_error_set(error, "%s: out of memory", name);
    return NULL;
  }
  csv->read = read;
  csv->read_context = context;
  return csv;
}

void sl_csv_close(sl_csv *csv) {
  if (!csv) return;
  if (csv->own_fd) close(csv->fd);
  if (csv->own_input) free(csv->input);
  free(csv->name);
  free(csv->row);
  free(csv->offsets);
  free(csv->cells);
  free(csv);
}

const char *sl_csv_name(const sl_csv *csv) { return csv->name; }

static int sl_csv_fail(sl_csv *csv, sl_error *error, long line, const char *what, size_t column) {
  csv->failed = true;
  if (column) return sl_error_set(error, "%s:%ld: %s in column %zu", csv->name, line, what, column);
  return sl_error_set(error, "%s:%ld: %s", csv->name, line, what);
}

/* Make unread input available: 1 when there is some, 0 at the end, -1 on a
 * read error. */
static int sl_csv_fill(sl_csv *csv, sl_error *error) {
  if (csv->input_pos < csv->input_length) return 1;
  if (csv->fd < 0 && !csv->read) return 0;
  ssize_t got;
  if (csv->read) {
    got = csv->read(csv->read_context, csv->input, SL_CSV_INPUT_SIZE);
    if (got < 0) {
      csv->failed = true;
      return sl_error_set(error, "%s:%ld: cannot read further", csv->name, csv->line);
    }
  } else {
    do {
      got = read(csv->fd, csv->input, SL_CSV_INPUT_SIZE);
    } while (got < 0 && errno == EINTR);
  }
  if (got < 0) {
    csv->failed = true;
    return sl_error_set(error, "%s:%ld: %s", csv->name, csv->line, strerror(errno));
  }
  csv->input_length = (size_t)got;
  csv->input_pos = 0;
  if (got > 0 && csv->options.on_input)
    csv->options.on_input(csv->options.on_input_context, csv->input, (size_t)got);
  return got > 0;
}

/* The next byte without consuming it, SL_CSV_EOF at the end; -2 on error. */
static int sl_csv_peek(sl_csv *csv, sl_error *error) {
  int more = sl_csv_fill(csv, error);
  if (more < 0) return -2;
  return more ? (unsigned char)csv->input[csv->input_pos] : SL_CSV_EOF;
}

static int sl_csv_append(sl_csv *csv, const char *bytes, size_t length, sl_error *error) {
  size_t need = csv->row_length + length + 1;
  if (need > csv->options.max_row_bytes)
    return sl_csv_fail(csv, error, csv->line, "row longer than the limit", 0);
  if (need > csv->row_capacity) {
    size_t capacity = csv->row_capacity ? csv->row_capacity : 4096;
    while (capacity < need)
      capacity *= 2;
    char *grown = realloc(csv->row, capacity);
    if (!grown) return sl_csv_fail(csv, error, csv->line, "out of memory", 0);
    csv->row = grown;
    csv->row_capacity = capacity;
  }
  memcpy(csv->row + csv->row_length, bytes, length);
  csv->row_length += length;
  return 0;
}

/* Copy ordinary bytes of an unquoted cell up to the next special byte. */
static int sl_csv_unquoted(sl_csv *csv, sl_error *error) {
  for (;;) {
    int more = sl_csv_fill(csv, error);
    if (more <= 0) return more;
    const char *start = csv->input + csv->input_pos, *end = csv->input + csv->input_length;
    const char *p = start;
    while (p < end && !sl_csv_special[(unsigned char)*p])
      p++;
    if (p > start && sl_csv_append(csv, start, (size_t)(p - start), error) < 0) return -1;
    csv->input_pos += (size_t)(p - start);
    if (p < end) return 1;
  }
}

static void sl_csv_count_lines(sl_csv *csv, const char *start, const char *end) {
  for (const char *p = start; (p = memchr(p, '\n', (size_t)(end - p))) != NULL; p++)
    csv->line++;
}

/* The inside of a quoted cell, from after its opening quote to after its
 * closing one; a doubled quote stands for one. */
static int sl_csv_quoted(sl_csv *csv, size_t column, sl_error *error) {
  long opened = csv->line;
  for (;;) {
    int more = sl_csv_fill(csv, error);
    if (more < 0) return -1;
    if (more == 0)
      return sl_csv_fail(csv, error, opened, "quote opened here is never closed", column);
    const char *start = csv->input + csv->input_pos, *end = csv->input + csv->input_length;
    const char *quote = memchr(start, '"', (size_t)(end - start));
    const char *stop = quote ? quote : end;
    sl_csv_count_lines(csv, start, stop);
    if (stop > start && sl_csv_append(csv, start, (size_t)(stop - start), error) < 0) return -1;
    csv->input_pos += (size_t)(stop - start);
    if (!quote) continue;
    csv->input_pos++; /* the quote */
    int next = sl_csv_peek(csv, error);
    if (next == -2) return -1;
    if (next != '"') return 0;
    if (sl_csv_append(csv, "\"", 1, error) < 0) return -1;
    csv->input_pos++;
  }
}

static int sl_csv_push_cell(sl_csv *csv, size_t start, sl_error *error) {
  if (csv->cell_count == csv->cell_capacity) {
    size_t capacity = csv->cell_capacity ? csv->cell_capacity * 2 : 64;
    size_t *grown = realloc(csv->offsets, capacity * 2 * sizeof *grown);
    if (!grown) return sl_csv_fail(csv, error, csv->line, "out of memory", 0);
    csv->offsets = grown;
    csv->cell_capacity = capacity;
  }
  csv->offsets[2 * csv->cell_count] = start;
  csv->offsets[2 * csv->cell_count + 1] = csv->row_length - start;
  csv->cell_count++;
  return sl_csv_append(csv, "", 1, error) < 0 ? -1 : 0; /* the NUL: append keeps room */
}

/* One cell at the current position; on return the next byte is what ends it. */
static int sl_csv_cell_read(sl_csv *csv, sl_error *error) {
  size_t start = csv->row_length, column = csv->cell_count + 1;
  int c = sl_csv_peek(csv, error);
  if (c == -2) return -1;
  if (c == '"') {
    csv->input_pos++;
    if (sl_csv_quoted(csv, column, error) < 0) return -1;
    c = sl_csv_peek(csv, error);
    if (c == -2) return -1;
    if (c != ',' && c != '\n' && c != '\r' && c != SL_CSV_EOF)
      return sl_csv_fail(csv, error, csv->line, "text after a closing quote", column);
  } else {
    if (sl_csv_unquoted(csv, error) < 0) return -1;
    c = sl_csv_peek(csv, error);
    if (c == -2) return -1;
    if (c == '"')
      return sl_csv_fail(csv, error, csv->line, "quote inside an unquoted cell", column);
  }
  return sl_csv_push_cell(csv, start, error);
}

/* Consume a line ending (\n, \r\n or a lone \r) if one is next. */
static int sl_csv_line_end(sl_csv *csv, sl_error *error) {
  int c = sl_csv_peek(csv, error);
  if (c == -2) return -1;
  if (c != '\n' && c != '\r') return 0;
  csv->input_pos++;
  csv->line++;
  if (c == '\r') {
    c = sl_csv_peek(csv, error);
    if (c == -2) return -1;
    if (c == '\n') csv->input_pos++;
  }
  return 1;
}

/* Skip the rest of a line (a comment). */
static int sl_csv_skip_line(sl_csv *csv, sl_error *error) {
  for (;;) {
    int more = sl_csv_fill(csv, error);
    if (more <= 0) return more;
    const char *start = csv->input + csv->input_pos, *end = csv->input + csv->input_length;
    const char *p = start;
    while (p < end && *p != '\n' && *p != '\r')
      p++;
    csv->input_pos += (size_t)(p - start);
    if (p < end) return sl_csv_line_end(csv, error);
  }
}

/* Drop a UTF-8 byte order mark at the very start (spreadsheets write one). */
static int sl_csv_skip_bom(sl_csv *csv, sl_error *error) {
  if (csv->bom_checked) return 0;
  csv->bom_checked = true;
  if (sl_csv_fill(csv, error) < 0) return -1;
  if (csv->input_length - csv->input_pos >= 3 &&
      memcmp(csv->input + csv->input_pos, "\xEF\xBB\xBF", 3) == 0)
    csv->input_pos += 3;
  return 0;
}

/* Skip blank lines, and comment lines before the first row. 1 when a row
 * starts at the current position, 0 at the end. */
static int sl_csv_row_start(sl_csv *csv, sl_error *error) {
  for (;;) {
    int c = sl_csv_peek(csv, error);
    if (c == -2) return -1;
    if (c == SL_CSV_EOF) return 0;
    if (c == '\n' || c == '\r') {
      if (sl_csv_line_end(csv, error) < 0) return -1;
    } else if (c == '#' && !csv->seen_row && csv->options.skip_leading_comments) {
      if (sl_csv_skip_line(csv, error) < 0) return -1;
    } else {
      return 1;
    }
  }
}

static int sl_csv_finish_row(sl_csv *csv, sl_csv_row *row, long line, sl_error *error) {
  if (csv->cells_capacity < csv->cell_capacity) {
    sl_csv_cell *grown = realloc(csv->cells, csv->cell_capacity * sizeof *grown);
    if (!grown) return sl_csv_fail(csv, error, line, "out of memory", 0);
    csv->cells = grown;
    csv->cells_capacity = csv->cell_capacity;
  }
  for (size_t i = 0; i < csv->cell_count; i++) {
    csv->cells[i].text = csv->row + csv->offsets[2 * i];
    csv->cells[i].length = csv->offsets[2 * i + 1];
  }
  row->cells = csv->cells;
  row->count = csv->cell_count;
  row->line = line;
  csv->seen_row = true;
  return 1;
}

int sl_csv_next(sl_csv *csv, sl_csv_row *row, sl_error *error) {
  if (csv->failed) return sl_error_set(error, "%s: reading stopped at an earlier error", csv->name);
  if (sl_csv_skip_bom(csv, error) < 0) return -1;
  int started = sl_csv_row_start(csv, error);
  if (started <= 0) return started;
  long line = csv->line;
  csv->row_length = 0;
  csv->cell_count = 0;
  for (;;) {
    if (sl_csv_cell_read(csv, error) < 0) return -1;
    int c = sl_csv_peek(csv, error);
    if (c == -2) return -1;
    if (c != ',') break;
    csv->input_pos++;
  }
  if (sl_csv_line_end(csv, error) < 0) return -1;
  return sl_csv_finish_row(csv, row, line, error);
}
