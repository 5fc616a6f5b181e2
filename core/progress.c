/*
 * progress.c: importing quarterly progress returns (progress.h). The file is
 * read through core/rows.h, so CSV and XLSX are validated by the same code;
 * each row is checked and stored inside one transaction that the first bad
 * row rolls back. Names a return uses for actions and measures come from the
 * progress_target view (schemas/migrations/003_progress_returns.sql).
 */
#include "progress.h"

#include <ctype.h>
#include <math.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "period.h"
#include "rows.h"
#include "validate.h"

enum { COLUMN_PERIOD, COLUMN_REF, COLUMN_KIND, COLUMN_STATUS, COLUMN_VALUE, COLUMN_NOTE, COLUMNS };

static const char *const COLUMN_NAMES[COLUMNS + 1] = {"Period", "Ref",  "Kind", "Status",
                                                      "Value",  "Note", NULL};
static const char *const KINDS[] = {"action", "measure", NULL};
const char *const sl_progress_action_statuses[] = {"not_started", "in_progress", "completed",
                                                   "commenced",   "established", NULL};
const char *const sl_progress_nominal_states[] = {"not_started", "commenced", "established",
                                                  "completed", NULL};
/* Observations made from a return come after the plan's own in fact order,
 * numbered by the period (its first day and kind) and row so that every
 * return of an area gets its own (export ids are made of them) and a
 * re-import or a reload the same. */
static const int64_t PROGRESS_SEQ_BASE = 1000000;
static const long PROGRESS_MAX_LINE = 999999;
enum { FIELD_MAX = 256 };

typedef struct progress_import {
  sl_store *store;
  sl_rows *rows;
  const char *document; /* the file's name without its folder */
  char area[64], area_name[128];
  size_t column[COLUMNS]; /* 1-based cell of each column, 0: absent */
  char period[64];        /* as the first row writes it */
  sl_period span;         /* what it covers: rows and earlier returns match by it */
  long period_line;
  int64_t return_id;
  sl_progress_counts *counts;
  sl_error *error;
} progress_import;

/* One data row: its line and its fields, trimmed. */
typedef struct progress_row {
  const sl_csv_row *cells;
  char field[COLUMNS][FIELD_MAX];
} progress_row;

/* The measure or action a ref names. */
typedef struct progress_target {
  int64_t fact;
  char name[FIELD_MAX]; /* a measure's name, to find it again after a reload */
  char measure_kind[16], unit[32];
} progress_target;

static int progress_fail(progress_import *import, long line, size_t column, const char *format, ...)
    __attribute__((format(printf, 4, 5)));

static int progress_fail(progress_import *import, long line, size_t column, const char *format,
                         ...) {
  char place[1024], what[768];
  sl_rows_place(import->rows, line, column ? column : 1, place, sizeof place);
  va_list args;
  va_start(args, format);
  vsnprintf(what, sizeof what, format, args);
  va_end(args);
  return sl_error_set(import->error, "%s: %s", place, what);
}

static const char *progress_list(const char *const *items, char *out, size_t size) {
  out[0] = 0;
  for (const char *const *item = items; *item; item++) {
    if (item != items) strncat(out, ", ", size - strlen(out) - 1);
    strncat(out, *item, size - strlen(out) - 1);
  }
  return out;
}

static const sl_csv_cell *progress_cell(const sl_csv_row *row, size_t column) {
  static const sl_csv_cell empty = {"", 0};
  return column && column <= row->count ? &row->cells[column - 1] : &empty;
}

/* A cell without the spaces around it, into out; -1 if too long. */
static int progress_trim(const sl_csv_cell *cell, char *out, size_t size) {
  const char *start = cell->text, *end = cell->text + cell->length;
  while (start < end && (*start == ' ' || *start == '\t'))
    start++;
  while (end > start && (end[-1] == ' ' || end[-1] == '\t' || end[-1] == '\n' || end[-1] == '\r'))
    end--;
  if ((size_t)(end - start) >= size) return -1;
  memcpy(out, start, (size_t)(end - start));
  out[end - start] = 0;
  return 0;
}

