/*
 * case_reader.h: reading case files on a thread of its own. The thread
 * parses each file in turn, checks each row (core/case_record.c) and the
 * rules that need the whole file (a RequestID only once; each review's
 * request with a plan), hashes identifiers, fingerprints the file, and
 * hands the records over in batches, in file order; the caller's thread
 * only stores them. On two cores the reading costs the import no time:
 * storing is the larger half, and the reader is already into the next
 * file while the caller finishes one.
 */
#ifndef SL_CASE_READER_H
#define SL_CASE_READER_H

#include <stddef.h>
#include <stdint.h>

#include "case_record.h"
#include "error.h"
#include "pseudonym.h"

enum { SL_CASE_BATCH_RECORDS = 2048 };

/* What a whole file held. */
typedef struct sl_case_summary {
  size_t rows, requests, reviews;
  int64_t first_received, last_received; /* of the requests; SL_CASE_NO_DAY: none */
  char file_hash[65];                    /* BLAKE2b-256 of the file's bytes, hex */
  int synthetic; /* a leading comment line says SYNTHETIC (sl_case_synthetic_line) */
} sl_case_summary;

/* Whether the text of a comment line (after its '#') marks the file as
 * synthetic: it starts, after spaces, with the word SYNTHETIC in any case,
 * as tools/gen-cases writes "# SYNTHETIC DATA: ...". */
int sl_case_synthetic_line(const char *text, size_t length);

/* Records of one file. The last batch of a file (which may hold no
 * records) has last set and the file's summary. */
typedef struct sl_case_batch {
  size_t file; /* index into the paths given */
  int last;
  sl_case_summary summary;
  uint64_t bytes; /* of the file read by the time the batch was handed over */
  size_t count;
  sl_case_record records[SL_CASE_BATCH_RECORDS];
} sl_case_batch;

typedef struct sl_case_reader sl_case_reader;

/* Start reading the count files at paths (which must outlive the reader),
 * identifiers hashed under pseudonym (copied). NULL with error set if the
 * reader cannot start; errors of the files come from sl_case_reader_next. */
sl_case_reader *sl_case_reader_start(const char *const *paths, size_t count,
                                     const sl_pseudonym *pseudonym, sl_error *error);

/* The next batch: 1 with *batch set (the caller's until it calls
 * sl_case_reader_next again; *batch is NULL on the first call), 0 after
 * the last file's last batch, -1 with error set ("PATH:LINE:COLUMN: what
 * is wrong") at a bad file. Every record before a bad row is handed over
 * first. */
int sl_case_reader_next(sl_case_reader *reader, sl_case_batch **batch, sl_error *error);

/* After sl_case_reader_next gave -1 for a RequestID already seen in its
 * file: 1 with the key and the line of the repeat, so the caller can name
 * the first (which it has stored by then). */
int sl_case_reader_repeated(const sl_case_reader *reader, int64_t *request, long *line);

/* Stop the thread (at once if it is still reading) and free everything. */
void sl_case_reader_free(sl_case_reader *reader);

#endif
