/*
 * case_reader.h: reading a case file on a thread of its own. The thread
 * parses the CSV, checks each row (core/case_record.c), hashes its
 * identifiers, finds a repeated RequestID and fingerprints the file, and
 * hands the records over in batches, in file order; the caller's thread
 * only stores them. On two cores the reading costs the import no time:
 * storing is the larger half.
 */
#ifndef SL_CASE_READER_H
#define SL_CASE_READER_H

#include <stddef.h>
#include <stdint.h>

#include "case_record.h"
#include "error.h"
#include "pseudonym.h"

enum { SL_CASE_BATCH_RECORDS = 2048 };

typedef struct sl_case_batch {
  sl_case_record records[SL_CASE_BATCH_RECORDS];
  size_t count;
  uint64_t bytes; /* of the file read by the time the batch was handed over */
} sl_case_batch;

/* What the whole file held, once it has been read to its end. */
typedef struct sl_case_summary {
  size_t rows, requests, reviews;
  int64_t first_received, last_received; /* of the requests; SL_CASE_NO_DAY: none */
  char file_hash[65];                    /* BLAKE2b-256 of the file's bytes, hex */
} sl_case_summary;

typedef struct sl_case_reader sl_case_reader;

/* Start reading path, identifiers hashed under pseudonym (copied). NULL
 * with error set if the reader cannot start; errors of the file itself
 * come from sl_case_reader_next. */
sl_case_reader *sl_case_reader_start(const char *path, const sl_pseudonym *pseudonym,
                                     sl_error *error);

/* The next batch: 1 with *batch set (the caller's until it calls
 * sl_case_reader_next again; *batch is NULL on the first call), 0 at the end of the file, -1 with
 * error set
 * ("PATH:LINE:COLUMN: what is wrong") when the file is bad. Every record
 * before a bad row is handed over first. */
int sl_case_reader_next(sl_case_reader *reader, sl_case_batch **batch, sl_error *error);

/* After sl_case_reader_next gave -1 for a RequestID already seen: 1 with
 * the key and the line of the repeat, so the caller can name the first. */
int sl_case_reader_repeated(const sl_case_reader *reader, int64_t *request, long *line);

/* After sl_case_reader_next gave 0: what the file held, and whether a
 * request with this key has a StartDate. */
const sl_case_summary *sl_case_reader_summary(const sl_case_reader *reader);
int sl_case_reader_planned(const sl_case_reader *reader, int64_t request);

/* Stop the thread (at once if it is still reading) and free everything. */
void sl_case_reader_free(sl_case_reader *reader);

#endif