/* The header: every column named once, the required ones present. */
static int progress_header(progress_import *import, const sl_csv_row *row) {
  for (size_t i = 0; i < row->count; i++) {
    char name[FIELD_MAX];
    if (progress_trim(&row->cells[i], name, sizeof name)) name[0] = 0;
    if (!name[0]) continue;
    int known = -1;
    for (int c = 0; c < COLUMNS; c++)
      if (strcasecmp(name, COLUMN_NAMES[c]) == 0) known = c;
    char list[128];
    if (known < 0)
      return progress_fail(import, row->line, i + 1, "unknown column '%s' (the columns are %s)",
                           name, progress_list(COLUMN_NAMES, list, sizeof list));
    if (import->column[known])
      return progress_fail(import, row->line, i + 1, "column %s appears twice",
                           COLUMN_NAMES[known]);
    import->column[known] = i + 1;
  }
  for (int c = 0; c < COLUMN_NOTE; c++)
    if (!import->column[c])
      return progress_fail(import, row->line, row->count + 1, "missing column %s", COLUMN_NAMES[c]);
  return 0;
}

static bool progress_named(const progress_import *import, size_t column) {
  for (int c = 0; c < COLUMNS; c++)
    if (import->column[c] == column) return true;
  return false;
}

/* Read a row's fields; a value under no column name is refused, not lost. */
static int progress_fields(progress_import *import, const sl_csv_row *cells, progress_row *row) {
  row->cells = cells;
  for (size_t i = 0; i < cells->count; i++)
    if (cells->cells[i].length && !progress_named(import, i + 1))
      return progress_fail(import, cells->line, i + 1, "a value outside the columns of the header");
  for (int c = 0; c < COLUMNS; c++) {
    const sl_csv_cell *cell = progress_cell(cells, import->column[c]);
    if (c == COLUMN_NOTE) continue; /* bound from the cell itself: any length */
    if (progress_trim(cell, row->field[c], FIELD_MAX))
      return progress_fail(import, cells->line, import->column[c], "%s is too long (%d at most)",
                           COLUMN_NAMES[c], FIELD_MAX - 1);
  }
  return 0;
}

static bool progress_row_empty(const sl_csv_row *row) {
  for (size_t i = 0; i < row->count; i++)
    for (size_t j = 0; j < row->cells[i].length; j++)
      if (row->cells[i].text[j] != ' ' && row->cells[i].text[j] != '\t') return false;
  return true;
}

static bool progress_cell_blank(const sl_csv_cell *cell) {
  for (size_t j = 0; j < cell->length; j++)
    if (cell->text[j] != ' ' && cell->text[j] != '\t') return false;
  return true;
}

/* A row that names an action or measure and reports nothing of it (a row
 * of `sendlens template progress` left as written: every cell but Ref and
 * Kind blank): not reported this period, like a row left out. */
static bool progress_row_unreported(const progress_import *import, const sl_csv_row *row) {
  for (size_t i = 0; i < row->count; i++)
    if (i + 1 != import->column[COLUMN_REF] && i + 1 != import->column[COLUMN_KIND] &&
        !progress_cell_blank(&row->cells[i]))
      return false;
  return true;
}

static int progress_required(progress_import *import, const progress_row *row, int column) {
  if (row->field[column][0]) return 0;
  return progress_fail(import, row->cells->line, import->column[column], "%s is empty",
                       COLUMN_NAMES[column]);
}

/* The return's period, its kind and first and last days as SQL binds. */
typedef struct progress_span {
  char first[16], last[16];
  const char *kind;
} progress_span;

static void progress_span_of(const progress_import *import, progress_span *span) {
  sl_period_iso(import->span.first, span->first, sizeof span->first);
  sl_period_iso(import->span.last, span->last, sizeof span->last);
  span->kind = sl_period_kind_name(import->span.kind);
}

/* Drop the area's earlier return of this period (the same kind and span,
 * however it was written), with the observations made from it, and start
 * the new one. */
