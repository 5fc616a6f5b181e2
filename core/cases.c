/*
 * cases.c: `import-cases`, the person-level EHC records of areas.
 *
 * The files are read on a thread of their own (core/case_reader.c: rows
 * and files checked, identifiers hashed) while this thread stores the
 * records, many rows an INSERT; all the files are one transaction. Nothing
 * of an import with a bad row is stored, and no message quotes a cell of a
 * file: any cell may hold a child's identifier.
 */
#include "cases.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "case_reader.h"
#include "pseudonym.h"

typedef struct cases_import {
  sl_store *store;
  sl_pseudonym pseudonym;
  sl_cases_file *files;
  size_t count;
  const char *path; /* the file being stored */
  int64_t id;       /* of its case_import row */
  sl_error *error;
} cases_import;

/* ---- storing records ---- */

static void cases_bind_day(sqlite3_stmt *statement, int column, int64_t day) {
  if (day == SL_CASE_NO_DAY)
    sqlite3_bind_null(statement, column);
  else
    sqlite3_bind_int64(statement, column, day);
}

static void cases_bind_code(sqlite3_stmt *statement, int column, const sl_case_code *code) {
  if (code->length == 0)
    sqlite3_bind_null(statement, column);
  else
    sqlite3_bind_text(statement, column, code->text, code->length, SQLITE_STATIC);
}

/* One of a fixed list of codes (index -1: empty). */
static void cases_bind_choice(sqlite3_stmt *statement, int column, const char *const *codes,
                              int index) {
  if (index < 0)
    sqlite3_bind_null(statement, column);
  else
    sqlite3_bind_text(statement, column, codes[index], -1, SQLITE_STATIC);
}

/* The store's message for a statement that failed; the statement is reset. */
static int cases_sql_error(const cases_import *import, sqlite3_stmt *statement) {
  sl_error_set(import->error, "%s: %s", sl_store_path(import->store),
               sqlite3_errmsg(sqlite3_db_handle(statement)));
  sqlite3_reset(statement);
  return -1;
}

static int cases_step(const cases_import *import, sqlite3_stmt *statement) {
  int rc = sqlite3_step(statement);
  if (rc != SQLITE_DONE) return cases_sql_error(import, statement);
  sqlite3_reset(statement);
  return 0;
}

/* A record's values, bound from parameter first on: its id is the
 * import's id * 2^32 + its line. */
static void cases_bind_request(sqlite3_stmt *statement, int first, int64_t import,
                               const sl_case_record *record) {
  sqlite3_bind_int64(statement, first, import << 32 | record->line);
  sqlite3_bind_int64(statement, first + 1, record->person);
  sqlite3_bind_int64(statement, first + 2, record->request);
  sqlite3_bind_int64(statement, first + 3, record->received);
  cases_bind_code(statement, first + 4, &record->source);
  cases_bind_choice(statement, first + 5, sl_case_outcomes, record->outcome);
  cases_bind_day(statement, first + 6, record->outcome_date);
  cases_bind_choice(statement, first + 7, sl_case_assessments, record->assessment);
  cases_bind_day(statement, first + 8, record->assessment_date);
  sqlite3_bind_int(statement, first + 9, record->week20);
  cases_bind_day(statement, first + 10, record->start);
  cases_bind_day(statement, first + 11, record->cease);
  cases_bind_code(statement, first + 12, &record->cease_reason);
}

static void cases_bind_review(sqlite3_stmt *statement, int first, int64_t import,
                              const sl_case_record *record) {
  sqlite3_bind_int64(statement, first, import << 32 | record->line);
  sqlite3_bind_int64(statement, first + 1, record->person);
  sqlite3_bind_int64(statement, first + 2, record->request);
  sqlite3_bind_int64(statement, first + 3, record->due);
  cases_bind_day(statement, first + 4, record->held);
}

/* ---- storing records, many rows a statement ---- */

/* Rows per INSERT: a statement of many rows starts, opens its table and
 * resets once for all of them, where a statement per row pays that for
 * each row (the national import took half the time this way). */
enum { CASES_ROWS_PER_INSERT = 64 };

/* The INSERTs of one table: of CASES_ROWS_PER_INSERT rows and of one, the
 * records waiting for the next, and how to bind one. */
typedef struct cases_table {
  const char *insert; /* "INSERT INTO t(columns) VALUES" */
  int columns;
  void (*bind)(sqlite3_stmt *, int, int64_t, const sl_case_record *);
  sqlite3_stmt *many, *one;
  const sl_case_record *waiting[CASES_ROWS_PER_INSERT];
  int count;
} cases_table;

