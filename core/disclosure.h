/*
 * disclosure.h: statistical disclosure control of the figures counted from
 * children's case records, the one place every output goes through.
 *
 * Primary suppression: a count from 1 to SL_DISCLOSURE_MIN - 1 is not shown.
 * Secondary (complementary) suppression: where a count that must not be
 * shown could be worked out by subtraction from counts that are shown (a
 * total and its parts: a denominator, its numerator and the rest; all
 * plans and those without an exception), one more count of the same
 * relation is suppressed, until no relation gives a protected count away.
 * docs/indicators.md describes the rule and the guidance it follows.
 *
 * The engine (sl_disclosure_*) knows cells and relations only; the store's
 * side (sl_disclosure_publish, sl_disclosure_apply) turns indicator results
 * into them.
 */
#ifndef SL_DISCLOSURE_H
#define SL_DISCLOSURE_H

#include <cjson/cJSON.h>
#include <stddef.h>
#include <stdint.h>

#include "error.h"
#include "store.h"

/* The smallest count shown: 1 to 4 are suppressed, 0 is shown (the DfE's
 * convention for SEN2 statistics). */
enum { SL_DISCLOSURE_MIN = 5 };

/* ---- the engine ---- */

typedef struct sl_disclosure sl_disclosure;

sl_disclosure *sl_disclosure_new(void);
void sl_disclosure_free(sl_disclosure *table);

/* A cell of count; hidden: never shown but implied by others (the rest of a
 * denominator, the difference of two totals), protected all the same.
 * Returns its index, -1 when out of memory. */
long sl_disclosure_cell(sl_disclosure *table, int64_t count, int hidden);

/* A relation: cells[0] = cells[1] + ... + cells[count - 1]. Knowing all but
 * one of its cells gives the last. 0, or -1 when out of memory. */
int sl_disclosure_relation(sl_disclosure *table, const long *cells, size_t count);

/* Decide which cells are suppressed: primary, then secondary until no
 * protected cell can be derived relation by relation. */
void sl_disclosure_protect(sl_disclosure *table);

/* Whether a (not hidden) cell may be shown, after sl_disclosure_protect. */
int sl_disclosure_shown(const sl_disclosure *table, long cell);

/* ---- indicator results ---- */

/*
 * Build, on the store's connection, the temporary view indicator_published:
 * indicator_result's rows as outputs show them (columns indicator, title,
 * unit, direction, area, period, breakdown, note, script, script_version,
 * value, numerator, denominator, synthetic), suppressed counts and values
 * as the text "x". synthetic is 1 where the figures are counted from case
 * records of a file marked synthetic, 0 where not, NULL where not known.
 * Call it before reading the view; again after results change.
 */
int sl_disclosure_publish(sl_store *store, sl_error *error);

/* Rewrite the values of results (as sl_indicators_run gives them) to what
 * indicator_published shows for them (built afresh), adding "synthetic". */
int sl_disclosure_apply(sl_store *store, cJSON *results, sl_error *error);

/* The areas whose case records are marked synthetic, as one text ("E06000099,
 * E08000030"), into text; 0 when there are none, 1 when there are, -1 on a
 * failure. */
int sl_disclosure_synthetic_areas(sl_store *store, char *text, size_t size, sl_error *error);

/* The warning every output shows with synthetic figures, naming their
 * areas, into text: 1 when there are such figures, 0 (text empty) when
 * there are none, -1 on a failure. */
int sl_disclosure_synthetic_warning(sl_store *store, char *text, size_t size, sl_error *error);

#endif