static int progress_begin_return(progress_import *import) {
  sl_store *store = import->store;
  sl_error *error = import->error;
  progress_span span;
  progress_span_of(import, &span);
  static const char *const same =
      "area = ?1 AND ((period_kind = ?2 AND period_start = ?3 AND period_end = ?4) "
      "OR period = ?5)";
  char sql[512];
  snprintf(sql, sizeof sql, "SELECT count(*) FROM progress_return WHERE %s", same);
  sqlite3_stmt *statement = sl_store_prepare(store, sql, "ttttt", error, import->area, span.kind,
                                             span.first, span.last, import->period);
  if (!statement) return -1;
  import->counts->replaced =
      sqlite3_step(statement) == SQLITE_ROW && sqlite3_column_int(statement, 0);
  sqlite3_reset(statement);
  char drop_observations[640], drop_return[512];
  snprintf(drop_observations, sizeof drop_observations,
           "DELETE FROM fact WHERE id IN (SELECT e.observation FROM progress_entry e "
           "WHERE e.return_id IN (SELECT id FROM progress_return WHERE %s))",
           same);
  snprintf(drop_return, sizeof drop_return, "DELETE FROM progress_return WHERE %s", same);
  if (sl_store_run(store, drop_observations, "ttttt", error, import->area, span.kind, span.first,
                   span.last, import->period) ||
      sl_store_run(store, drop_return, "ttttt", error, import->area, span.kind, span.first,
                   span.last, import->period) ||
      sl_store_run(store,
                   "INSERT INTO progress_return(area, period, document, format, period_kind, "
                   "period_start, period_end) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                   "ttttttt", error, import->area, import->period, import->document,
                   sl_rows_format(import->rows), span.kind, span.first, span.last))
    return -1;
  import->return_id = sl_store_last_id(store);
  return 0;
}

/* Every row is of the one period of the return: any period an area
 * reports in (a quarter, month, term, academic or financial year...:
 * docs/periods.md), the same span on every row however it is written. */
static int progress_period(progress_import *import, const progress_row *row) {
  const char *period = row->field[COLUMN_PERIOD];
  long line = row->cells->line;
  size_t column = import->column[COLUMN_PERIOD];
  sl_period span;
  if (progress_required(import, row, COLUMN_PERIOD)) return -1;
  if (sl_period_parse(period, &span) || strlen(period) >= sizeof import->period)
    return progress_fail(
        import, line, column,
        "'%s' is not a period (a quarter 2024-Q3 or Q3 2023/24, a month Sep 2023, a term Autumn "
        "term 2023, an academic year 2023/24, a financial year FY 2023-24)%s",
        period,
        sl_valid_number(period) && strcmp(sl_rows_format(import->rows), "xlsx") == 0
            ? "; a date cell holds a number: type the period as text"
            : "");
  if (import->period[0]) {
    if (span.kind == import->span.kind && span.first == import->span.first &&
        span.last == import->span.last)
      return 0;
    return progress_fail(import, line, column,
                         "period %s differs from %s on row %ld: a return is one period", period,
                         import->period, import->period_line);
  }
  snprintf(import->period, sizeof import->period, "%.63s", period); /* checked to fit */
  import->span = span;
  import->period_line = line;
  return progress_begin_return(import);
}

/* What the plan has under ref: 1 found (target filled), 0 not (with the
 * reason reported), -1 on error. */
