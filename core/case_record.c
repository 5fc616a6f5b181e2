/*
 * case_record.c: the rules of one case-file row (docs/data-model.md, "Case
 * records"), checked as the row is turned into a record. Every message
 * names the file, line and column, and none quotes a cell.
 */
#include "case_record.h"

#include <stdio.h>
#include <string.h>

#include "days.h"

enum {
  COL_MODULE,
  COL_PERSON,
  COL_REQUEST,
  COL_RECEIVED,
  COL_SOURCE,
  COL_OUTCOME,
  COL_OUTCOME_DATE,
  COL_ASSESSMENT,
  COL_ASSESSMENT_DATE,
  COL_WEEK20,
  COL_START,
  COL_CEASE,
  COL_CEASE_REASON,
  COL_DUE,
  COL_HELD,
  COL_COUNT
};

_Static_assert((int)SL_CASE_COLUMN_REQUEST == (int)COL_REQUEST, "the RequestID column");

static const char *const CASE_COLUMNS[COL_COUNT] = {"Module",
                                                    "PersonID",
                                                    "RequestID",
                                                    "ReceivedDate",
                                                    "RequestSource",
                                                    "RequestOutcome",
                                                    "RequestOutcomeDate",
                                                    "AssessmentOutcome",
                                                    "AssessmentOutcomeDate",
                                                    "Week20",
                                                    "StartDate",
                                                    "CeaseDate",
                                                    "CeaseReason",
                                                    "ReviewDueDate",
                                                    "ReviewHeldDate"};

const char *const sl_case_outcomes[] = {"assess", "refused", "withdrawn", NULL};
const char *const sl_case_assessments[] = {"plan", "no_plan", "withdrawn", NULL};

/* What checking a row needs at hand. */
typedef struct case_row {
  const char *path;
  const sl_csv_row *row;
  sl_error *error;
} case_row;

int sl_case_fail(const char *path, long line, int column, const char *what, sl_error *error) {
  return sl_error_set(error, "%s:%ld:%s: %s", path, line, column >= 0 ? CASE_COLUMNS[column] : "-",
                      what);
}

static int case_fail(const case_row *at, int column, const char *what) {
  return sl_case_fail(at->path, at->row->line, column, what, at->error);
}

/* ---- cells ---- */

static int case_empty(const case_row *at, int column) { return at->row->cells[column].length == 0; }

static int case_is(const case_row *at, int column, const char *code) {
  return strcmp(at->row->cells[column].text, code) == 0;
}

/* An optional code cell: its index in codes (NULL-terminated), -1 when
 * empty, -2 when it is none of them. */
static int case_code(const case_row *at, int column, const char *const *codes) {
  if (case_empty(at, column)) return -1;
  for (int i = 0; codes[i]; i++)
    if (case_is(at, column, codes[i])) return i;
  return -2;
}

/* A date cell: 1 with *day set, 0 when empty (*day untouched), -1 (error
 * set) when not a date. */
static int case_date(const case_row *at, int column, int64_t *day) {
  if (case_empty(at, column)) return 0;
  const sl_csv_cell *cell = &at->row->cells[column];
  if (sl_days_parse(cell->text, cell->length, day) == 0) return 1;
  return case_fail(at, column, "not a date that exists, written YYYY-MM-DD");
}

static int case_required_date(const case_row *at, int column, int64_t *day) {
  int found = case_date(at, column, day);
  if (found == 0) return case_fail(at, column, "empty (a date is required)");
  return found < 0 ? -1 : 0;
}

/* Every column from first to last (inclusive) must be empty. */
static int case_all_empty(const case_row *at, int first, int last, const char *why) {
  for (int column = first; column <= last; column++)
    if (!case_empty(at, column)) return case_fail(at, column, why);
  return 0;
}

static int case_identifiers(const case_row *at) {
  static const int columns[] = {COL_PERSON, COL_REQUEST};
  for (int i = 0; i < 2; i++) {
    size_t length = at->row->cells[columns[i]].length;
    if (length == 0) return case_fail(at, columns[i], "empty");
    if (length > SL_CASE_MAX_ID) return case_fail(at, columns[i], "longer than 100 characters");
  }
  return 0;
}

/* RequestSource and CeaseReason are codes, not free text (which could name
 * a child): short ones only. */
static int case_short_code(const case_row *at, int column, sl_case_code *code) {
  const sl_csv_cell *cell = &at->row->cells[column];
  if (cell->length > SL_CASE_MAX_CODE)
    return case_fail(at, column, "longer than 40 characters (a code is expected, not text)");
  code->length = (unsigned char)cell->length;
  memcpy(code->text, cell->text, cell->length + 1);
  return 0;
}

/* ---- a request row ---- */

/* An outcome cell and its date: the date is there exactly when the code is. */
static int case_outcome(const case_row *at, int column, int date_column, const char *const *codes,
                        const char *codes_text, int *code, int64_t *day) {
  *code = case_code(at, column, codes);
  if (*code == -2) return case_fail(at, column, codes_text);
  int dated = case_date(at, date_column, day);
  if (dated < 0) return -1;
  if (*code >= 0 && !dated) return case_fail(at, date_column, "empty, but the outcome is given");
  if (*code < 0 && dated) return case_fail(at, date_column, "given, but there is no outcome");
  return 0;
}

