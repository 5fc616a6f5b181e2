/*
 * statistics_mapping.h: which published columns are common indicators.
 * The declarations live in Lua files (every .lua file of scripts/statistics/, and any
 * given with `import-statistics --mapping`), run in the sandbox, so that a
 * new release with other column names, or another publication, is a new
 * file and not new C. docs/statistics.md describes `publication {}` and
 * `statistic {}`.
 */
#ifndef SL_STATISTICS_MAPPING_H
#define SL_STATISTICS_MAPPING_H

#include <stddef.h>

#include "arena.h"
#include "error.h"

typedef struct sl_stat_publication {
  const char *id, *title, *publisher, *licence;
  const char *url;   /* an http(s) address (core/url.c checks it), or NULL */
  const char *where; /* "dfe_ehcp.lua:17": its file (no folder) and line */
} sl_stat_publication;

/* One statistic {} declaration. Column names are as the mapping writes
 * them; a file's header matches them without regard to case. */
typedef struct sl_stat_mapping {
  const char *id, *title, *unit, *direction, *definition;
  const char *file;                            /* base name it is limited to, or NULL */
  const char *value, *numerator, *denominator; /* columns; the last two may be NULL */
  const char **total_columns, **total_values;  /* the filter cells of the total row */
  size_t total_count;
  const sl_stat_publication *publication; /* declared before it in its file, or NULL */
  const char *where;                      /* "dfe_ehcp.lua:23": its file (no folder) and line */
} sl_stat_mapping;

typedef struct sl_stat_mappings {
  sl_arena *arena; /* owns every string and array below */
  const sl_stat_mapping **items;
  size_t count;
} sl_stat_mappings;

/* Run each of paths (the mapping files, in order), collecting their
 * declarations. 0, or -1 with error set ("file:line: what is wrong").
 * Free with sl_stat_mappings_free even on failure. */
int sl_stat_mappings_load(sl_stat_mappings *mappings, const char *const *paths, size_t count,
                          sl_error *error);
void sl_stat_mappings_free(sl_stat_mappings *mappings);

#endif
