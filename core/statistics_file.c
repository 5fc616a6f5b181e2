/*
 * statistics_file.c: reading one open-data file of Explore education
 * statistics into the store.
 *
 * The header is recognised by the standard's conventions, not by a list of
 * one release's columns: the time and geography columns by their standard
 * names, every other named column as a filter (text that splits the
 * figures) or an indicator (numbers and symbols), decided by what its cells
 * hold. Hand-made files are read as they are: names in any case, a byte
 * order mark, quoted cells with commas, unnamed empty trailing columns, a
 * name repeated with the same cells, the same row twice (stored once).
 * What cannot be read with certainty is refused at its place.
 */
#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "arena.h"
#include "buffer.h"
#include "period.h"
#include "statistics_internal.h"
#include "utf8.h"

/* The standard's fixed columns. */
enum {
  STAT_TIME_PERIOD,
  STAT_TIME_IDENTIFIER,
  STAT_GEOGRAPHIC_LEVEL,
  STAT_COUNTRY_CODE,
  STAT_COUNTRY_NAME,
  STAT_REGION_CODE,
  STAT_REGION_NAME,
  STAT_NEW_LA_CODE,
  STAT_OLD_LA_CODE,
  STAT_LA_NAME,
  STAT_FIXED_COUNT
};

static const char *const STAT_FIXED_NAMES[STAT_FIXED_COUNT] = {
    "time_period", "time_identifier", "geographic_level", "country_code", "country_name",
    "region_code", "region_name",     "new_la_code",      "old_la_code",  "la_name"};

/* The standard's symbols: never numbers (docs/statistics.md). */
static const char *const STAT_SYMBOLS[] = {"x", "z", "c", "low", "u", "k", "w", ":", NULL};

typedef enum stat_role {
  STAT_ROLE_FIXED,
  STAT_ROLE_DATA,
  STAT_ROLE_REPEAT,
  STAT_ROLE_EMPTY
} stat_role;

typedef struct stat_column {
  const char *name;
  stat_role role;
  int fixed;      /* STAT_TIME_PERIOD.. for a fixed column, else -1 */
  size_t repeats; /* a repeat: the column it repeats */
  long cell;      /* a data column: its index in stat_row.cells */
  int has_text;   /* a data column: a cell that is neither number nor symbol */
} stat_column;

/* A mapping that applies to this file, its columns found. */
typedef struct stat_figure {
  const sl_stat_mapping *mapping;
  long value, numerator, denominator; /* column index, or -1 */
  long *total;                        /* columns of mapping->total_columns */
} stat_figure;

/* Rows per INSERT of stat_row (store.h, sl_store_prepare_rows). */
enum { STAT_ROWS_PER_INSERT = 64 };

/* Rows waiting for their INSERT: ids, and their period, geography and
 * cells one after another in text, each NUL-terminated. */
typedef struct stat_waiting {
  int64_t ids[STAT_ROWS_PER_INSERT];
  size_t offsets[STAT_ROWS_PER_INSERT][3];
  int count;
  sl_buffer text;
  sqlite3_stmt *many, *one;
} stat_waiting;

/* Fingerprints of rows and the line of each, open addressing with linear
 * probing kept under three quarters full: a repeated row is found, and its
 * first line named, without reading the rows back. */
typedef struct stat_lines {
  uint64_t *keys; /* 0: an empty slot (a fingerprint of 0 is taken as 1) */
  uint32_t *lines;
  size_t capacity, count;
} stat_lines;

typedef struct stat_file {
  stat_import *import;
  sl_csv *csv;
  const char *name;
  sl_arena *arena;
  stat_column *columns;
  size_t column_count;
  size_t named_count;           /* columns up to the last named one: a row may stop there */
  long fixed[STAT_FIXED_COUNT]; /* column index of each, or -1 */
  stat_figure *figures;
  size_t figure_count;
  int64_t id;
  stat_lines rows; /* fingerprint of each row stored -> its line, to find a repeat */
  long repeats;    /* rows that repeated an earlier one */
  sl_buffer cells;
  stat_waiting waiting;
  char period_key[128];
  sl_period period;
  char start[16], end[16];
  sl_stat_file_report *report;
  int foreign; /* the header is not the standard's */
} stat_file;

/* ---- small helpers ---- */

/* text as a JSON string (UTF-8 already checked). */
static int stat_append_json(sl_buffer *buffer, const char *text, size_t length) {
  static const char hex[] = "0123456789abcdef";
  if (sl_buffer_add(buffer, "\"", 1)) return -1;
  size_t run = 0;
  for (size_t i = 0; i < length; i++) {
    unsigned char c = (unsigned char)text[i];
    if (c >= 0x20 && c != '"' && c != '\\') continue;
    if (sl_buffer_add(buffer, text + run, i - run)) return -1;
    char escape[6] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 15]};
    if (c == '"' || c == '\\') escape[1] = (char)c;
    if (sl_buffer_add(buffer, escape, c == '"' || c == '\\' ? 2 : 6)) return -1;
    run = i + 1;
  }
  if (sl_buffer_add(buffer, text + run, length - run)) return -1;
  return sl_buffer_add(buffer, "\"", 1);
}

static uint64_t stat_fnv(uint64_t hash, const char *text, size_t length) {
  for (size_t i = 0; i < length; i++)
    hash = (hash ^ (unsigned char)text[i]) * 1099511628211u;
  return hash;
}

