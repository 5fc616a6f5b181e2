/*
 * statistics.h: importing official statistics, the open-data CSV files of
 * Explore education statistics (the DfE's publishing service), given one by
 * one or as a release zip read in place. Every row is stored as published
 * (stat_row), every geography it names (stat_geography), and each cell a
 * mapping declares a common indicator (statistics_mapping.h) as one figure
 * with its source (statistic). docs/statistics.md describes the format and
 * what is refused.
 */
#ifndef SL_STATISTICS_H
#define SL_STATISTICS_H

#include <stddef.h>

#include "error.h"
#include "statistics_mapping.h"
#include "store.h"

/* What one file gave. */
typedef struct sl_stat_file_report {
  const char *name;     /* base name, the key a later import replaces */
  const char *document; /* "release.zip/data/requests.csv", or "requests.csv" */
  long rows;            /* data rows stored */
  size_t figures;       /* statistic rows: mapped figures */
  size_t indicators;    /* mapped indicators found in the file */
  int replaced;         /* an earlier import of the same name was replaced */
} sl_stat_file_report;

typedef struct sl_stat_import_options {
  const sl_stat_mappings *mappings;
  /* A remark that does not stop the import ("file:line: the same row as
   * line 7; stored once"), as it is made. May be NULL. */
  void (*note)(void *context, const char *message);
  /* Each file's report, after the whole import has committed. May be NULL. */
  void (*report)(void *context, const sl_stat_file_report *report);
  void *context;
} sl_stat_import_options;

/*
 * Import every path (a CSV file, or a zip whose CSV members are read; a
 * member not in the standard format is skipped with a note) in one
 * transaction: all of it is stored, or, at the first bad cell, nothing.
 * The error names the file, the line and the column.
 */
int sl_statistics_import(sl_store *store, const char *const *paths, size_t count,
                         const sl_stat_import_options *options, sl_error *error);

#endif
