/*
 * compare.h: the themes x areas matrix, as data. For each theme and area:
 * the area's weaknesses given that theme (with their progress judgement)
 * and its plan concerns given that theme (with their actions and measures
 * counted). `compare` prints it; exports reuse it. Also the two views of
 * `compare --theme` (one theme, every fact in the area's own words with its
 * source) and `compare --gaps` (what each plan leaves unmeasured or
 * unassigned).
 */
#ifndef SL_COMPARE_H
#define SL_COMPARE_H

#include <cjson/cJSON.h>

#include "error.h"
#include "store.h"

/* {"areas": [{"code", "name"}], "rows": [{"theme", "title", "cells": [{"area",
 *   "weaknesses": [{"ref", "progress"}], "concerns": [{"ref", "title",
 *   "actions", "measures"}]}]}]}; rows only for themes some area has. */
cJSON *sl_compare_matrix(sl_store *store, sl_error *error);

/* The ids of the themes in the store, in order. */
cJSON *sl_compare_theme_ids(sl_store *store, sl_error *error);

/* {"theme": {"id", "title", "description"}, "areas": [{"code", "name",
 *   "weaknesses": [{"ref", "progress", "text", "sources"}], "concerns":
 *   [{"ref", "title", "sources", "actions": [{"ref", "text", "sources"}],
 *   "measures": [{"ref", "name", "kind", "unit", "sources"}]}]}]}, only the
 * areas with a weakness or concern given the theme; sources are
 * [{"document", "locator"}]. NULL with error set, also for an unknown theme
 * (check sl_compare_theme_ids first to tell a usage error apart). */
cJSON *sl_compare_theme(sl_store *store, const char *theme, sl_error *error);

/* {"areas": [{"code", "name", "themes_without_measures": [{"theme", "title",
 *   "concerns": [{"ref", "title"}]}], "measures_total",
 *   "measures_without_baseline_or_target": [{"ref", "name", "missing",
 *   "sources"}], "actions_total", "actions_without_lead_or_due": [{"ref",
 *   "text", "concern" (its ref, or else title), "missing", "sources"}]}]};
 * "missing" lists the field names. */
cJSON *sl_compare_gaps(sl_store *store, sl_error *error);

#endif