/* A cell without its surrounding spaces. */
static const char *stat_trimmed(const sl_csv_cell *cell, size_t *length) {
  const char *text = cell->text;
  size_t n = cell->length;
  while (n && isspace((unsigned char)*text))
    text++, n--;
  while (n && isspace((unsigned char)text[n - 1]))
    n--;
  *length = n;
  return text;
}

static int stat_equals(const char *text, size_t length, const char *word) {
  return strlen(word) == length && strncasecmp(text, word, length) == 0;
}

/* The symbol a cell is ("x", "z", ...), with or without the brackets of
 * the GSS style ("[x]"), or NULL. */
static const char *stat_symbol(const char *text, size_t length) {
  if (length > 2 && text[0] == '[' && text[length - 1] == ']') text++, length -= 2;
  for (const char *const *symbol = STAT_SYMBOLS; *symbol; symbol++)
    if (stat_equals(text, length, *symbol)) return *symbol;
  return NULL;
}

/* A cell that is a decimal number, as published ("37", "-153", "4.5"). */
static int stat_number(const char *text, size_t length, double *value) {
  if (length == 0 || length > 40) return 0;
  char copy[48];
  memcpy(copy, text, length);
  copy[length] = '\0';
  if (!(isdigit((unsigned char)copy[0]) || copy[0] == '-' || copy[0] == '+' || copy[0] == '.'))
    return 0;
  char *end;
  *value = strtod(copy, &end);
  return *end == '\0' && isfinite(*value);
}

/* "file:line:column: " then the message, as the error. */
static int stat_fail(stat_file *file, long line, size_t column, const char *format, ...)
    __attribute__((format(printf, 4, 5)));

static int stat_fail(stat_file *file, long line, size_t column, const char *format, ...) {
  char message[768];
  va_list args;
  va_start(args, format);
  vsnprintf(message, sizeof message, format, args);
  va_end(args);
  if (column)
    return sl_error_set(file->import->error, "%s:%ld:%zu: %s", sl_csv_name(file->csv), line, column,
                        message);
  return sl_error_set(file->import->error, "%s:%ld: %s", sl_csv_name(file->csv), line, message);
}

/* Up to 40 bytes of a cell for a message, any byte outside printable ASCII
 * shown as '?', so a message never carries a broken or hostile sequence. */
static const char *stat_quote(const char *text, size_t length, char *out, size_t size) {
  size_t n = 0;
  for (size_t i = 0; i < length && n + 4 < size && i < 40; i++)
    out[n++] = (unsigned char)text[i] >= 0x20 && (unsigned char)text[i] < 0x7f ? text[i] : '?';
  if (length > 40 && n + 4 < size) out[n++] = '.', out[n++] = '.', out[n++] = '.';
  out[n] = '\0';
  return out;
}

/* ---- the header ---- */

static int stat_fixed_index(const char *name, size_t length) {
  for (int i = 0; i < STAT_FIXED_COUNT; i++)
    if (stat_equals(name, length, STAT_FIXED_NAMES[i])) return i;
  return -1;
}

/* The earlier column of the same name, or column itself. */
static size_t stat_first_named(const stat_file *file, size_t column) {
  for (size_t i = 0; i < column; i++)
    if (strcasecmp(file->columns[i].name, file->columns[column].name) == 0) return i;
  return column;
}

/* A name the header repeats is read once, its cells checked to repeat the
 * first column's; the user hears of it. */
static int stat_note_repeat(stat_file *file, long line, size_t column, size_t first) {
  const sl_stat_import_options *options = file->import->options;
  if (!options->note) return 0;
  char message[512];
  snprintf(message, sizeof message,
           "%s:%ld:%zu: the header names '%s' again (column %zu); its cells must repeat that "
           "column's, and are stored once",
           sl_csv_name(file->csv), line, column + 1, file->columns[column].name, first + 1);
  options->note(options->context, message);
  return 0;
}

static int stat_header_column(stat_file *file, const sl_csv_row *header, size_t i, long *cells) {
  size_t length;
  const char *name = stat_trimmed(&header->cells[i], &length);
  if (sl_utf8_check(name, length) != length)
    return stat_fail(file, header->line, i + 1, "the column's name is not UTF-8");
  stat_column *column = &file->columns[i];
  column->name = sl_arena_copy(file->arena, name, length);
  column->fixed = -1;
  column->cell = -1;
  if (!column->name) return stat_fail(file, header->line, 0, "out of memory");
  if (length == 0) {
    column->role = STAT_ROLE_EMPTY;
    return 0;
  }
  size_t first = stat_first_named(file, i);
  if (first != i) {
    column->role = STAT_ROLE_REPEAT;
    column->repeats = first;
    return stat_note_repeat(file, header->line, i, first);
  }
  column->fixed = stat_fixed_index(name, length);
  if (column->fixed >= 0) {
    column->role = STAT_ROLE_FIXED;
    file->fixed[column->fixed] = (long)i;
  } else {
    column->role = STAT_ROLE_DATA;
    column->cell = (*cells)++;
  }
  return 0;
}

/* The standard's three columns every file has; the others are checked
 * where a row needs them. */