static int progress_find(progress_import *import, const progress_row *row, const char *kind,
                         progress_target *target) {
  const char *ref = row->field[COLUMN_REF];
  sqlite3_stmt *statement = sl_store_prepare(
      import->store,
      "SELECT t.kind, t.fact, t.measure_kind, t.unit, m.name FROM progress_target t "
      "LEFT JOIN measure m ON m.id = t.fact WHERE t.area = ?1 AND t.ref = ?2",
      "tt", import->error, import->area, ref);
  if (!statement) return -1;
  int same = 0, other = 0;
  while (sqlite3_step(statement) == SQLITE_ROW) {
    if (strcmp((const char *)sqlite3_column_text(statement, 0), kind) != 0) {
      other++;
      continue;
    }
    same++;
    target->fact = sqlite3_column_int64(statement, 1);
    const unsigned char *measure_kind = sqlite3_column_text(statement, 2);
    const unsigned char *unit = sqlite3_column_text(statement, 3);
    snprintf(target->measure_kind, sizeof target->measure_kind, "%s",
             measure_kind ? (const char *)measure_kind : "");
    snprintf(target->unit, sizeof target->unit, "%s", unit ? (const char *)unit : "");
    const unsigned char *name = sqlite3_column_text(statement, 4);
    snprintf(target->name, sizeof target->name, "%s", name ? (const char *)name : "");
  }
  sqlite3_reset(statement);
  long line = row->cells->line;
  if (same == 1) return 1;
  if (same > 1)
    return progress_fail(import, line, import->column[COLUMN_REF],
                         "ref '%s' names %d %ss of the plan, so it cannot be reported", ref, same,
                         kind);
  if (other)
    return progress_fail(import, line, import->column[COLUMN_KIND], "'%s' is %s %s, not %s %s", ref,
                         strcmp(kind, "action") == 0 ? "a" : "an",
                         strcmp(kind, "action") == 0 ? "measure" : "action",
                         strcmp(kind, "action") == 0 ? "an" : "a", kind);
  return progress_fail(import, line, import->column[COLUMN_REF],
                       "no %s '%s' in the plan of %s (`sendlens show %s` lists the refs)", kind,
                       ref, import->area_name, import->area);
}

/* A ref is reported once per return. */
static int progress_unique(progress_import *import, const progress_row *row, const char *kind) {
  sqlite3_stmt *statement = sl_store_prepare(
      import->store,
      "SELECT seq FROM progress_entry WHERE return_id = ?1 AND kind = ?2 AND ref = ?3", "itt",
      import->error, import->return_id, kind, row->field[COLUMN_REF]);
  if (!statement) return -1;
  long earlier =
      sqlite3_step(statement) == SQLITE_ROW ? (long)sqlite3_column_int64(statement, 0) : 0;
  sqlite3_reset(statement);
  if (!earlier) return 0;
  return progress_fail(import, row->cells->line, import->column[COLUMN_REF],
                       "%s '%s' is already reported on row %ld", kind, row->field[COLUMN_REF],
                       earlier);
}

/* A cell that must be empty for this kind of row. */
static int progress_empty(progress_import *import, const progress_row *row, int column,
                          const char *why) {
  if (!row->field[column][0]) return 0;
  return progress_fail(import, row->cells->line, import->column[column], "%s", why);
}

static const char *progress_note(const progress_import *import, const progress_row *row) {
  const sl_csv_cell *note = progress_cell(row->cells, import->column[COLUMN_NOTE]);
  return note->length ? note->text : NULL;
}

/* Store one entry; its value cell is its source. */
static int progress_store_entry(progress_import *import, const progress_row *row,
                                const progress_target *target, int column, const char *status,
                                const double *value, const char *state) {
  const char *kind = status ? "action" : "measure";
  char locator[128];
  sl_rows_locator(import->rows, row->cells->line, import->column[column], locator, sizeof locator);
  return sl_store_run(import->store,
                      "INSERT INTO progress_entry(return_id, seq, kind, ref, status, value, state, "
                      "note, locator, quote, target_name) "
                      "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
                      "iitttfttttt", import->error, import->return_id, (int64_t)row->cells->line,
                      kind, row->field[COLUMN_REF], status, value, state,
                      progress_note(import, row), locator, row->field[column],
                      target->name[0] ? target->name : NULL);
}

/* A word as the lists spell it: people type "In progress" or "Not
 * started" in a spreadsheet, which mean in_progress and not_started. */
static const char *progress_word(const char *text, char *out, size_t size) {
  size_t i = 0;
  for (; text[i] && i + 1 < size; i++)
    out[i] = text[i] == ' ' || text[i] == '-' ? '_' : (char)tolower((unsigned char)text[i]);
  out[i] = 0;
  return out;
}

