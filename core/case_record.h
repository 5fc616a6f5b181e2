/*
 * case_record.h: one row of a case file (docs/data-model.md, "Case
 * records") checked against its rules and turned into a record ready to
 * store: dates as day numbers, codes as indexes, identifiers as keyed
 * hashes. No SQLite here, so rows can be read on one thread while another
 * stores them (core/case_reader.c).
 */
#ifndef SL_CASE_RECORD_H
#define SL_CASE_RECORD_H

#include <stdint.h>

#include "csv.h"
#include "error.h"
#include "pseudonym.h"

/* The longest RequestSource or CeaseReason (a code, not free text that
 * could name a child), and the longest identifier (SEN2's are far shorter:
 * a longer one is not an identifier). */
enum { SL_CASE_MAX_CODE = 40, SL_CASE_MAX_ID = 100 };

/* A date that is not there. */
#define SL_CASE_NO_DAY INT64_MIN

typedef enum { SL_CASE_REQUEST, SL_CASE_REVIEW } sl_case_kind;

typedef struct sl_case_code {
  unsigned char length; /* 0: empty */
  char text[SL_CASE_MAX_CODE + 1];
} sl_case_code;

/* A request row uses received to cease_reason; a review row due and held.
 * Days are SL_CASE_NO_DAY when empty, codes -1. */
typedef struct sl_case_record {
  sl_case_kind kind;
  long line;
  int64_t person, request;
  int64_t received, outcome_date, assessment_date, start, cease;
  int outcome, assessment; /* indexes into sl_case_outcomes, sl_case_assessments */
  int week20;
  sl_case_code source, cease_reason;
  int64_t due, held;
} sl_case_record;

/* The codes as stored, by index. */
extern const char *const sl_case_outcomes[];
extern const char *const sl_case_assessments[];

/* The header row: exactly the columns of a case file, in order. */
int sl_case_header(const char *path, const sl_csv_row *row, sl_error *error);

/* Check row and fill record, identifiers hashed with pseudonym. On a bad
 * row, -1 with error "PATH:LINE:COLUMN: what is wrong", which never quotes a
 * cell: any cell may hold a child's identifier. */
int sl_case_record_read(const char *path, const sl_pseudonym *pseudonym, const sl_csv_row *row,
                        sl_case_record *record, sl_error *error);

/* The message for a bad cell, as sl_case_record_read gives it; column is
 * a column's index (-1: the row as a whole). */
int sl_case_fail(const char *path, long line, int column, const char *what, sl_error *error);

/* Column indexes that messages from outside this file need. */
enum { SL_CASE_COLUMN_REQUEST = 2 };

#endif