static int stat_header_standard(stat_file *file, const sl_csv_row *header) {
  static const int required[] = {STAT_TIME_PERIOD, STAT_TIME_IDENTIFIER, STAT_GEOGRAPHIC_LEVEL};
  for (size_t i = 0; i < sizeof required / sizeof required[0]; i++) {
    if (file->fixed[required[i]] >= 0) continue;
    file->foreign = 1;
    char quoted[64];
    size_t length = header->count ? header->cells[0].length : 0;
    return stat_fail(
        file, header->line, 0,
        "not in the Explore education statistics format: no %s column (the "
        "header begins '%s')",
        STAT_FIXED_NAMES[required[i]],
        stat_quote(header->count ? header->cells[0].text : "", length, quoted, sizeof quoted));
  }
  return 0;
}

static long stat_column_named(const stat_file *file, const char *name) {
  for (size_t i = 0; i < file->column_count; i++)
    if (file->columns[i].role == STAT_ROLE_DATA && strcasecmp(file->columns[i].name, name) == 0)
      return (long)i;
  return -1;
}

static int stat_base_name_is(const char *name, const char *wanted) {
  return strcasecmp(name, wanted) == 0;
}

/* The mappings whose every column the file has. */
static int stat_header_figures(stat_file *file) {
  const sl_stat_mappings *mappings = file->import->options->mappings;
  size_t count = mappings ? mappings->count : 0;
  file->figures = sl_arena_alloc(file->arena, (count + 1) * sizeof *file->figures);
  if (!file->figures) return sl_error_set(file->import->error, "out of memory");
  for (size_t m = 0; m < count; m++) {
    const sl_stat_mapping *mapping = mappings->items[m];
    if (mapping->file && !stat_base_name_is(file->name, mapping->file)) continue;
    stat_figure figure = {mapping, stat_column_named(file, mapping->value),
                          mapping->numerator ? stat_column_named(file, mapping->numerator) : -1,
                          mapping->denominator ? stat_column_named(file, mapping->denominator) : -1,
                          sl_arena_alloc(file->arena, (mapping->total_count + 1) * sizeof(long))};
    int found = figure.value >= 0 && (!mapping->numerator || figure.numerator >= 0) &&
                (!mapping->denominator || figure.denominator >= 0) && figure.total;
    for (size_t t = 0; found && t < mapping->total_count; t++)
      found = (figure.total[t] = stat_column_named(file, mapping->total_columns[t])) >= 0;
    if (found) file->figures[file->figure_count++] = figure;
  }
  return 0;
}

static int stat_header(stat_file *file, const sl_csv_row *header) {
  file->column_count = header->count;
  file->columns = sl_arena_alloc(file->arena, (header->count + 1) * sizeof *file->columns);
  if (!file->columns) return sl_error_set(file->import->error, "out of memory");
  for (int i = 0; i < STAT_FIXED_COUNT; i++)
    file->fixed[i] = -1;
  long cells = 0;
  for (size_t i = 0; i < header->count; i++) {
    if (stat_header_column(file, header, i, &cells)) return -1;
    if (file->columns[i].role != STAT_ROLE_EMPTY) file->named_count = i + 1;
  }
  if (stat_header_standard(file, header)) return -1;
  return stat_header_figures(file);
}

/* ---- the file's own rows ---- */

static int stat_file_begin(stat_file *file, const char *document) {
  sl_store *store = file->import->store;
  sl_error *error = file->import->error;
  sqlite3_stmt *old =
      sl_store_prepare(store, "SELECT id FROM stat_file WHERE name = ?1", "t", error, file->name);
  if (!old) return -1;
  int64_t previous = sqlite3_step(old) == SQLITE_ROW ? sqlite3_column_int64(old, 0) : 0;
  sqlite3_reset(old);
  if (previous) {
    file->report->replaced = 1;
    if (sl_store_run(store, "DELETE FROM stat_row WHERE id BETWEEN ?1 AND ?2", "ii", error,
                     previous << 32, (previous << 32) | 0xffffffff) ||
        sl_store_run(store, "DELETE FROM stat_file WHERE id = ?1", "i", error, previous))
      return -1;
  }
  if (sl_store_run(store,
                   "INSERT INTO stat_file(name, document, file_hash, rows, imported_at) "
                   "VALUES(?1, ?2, '', 0, ?3)",
                   "ttt", error, file->name, document, file->import->imported_at))
    return -1;
  file->id = sl_store_last_id(store);
  return 0;
}

/* A column's role: a data column is a filter when its cells hold text, or
 * when the release's data guidance says it is one ("Filter by ..."). */
static const char *stat_role_name(const stat_column *column, const char *label) {
  switch (column->role) {
  case STAT_ROLE_FIXED:
    return column->fixed <= STAT_TIME_IDENTIFIER ? "time" : "geography";
  case STAT_ROLE_REPEAT:
    return "repeat";
  case STAT_ROLE_EMPTY:
    return "empty";
  default:
    return column->has_text || (label && strstr(label, "Filter by")) ? "filter" : "indicator";
  }
}

/* The publication a file's mapping declares, for the exports' sources
 * (core/publication.c): the latest import's declaration stands. */
