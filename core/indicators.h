/*
 * indicators.h: running indicator scripts (scripts/indicators/ and any file
 * an adviser passes). A script calls indicator{...} once per indicator it
 * declares; the host calls each compute(ctx) per area and period, and
 * stores the results with the script (path, VERSION, content hash) as
 * their source. A script that fails stores nothing and the next one runs.
 */
#ifndef SL_INDICATORS_H
#define SL_INDICATORS_H

#include <cjson/cJSON.h>

#include "error.h"
#include "lua_sandbox.h"
#include "store.h"

/* Run one script for the areas whose results are missing or out of date
 * (core/indicator_sources.h: what results record, what is recomputed).
 * On success, *results is an array of {"id", "title", "unit",
 * "direction", "script", "version", "from_cases", "values": [{"area",
 * "period", "breakdown", "value", "note"}], "recomputed": [areas computed
 * by this run], "sources": [{"area", "computed_at", "case_import"}]}
 * holding every current result of each indicator (those computed now and
 * those kept), as the store holds them. */
int sl_indicators_run(sl_store *store, const char *path, const sl_lua_limits *limits,
                      cJSON **results, sl_error *error);

/* Outputs show results through core/disclosure.c (sl_disclosure_apply,
 * the view indicator_published), which suppresses small counts. */

#endif
