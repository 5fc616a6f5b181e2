/*
 * statistics_internal.h: what the import driver (statistics.c) and the
 * reading of one file (statistics_file.c) share.
 */
#ifndef SL_STATISTICS_INTERNAL_H
#define SL_STATISTICS_INTERNAL_H

#include <sodium.h>

#include "csv.h"
#include "keyset.h"
#include "statistics.h"
#include "statistics_guidance.h"

/* What lives across the files of one import. */
typedef struct stat_import {
  sl_store *store;
  const sl_stat_import_options *options;
  sl_error *error;
  sl_keyset geographies;     /* geography rows already written by this import */
  sl_stat_guidance guidance; /* what the release's data guidance says of the columns */
  char imported_at[32];
} stat_import;

/* Import one CSV read by csv, whose bytes go through hash as they are read, (name: its base name;
 * document: where it came from, without local folders) into the open transaction, filling report.
 * With skip_foreign set, a file that is not in the standard format is not
 * an error: 1 is returned, with why in the error, and nothing stored. */
int stat_file_import(stat_import *import, sl_csv *csv, crypto_generichash_state *hash,
                     const char *name, const char *document, int skip_foreign,
                     sl_stat_file_report *report);

/* The csv on_input hook that fingerprints a file as it is read: context is
 * the crypto_generichash_state passed to stat_file_import. */
void stat_file_hash_input(void *context, const char *bytes, size_t length);

#endif