static int progress_action(progress_import *import, const progress_row *row) {
  progress_target target;
  char list[128];
  int found = progress_find(import, row, "action", &target);
  if (found <= 0 || progress_unique(import, row, "action") ||
      progress_required(import, row, COLUMN_STATUS) ||
      progress_empty(import, row, COLUMN_VALUE, "an action has a Status, not a Value"))
    return -1;
  char word[FIELD_MAX];
  const char *status = progress_word(row->field[COLUMN_STATUS], word, sizeof word);
  if (!sl_valid_enum(status, sl_progress_action_statuses))
    return progress_fail(import, row->cells->line, import->column[COLUMN_STATUS],
                         "status '%s' is not one of %s", row->field[COLUMN_STATUS],
                         progress_list(sl_progress_action_statuses, list, sizeof list));
  import->counts->actions++;
  return progress_store_entry(import, row, &target, COLUMN_STATUS, status, NULL, NULL);
}

/* A number for an interval measure, checked against its unit. */
static int progress_number(progress_import *import, const progress_row *row,
                           const progress_target *target, double *number) {
  const char *text = row->field[COLUMN_VALUE];
  long line = row->cells->line;
  size_t column = import->column[COLUMN_VALUE];
  const char *ref = row->field[COLUMN_REF];
  if (!sl_valid_number(text)) {
    size_t length = strlen(text);
    if (length > 1 && text[length - 1] == '%')
      return progress_fail(import, line, column,
                           "'%s': write a percentage as a number (%.*s), without %%", text,
                           (int)length - 1, text);
    return progress_fail(import, line, column, "'%s' is not a number (measure %s is %s%s%s)", text,
                         ref, target->measure_kind[0] ? "an interval measure" : "a measure",
                         target->unit[0] ? ", unit " : "", target->unit);
  }
  *number = strtod(text, NULL);
  if (strcmp(target->unit, "percent") == 0 && (*number < 0 || *number > 100))
    return progress_fail(import, line, column,
                         "%s is not a percentage from 0 to 100 (measure %s is in percent)", text,
                         ref);
  if (strcmp(target->unit, "count") == 0 &&
      (*number < 0 || *number > 1e15 || floor(*number) != *number))
    return progress_fail(import, line, column,
                         "%s is not a count (a whole number, 0 or more) as measure %s needs", text,
                         ref);
  return 0;
}

static int progress_measure(progress_import *import, const progress_row *row) {
  progress_target target;
  char list[128];
  int found = progress_find(import, row, "measure", &target);
  if (found <= 0 || progress_unique(import, row, "measure") ||
      progress_empty(import, row, COLUMN_STATUS,
                     "a measure has a Value, not a Status (a nominal state goes in Value)") ||
      progress_required(import, row, COLUMN_VALUE))
    return -1;
  const char *text = row->field[COLUMN_VALUE];
  char word[FIELD_MAX];
  const char *state = progress_word(text, word, sizeof word);
  bool is_state = sl_valid_enum(state, sl_progress_nominal_states);
  double number;
  if (strcmp(target.measure_kind, "nominal") == 0 && !is_state)
    return progress_fail(import, row->cells->line, import->column[COLUMN_VALUE],
                         "'%s' is not a state of nominal measure %s (%s)", text,
                         row->field[COLUMN_REF],
                         progress_list(sl_progress_nominal_states, list, sizeof list));
  if (!is_state || strcmp(target.measure_kind, "interval") == 0)
    if (progress_number(import, row, &target, &number)) return -1;
  import->counts->measures++;
  bool valued = !is_state || strcmp(target.measure_kind, "interval") == 0;
  if (progress_store_entry(import, row, &target, COLUMN_VALUE, NULL, valued ? &number : NULL,
                           valued ? NULL : state))
    return -1;
  return 0;
}