static sqlite3_stmt *cases_table_prepare(const cases_import *import, const cases_table *table,
                                         int rows) {
  return sl_store_prepare_rows(import->store, table->insert, table->columns, rows, import->error);
}

static int cases_table_open(const cases_import *import, cases_table *table) {
  table->many = cases_table_prepare(import, table, CASES_ROWS_PER_INSERT);
  table->one = table->many ? cases_table_prepare(import, table, 1) : NULL;
  return table->one ? 0 : -1;
}

static void cases_table_close(cases_table *table) {
  sqlite3_finalize(table->many);
  sqlite3_finalize(table->one);
  table->many = table->one = NULL;
}

/* Store the waiting records: a full set through the many-row INSERT, a
 * partial one (at the end of a batch) row by row. */
static int cases_table_flush(const cases_import *import, cases_table *table) {
  if (table->count == CASES_ROWS_PER_INSERT) {
    for (int i = 0; i < table->count; i++)
      table->bind(table->many, 1 + i * table->columns, import->id, table->waiting[i]);
    table->count = 0;
    return cases_step(import, table->many);
  }
  for (int i = 0; i < table->count; i++) {
    table->bind(table->one, 1, import->id, table->waiting[i]);
    if (cases_step(import, table->one)) return -1;
  }
  table->count = 0;
  return 0;
}

static int cases_table_add(const cases_import *import, cases_table *table,
                           const sl_case_record *record) {
  table->waiting[table->count++] = record;
  return table->count == CASES_ROWS_PER_INSERT ? cases_table_flush(import, table) : 0;
}

/* A batch's records, each into its table; all stored on return (the
 * batch goes back to the reader). */
static int cases_store_batch(const cases_import *import, cases_table tables[2],
                             const sl_case_batch *batch) {
  for (size_t i = 0; i < batch->count; i++) {
    const sl_case_record *record = &batch->records[i];
    if (cases_table_add(import, &tables[record->kind == SL_CASE_REQUEST ? 0 : 1], record))
      return -1;
  }
  return cases_table_flush(import, &tables[0]) || cases_table_flush(import, &tables[1]) ? -1 : 0;
}

/* ---- a repeated RequestID ---- */

/* The reader stopped at a RequestID seen before: name the line of the
 * first, which is stored by now (every record before the repeat is). */