static int stat_publication_store(sl_store *store, const sl_stat_publication *publication,
                                  sl_error *error) {
  return sl_store_run(store,
                      "INSERT INTO stat_publication(id, title, publisher, url, licence, mapping) "
                      "VALUES(?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT(id) DO UPDATE SET "
                      "title = excluded.title, publisher = excluded.publisher, url = excluded.url, "
                      "licence = excluded.licence, mapping = excluded.mapping",
                      "tttttt", error, publication->id, publication->title, publication->publisher,
                      publication->url, publication->licence, publication->where);
}

static int stat_file_end(stat_file *file, crypto_generichash_state *hash) {
  sl_store *store = file->import->store;
  sl_error *error = file->import->error;
  for (size_t i = 0; i < file->column_count; i++) {
    const stat_column *column = &file->columns[i];
    const char *label = sl_stat_guidance_label(&file->import->guidance, file->name, column->name);
    if (sl_store_run(store,
                     "INSERT INTO stat_column(file, position, name, role, cell, label) "
                     "VALUES(?1, ?2, ?3, ?4, ?5, ?6)",
                     "iittnt", error, file->id, (int64_t)i + 1, column->name,
                     stat_role_name(column, label),
                     column->role == STAT_ROLE_DATA ? (int)column->cell : -1, label))
      return -1;
  }
  const sl_stat_publication *declared = NULL;
  for (size_t f = 0; f < file->figure_count && !declared; f++)
    declared = file->figures[f].mapping->publication;
  const char *publication = declared ? declared->id : NULL;
  if (declared && stat_publication_store(store, declared, error)) return -1;
  unsigned char digest[32];
  char hex[65];
  crypto_generichash_final(hash, digest, sizeof digest);
  sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
  return sl_store_run(
      store, "UPDATE stat_file SET rows = ?2, file_hash = ?3, publication = ?4 WHERE id = ?1",
      "iitt", error, file->id, (int64_t)file->report->rows, hex, publication);
}

void stat_file_hash_input(void *context, const char *bytes, size_t length) {
  crypto_generichash_update(context, (const unsigned char *)bytes, length);
}

/* ---- storing rows, many an INSERT ---- */

static int stat_step(stat_file *file, sqlite3_stmt *statement) {
  int rc = sqlite3_step(statement);
  sqlite3_reset(statement);
  if (rc == SQLITE_DONE) return 0;
  return sl_error_set(file->import->error, "%s: %s", sl_store_path(file->import->store),
                      sqlite3_errmsg(sl_store_db(file->import->store)));
}

static void stat_bind_row(stat_file *file, sqlite3_stmt *statement, int first, int row) {
  stat_waiting *waiting = &file->waiting;
  sqlite3_bind_int64(statement, first, waiting->ids[row]);
  for (int i = 0; i < 3; i++)
    sqlite3_bind_text(statement, first + 1 + i, waiting->text.data + waiting->offsets[row][i], -1,
                      SQLITE_STATIC);
}

/* Store the waiting rows: a full set with one INSERT, fewer one by one. */
static int stat_flush(stat_file *file) {
  stat_waiting *waiting = &file->waiting;
  if (waiting->count == STAT_ROWS_PER_INSERT) {
    for (int row = 0; row < waiting->count; row++)
      stat_bind_row(file, waiting->many, 1 + 4 * row, row);
    if (stat_step(file, waiting->many)) return -1;
  } else {
    for (int row = 0; row < waiting->count; row++) {
      stat_bind_row(file, waiting->one, 1, row);
      if (stat_step(file, waiting->one)) return -1;
    }
  }
  waiting->count = 0;
  waiting->text.length = 0;
  return 0;
}

static int stat_waiting_open(stat_file *file) {
  static const char insert[] = "INSERT INTO stat_row(id, period, geography, cells) VALUES";
  stat_waiting *waiting = &file->waiting;
  waiting->many = sl_store_prepare_rows(file->import->store, insert, 4, STAT_ROWS_PER_INSERT,
                                        file->import->error);
  waiting->one = waiting->many
                     ? sl_store_prepare_rows(file->import->store, insert, 4, 1, file->import->error)
                     : NULL;
  return waiting->one ? 0 : -1;
}

static int stat_wait(stat_file *file, int64_t id, const char *period, const char *geography) {
  stat_waiting *waiting = &file->waiting;
  const char *parts[3] = {period, geography, file->cells.data};
  waiting->ids[waiting->count] = id;
  for (int i = 0; i < 3; i++) {
    waiting->offsets[waiting->count][i] = waiting->text.length;
    if (sl_buffer_add(&waiting->text, parts[i], strlen(parts[i]) + 1))
      return sl_error_set(file->import->error, "out of memory");
  }
  return ++waiting->count == STAT_ROWS_PER_INSERT ? stat_flush(file) : 0;
}

/* ---- one row ---- */

static const sl_csv_cell *stat_cell(const sl_csv_row *row, long column) {
  static const sl_csv_cell empty = {"", 0};
  return column >= 0 && (size_t)column < row->count ? &row->cells[column] : &empty;
}

/* A fixed cell as a NUL-terminated copy in out, trimmed. */
static const char *stat_fixed_text(const stat_file *file, const sl_csv_row *row, int fixed,
                                   char *out, size_t size) {
  size_t length;
  const char *text = stat_trimmed(stat_cell(row, file->fixed[fixed]), &length);
  if (length >= size) length = size - 1;
  memcpy(out, text, length);
  out[length] = '\0';
  return out;
}