static int progress_data_row(progress_import *import, const sl_csv_row *cells) {
  progress_row row;
  char list[64];
  if (cells->line > PROGRESS_MAX_LINE)
    return progress_fail(import, cells->line, 1, "a return has at most %ld rows",
                         PROGRESS_MAX_LINE);
  if (progress_fields(import, cells, &row) || progress_period(import, &row) ||
      progress_required(import, &row, COLUMN_REF) || progress_required(import, &row, COLUMN_KIND))
    return -1;
  char word[FIELD_MAX];
  const char *kind = progress_word(row.field[COLUMN_KIND], word, sizeof word);
  if (!sl_valid_enum(kind, KINDS))
    return progress_fail(import, cells->line, import->column[COLUMN_KIND],
                         "kind '%s' is not one of %s", row.field[COLUMN_KIND],
                         progress_list(KINDS, list, sizeof list));
  return strcmp(kind, "action") == 0 ? progress_action(import, &row)
                                     : progress_measure(import, &row);
}

/* A measure entry as the plan's observation, its cell as its source. */
static int progress_observe(sl_store *store, const char *area, int64_t entry, int64_t measure,
                            sl_error *error) {
  if (sl_store_run(store,
                   "INSERT INTO fact(area, kind, seq) SELECT ?1, 'observation', ?2 + e.seq + ?2 * "
                   "CAST((julianday(r.period_start) - julianday('1970-01-01')) * 16 + "
                   "(julianday(r.period_end) - julianday(r.period_start)) % 16 AS INTEGER) "
                   "FROM progress_entry e JOIN progress_return r ON r.id = e.return_id "
                   "WHERE e.id = ?3",
                   "tii", error, area, PROGRESS_SEQ_BASE, entry))
    return -1;
  int64_t fact = sl_store_last_id(store);
  return sl_store_run(store,
                      "INSERT INTO observation(id, measure, period, kind, value, state, note, "
                      "period_kind, period_start, period_end) "
                      "SELECT ?1, ?2, r.period, 'actual', e.value, e.state, e.note, "
                      "r.period_kind, r.period_start, r.period_end "
                      "FROM progress_entry e JOIN progress_return r ON r.id = e.return_id "
                      "WHERE e.id = ?3",
                      "iii", error, fact, measure, entry) ||
                 sl_store_run(store,
                              "INSERT INTO source(fact, document, locator, quote) "
                              "SELECT ?1, r.document, e.locator, e.quote FROM progress_entry e "
                              "JOIN progress_return r ON r.id = e.return_id WHERE e.id = ?2",
                              "ii", error, fact, entry) ||
                 sl_store_run(store, "UPDATE progress_entry SET observation = ?1 WHERE id = ?2",
                              "ii", error, fact, entry)
             ? -1
             : 0;
}

/* Measure entries of area without an observation, each with the measure
 * of the plan it belongs to: the one its ref names if the name is still
 * the one imported, else the one measure of that name (the plan numbered
 * its measures anew). (entry, measure) pairs, malloc'd. */
static int64_t *progress_unobserved(sl_store *store, const char *area, size_t *count,
                                    sl_error *error) {
  sqlite3_stmt *statement = sl_store_prepare(
      store,
      "SELECT id, measure FROM (SELECT e.id AS id, coalesce("
      " (SELECT min(t.fact) FROM progress_target t JOIN measure m ON m.id = t.fact"
      "  WHERE t.area = r.area AND t.kind = 'measure' AND t.ref = e.ref"
      "  AND m.name IS e.target_name HAVING count(*) = 1),"
      " (SELECT min(m.id) FROM measure m JOIN fact f ON f.id = m.id"
      "  WHERE f.area = r.area AND m.name = e.target_name HAVING count(*) = 1)) AS measure "
      "FROM progress_entry e JOIN progress_return r ON r.id = e.return_id "
      "WHERE r.area = ?1 AND e.kind = 'measure' AND e.observation IS NULL) "
      "WHERE measure IS NOT NULL ORDER BY id",
      "t", error, area);
  *count = 0;
  if (!statement) return NULL;
  size_t capacity = 64;
  int64_t *pairs = malloc(capacity * 2 * sizeof *pairs);
  while (pairs && sqlite3_step(statement) == SQLITE_ROW) {
    if (*count == capacity) {
      capacity *= 2;
      int64_t *grown = realloc(pairs, capacity * 2 * sizeof *grown);
      if (!grown) free(pairs);
      pairs = grown;
      if (!pairs) break;
    }
    pairs[2 * *count] = sqlite3_column_int64(statement, 0);
    pairs[2 * *count + 1] = sqlite3_column_int64(statement, 1);
    (*count)++;
  }
  sqlite3_reset(statement);
  if (!pairs) sl_error_set(error, "%s: out of memory", sl_store_path(store));
  return pairs;
}

