/*
 * cases.c: `import-cases`, the person-level EHC records of one area.
 *
 * One pass over the file: each row is checked against the rules of
 * docs/data-model.md, its identifiers replaced by keyed hashes, and
 * inserted through two cached statements, all in one transaction. Only the
 * rule that needs the whole file (a review's request exists with a plan)
 * is checked at the end, by SQL inside the same transaction. Nothing of a
 * file with a bad row is stored, and no message quotes a cell of the file:
 * any cell may hold a child's identifier.
 */
#include "cases.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "csv.h"
#include "days.h"
#include "keyset.h"
#include "pseudonym.h"

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

static const char *const CASES_COLUMNS[COL_COUNT] = {"Module",
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

/* How often the progress callback hears from us, in rows; the longest
 * RequestSource or CeaseReason; the longest identifier (SEN2's are far
 * shorter: a longer one is not an identifier). */
enum { CASES_PROGRESS_ROWS = 8192, CASES_MAX_CODE = 40, CASES_MAX_ID = 100 };

typedef struct cases_import {
  sl_store *store;
  const char *path;
  sl_pseudonym pseudonym;
  int64_t id;         /* of the case_import row */
  sl_keyset requests; /* every request row's key: a second one is refused */
  sl_keyset planned;  /* those with a StartDate */
  int64_t first_received, last_received;
  sl_cases_counts *counts;
  sl_error *error;
} cases_import;

/* ---- the file's place in messages ---- */

static int cases_fail(const cases_import *import, long line, int column, const char *what) {
  return sl_error_set(import->error, "%s:%ld:%s: %s", import->path, line,
                      column >= 0 ? CASES_COLUMNS[column] : "-", what);
}

/* ---- cells ---- */

static int cases_empty(const sl_csv_row *row, int column) { return row->cells[column].length == 0; }

static int cases_is(const sl_csv_row *row, int column, const char *code) {
  return strcmp(row->cells[column].text, code) == 0;
}

/* An optional code cell: its index in codes (NULL-terminated), -1 when
 * empty, -2 when it is none of them. */
static int cases_code(const sl_csv_row *row, int column, const char *const *codes) {
  if (cases_empty(row, column)) return -1;
  for (int i = 0; codes[i]; i++)
    if (cases_is(row, column, codes[i])) return i;
  return -2;
}

/* A date cell: 1 with *day set, 0 when empty, -1 (error set) when not a date. */
static int cases_date(const cases_import *import, const sl_csv_row *row, int column, int64_t *day) {
  if (cases_empty(row, column)) return 0;
  if (sl_days_parse(row->cells[column].text, row->cells[column].length, day) == 0) return 1;
  return cases_fail(import, row->line, column, "not a date that exists, written YYYY-MM-DD");
}

static int cases_required_date(const cases_import *import, const sl_csv_row *row, int column,
                               int64_t *day) {
  int found = cases_date(import, row, column, day);
  if (found == 0) return cases_fail(import, row->line, column, "empty (a date is required)");
  return found < 0 ? -1 : 0;
}

/* Every column from first to last (inclusive) must be empty. */
static int cases_all_empty(const cases_import *import, const sl_csv_row *row, int first, int last,
                           const char *why) {
  for (int column = first; column <= last; column++)
    if (!cases_empty(row, column)) return cases_fail(import, row->line, column, why);
  return 0;
}

static int cases_identifiers(const cases_import *import, const sl_csv_row *row) {
  static const int columns[] = {COL_PERSON, COL_REQUEST};
  for (int i = 0; i < 2; i++) {
    size_t length = row->cells[columns[i]].length;
    if (length == 0) return cases_fail(import, row->line, columns[i], "empty");
    if (length > CASES_MAX_ID)
      return cases_fail(import, row->line, columns[i], "longer than 100 characters");
  }
  return 0;
}

static int64_t cases_key(const cases_import *import, const sl_csv_row *row, int column,
                         sl_pseudonym_kind kind) {
  return sl_pseudonym_key(&import->pseudonym, kind, row->cells[column].text,
                          row->cells[column].length);
}

/* ---- a request row ---- */

static const char *const OUTCOMES[] = {"assess", "refused", "withdrawn", NULL};
static const char *const ASSESSMENTS[] = {"plan", "no_plan", "withdrawn", NULL};

/* The dates of a request row; a field is INT64_MIN when empty. */
typedef struct cases_request_dates {
  int64_t received, outcome, assessment, start, cease;
} cases_request_dates;

/* An outcome cell and its date: the date is there exactly when the code is. */
static int cases_outcome(const cases_import *import, const sl_csv_row *row, int column,
                         int date_column, const char *const *codes, const char *codes_text,
                         int *code, int64_t *day) {
  *code = cases_code(row, column, codes);
  if (*code == -2) return cases_fail(import, row->line, column, codes_text);
  int dated = cases_date(import, row, date_column, day);
  if (dated < 0) return -1;
  if (*code >= 0 && !dated)
    return cases_fail(import, row->line, date_column, "empty, but the outcome is given");
  if (*code < 0 && dated)
    return cases_fail(import, row->line, date_column, "given, but there is no outcome");
  return 0;
}

/* RequestSource and CeaseReason are codes, not free text (which could
 * name a child): short ones only. */
static int cases_codes(const cases_import *import, const sl_csv_row *row) {
  static const int columns[] = {COL_SOURCE, COL_CEASE_REASON};
  for (int i = 0; i < 2; i++)
    if (row->cells[columns[i]].length > CASES_MAX_CODE)
      return cases_fail(import, row->line, columns[i],
                        "longer than 40 characters (a code is expected, not text)");
  return 0;
}

static int cases_check_request(const cases_import *import, const sl_csv_row *row,
                               cases_request_dates *dates, int *outcome, int *assessment) {
  dates->outcome = dates->assessment = dates->start = dates->cease = INT64_MIN;
  if (cases_identifiers(import, row) || cases_codes(import, row) ||
      cases_required_date(import, row, COL_RECEIVED, &dates->received) ||
      cases_outcome(import, row, COL_OUTCOME, COL_OUTCOME_DATE, OUTCOMES,
                    "not one of assess, refused, withdrawn (or empty: not decided)", outcome,
                    &dates->outcome) ||
      cases_outcome(import, row, COL_ASSESSMENT, COL_ASSESSMENT_DATE, ASSESSMENTS,
                    "not one of plan, no_plan, withdrawn (or empty: open)", assessment,
                    &dates->assessment))
    return -1;
  if (*assessment >= 0 && *outcome != 0)
    return cases_fail(import, row->line, COL_ASSESSMENT, "given, but RequestOutcome is not assess");
  if (!cases_empty(row, COL_WEEK20) && !cases_is(row, COL_WEEK20, "0") &&
      !cases_is(row, COL_WEEK20, "1"))
    return cases_fail(import, row->line, COL_WEEK20, "not 1, 0 or empty");
  int started = cases_date(import, row, COL_START, &dates->start);
  if (started < 0) return -1;
  if (started && *assessment != 0)
    return cases_fail(import, row->line, COL_START, "given, but AssessmentOutcome is not plan");
  if (cases_date(import, row, COL_CEASE, &dates->cease) < 0) return -1;
  if (!started && !cases_empty(row, COL_CEASE))
    return cases_fail(import, row->line, COL_CEASE, "given, but there is no StartDate");
  if (!started && !cases_empty(row, COL_CEASE_REASON))
    return cases_fail(import, row->line, COL_CEASE_REASON, "given, but there is no StartDate");
  return cases_all_empty(import, row, COL_DUE, COL_HELD, "must be empty on a request row");
}

static void cases_bind_day(sqlite3_stmt *statement, int column, int64_t day) {
  if (day == INT64_MIN)
    sqlite3_bind_null(statement, column);
  else
    sqlite3_bind_int64(statement, column, day);
}

static void cases_bind_text(sqlite3_stmt *statement, int column, const sl_csv_cell *cell) {
  if (cell->length == 0)
    sqlite3_bind_null(statement, column);
  else
    sqlite3_bind_text(statement, column, cell->text, (int)cell->length, SQLITE_STATIC);
}

/* The store's message for a statement that failed; the statement is reset. */
static int cases_sql_error(const cases_import *import, sqlite3_stmt *statement) {
  sl_error_set(import->error, "%s: %s", sl_store_path(import->store),
               sqlite3_errmsg(sqlite3_db_handle(statement)));
  sqlite3_reset(statement);
  return -1;
}

static int cases_step(const cases_import *import, sqlite3_stmt *statement) {
  return sqlite3_step(statement) == SQLITE_DONE ? 0 : cases_sql_error(import, statement);
}

/* The first line of this import with a request key (for a duplicate). */
static long cases_request_line(const cases_import *import, int64_t key) {
  sqlite3_stmt *statement =
      sl_store_prepare(import->store,
                       "SELECT min(line) FROM case_request WHERE id BETWEEN ?1 * 4294967296 AND "
                       "?1 * 4294967296 + 4294967295 AND request = ?2",
                       "ii", NULL, import->id, key);
  long line = statement && sqlite3_step(statement) == SQLITE_ROW
                  ? (long)sqlite3_column_int64(statement, 0)
                  : 0;
  if (statement) sqlite3_reset(statement);
  return line;
}

static int cases_request(cases_import *import, const sl_csv_row *row) {
  cases_request_dates dates;
  int outcome, assessment;
  if (cases_check_request(import, row, &dates, &outcome, &assessment)) return -1;
  int64_t request = cases_key(import, row, COL_REQUEST, SL_PSEUDONYM_REQUEST);
  int added = sl_keyset_add(&import->requests, (uint64_t)request);
  if (added < 0) return sl_error_set(import->error, "%s: out of memory", import->path);
  if (!added) {
    char what[96];
    snprintf(what, sizeof what, "the same RequestID as the request on line %ld",
             cases_request_line(import, request));
    return cases_fail(import, row->line, COL_REQUEST, what);
  }
  sqlite3_stmt *statement = sl_store_prepare(
      import->store,
      "INSERT INTO case_request(id, person, request, received, source, outcome, outcome_date, "
      "assessment, assessment_date, week20, start, cease, cease_reason) "
      "VALUES(?1 * 4294967296 + ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
      "", import->error);
  if (!statement) return -1;
  const sl_csv_cell *cells = row->cells;
  sqlite3_bind_int64(statement, 1, import->id);
  sqlite3_bind_int64(statement, 2, row->line);
  sqlite3_bind_int64(statement, 3, cases_key(import, row, COL_PERSON, SL_PSEUDONYM_PERSON));
  sqlite3_bind_int64(statement, 4, request);
  sqlite3_bind_int64(statement, 5, dates.received);
  cases_bind_text(statement, 6, &cells[COL_SOURCE]);
  cases_bind_text(statement, 7, &cells[COL_OUTCOME]);
  cases_bind_day(statement, 8, dates.outcome);
  cases_bind_text(statement, 9, &cells[COL_ASSESSMENT]);
  cases_bind_day(statement, 10, dates.assessment);
  sqlite3_bind_int(statement, 11, cases_is(row, COL_WEEK20, "1"));
  cases_bind_day(statement, 12, dates.start);
  cases_bind_day(statement, 13, dates.cease);
  cases_bind_text(statement, 14, &cells[COL_CEASE_REASON]);
  import->counts->requests++;
  if (dates.received < import->first_received) import->first_received = dates.received;
  if (dates.received > import->last_received) import->last_received = dates.received;
  if (dates.start != INT64_MIN && sl_keyset_add(&import->planned, (uint64_t)request) < 0)
    return sl_error_set(import->error, "%s: out of memory", import->path);
  return cases_step(import, statement);
}

/* ---- a review row ---- */

static int cases_review(cases_import *import, const sl_csv_row *row) {
  int64_t due, held = INT64_MIN;
  if (cases_identifiers(import, row) ||
      cases_all_empty(import, row, COL_RECEIVED, COL_CEASE_REASON,
                      "must be empty on a review row") ||
      cases_required_date(import, row, COL_DUE, &due) ||
      cases_date(import, row, COL_HELD, &held) < 0)
    return -1;
  sqlite3_stmt *statement =
      sl_store_prepare(import->store,
                       "INSERT INTO case_review(id, person, request, due, held) "
                       "VALUES(?1 * 4294967296 + ?2, ?3, ?4, ?5, ?6)",
                       "", import->error);
  if (!statement) return -1;
  sqlite3_bind_int64(statement, 1, import->id);
  sqlite3_bind_int64(statement, 2, row->line);
  sqlite3_bind_int64(statement, 3, cases_key(import, row, COL_PERSON, SL_PSEUDONYM_PERSON));
  sqlite3_bind_int64(statement, 4, cases_key(import, row, COL_REQUEST, SL_PSEUDONYM_REQUEST));
  sqlite3_bind_int64(statement, 5, due);
  cases_bind_day(statement, 6, held);
  import->counts->reviews++;
  return cases_step(import, statement);
}

static int cases_row(cases_import *import, const sl_csv_row *row) {
  if (row->count != COL_COUNT) {
    char what[96];
    snprintf(what, sizeof what, "%zu cells, but the header has %d", row->count, COL_COUNT);
    return cases_fail(import, row->line, -1, what);
  }
  import->counts->rows++;
  if (cases_is(row, COL_MODULE, "request")) return cases_request(import, row);
  if (cases_is(row, COL_MODULE, "review")) return cases_review(import, row);
  return cases_fail(import, row->line, COL_MODULE,
                    cases_empty(row, COL_MODULE) ? "empty (request or review)"
                                                 : "not request or review");
}

/* The header: exactly the columns of CASES_COLUMNS, in order. Its cells are
 * not quoted back either: a file without a header has data there. */
static int cases_header(const cases_import *import, const sl_csv_row *row) {
  for (size_t i = 0; i < row->count && i < COL_COUNT; i++) {
    if (strcmp(row->cells[i].text, CASES_COLUMNS[i]) == 0) continue;
    char what[160];
    snprintf(what, sizeof what, "header column %zu must be %s (see docs/data-model.md)", i + 1,
             CASES_COLUMNS[i]);
    return cases_fail(import, row->line, (int)i, what);
  }
  if (row->count < COL_COUNT)
    return cases_fail(import, row->line, (int)row->count, "missing from the header");
  if (row->count > COL_COUNT) {
    char what[200];
    snprintf(what, sizeof what,
             "column %zu is one too many: a case file has exactly these %d columns, and never "
             "names or dates of birth",
             (size_t)COL_COUNT + 1, COL_COUNT);
    return sl_error_set(import->error, "%s:%ld:column %d: %s", import->path, row->line,
                        COL_COUNT + 1, what);
  }
  return 0;
}

/* The rule that needs the whole file: each review's RequestID is that of a
 * request row with a StartDate. The reviews are read back by SQL from this
 * import's range of rows and looked up in the set of planned requests: a
 * join in SQL would need an index on the request key that nothing else
 * needs. */
static int cases_check_reviews(const cases_import *import) {
  sqlite3_stmt *statement =
      sl_store_prepare(import->store,
                       "SELECT line, request FROM case_review WHERE id BETWEEN ?1 * 4294967296 AND "
                       "?1 * 4294967296 + 4294967295 ORDER BY id",
                       "i", import->error, import->id);
  if (!statement) return -1;
  int rc = SQLITE_DONE;
  long line = 0;
  while (!line && (rc = sqlite3_step(statement)) == SQLITE_ROW)
    if (!sl_keyset_has(&import->planned, (uint64_t)sqlite3_column_int64(statement, 1)))
      line = (long)sqlite3_column_int64(statement, 0);
  if (!line && rc != SQLITE_DONE) return cases_sql_error(import, statement);
  sqlite3_reset(statement);
  if (line)
    return cases_fail(import, line, COL_REQUEST,
                      "no request row in the file has this RequestID and a StartDate");
  return 0;
}

/* ---- the salt, the import row ---- */

static int cases_salt(cases_import *import) {
  unsigned char salt[SL_PSEUDONYM_SALT_BYTES];
  sqlite3_stmt *statement = sl_store_prepare(
      import->store, "SELECT salt FROM case_secret WHERE id = 1", "", import->error);
  if (!statement) return -1;
  int found = sqlite3_step(statement) == SQLITE_ROW &&
              sqlite3_column_bytes(statement, 0) == SL_PSEUDONYM_SALT_BYTES;
  if (found) memcpy(salt, sqlite3_column_blob(statement, 0), sizeof salt);
  sqlite3_reset(statement);
  if (!found) {
    sl_pseudonym_new_salt(salt);
    statement = sl_store_prepare(import->store, "INSERT INTO case_secret(id, salt) VALUES(1, ?1)",
                                 "", import->error);
    if (!statement) return -1;
    sqlite3_bind_blob(statement, 1, salt, sizeof salt, SQLITE_TRANSIENT);
    if (cases_step(import, statement)) return -1;
  }
  sl_pseudonym_setup(&import->pseudonym, salt);
  sodium_memzero(salt, sizeof salt);
  return 0;
}

/* Remove the area's earlier import, its rows, and the results computed
 * from them (they would describe records that are gone). */
static int cases_replace(cases_import *import, const char *area) {
  sqlite3_stmt *statement = sl_store_prepare(
      import->store, "SELECT id FROM case_import WHERE area = ?1", "t", import->error, area);
  if (!statement) return -1;
  int64_t old = sqlite3_step(statement) == SQLITE_ROW ? sqlite3_column_int64(statement, 0) : -1;
  sqlite3_reset(statement);
  if (old < 0) return 0;
  return sl_store_run(import->store,
                      "DELETE FROM case_request WHERE id BETWEEN ?1 * 4294967296 AND "
                      "?1 * 4294967296 + 4294967295",
                      "i", import->error, old) ||
                 sl_store_run(import->store,
                              "DELETE FROM case_review WHERE id BETWEEN ?1 * 4294967296 AND "
                              "?1 * 4294967296 + 4294967295",
                              "i", import->error, old) ||
                 sl_store_run(import->store, "DELETE FROM case_import WHERE id = ?1", "i",
                              import->error, old) ||
                 sl_store_run(import->store,
                              "DELETE FROM indicator_result WHERE area = ?1 AND "
                              "denominator IS NOT NULL",
                              "t", import->error, area)
             ? -1
             : 0;
}

/* BLAKE2b-256 of the file, as hex: the import's fingerprint. */
static int cases_file_hash(const char *path, char hex[65], sl_error *error) {
  int fd = open(path, O_RDONLY | O_CLOEXEC);
  if (fd < 0) return sl_error_set(error, "%s: %s", path, strerror(errno));
  crypto_generichash_state state;
  crypto_generichash_init(&state, NULL, 0, 32);
  unsigned char buffer[1 << 16];
  ssize_t got;
  while ((got = read(fd, buffer, sizeof buffer)) > 0 || (got < 0 && errno == EINTR))
    if (got > 0) crypto_generichash_update(&state, buffer, (size_t)got);
  int saved = errno;
  close(fd);
  if (got < 0) return sl_error_set(error, "%s: %s", path, strerror(saved));
  unsigned char hash[32];
  crypto_generichash_final(&state, hash, sizeof hash);
  sodium_bin2hex(hex, 65, hash, sizeof hash);
  return 0;
}

/* The fingerprint is taken on a second thread while this one parses: on
 * two cores the hash costs no time (about 5% of an import otherwise). */
typedef struct cases_hasher {
  pthread_t thread;
  int started;
  const char *path;
  char hex[65];
  sl_error error;
  int result;
} cases_hasher;

static void *cases_hasher_run(void *context) {
  cases_hasher *hasher = context;
  hasher->result = cases_file_hash(hasher->path, hasher->hex, &hasher->error);
  return NULL;
}

static void cases_hasher_start(cases_hasher *hasher, const char *path) {
  hasher->path = path;
  hasher->started = pthread_create(&hasher->thread, NULL, cases_hasher_run, hasher) == 0;
}

/* The hash, once done (computed here if no thread could start). */
static int cases_hasher_finish(cases_hasher *hasher, sl_error *error) {
  if (hasher->started) {
    pthread_join(hasher->thread, NULL);
    hasher->started = 0;
  } else {
    cases_hasher_run(hasher);
  }
  if (hasher->result) *error = hasher->error;
  return hasher->result;
}

/* The import's row, before its rows (they carry its id); its counts and
 * file hash are filled in at the end. */
static int cases_begin_import(cases_import *import, const char *area) {
  char now[32];
  time_t clock = time(NULL);
  struct tm utc;
  gmtime_r(&clock, &utc);
  strftime(now, sizeof now, "%Y-%m-%dT%H:%M:%SZ", &utc);
  const char *name = strrchr(import->path, '/');
  if (sl_store_run(import->store,
                   "INSERT INTO case_import(area, file, file_hash, rows, requests, reviews, "
                   "imported_at) VALUES(?1, ?2, '', 0, 0, 0, ?3)",
                   "ttt", import->error, area, name ? name + 1 : import->path, now))
    return -1;
  import->id = sl_store_last_id(import->store);
  return 0;
}

static int cases_end_import(cases_import *import, cases_hasher *hasher) {
  if (cases_hasher_finish(hasher, import->error)) return -1;
  return sl_store_run(import->store,
                      "UPDATE case_import SET rows = ?2, requests = ?3, reviews = ?4, "
                      "file_hash = ?7, "
                      "first_received = CASE WHEN ?3 > 0 THEN ?5 END, "
                      "last_received = CASE WHEN ?3 > 0 THEN ?6 END WHERE id = ?1",
                      "iiiiiit", import->error, import->id, (int64_t)import->counts->rows,
                      (int64_t)import->counts->requests, (int64_t)import->counts->reviews,
                      import->first_received, import->last_received, hasher->hex);
}

/* ---- the whole file ---- */

static int cases_rows(cases_import *import, sl_csv *csv, sl_cases_progress progress, void *context,
                      uint64_t size) {
  sl_csv_row row;
  int rc = sl_csv_next(csv, &row, import->error);
  if (rc == 0) return sl_error_set(import->error, "%s:1:-: no header row", import->path);
  if (rc < 0 || cases_header(import, &row)) return -1;
  uint64_t bytes = 0;
  while ((rc = sl_csv_next(csv, &row, import->error)) > 0) {
    if (cases_row(import, &row)) return -1;
    /* Bytes of the cells, commas and line end: near enough for a bar. */
    for (size_t i = 0; i < row.count; i++)
      bytes += row.cells[i].length + 1;
    if (progress && import->counts->rows % CASES_PROGRESS_ROWS == 0) progress(context, bytes, size);
  }
  return rc < 0 ? -1 : 0;
}

static int cases_run(cases_import *import, const char *area, sl_cases_progress progress,
                     void *context, uint64_t size) {
  sl_csv_options options = {.skip_leading_comments = 1};
  sl_csv *csv = sl_csv_open(import->path, &options, import->error);
  if (!csv) return -1;
  cases_hasher hasher = {0};
  cases_hasher_start(&hasher, import->path);
  int result = cases_salt(import) || cases_replace(import, area) ||
                       cases_begin_import(import, area) ||
                       cases_rows(import, csv, progress, context, size) ||
                       cases_check_reviews(import) || cases_end_import(import, &hasher)
                   ? -1
                   : 0;
  if (hasher.started) pthread_join(hasher.thread, NULL); /* stopped early: its hash is unused */
  sl_csv_close(csv);
  if (result == 0 && progress) progress(context, size, size);
  return result;
}

/* The file's size for the progress bar; 0 when it is not a regular file. */
static uint64_t cases_file_size(const char *path) {
  struct stat info;
  return stat(path, &info) == 0 && S_ISREG(info.st_mode) ? (uint64_t)info.st_size : 0;
}

int sl_cases_import(sl_store *store, const char *area, const char *path, sl_cases_progress progress,
                    void *context, sl_cases_counts *counts, sl_error *error) {
  memset(counts, 0, sizeof *counts);
  if (strcmp(path, "-") == 0)
    return sl_error_set(error, "import-cases reads a file, not standard input");
  if (sl_pseudonym_init(error)) return -1;
  cases_import import = {.store = store,
                         .path = path,
                         .counts = counts,
                         .error = error,
                         .first_received = INT64_MAX,
                         .last_received = INT64_MIN};
  /* A modest cache (8 MiB: inserts append, so more does not help); the journal
   * and synchronous settings stay as they are: a committed import is as
   * durable as any other write. */
  int result =
      sl_store_run(store, "PRAGMA cache_size = -8192", "", error) || sl_store_begin(store, error)
          ? -1
          : 0;
  if (result == 0) result = cases_run(&import, area, progress, context, cases_file_size(path));
  if (result == 0) result = sl_store_commit(store, error);
  if (result != 0) {
    sl_store_rollback(store);
    memset(counts, 0, sizeof *counts);
  }
  sl_keyset_free(&import.requests);
  sl_keyset_free(&import.planned);
  sodium_memzero(&import.pseudonym, sizeof import.pseudonym);
  return result;
}

/* ---- which area ---- */

static int cases_gss_code(const char *name) {
  if (strlen(name) != 9 || !strchr("EWSN", name[0])) return 0;
  for (int i = 1; i < 9; i++)
    if (name[i] < '0' || name[i] > '9') return 0;
  return 1;
}

int sl_cases_area(sl_store *store, const char *name, char *code, sl_error *error) {
  sqlite3_stmt *statement = sl_store_prepare(
      store, "SELECT code FROM area WHERE code = ?1 OR plugin = ?1", "t", error, name);
  if (!statement) return -1;
  int found = sqlite3_step(statement) == SQLITE_ROW;
  if (found) snprintf(code, 16, "%s", (const char *)sqlite3_column_text(statement, 0));
  sqlite3_reset(statement);
  if (found) return 0;
  if (!cases_gss_code(name))
    return sl_error_set(error,
                        "'%s' is neither a loaded area (see 'sendlens areas') nor an area's "
                        "GSS code such as E06000001",
                        name);
  snprintf(code, 16, "%s", name);
  return 0;
}
