/*
 * case_reader.c: the reading thread of case_reader.h. The reader fills a
 * ring of a few batches in turn and the caller empties them in the same
 * order: batch n is the reader's while n >= consumed and n < consumed +
 * CASE_RING, the caller's once n < produced. One mutex and one condition
 * guard the two counters; the records themselves are touched by one side
 * at a time, so they need no lock.
 */
#include "case_reader.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "csv.h"
#include "keyset.h"

/* Enough batches that neither side waits on the other's jitter. */
enum { CASE_RING = 4 };

/* A review whose request had not been seen with a plan when it was read:
 * checked again at the end of its file. */
typedef struct case_pending {
  int64_t request;
  long line;
} case_pending;

struct sl_case_reader {
  /* set before the thread starts, then read-only */
  const char *const *paths;
  size_t count;
  sl_pseudonym pseudonym;
  /* the thread's own while it runs; the caller's once it has finished */
  size_t file; /* being read */
  crypto_generichash_state hash;
  uint64_t bytes;
  sl_keyset requests; /* the file's request keys: a second one is refused */
  sl_keyset planned;  /* those with a StartDate */
  case_pending *pending;
  size_t pending_count, pending_capacity;
  sl_case_summary summary;
  /* the leading comments, read as the bytes come: the synthetic marker */
  enum { CASE_LEAD_LINE, CASE_LEAD_COMMENT, CASE_LEAD_DONE } lead;
  char comment[16];
  size_t comment_length;
  sl_case_batch *batch; /* being filled */
  int64_t repeated_request;
  long repeated_line;
  /* shared, under lock */
  pthread_mutex_t lock;
  pthread_cond_t changed;
  uint64_t produced, consumed;
  int finished; /* 1 after the last file, -1 on an error */
  int stopping; /* the caller has given up: stop reading */
  sl_error error;
  pthread_t thread;
  sl_case_batch ring[CASE_RING];
};

static const char *case_reader_path(const sl_case_reader *reader) {
  return reader->paths[reader->file];
}

int sl_case_synthetic_line(const char *text, size_t length) {
  static const char word[] = "SYNTHETIC";
  size_t i = 0;
  while (i < length && (text[i] == ' ' || text[i] == '\t' || text[i] == '#'))
    i++;
  if (length - i < sizeof word - 1) return 0;
  for (size_t j = 0; j < sizeof word - 1; j++)
    if ((text[i + j] & ~0x20) != word[j]) return 0;
  return 1;
}

/* The comment lines before the header, byte by byte as the file is read
 * (the CSV reader skips them): the first few bytes of each are enough to
 * find the marker. A byte order mark at the very start is passed over. */
static void case_reader_lead(sl_case_reader *reader, const char *bytes, size_t length) {
  for (size_t i = 0; i < length && reader->lead != CASE_LEAD_DONE; i++) {
    unsigned char c = (unsigned char)bytes[i];
    if (reader->lead == CASE_LEAD_COMMENT) {
      if (c == '\n' || c == '\r') {
        reader->summary.synthetic |=
            sl_case_synthetic_line(reader->comment, reader->comment_length);
        reader->lead = CASE_LEAD_LINE;
      } else if (reader->comment_length < sizeof reader->comment) {
        reader->comment[reader->comment_length++] = (char)c;
      }
    } else if (c == '#') {
      reader->lead = CASE_LEAD_COMMENT;
      reader->comment_length = 0;
    } else if (!(c == '\n' || c == '\r' || (reader->bytes + i < 3 && c >= 0xBB))) {
      reader->lead = CASE_LEAD_DONE;
    }
  }
}

static void case_reader_bytes(void *context, const char *bytes, size_t length) {
  sl_case_reader *reader = context;
  crypto_generichash_update(&reader->hash, (const unsigned char *)bytes, length);
  case_reader_lead(reader, bytes, length);
  reader->bytes += length;
}

/* ---- the reading side: batches ---- */

/* The batch being filled, or the next one once the caller has emptied
 * it; NULL if the caller has stopped. */
static sl_case_batch *case_reader_batch(sl_case_reader *reader) {
  if (reader->batch) return reader->batch;
  pthread_mutex_lock(&reader->lock);
  while (!reader->stopping && reader->produced - reader->consumed >= CASE_RING)
    pthread_cond_wait(&reader->changed, &reader->lock);
  sl_case_batch *batch = reader->stopping ? NULL : &reader->ring[reader->produced % CASE_RING];
  pthread_mutex_unlock(&reader->lock);
  if (batch) {
    batch->file = reader->file;
    batch->last = 0;
    batch->count = 0;
  }
  return reader->batch = batch;
}