static int progress_link(sl_store *store, const char *area, sl_error *error) {
  size_t count;
  int64_t *pairs = progress_unobserved(store, area, &count, error);
  if (!pairs) return -1;
  int result = 0;
  for (size_t i = 0; i < count && result == 0; i++)
    result = progress_observe(store, area, pairs[2 * i], pairs[2 * i + 1], error);
  free(pairs);
  return result;
}

int sl_progress_relink(sl_store *store, const char *area_code, size_t *unlinked, sl_error *error) {
  if (progress_link(store, area_code, error)) return -1;
  sqlite3_stmt *statement = sl_store_prepare(
      store,
      "SELECT count(*) FROM progress_entry e JOIN progress_return r ON r.id = e.return_id "
      "WHERE r.area = ?1 AND " SL_PROGRESS_UNLINKED,
      "t", error, area_code);
  if (!statement) return -1;
  *unlinked =
      sqlite3_step(statement) == SQLITE_ROW ? (size_t)sqlite3_column_int64(statement, 0) : 0;
  sqlite3_reset(statement);
  return 0;
}

static int progress_area(progress_import *import, const char *area, const char *path) {
  sqlite3_stmt *statement = sl_store_prepare(
      import->store,
      "SELECT code, name FROM area WHERE code = ?1 OR plugin = ?1 OR lower(name) = lower(?1)", "t",
      import->error, area);
  if (!statement) return -1;
  int found = sqlite3_step(statement) == SQLITE_ROW;
  if (found) {
    snprintf(import->area, sizeof import->area, "%s", sqlite3_column_text(statement, 0));
    snprintf(import->area_name, sizeof import->area_name, "%s", sqlite3_column_text(statement, 1));
  }
  sqlite3_reset(statement);
  if (!found)
    return sl_error_set(import->error,
                        "%s: no area '%s' in %s (load it first; see 'sendlens areas')", path, area,
                        sl_store_path(import->store));
  return 0;
}

/* Header, then every row; the caller holds the transaction. */
static int progress_read(progress_import *import) {
  sl_csv_row row;
  int got = sl_rows_next(import->rows, &row, import->error);
  if (got < 0) return -1;
  if (got == 0)
    return progress_fail(import, 1, 1, "empty file: the first row must name the columns %s",
                         "Period, Ref, Kind, Status, Value, Note");
  if (progress_header(import, &row)) return -1;
  long header_line = row.line;
  size_t rows = 0;
  while ((got = sl_rows_next(import->rows, &row, import->error)) == 1) {
    if (progress_row_empty(&row) || progress_row_unreported(import, &row)) continue;
    if (progress_data_row(import, &row)) return -1;
    rows++;
  }
  if (got < 0) return -1;
  if (!rows) return progress_fail(import, header_line + 1, 1, "no rows after the header");
  if (progress_link(import->store, import->area, import->error)) return -1;
  return 0;
}

int sl_progress_import(sl_store *store, const char *area, const char *path,
                       sl_progress_counts *counts, sl_error *error) {
  progress_import import = {.store = store, .counts = counts, .error = error};
  memset(counts, 0, sizeof *counts);
  const char *slash = strrchr(path, '/');
  import.document = slash ? slash + 1 : path;
  if (progress_area(&import, area, path)) return -1;
  if (!(import.rows = sl_rows_open(path, NULL, error))) return -1;
  int result = sl_store_begin(store, error);
  if (result == 0) {
    result = progress_read(&import);
    if (result == 0) result = sl_store_commit(store, error);
    if (result != 0) sl_store_rollback(store);
  }
  sl_rows_close(import.rows);
  snprintf(counts->area, sizeof counts->area, "%s", import.area);
  snprintf(counts->period, sizeof counts->period, "%s", import.period);
  return result;
}