static int case_week20(const case_row *at, sl_case_record *record) {
  record->week20 = !case_empty(at, COL_WEEK20) && case_is(at, COL_WEEK20, "1");
  if (case_empty(at, COL_WEEK20) || record->week20 || case_is(at, COL_WEEK20, "0")) return 0;
  return case_fail(at, COL_WEEK20, "not 1, 0 or empty");
}

/* StartDate only for a plan; CeaseDate and CeaseReason only after a start. */
static int case_plan(const case_row *at, sl_case_record *record) {
  int started = case_date(at, COL_START, &record->start);
  if (started < 0) return -1;
  if (started && record->assessment != 0)
    return case_fail(at, COL_START, "given, but AssessmentOutcome is not plan");
  if (case_date(at, COL_CEASE, &record->cease) < 0) return -1;
  if (!started && !case_empty(at, COL_CEASE))
    return case_fail(at, COL_CEASE, "given, but there is no StartDate");
  if (!started && !case_empty(at, COL_CEASE_REASON))
    return case_fail(at, COL_CEASE_REASON, "given, but there is no StartDate");
  return 0;
}

static int case_request(const case_row *at, sl_case_record *record) {
  record->kind = SL_CASE_REQUEST;
  if (case_identifiers(at) || case_short_code(at, COL_SOURCE, &record->source) ||
      case_short_code(at, COL_CEASE_REASON, &record->cease_reason) ||
      case_required_date(at, COL_RECEIVED, &record->received) ||
      case_outcome(at, COL_OUTCOME, COL_OUTCOME_DATE, sl_case_outcomes,
                   "not one of assess, refused, withdrawn (or empty: not decided)",
                   &record->outcome, &record->outcome_date) ||
      case_outcome(at, COL_ASSESSMENT, COL_ASSESSMENT_DATE, sl_case_assessments,
                   "not one of plan, no_plan, withdrawn (or empty: open)", &record->assessment,
                   &record->assessment_date))
    return -1;
  if (record->assessment >= 0 && record->outcome != 0)
    return case_fail(at, COL_ASSESSMENT, "given, but RequestOutcome is not assess");
  if (case_week20(at, record) || case_plan(at, record)) return -1;
  return case_all_empty(at, COL_DUE, COL_HELD, "must be empty on a request row");
}

/* ---- a review row ---- */

static int case_review(const case_row *at, sl_case_record *record) {
  record->kind = SL_CASE_REVIEW;
  if (case_identifiers(at) ||
      case_all_empty(at, COL_RECEIVED, COL_CEASE_REASON, "must be empty on a review row") ||
      case_required_date(at, COL_DUE, &record->due) || case_date(at, COL_HELD, &record->held) < 0)
    return -1;
  return 0;
}

/* ---- the row ---- */

static int64_t case_key(const sl_pseudonym *pseudonym, const case_row *at, int column,
                        sl_pseudonym_kind kind) {
  const sl_csv_cell *cell = &at->row->cells[column];
  return sl_pseudonym_key(pseudonym, kind, cell->text, cell->length);
}

int sl_case_record_read(const char *path, const sl_pseudonym *pseudonym, const sl_csv_row *row,
                        sl_case_record *record, sl_error *error) {
  case_row at = {path, row, error};
  if (row->count != COL_COUNT) {
    char what[96];
    snprintf(what, sizeof what, "%zu cells, but the header has %d", row->count, COL_COUNT);
    return case_fail(&at, -1, what);
  }
  record->line = row->line;
  record->received = record->outcome_date = record->assessment_date = SL_CASE_NO_DAY;
  record->start = record->cease = record->due = record->held = SL_CASE_NO_DAY;
  int checked;
  if (case_is(&at, COL_MODULE, "request"))
    checked = case_request(&at, record);
  else if (case_is(&at, COL_MODULE, "review"))
    checked = case_review(&at, record);
  else
    return case_fail(&at, COL_MODULE,
                     case_empty(&at, COL_MODULE) ? "empty (request or review)"
                                                 : "not request or review");
  if (checked) return -1;
  record->person = case_key(pseudonym, &at, COL_PERSON, SL_PSEUDONYM_PERSON);
  record->request = case_key(pseudonym, &at, COL_REQUEST, SL_PSEUDONYM_REQUEST);
  return 0;
}

/* The header: exactly the columns of CASE_COLUMNS, in order. Its cells are
 * not quoted back either: a file without a header has data there. */
int sl_case_header(const char *path, const sl_csv_row *row, sl_error *error) {
  case_row at = {path, row, error};
  for (size_t i = 0; i < row->count && i < COL_COUNT; i++) {
    if (strcmp(row->cells[i].text, CASE_COLUMNS[i]) == 0) continue;
    char what[160];
    snprintf(what, sizeof what, "header column %zu must be %s (see docs/data-model.md)", i + 1,
             CASE_COLUMNS[i]);
    return case_fail(&at, (int)i, what);
  }
  if (row->count < COL_COUNT) return case_fail(&at, (int)row->count, "missing from the header");
  if (row->count > COL_COUNT)
    return sl_error_set(error,
                        "%s:%ld:column %d: column %d is one too many: a case file has exactly "
                        "these %d columns, and never names or dates of birth",
                        path, row->line, COL_COUNT + 1, COL_COUNT + 1, COL_COUNT);
  return 0;
}