static int cases_repeated(const cases_import *import, int64_t request, long line) {
  sqlite3_stmt *statement =
      sl_store_prepare(import->store,
                       "SELECT min(line) FROM case_request WHERE id BETWEEN ?1 * 4294967296 AND "
                       "?1 * 4294967296 + 4294967295 AND request = ?2",
                       "ii", import->error, import->id, request);
  if (!statement) return -1;
  long first = sqlite3_step(statement) == SQLITE_ROW ? (long)sqlite3_column_int64(statement, 0) : 0;
  sqlite3_reset(statement);
  char what[96];
  snprintf(what, sizeof what, "the same RequestID as the request on line %ld", first);
  return sl_case_fail(import->path, line, SL_CASE_COLUMN_REQUEST, what, import->error);
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

static int cases_end_import(const cases_import *import, const sl_case_summary *summary) {
  return sl_store_run(import->store,
                      "UPDATE case_import SET rows = ?2, requests = ?3, reviews = ?4, "
                      "file_hash = ?7, synthetic = ?8, "
                      "first_received = CASE WHEN ?3 > 0 THEN ?5 END, "
                      "last_received = CASE WHEN ?3 > 0 THEN ?6 END WHERE id = ?1",
                      "iiiiiiti", import->error, import->id, (int64_t)summary->rows,
                      (int64_t)summary->requests, (int64_t)summary->reviews,
                      summary->first_received, summary->last_received, summary->file_hash,
                      (int64_t)(summary->synthetic != 0));
}

/* ---- the files ---- */

/* How often the progress callback hears from us, in batches. */
enum { CASES_PROGRESS_BATCHES = 4 };

typedef struct cases_progress {
  sl_cases_progress callback;
  void *context;
  uint64_t done, total; /* done: the bytes of the files stored before this one */
} cases_progress;

/* A file's size for the progress bar; 0 when it is not a regular file. */
static uint64_t cases_file_size(const char *path) {
  struct stat info;
  return stat(path, &info) == 0 && S_ISREG(info.st_mode) ? (uint64_t)info.st_size : 0;
}

/* Start storing file index: its area's earlier import goes, its own row is
 * made (its records carry its id). */
static int cases_open_file(cases_import *import, size_t index) {
  import->path = import->files[index].path;
  return cases_replace(import, import->files[index].area) ||
                 cases_begin_import(import, import->files[index].area)
             ? -1
             : 0;
}

/* The file's last batch is stored: its counts, then the next file. */
static int cases_close_file(cases_import *import, const sl_case_batch *batch,
                            cases_progress *progress) {
  const sl_case_summary *summary = &batch->summary;
  if (cases_end_import(import, summary)) return -1;
  import->files[batch->file].counts =
      (sl_cases_counts){summary->rows, summary->requests, summary->reviews, summary->synthetic};
  progress->done += cases_file_size(import->path);
  if (progress->callback) progress->callback(progress->context, progress->done, progress->total);
  return batch->file + 1 < import->count ? cases_open_file(import, batch->file + 1) : 0;
}

/* Store the reader's batches as they come, file after file. */
static int cases_batches(cases_import *import, sl_case_reader *reader, cases_table tables[2],
                         cases_progress *progress) {
  if (cases_open_file(import, 0)) return -1;
  sl_case_batch *batch = NULL;
  int rc;
  for (uint64_t n = 1; (rc = sl_case_reader_next(reader, &batch, import->error)) > 0; n++) {
    if (cases_store_batch(import, tables, batch)) return -1;
    if (progress->callback && n % CASES_PROGRESS_BATCHES == 0)
      progress->callback(progress->context, progress->done + batch->bytes, progress->total);
    if (batch->last && cases_close_file(import, batch, progress)) return -1;
  }
  int64_t request;
  long line;
  if (rc < 0 && sl_case_reader_repeated(reader, &request, &line))
    return cases_repeated(import, request, line);
  return rc;
}

static int cases_records(cases_import *import, sl_case_reader *reader, cases_progress *progress) {
  cases_table tables[2] = {
      {.insert = "INSERT INTO case_request(id, person, request, received, source, outcome, "
                 "outcome_date, assessment, assessment_date, week20, start, cease, "
                 "cease_reason) VALUES",
       .columns = 13,
       .bind = cases_bind_request},
      {.insert = "INSERT INTO case_review(id, person, request, due, held) VALUES",
       .columns = 5,
       .bind = cases_bind_review},
  };
  int result = cases_table_open(import, &tables[0]) || cases_table_open(import, &tables[1]) ||
                       cases_batches(import, reader, tables, progress)
                   ? -1
                   : 0;
  cases_table_close(&tables[0]);
  cases_table_close(&tables[1]);
  return result;
}

/* ---- the import ---- */

/* Each area once; files, not standard input. */
static int cases_check_files(const sl_cases_file *files, size_t count, sl_error *error) {
  for (size_t i = 0; i < count; i++) {
    if (strcmp(files[i].path, "-") == 0)
      return sl_error_set(error, "import-cases reads a file, not standard input");
    for (size_t j = 0; j < i; j++)
      if (strcmp(files[i].area, files[j].area) == 0)
        return sl_error_set(error, "%s: area %s is given twice (also for %s)", files[i].path,
                            files[i].area, files[j].path);
  }
  return 0;
}

static int cases_files(cases_import *import, cases_progress *progress) {
  const char **paths = calloc(import->count, sizeof *paths);
  if (!paths) return sl_error_set(import->error, "out of memory");
  for (size_t i = 0; i < import->count; i++) {
    paths[i] = import->files[i].path;
    progress->total += cases_file_size(paths[i]);
  }
  sl_case_reader *reader = NULL;
  int result = cases_salt(import) ||
                       !(reader = sl_case_reader_start(paths, import->count, &import->pseudonym,
                                                       import->error)) ||
                       cases_records(import, reader, progress)
                   ? -1
                   : 0;
  sl_case_reader_free(reader);
  free(paths);
  return result;
}

int sl_cases_import(sl_store *store, sl_cases_file *files, size_t count, sl_cases_progress progress,
                    void *context, sl_error *error) {
  for (size_t i = 0; i < count; i++)
    memset(&files[i].counts, 0, sizeof files[i].counts);
  if (count == 0) return 0;
  if (cases_check_files(files, count, error) || sl_pseudonym_init(error)) return -1;
  cases_import import = {.store = store, .files = files, .count = count, .error = error};
  cases_progress bar = {.callback = progress, .context = context};
  /* A modest cache (8 MiB: inserts append, so more does not help); the journal
   * and synchronous settings stay as they are: a committed import is as
   * durable as any other write. */
  int result =
      sl_store_run(store, "PRAGMA cache_size = -8192", "", error) || sl_store_begin(store, error)
          ? -1
          : 0;
  if (result == 0) result = cases_files(&import, &bar);
  if (result == 0) result = sl_store_commit(store, error);
  if (result != 0) {
    sl_store_rollback(store);
    for (size_t i = 0; i < count; i++)
      memset(&files[i].counts, 0, sizeof files[i].counts);
  }
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
