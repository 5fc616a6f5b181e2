/*
 * cases.h: importing one area's person-level EHC records (the case file of
 * docs/data-model.md, shaped on the DfE SEN2 person-level return). The file
 * is streamed, every row validated, identifiers pseudonymised, and the
 * whole import is one transaction that replaces the area's earlier one.
 */
#ifndef SL_CASES_H
#define SL_CASES_H

#include <stddef.h>
#include <stdint.h>

#include "error.h"
#include "store.h"

typedef struct sl_cases_counts {
  size_t rows, requests, reviews;
} sl_cases_counts;

/* Called now and then during an import with the bytes read so far and the
 * file's size (0 when unknown, e.g. a pipe). */
typedef void (*sl_cases_progress)(void *context, uint64_t done, uint64_t total);

/* The area code that AREA names: a loaded area's code or plugin name, or
 * a GSS code (E06000001) of an area with no plugin. code holds 16 bytes. */
int sl_cases_area(sl_store *store, const char *name, char *code, sl_error *error);

/* Import path as the case records of area (a code). On failure nothing is
 * stored and error is one line "FILE:LINE:COLUMN: what is wrong", which
 * never contains a PersonID or RequestID. */
int sl_cases_import(sl_store *store, const char *area, const char *path, sl_cases_progress progress,
                    void *context, sl_cases_counts *counts, sl_error *error);

#endif