static int stat_row_period(stat_file *file, const sl_csv_row *row) {
  char time_period[32], identifier[64], why[256];
  stat_fixed_text(file, row, STAT_TIME_PERIOD, time_period, sizeof time_period);
  stat_fixed_text(file, row, STAT_TIME_IDENTIFIER, identifier, sizeof identifier);
  char key[sizeof file->period_key];
  snprintf(key, sizeof key, "%s|%s", time_period, identifier);
  if (strcmp(key, file->period_key) == 0) return 0;
  int rc = sl_period_from_ees(time_period, identifier, &file->period, why, sizeof why);
  if (rc) {
    file->period_key[0] = '\0';
    int column = rc == -2 ? STAT_TIME_IDENTIFIER : STAT_TIME_PERIOD;
    return stat_fail(file, row->line, (size_t)file->fixed[column] + 1, "%s", why);
  }
  memcpy(file->period_key, key, sizeof key);
  sl_period_iso(file->period.first, file->start, sizeof file->start);
  sl_period_iso(file->period.last, file->end, sizeof file->end);
  return 0;
}

typedef struct stat_place {
  const char *level;
  char code[64], name[256], la_number[32], region[64], country[64];
} stat_place;

/* The cell of fixed column which, a required part of a row's place. */
static int stat_place_part(stat_file *file, const sl_csv_row *row, const char *level, int which,
                           char *out, size_t size) {
  if (file->fixed[which] < 0)
    return stat_fail(file, row->line, 0, "a %s row needs a %s column, and the header has none",
                     level, STAT_FIXED_NAMES[which]);
  stat_fixed_text(file, row, which, out, size);
  if (out[0] == '\0' || stat_symbol(out, strlen(out)))
    return stat_fail(file, row->line, (size_t)file->fixed[which] + 1, "%s is empty",
                     STAT_FIXED_NAMES[which]);
  return 0;
}

/* An optional part: empty, or a symbol, when absent. */
static void stat_place_optional(stat_file *file, const sl_csv_row *row, int which, char *out,
                                size_t size) {
  stat_fixed_text(file, row, which, out, size);
  if (stat_symbol(out, strlen(out))) out[0] = '\0';
}

/* Where a row's figures are: England (or another country), a region or a
 * local authority. 1 for a row at another level (a school, a
 * constituency): not one sendlens compares, counted and skipped. */
static int stat_row_place(stat_file *file, const sl_csv_row *row, stat_place *place) {
  /* The levels compared, as the standard writes them, and the columns that
   * hold each one's code and name. */
  static const struct {
    const char *written, *level;
    int code, name;
  } levels[] = {{"National", "national", STAT_COUNTRY_CODE, STAT_COUNTRY_NAME},
                {"Regional", "regional", STAT_REGION_CODE, STAT_REGION_NAME},
                {"Local authority", "local_authority", STAT_NEW_LA_CODE, STAT_LA_NAME}};
  char level[64];
  stat_fixed_text(file, row, STAT_GEOGRAPHIC_LEVEL, level, sizeof level);
  memset(place, 0, sizeof *place);
  stat_place_optional(file, row, STAT_COUNTRY_CODE, place->country, sizeof place->country);
  for (size_t i = 0; i < sizeof levels / sizeof levels[0]; i++) {
    if (strcasecmp(level, levels[i].written) != 0) continue;
    place->level = levels[i].level;
    if (stat_place_part(file, row, level, levels[i].code, place->code, sizeof place->code) ||
        stat_place_part(file, row, level, levels[i].name, place->name, sizeof place->name))
      return -1;
    if (levels[i].code != STAT_NEW_LA_CODE) return 0;
    if (file->fixed[STAT_OLD_LA_CODE] >= 0)
      stat_place_optional(file, row, STAT_OLD_LA_CODE, place->la_number, sizeof place->la_number);
    if (file->fixed[STAT_REGION_CODE] >= 0)
      stat_place_optional(file, row, STAT_REGION_CODE, place->region, sizeof place->region);
    return 0;
  }
  if (level[0] == '\0')
    return stat_fail(file, row->line, (size_t)file->fixed[STAT_GEOGRAPHIC_LEVEL] + 1,
                     "geographic_level is empty");
  return 1;
}

/* The geography, written once per import (a file names each hundreds of
 * times). The newest file's name for a code wins. */
static int stat_store_place(stat_file *file, const stat_place *place) {
  uint64_t key = 14695981039346656037u;
  key = stat_fnv(key, place->level, strlen(place->level) + 1);
  key = stat_fnv(key, place->code, strlen(place->code) + 1);
  key = stat_fnv(key, place->name, strlen(place->name) + 1);
  key = stat_fnv(key, place->la_number, strlen(place->la_number) + 1);
  key = stat_fnv(key, place->region, strlen(place->region));
  int added = sl_keyset_add(&file->import->geographies, key);
  if (added < 0) return sl_error_set(file->import->error, "out of memory");
  if (!added) return 0;
  return sl_store_run(
      file->import->store,
      "INSERT INTO stat_geography(code, level, name, la_number, region, country) "
      "VALUES(?1, ?2, ?3, nullif(?4, ''), nullif(?5, ''), nullif(?6, '')) "
      "ON CONFLICT(code) DO UPDATE SET level = excluded.level, name = excluded.name, "
      "la_number = coalesce(excluded.la_number, la_number), "
      "region = coalesce(excluded.region, region), country = coalesce(excluded.country, country)",
      "tttttt", file->import->error, place->code, place->level, place->name, place->la_number,
      place->region, place->country);
}

