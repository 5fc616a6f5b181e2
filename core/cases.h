/*
 * cases.h: importing areas' person-level EHC records (the case files of
 * docs/data-model.md, shaped on the DfE SEN2 person-level return). Each
 * file is streamed, every row validated, identifiers pseudonymised; all
 * the files of one import are one transaction, and each replaces its
 * area's earlier import.
 */
#ifndef SL_CASES_H
#define SL_CASES_H

#include <stddef.h>
#include <stdint.h>

#include "error.h"
#include "store.h"

typedef struct sl_cases_counts {
  size_t rows, requests, reviews;
  int synthetic; /* the file says it is synthetic (stored with the import) */
} sl_cases_counts;

/* One area's file: area is a code (see sl_cases_area); counts are filled
 * in when the import succeeds. */
typedef struct sl_cases_file {
  const char *area;
  const char *path;
  sl_cases_counts counts;
} sl_cases_file;

/* Called now and then during an import with the bytes read so far and the
 * files' size (0 when unknown, e.g. a pipe). */
typedef void (*sl_cases_progress)(void *context, uint64_t done, uint64_t total);

/* The area code that AREA names: a loaded area's code or plugin name, or
 * a GSS code (E06000001) of an area with no plugin. code holds 16 bytes. */
int sl_cases_area(sl_store *store, const char *name, char *code, sl_error *error);

/* Import the count files as the case records of their areas, each area
 * once. On failure nothing is stored and error is one line
 * "FILE:LINE:COLUMN: what is wrong", which never contains a PersonID or
 * RequestID. */
int sl_cases_import(sl_store *store, sl_cases_file *files, size_t count, sl_cases_progress progress,
                    void *context, sl_error *error);

#endif
