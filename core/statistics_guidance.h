/*
 * statistics_guidance.h: a release's data guidance (data-guidance.txt, as
 * Explore education statistics writes it for every release), read for what
 * it says of each file's columns: a label per variable, and which of them
 * are filters ("Filter by ..."). The import stores the labels beside the
 * columns and takes a guidance's word on a filter over its cells'.
 */
#ifndef SL_STATISTICS_GUIDANCE_H
#define SL_STATISTICS_GUIDANCE_H

#include <stddef.h>

#include "arena.h"

typedef struct sl_stat_guidance_entry {
  const char *file, *column, *label; /* "caseload.csv", "ehcplans", "Total number of ..." */
} sl_stat_guidance_entry;

typedef struct sl_stat_guidance {
  sl_arena *arena; /* owns the entries; NULL until a guidance is read */
  sl_arena_list entries;
} sl_stat_guidance;

/* Add what text (a data guidance file, length bytes) says of each file's
 * variables. A text with no "Filename:" sections adds nothing. 0, or -1
 * out of memory. */
int sl_stat_guidance_read(sl_stat_guidance *guidance, const char *text, size_t length);

/* The label of file's column (names compared without regard to case), or
 * NULL. */
const char *sl_stat_guidance_label(const sl_stat_guidance *guidance, const char *file,
                                   const char *column);

void sl_stat_guidance_free(sl_stat_guidance *guidance);

#endif
