/*
 * measures.c: a workstream's outcome/progress measures: the row after the
 * "OUTCOME/PROGRESS MEASURES" marker, each cell a list, each item a
 * measure. The document gives names only (no baselines, targets or
 * numbering); kind, unit and direction are read from a name's own words
 * where they say it, and stay NULL where they do not.
 */
#include <string.h>

#include "worcestershire.h"

/* Wording that makes a measure a count or a percentage. */
static const char *const PERCENT_OPENINGS[] = {"%", "Percentage", NULL};
static const char COUNT_OPENING[] = "Number of";
static const char *const PERCENT_WORDS[] = {"%", "percentage", NULL};
static const char COUNT_WORDS[] = "number of";
/* Wording that names the direction of change wanted. */
static const char *const UP_WORDS[] = {"increase", NULL};
static const char *const DOWN_WORDS[] = {"decrease", "reduce", "reduction", NULL};

static int opens_with_any(const char *name, const char *const *openings) {
  for (; *openings; openings++)
    if (wo_starts(name, *openings)) return 1;
  return 0;
}

static int contains_any(const char *start, const char *const *words) {
  const char *end = start + strlen(start);
  for (; *words; words++)
    if (wo_find(start, end, *words)) return 1;
  return 0;
}

/* "Number of ..." counts; "% of ..." and "Percentage of ..." are
 * percentages; "Number of X and % of Y" (or the reverse) is both. A survey,
 * "Impact on ..." or "Evidence ..." says neither. */
static void kind_and_unit(const char *name, const char **kind, const char **unit) {
  static const char *const count_words[] = {COUNT_WORDS, NULL};
  *kind = *unit = NULL;
  if (wo_starts(name, COUNT_OPENING)) {
    int both = contains_any(name + strlen(COUNT_OPENING), PERCENT_WORDS);
    *kind = "interval", *unit = both ? "count+percent" : "count";
  } else if (opens_with_any(name, PERCENT_OPENINGS)) {
    int both = contains_any(name, count_words);
    *kind = "interval", *unit = both ? "count+percent" : "percent";
  }
}

static const char *direction(const char *name) {
  if (contains_any(name, UP_WORDS)) return "up";
  if (contains_any(name, DOWN_WORDS)) return "down";
  return NULL;
}

static int measure(wo_load *w, size_t line, size_t cell, size_t item, const char *name,
                   const char *quote) {
  sl_measure_record record = {.parent = w->concern,
                              .name = name,
                              .group = w->measures_heading,
                              .direction = direction(name),
                              .source = wo_source(w, line, cell, item, quote)};
  kind_and_unit(name, &record.kind, &record.unit);
  return sl_emit_measure(w->host, &record, NULL);
}

/* One cell: a list of measures, each quoted as its item is written. */
static int measure_cell(wo_load *w, const wo_row *row, size_t cell) {
  const char *raw = wo_cell(row, cell), *end = raw + strlen(raw), *p = raw, *s, *e;
  sl_strings names = sl_html_list_items(w->host, raw);
  size_t k = 0;
  while ((p = wo_list_item(p, end, &s, &e)) && k < names.count) {
    if (measure(w, row->line, cell, k + 1, names.items[k], wo_copy(w, s, e))) return -1;
    k++;
  }
  if (k == 0)
    return sl_fail(w->host, WO_APP, row->line,
                   "cell %zu: workstream %s's measures should be a list (<li> items)", cell,
                   w->concern_ref);
  if (p || k != names.count)
    return sl_fail(w->host, WO_APP, row->line, "cell %zu: the list's items are unreadable", cell);
  return 0;
}

int wo_measures(wo_load *w, const wo_row *row) {
  for (size_t n = 1; n <= row->cells.count; n++)
    if (!wo_cell_blank(w, wo_cell(row, n)) && measure_cell(w, row, n)) return -1;
  return 0;
}
