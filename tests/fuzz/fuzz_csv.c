/*
 * fuzz_csv.c: the input as a CSV file for the streaming reader (core/csv.c).
 * Whatever it makes of the bytes must survive a round trip: each row it
 * returns, written back with every cell quoted, reads back as the same
 * cells; and its rows start on lines in order, each cell NUL-terminated.
 */
#include "csv.h"
#include "fuzz.h"

typedef struct fuzz_buffer {
  char *data;
  size_t length, capacity;
} fuzz_buffer;

static void fuzz_put(fuzz_buffer *buffer, const char *bytes, size_t length) {
  if (buffer->length + length > buffer->capacity) {
    size_t capacity = buffer->capacity ? buffer->capacity : 1024;
    while (capacity < buffer->length + length)
      capacity *= 2;
    buffer->data = realloc(buffer->data, capacity);
    if (!buffer->data) abort();
    buffer->capacity = capacity;
  }
  memcpy(buffer->data + buffer->length, bytes, length);
  buffer->length += length;
}

/* Every row as "count|length:bytes..." in canonical; as quoted CSV in
 * csv_out (when not NULL). -1 if the reader refused the input. */
static int fuzz_read(const char *data, size_t size, int comments, fuzz_buffer *canonical,
                     fuzz_buffer *csv_out) {
  sl_csv_options options = {.skip_leading_comments = comments};
  sl_error error;
  sl_csv *csv = sl_csv_open_memory("fuzz.csv", data, size, &options, &error);
  FUZZ_ASSERT(csv);
  sl_csv_row row;
  long last_line = 0;
  int got;
  while ((got = sl_csv_next(csv, &row, &error)) == 1) {
    FUZZ_ASSERT(row.count >= 1 && row.line > last_line);
    last_line = row.line;
    char number[32];
    fuzz_put(canonical, number, (size_t)snprintf(number, sizeof number, "%zu|", row.count));
    for (size_t i = 0; i < row.count; i++) {
      const sl_csv_cell *cell = &row.cells[i];
      FUZZ_ASSERT(cell->text[cell->length] == 0);
      fuzz_put(canonical, number, (size_t)snprintf(number, sizeof number, "%zu:", cell->length));
      fuzz_put(canonical, cell->text, cell->length);
      if (!csv_out) continue;
      fuzz_put(csv_out, i ? ",\"" : "\"", i ? 2 : 1);
      for (size_t j = 0; j < cell->length; j++)
        fuzz_put(csv_out, cell->text[j] == '"' ? "\"\"" : &cell->text[j],
                 cell->text[j] == '"' ? 2 : 1);
      fuzz_put(csv_out, "\"", 1);
    }
    if (csv_out) fuzz_put(csv_out, "\r\n", 2);
  }
  FUZZ_ASSERT(got == 0 || (got == -1 && strncmp(error.message, "fuzz.csv:", 9) == 0));
  sl_csv_close(csv);
  return got;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  fuzz_buffer first = {0}, written = {0}, second = {0};
  int comments = size && (data[0] & 1);
  if (fuzz_read((const char *)data, size, comments, &first, &written) == 0) {
    FUZZ_ASSERT(fuzz_read(written.data ? written.data : "", written.length, 0, &second, NULL) == 0);
    FUZZ_ASSERT(first.length == second.length);
    FUZZ_ASSERT(first.length == 0 || memcmp(first.data, second.data, first.length) == 0);
  }
  free(first.data);
  free(written.data);
  free(second.data);
  return 0;
}