static void case_reader_hand_over(sl_case_reader *reader) {
  pthread_mutex_lock(&reader->lock);
  reader->batch->bytes = reader->bytes;
  reader->produced++;
  pthread_cond_broadcast(&reader->changed);
  pthread_mutex_unlock(&reader->lock);
  reader->batch = NULL;
}

static void case_reader_finish(sl_case_reader *reader, int finished) {
  pthread_mutex_lock(&reader->lock);
  reader->finished = finished;
  pthread_cond_broadcast(&reader->changed);
  pthread_mutex_unlock(&reader->lock);
}

/* ---- the reading side: the rules of a whole file ---- */

static int case_reader_defer(sl_case_reader *reader, const sl_case_record *record) {
  if (reader->pending_count == reader->pending_capacity) {
    size_t capacity = reader->pending_capacity ? 2 * reader->pending_capacity : 1024;
    case_pending *grown = realloc(reader->pending, capacity * sizeof *grown);
    if (!grown) return sl_error_set(&reader->error, "%s: out of memory", case_reader_path(reader));
    reader->pending = grown;
    reader->pending_capacity = capacity;
  }
  reader->pending[reader->pending_count++] = (case_pending){record->request, record->line};
  return 0;
}

static int case_reader_repeat(sl_case_reader *reader, const sl_case_record *record) {
  reader->repeated_request = record->request;
  reader->repeated_line = record->line;
  return sl_case_fail(case_reader_path(reader), record->line, SL_CASE_COLUMN_REQUEST,
                      "the same RequestID as an earlier request", &reader->error);
}

/* The sets and counts a record adds to; -1 (error set) on a repeated
 * RequestID or no memory. A review whose request has not been seen with a
 * plan yet waits for the end of the file. */
static int case_reader_count(sl_case_reader *reader, const sl_case_record *record) {
  sl_case_summary *summary = &reader->summary;
  summary->rows++;
  if (record->kind == SL_CASE_REVIEW) {
    summary->reviews++;
    return sl_keyset_has(&reader->planned, (uint64_t)record->request)
               ? 0
               : case_reader_defer(reader, record);
  }
  summary->requests++;
  if (record->received < summary->first_received) summary->first_received = record->received;
  if (record->received > summary->last_received) summary->last_received = record->received;
  int added = sl_keyset_add(&reader->requests, (uint64_t)record->request);
  if (added > 0 && record->start != SL_CASE_NO_DAY)
    added = sl_keyset_add(&reader->planned, (uint64_t)record->request);
  if (added < 0) return sl_error_set(&reader->error, "%s: out of memory", case_reader_path(reader));
  return added > 0 ? 0 : case_reader_repeat(reader, record);
}

/* Each review's RequestID is that of a request row of the file with a
 * StartDate; the first review (in file order) without one is named. */
static int case_reader_check_reviews(sl_case_reader *reader) {
  for (size_t i = 0; i < reader->pending_count; i++)
    if (!sl_keyset_has(&reader->planned, (uint64_t)reader->pending[i].request))
      return sl_case_fail(case_reader_path(reader), reader->pending[i].line, SL_CASE_COLUMN_REQUEST,
                          "no request row in the file has this RequestID and a StartDate",
                          &reader->error);
  return 0;
}

/* ---- the reading side: files ---- */

static void case_reader_begin_file(sl_case_reader *reader) {
  crypto_generichash_init(&reader->hash, NULL, 0, 32);
  reader->bytes = 0;
  sl_keyset_clear(&reader->requests);
  sl_keyset_clear(&reader->planned);
  reader->pending_count = 0;
  reader->summary = (sl_case_summary){.first_received = INT64_MAX, .last_received = INT64_MIN};
  reader->lead = CASE_LEAD_LINE;
}

/* The file's last batch: its summary, hash and all. */
static int case_reader_end_file(sl_case_reader *reader) {
  sl_case_summary *summary = &reader->summary;
  if (summary->requests == 0) summary->first_received = summary->last_received = SL_CASE_NO_DAY;
  unsigned char hash[32];
  crypto_generichash_final(&reader->hash, hash, sizeof hash);
  sodium_bin2hex(summary->file_hash, sizeof summary->file_hash, hash, sizeof hash);
  sl_case_batch *batch = case_reader_batch(reader);
  if (!batch) return -1;
  batch->last = 1;
  batch->summary = *summary;
  case_reader_hand_over(reader);
  return 0;
}

