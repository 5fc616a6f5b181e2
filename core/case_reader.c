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

struct sl_case_reader {
  /* set before the thread starts, then read-only */
  char *path;
  sl_pseudonym pseudonym;
  /* the thread's own while it runs; the caller's once it has finished */
  crypto_generichash_state hash;
  uint64_t bytes;
  sl_keyset requests; /* every request's key: a second one is refused */
  sl_keyset planned;  /* those with a StartDate */
  sl_case_summary summary;
  int64_t repeated_request;
  long repeated_line;
  /* shared, under lock */
  pthread_mutex_t lock;
  pthread_cond_t changed;
  uint64_t produced, consumed;
  int finished; /* 1 at the end of the file, -1 on an error */
  int stopping; /* the caller has given up: stop reading */
  sl_error error;
  pthread_t thread;
  sl_case_batch ring[CASE_RING];
};

static void case_reader_bytes(void *context, const char *bytes, size_t length) {
  sl_case_reader *reader = context;
  crypto_generichash_update(&reader->hash, (const unsigned char *)bytes, length);
  reader->bytes += length;
}

/* ---- the reading side ---- */

/* The batch to fill next, once the caller has emptied it; NULL if the
 * caller has stopped. */
static sl_case_batch *case_reader_claim(sl_case_reader *reader) {
  pthread_mutex_lock(&reader->lock);
  while (!reader->stopping && reader->produced - reader->consumed >= CASE_RING)
    pthread_cond_wait(&reader->changed, &reader->lock);
  sl_case_batch *batch = reader->stopping ? NULL : &reader->ring[reader->produced % CASE_RING];
  pthread_mutex_unlock(&reader->lock);
  if (batch) batch->count = 0;
  return batch;
}

/* Hand the batch being filled over (if it holds any records) and, when
 * finished is not 0, say that no more will come. */
static void case_reader_publish(sl_case_reader *reader, sl_case_batch *batch, int finished) {
  pthread_mutex_lock(&reader->lock);
  if (batch && batch->count > 0) {
    batch->bytes = reader->bytes;
    reader->produced++;
  }
  if (finished) reader->finished = finished;
  pthread_cond_broadcast(&reader->changed);
  pthread_mutex_unlock(&reader->lock);
}

/* The sets and counts a record adds to; -1 (error set) on a repeated
 * RequestID or no memory. */
static int case_reader_count(sl_case_reader *reader, const sl_case_record *record) {
  sl_case_summary *summary = &reader->summary;
  summary->rows++;
  if (record->kind == SL_CASE_REVIEW) {
    summary->reviews++;
    return 0;
  }
  summary->requests++;
  if (record->received < summary->first_received) summary->first_received = record->received;
  if (record->received > summary->last_received) summary->last_received = record->received;
  int added = sl_keyset_add(&reader->requests, (uint64_t)record->request);
  if (added > 0 && record->start != SL_CASE_NO_DAY)
    added = sl_keyset_add(&reader->planned, (uint64_t)record->request);
  if (added < 0) return sl_error_set(&reader->error, "%s: out of memory", reader->path);
  if (added > 0) return 0;
  reader->repeated_request = record->request;
  reader->repeated_line = record->line;
  return sl_case_fail(reader->path, record->line, SL_CASE_COLUMN_REQUEST,
                      "the same RequestID as an earlier request", &reader->error);
}

/* Read rows into batches until the end of the file or an error. */
static int case_reader_rows(sl_case_reader *reader, sl_csv *csv) {
  sl_csv_row row;
  int rc = sl_csv_next(csv, &row, &reader->error);
  if (rc == 0) return sl_error_set(&reader->error, "%s:1:-: no header row", reader->path);
  if (rc < 0 || sl_case_header(reader->path, &row, &reader->error)) return -1;
  sl_case_batch *batch = case_reader_claim(reader);
  while (batch && (rc = sl_csv_next(csv, &row, &reader->error)) > 0) {
    sl_case_record *record = &batch->records[batch->count];
    if (sl_case_record_read(reader->path, &reader->pseudonym, &row, record, &reader->error) ||
        case_reader_count(reader, record)) {
      case_reader_publish(reader, batch, 0); /* the records before the bad one */
      return -1;
    }
    if (++batch->count == SL_CASE_BATCH_RECORDS) {
      case_reader_publish(reader, batch, 0);
      batch = case_reader_claim(reader);
    }
  }
  if (!batch) return -1; /* stopped: nobody reads the error */
  case_reader_publish(reader, batch, 0);
  return rc < 0 ? -1 : 0;
}

static void *case_reader_run(void *context) {
  sl_case_reader *reader = context;
  sl_csv_options options = {
      .skip_leading_comments = 1, .on_input = case_reader_bytes, .on_input_context = reader};
  sl_csv *csv = sl_csv_open(reader->path, &options, &reader->error);
  int result = csv ? case_reader_rows(reader, csv) : -1;
  sl_csv_close(csv);
  if (result == 0 && reader->summary.requests == 0)
    reader->summary.first_received = reader->summary.last_received = SL_CASE_NO_DAY;
  if (result == 0) {
    unsigned char hash[32];
    crypto_generichash_final(&reader->hash, hash, sizeof hash);
    sodium_bin2hex(reader->summary.file_hash, sizeof reader->summary.file_hash, hash, sizeof hash);
  }
  case_reader_publish(reader, NULL, result == 0 ? 1 : -1);
  return NULL;
}

/* ---- the caller's side ---- */

sl_case_reader *sl_case_reader_start(const char *path, const sl_pseudonym *pseudonym,
                                     sl_error *error) {
  sl_case_reader *reader = calloc(1, sizeof *reader);
  if (reader) reader->path = strdup(path);
  if (!reader || !reader->path) {
    if (reader) free(reader);
    sl_error_set(error, "%s: out of memory", path);
    return NULL;
  }
  reader->pseudonym = *pseudonym;
  reader->summary.first_received = INT64_MAX;
  reader->summary.last_received = INT64_MIN;
  crypto_generichash_init(&reader->hash, NULL, 0, 32);
  pthread_mutex_init(&reader->lock, NULL);
  pthread_cond_init(&reader->changed, NULL);
  if (pthread_create(&reader->thread, NULL, case_reader_run, reader) != 0) {
    sl_error_set(error, "%s: cannot start a thread to read it", path);
    pthread_cond_destroy(&reader->changed);
    pthread_mutex_destroy(&reader->lock);
    sodium_memzero(&reader->pseudonym, sizeof reader->pseudonym);
    free(reader->path);
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

const sl_case_summary *sl_case_reader_summary(const sl_case_reader *reader) {
  return &reader->summary;
}

int sl_case_reader_planned(const sl_case_reader *reader, int64_t request) {
  return sl_keyset_has(&reader->planned, (uint64_t)request);
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
  sodium_memzero(&reader->pseudonym, sizeof reader->pseudonym);
  free(reader->path);
  free(reader);
}