/* Every cell of the row is UTF-8, sits under a named column (or is empty),
 * and repeats what a repeated column name's first column holds. */
static int stat_row_check(stat_file *file, const sl_csv_row *row) {
  if (row->count < file->named_count)
    return stat_fail(file, row->line, 0, "%zu cells where the header has %zu columns", row->count,
                     file->named_count);
  for (size_t i = 0; i < row->count; i++) {
    const sl_csv_cell *cell = &row->cells[i];
    if (sl_utf8_check(cell->text, cell->length) != cell->length)
      return stat_fail(file, row->line, i + 1,
                       "not UTF-8 (save the file as UTF-8; it may be in another encoding)");
    if (memchr(cell->text, '\0', cell->length))
      return stat_fail(file, row->line, i + 1, "a NUL byte in the cell");
    if (i >= file->column_count || file->columns[i].role == STAT_ROLE_EMPTY) {
      size_t length;
      stat_trimmed(cell, &length);
      if (length) return stat_fail(file, row->line, i + 1, "a value under a column with no name");
      continue;
    }
    const stat_column *column = &file->columns[i];
    if (column->role == STAT_ROLE_REPEAT) {
      const sl_csv_cell *first = &row->cells[column->repeats];
      if (first->length != cell->length || memcmp(first->text, cell->text, cell->length))
        return stat_fail(file, row->line, i + 1,
                         "the header names '%s' twice (columns %zu and %zu), and here they differ",
                         column->name, column->repeats + 1, i + 1);
    }
  }
  return 0;
}

/* Whether a cell holds text rather than a number or a symbol: the mark of
 * a filter column. Decimal digits with a sign and a point are a number
 * without strtod (the common case, on every cell of the file). */
static int stat_is_text(const sl_csv_cell *cell) {
  size_t length;
  const char *text = stat_trimmed(cell, &length);
  if (length == 0) return 0;
  size_t i = text[0] == '-' || text[0] == '+';
  int digits = 0, points = 0;
  for (; i < length; i++) {
    if (isdigit((unsigned char)text[i]))
      digits++;
    else if (text[i] == '.' && !points)
      points++;
    else
      break;
  }
  if (i == length && digits) return 0;
  double number;
  return !stat_symbol(text, length) && !stat_number(text, length, &number);
}

/* The row's filter and indicator cells as a JSON array, as written, and
 * what each data column has held so far. */
static int stat_row_cells(stat_file *file, const sl_csv_row *row) {
  file->cells.length = 0;
  if (sl_buffer_add(&file->cells, "[", 1)) return -1;
  int first = 1;
  for (size_t i = 0; i < file->column_count; i++) {
    stat_column *column = &file->columns[i];
    if (column->role != STAT_ROLE_DATA) continue;
    const sl_csv_cell *cell = &row->cells[i];
    if (!first && sl_buffer_add(&file->cells, ",", 1)) return -1;
    if (stat_append_json(&file->cells, cell->text, cell->length)) return -1;
    first = 0;
    if (!column->has_text) column->has_text = stat_is_text(cell);
  }
  return sl_buffer_add(&file->cells, "]", 1);
}

static size_t stat_lines_slot(const stat_lines *lines, uint64_t key) {
  size_t slot = (size_t)(key * 0x9E3779B97F4A7C15ull) & (lines->capacity - 1);
  while (lines->keys[slot] && lines->keys[slot] != key)
    slot = (slot + 1) & (lines->capacity - 1);
  return slot;
}

static int stat_lines_grow(stat_lines *lines) {
  stat_lines grown = {calloc(lines->capacity ? lines->capacity * 2 : 4096, sizeof(uint64_t)),
                      calloc(lines->capacity ? lines->capacity * 2 : 4096, sizeof(uint32_t)),
                      lines->capacity ? lines->capacity * 2 : 4096, lines->count};
  if (!grown.keys || !grown.lines) {
    free(grown.keys);
    free(grown.lines);
    return -1;
  }
  for (size_t i = 0; i < lines->capacity; i++)
    if (lines->keys[i]) {
      size_t slot = stat_lines_slot(&grown, lines->keys[i]);
      grown.keys[slot] = lines->keys[i];
      grown.lines[slot] = lines->lines[i];
    }
  free(lines->keys);
  free(lines->lines);
  *lines = grown;
  return 0;
}

/* The line stored under key, or 0 after storing line under it; -1 out of
 * memory. */
static long stat_lines_add(stat_lines *lines, uint64_t key, uint32_t line) {
  if (!key) key = 1;
  if ((lines->count + 1) * 4 > lines->capacity * 3 && stat_lines_grow(lines)) return -1;
  size_t slot = stat_lines_slot(lines, key);
  if (lines->keys[slot]) return lines->lines[slot];
  lines->keys[slot] = key;
  lines->lines[slot] = line;
  lines->count++;
  return 0;
}

/* Whether the stored row of line is this row: the same place, period and
 * cells (one fingerprint for two rows is possible, if unlikely). */