/* Read the rows of one open file into batches. */
static int case_reader_rows(sl_case_reader *reader, sl_csv *csv) {
  const char *path = case_reader_path(reader);
  sl_csv_row row;
  int rc = sl_csv_next(csv, &row, &reader->error);
  if (rc == 0) return sl_error_set(&reader->error, "%s:1:-: no header row", path);
  if (rc < 0 || sl_case_header(path, &row, &reader->error)) return -1;
  while ((rc = sl_csv_next(csv, &row, &reader->error)) > 0) {
    sl_case_batch *batch = case_reader_batch(reader);
    if (!batch) return -1; /* stopped: nobody reads the error */
    sl_case_record *record = &batch->records[batch->count];
    if (sl_case_record_read(path, &reader->pseudonym, &row, record, &reader->error) ||
        case_reader_count(reader, record))
      return -1;
    if (++batch->count == SL_CASE_BATCH_RECORDS) case_reader_hand_over(reader);
  }
  return rc < 0 || case_reader_check_reviews(reader) ? -1 : 0;
}

static int case_reader_file(sl_case_reader *reader) {
  case_reader_begin_file(reader);
  sl_csv_options options = {
      .skip_leading_comments = 1, .on_input = case_reader_bytes, .on_input_context = reader};
  sl_csv *csv = sl_csv_open(case_reader_path(reader), &options, &reader->error);
  int result = csv ? case_reader_rows(reader, csv) : -1;
  sl_csv_close(csv);
  if (result == 0) return case_reader_end_file(reader);
  /* The records before the bad one go first, so a repeated RequestID's
   * first row is stored by the time the caller hears of the repeat. */
  if (reader->batch && reader->batch->count > 0) case_reader_hand_over(reader);
  return -1;
}

static void *case_reader_run(void *context) {
  sl_case_reader *reader = context;
  int result = 0;
  for (reader->file = 0; result == 0 && reader->file < reader->count; reader->file++)
    result = case_reader_file(reader);
  case_reader_finish(reader, result == 0 ? 1 : -1);
  return NULL;
}

/* ---- the caller's side ---- */

sl_case_reader *sl_case_reader_start(const char *const *paths, size_t count,
                                     const sl_pseudonym *pseudonym, sl_error *error) {
  sl_case_reader *reader = calloc(1, sizeof *reader);
  if (!reader) {
    sl_error_set(error, "out of memory");
    return NULL;
  }
  reader->paths = paths;
  reader->count = count;
  reader->pseudonym = *pseudonym;
  pthread_mutex_init(&reader->lock, NULL);
  pthread_cond_init(&reader->changed, NULL);
  if (pthread_create(&reader->thread, NULL, case_reader_run, reader) != 0) {
    sl_error_set(error, "cannot start a thread to read the files");
    pthread_cond_destroy(&reader->changed);
    pthread_mutex_destroy(&reader->lock);
    sodium_memzero(&reader->pseudonym, sizeof reader->pseudonym);
    free(reader);
    return NULL;
  }
  return reader;
}

int sl_case_reader_next(sl_case_reader *reader, sl_case_batch **batch, sl_error *error) {
  pthread_mutex_lock(&reader->lock);
  /* The batch handed over last time is done with. */
  if (*batch) {
    reader->consumed++;
    pthread_cond_broadcast(&reader->changed);
  }
  while (reader->consumed == reader->produced && !reader->finished)
    pthread_cond_wait(&reader->changed, &reader->lock);
  int result = reader->consumed < reader->produced ? 1 : reader->finished > 0 ? 0 : -1;
  pthread_mutex_unlock(&reader->lock);
  *batch = result == 1 ? &reader->ring[reader->consumed % CASE_RING] : NULL;
  if (result < 0) *error = reader->error; /* the thread has finished: no lock needed */
  return result;
}

int sl_case_reader_repeated(const sl_case_reader *reader, int64_t *request, long *line) {
  if (reader->repeated_line == 0) return 0;
  *request = reader->repeated_request;
  *line = reader->repeated_line;
  return 1;
}

void sl_case_reader_free(sl_case_reader *reader) {
  if (!reader) return;
  pthread_mutex_lock(&reader->lock);
  reader->stopping = 1;
  pthread_cond_broadcast(&reader->changed);
  pthread_mutex_unlock(&reader->lock);
  pthread_join(reader->thread, NULL);
  pthread_cond_destroy(&reader->changed);
  pthread_mutex_destroy(&reader->lock);
  sl_keyset_free(&reader->requests);
  sl_keyset_free(&reader->planned);
  free(reader->pending);
  sodium_memzero(&reader->pseudonym, sizeof reader->pseudonym);
  free(reader);
}
