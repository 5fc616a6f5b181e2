/*
 * compare.h: the themes x areas matrix, as data. For each theme and area:
 * the area's weaknesses given that theme (with their progress judgement)
 * and its plan concerns given that theme (with their actions and measures
 * counted). `compare` prints it; exports reuse it.
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

#endif