static int stat_same_as_line(stat_file *file, const stat_place *place, long line) {
  if (stat_flush(file)) return -1;
  sqlite3_stmt *statement = sl_store_prepare(
      file->import->store,
      "SELECT count(*) FROM stat_row WHERE id = ?1 AND geography = ?2 AND period = ?3 AND "
      "cells = ?4",
      "ittt", file->import->error, (file->id << 32) | line, place->code, file->period.label,
      file->cells.data);
  if (!statement) return -1;
  int same = sqlite3_step(statement) == SQLITE_ROW && sqlite3_column_int(statement, 0) > 0;
  sqlite3_reset(statement);
  return same;
}

/* Notes of repeated rows a file gets one by one; the rest are counted. */
enum { STAT_REPEATS_NOTED = 10 };

static void stat_note_repeat_row(stat_file *file, long line, long earlier) {
  const sl_stat_import_options *options = file->import->options;
  if (!options->note || ++file->repeats > STAT_REPEATS_NOTED) return;
  char message[512];
  snprintf(message, sizeof message, "%s:%ld: the same row as line %ld; stored once",
           sl_csv_name(file->csv), line, earlier);
  options->note(options->context, message);
}

/* 1 if the row repeats an earlier one to the letter (noted, not stored
 * again), 0 if it is new, -1 on failure. */
static int stat_row_repeated(stat_file *file, const sl_csv_row *row, const stat_place *place) {
  uint64_t key =
      stat_fnv(14695981039346656037u, file->period.label, strlen(file->period.label) + 1);
  key = stat_fnv(key, place->code, strlen(place->code) + 1);
  key = stat_fnv(key, file->cells.data, file->cells.length);
  long earlier = stat_lines_add(&file->rows, key, (uint32_t)row->line);
  if (earlier < 0) return sl_error_set(file->import->error, "out of memory");
  if (earlier == 0) return 0;
  int same = stat_same_as_line(file, place, earlier);
  if (same <= 0) return same; /* -1, or two different rows with one fingerprint */
  stat_note_repeat_row(file, row->line, earlier);
  return 1;
}

/* ---- the figures of a row ---- */

/* Whether the row is the total the mapping names: its total columns hold
 * the mapping's values (the figure for the whole geography, not one
 * breakdown of it). A mapping without `total` takes every row. The other
 * rows stay in stat_row, every cell as published. */
static int stat_is_total(const sl_csv_row *row, const stat_figure *figure) {
  const sl_stat_mapping *mapping = figure->mapping;
  for (size_t t = 0; t < mapping->total_count; t++) {
    size_t length;
    const char *text = stat_trimmed(&row->cells[figure->total[t]], &length);
    if (strlen(mapping->total_values[t]) != length ||
        memcmp(text, mapping->total_values[t], length) != 0)
      return 0;
  }
  return 1;
}

/* One mapped cell: a number, a symbol, or nothing when empty. */
typedef struct stat_value {
  double number;
  int is_number;
  const char *symbol;
  int column; /* 1-based, or -1 when the mapping names none */
} stat_value;

static int stat_read_value(stat_file *file, const sl_csv_row *row, long column, const char *role,
                           const stat_figure *figure, stat_value *value) {
  memset(value, 0, sizeof *value);
  value->column = column >= 0 ? (int)column + 1 : -1;
  if (column < 0) return 0;
  size_t length;
  const char *text = stat_trimmed(&row->cells[column], &length);
  if (length == 0) return 0;
  if ((value->symbol = stat_symbol(text, length))) return 0;
  if ((value->is_number = stat_number(text, length, &value->number))) return 0;
  char quoted[64];
  return stat_fail(file, row->line, (size_t)column + 1,
                   "'%s' in %s (the %s of %s) is neither a number nor a symbol (x, z, c, low, u, "
                   "k, w)",
                   stat_quote(text, length, quoted, sizeof quoted), file->columns[column].name,
                   role, figure->mapping->id);
}

/* A second figure for the same indicator, place, period and breakdown:
 * two rows that disagree, or a mapping whose total does not single out one
 * row. Named with both lines. */
static int stat_figure_conflict(stat_file *file, const sl_csv_row *row, const stat_figure *figure,
                                const stat_place *place) {
  sqlite3_stmt *earlier = sl_store_prepare(
      file->import->store,
      "SELECT row & 4294967295, (SELECT name FROM stat_file WHERE id = statistic.file) "
      "FROM statistic WHERE indicator = ?1 AND geography = ?2 AND period = ?3 AND breakdown = ?4",
      "tttt", file->import->error, figure->mapping->id, place->code, file->period.label, "");
  if (!earlier) return -1;
  long line = 0;
  char where[256] = "";
  if (sqlite3_step(earlier) == SQLITE_ROW) {
    line = sqlite3_column_int(earlier, 0);
    snprintf(where, sizeof where, "%s", (const char *)sqlite3_column_text(earlier, 1));
  }
  sqlite3_reset(earlier);
  return stat_fail(file, row->line, (size_t)figure->value + 1,
                   "a second figure for %s, %s, %s (the first is %s line %ld; two rows "
                   "disagree, or the mapping at %s needs a 'total' that singles out one row)",
                   figure->mapping->id, place->code, file->period.label, where, line,
                   figure->mapping->where);
}

