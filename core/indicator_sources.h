/*
 * indicator_sources.h: what indicator results were computed from, and
 * therefore what `sendlens indicators` must compute again (issue 15).
 *
 * The store keeps, per area, a tick of the last change of each kind of
 * data (area_state: its plugin load, its case records and which import,
 * its progress returns), and per indicator and area the ticks and script
 * hash its stored results were computed from (indicator_source); see
 * schemas/migrations/010_result_sources.sql. A run of a script takes the
 * area states first, computes only the (indicator, area) pairs whose
 * record is missing, from another script, or from another state, and
 * stores a pair only if its area did not change meanwhile: a result
 * counted from a replaced import is never stored as current.
 *
 * An indicator of counts is counted from case records (its results record
 * the case import); one computed per area reads the plan (its results
 * record the area's load and progress returns), as the triggers that
 * delete results on a reload or a new import already assume.
 */
#ifndef SL_INDICATOR_SOURCES_H
#define SL_INDICATOR_SOURCES_H

#include <cjson/cJSON.h>
#include <stddef.h>

#include "error.h"
#include "store.h"

typedef struct sl_indicators_plan {
  char hash[32];  /* the script's content hash */
  cJSON *state;   /* {area: {"load", "progress", "cases", "case_import"}} at the start */
  cJSON *stale;   /* {indicator id: [areas to compute]} */
  cJSON *full;    /* {indicator id: true}: every result of it goes (another script) */
  char **counted; /* the areas any counts indicator needs counted (ctx.per_import) */
  size_t counted_count;
} sl_indicators_plan;

/* Take the state of every area's data, before a script reads any. */
int sl_indicator_sources_begin(sl_store *store, const char *hash, sl_indicators_plan *plan,
                               sl_error *error);
/* Choose the areas whose results of indicator id (counts or not) must be
 * computed, into plan->stale (and plan->counted for counts). */
int sl_indicator_sources_plan(sl_store *store, sl_indicators_plan *plan, const char *id,
                              int from_cases, sl_error *error);
void sl_indicators_plan_free(sl_indicators_plan *plan);

/* Whether areas (a JSON array of strings) holds area. */
int sl_indicators_in(const cJSON *areas, const char *area);

/*
 * Store, in one transaction, the values computed for each indicator of
 * results ({"id", "title", ..., "from_cases", "recomputed": [areas],
 * "values": [...]}) for the areas it recomputed, with the record of what
 * they were computed from. An area whose data changed since plan->state
 * is not stored; it is added to changed (a JSON array), to compute again.
 */
int sl_indicator_sources_store(sl_store *store, const cJSON *results,
                               const sl_indicators_plan *plan, cJSON *changed, sl_error *error);

/* Replace each indicator's "values" by its results as the store holds them
 * now (the areas computed this time and those kept), and add "sources":
 * per area, when its results were computed and, for counts, from which
 * case import. */
int sl_indicator_sources_read(sl_store *store, cJSON *results, sl_error *error);

#endif