static int stat_row_figure(stat_file *file, const sl_csv_row *row, const stat_figure *figure,
                           const stat_place *place, int64_t row_id) {
  stat_value value, numerator, denominator;
  if (stat_read_value(file, row, figure->value, "value", figure, &value) ||
      stat_read_value(file, row, figure->numerator, "numerator", figure, &numerator) ||
      stat_read_value(file, row, figure->denominator, "denominator", figure, &denominator))
    return -1;
  sqlite3_stmt *insert = sl_store_prepare(
      file->import->store,
      "INSERT INTO statistic(file, row, indicator, geography, period, period_kind, period_start, "
      "period_end, breakdown, value, value_symbol, value_column, numerator, numerator_symbol, "
      "numerator_column, denominator, denominator_symbol, denominator_column) "
      "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18)",
      "iitttttttftnftnftn", file->import->error, file->id, row_id, figure->mapping->id, place->code,
      file->period.label, sl_period_kind_name(file->period.kind), file->start, file->end, "",
      value.is_number ? &value.number : NULL, value.symbol, value.column,
      numerator.is_number ? &numerator.number : NULL, numerator.symbol, numerator.column,
      denominator.is_number ? &denominator.number : NULL, denominator.symbol, denominator.column);
  if (!insert) return -1;
  int rc = sqlite3_step(insert);
  sqlite3_reset(insert);
  if (rc == SQLITE_DONE) {
    file->report->figures++;
    return 0;
  }
  if ((rc & 0xff) == SQLITE_CONSTRAINT) return stat_figure_conflict(file, row, figure, place);
  return sl_error_set(file->import->error, "%s: %s", sl_store_path(file->import->store),
                      sqlite3_errmsg(sl_store_db(file->import->store)));
}

/* ---- the file ---- */

static int stat_row(stat_file *file, const sl_csv_row *row, long *skipped) {
  stat_place place;
  if (stat_row_check(file, row) || stat_row_period(file, row)) return -1;
  int other = stat_row_place(file, row, &place);
  if (other < 0) return -1;
  if (other) {
    (*skipped)++;
    return 0;
  }
  if (stat_row_cells(file, row)) return sl_error_set(file->import->error, "out of memory");
  int repeated = stat_row_repeated(file, row, &place);
  if (repeated) return repeated < 0 ? -1 : 0;
  int64_t id = (file->id << 32) | row->line;
  if (stat_store_place(file, &place) || stat_wait(file, id, file->period.label, place.code))
    return -1;
  file->report->rows++;
  for (size_t f = 0; f < file->figure_count; f++) {
    int total = stat_is_total(row, &file->figures[f]);
    if (total && stat_row_figure(file, row, &file->figures[f], &place, id)) return -1;
  }
  return 0;
}

static void stat_note_skipped(stat_file *file, long skipped) {
  const sl_stat_import_options *options = file->import->options;
  char message[512];
  if (file->repeats > STAT_REPEATS_NOTED && options->note) {
    snprintf(message, sizeof message, "%s: %ld more rows repeated an earlier row; each stored once",
             sl_csv_name(file->csv), file->repeats - STAT_REPEATS_NOTED);
    options->note(options->context, message);
  }
  if (!skipped || !options->note) return;
  snprintf(message, sizeof message,
           "%s: %ld rows at other geographic levels than national, regional and local "
           "authority; not stored",
           sl_csv_name(file->csv), skipped);
  options->note(options->context, message);
}

static int stat_rows(stat_file *file) {
  sl_csv_row row;
  int rc;
  long skipped = 0;
  while ((rc = sl_csv_next(file->csv, &row, file->import->error)) == 1) {
    if (row.line > 0xffffffffL) return stat_fail(file, row.line, 0, "too many lines");
    if (stat_row(file, &row, &skipped)) return -1;
  }
  if (rc < 0 || stat_flush(file)) return -1;
  stat_note_skipped(file, skipped);
  return 0;
}

static void stat_file_free(stat_file *file) {
  sl_arena_free(file->arena);
  free(file->rows.keys);
  free(file->rows.lines);
  sl_buffer_free(&file->cells);
  sl_buffer_free(&file->waiting.text);
  sqlite3_finalize(file->waiting.many);
  sqlite3_finalize(file->waiting.one);
}

int stat_file_import(stat_import *import, sl_csv *csv, crypto_generichash_state *hash,
                     const char *name, const char *document, int skip_foreign,
                     sl_stat_file_report *report) {
  stat_file file = {.import = import, .csv = csv, .name = name, .report = report};
  if (!(file.arena = sl_arena_new())) return sl_error_set(import->error, "out of memory");
  sl_csv_row header;
  int rc = sl_csv_next(csv, &header, import->error);
  if (rc == 0) rc = sl_error_set(import->error, "%s: empty file", sl_csv_name(csv));
  if (rc == 1) {
    rc = stat_header(&file, &header);
    if (rc && skip_foreign && file.foreign)
      rc = 1;
    else if (rc == 0)
      rc = stat_file_begin(&file, document) || stat_waiting_open(&file) || stat_rows(&file) ||
                   stat_file_end(&file, hash)
               ? -1
               : 0;
  }
  for (size_t f = 0; rc == 0 && f < file.figure_count; f++)
    report->indicators++;
  stat_file_free(&file);
  return rc;
}
