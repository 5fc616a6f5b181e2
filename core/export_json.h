/*
 * export_json.h: the interchange document of schemas/model.schema.json,
 * built from the store. `export --format json` writes it whole; `show
 * --json` writes one area of it.
 */
#ifndef SL_EXPORT_JSON_H
#define SL_EXPORT_JSON_H

#include <cjson/cJSON.h>

#include "error.h"
#include "store.h"

#define SL_EXPORT_SCHEMA_VERSION 1

/* The whole document; NULL with error set. */
cJSON *sl_export_document(sl_store *store, sl_error *error);
/* One area (as in the document's "areas" array), by code, plugin or name;
 * NULL with error set if there is no such area. With reasons, themed
 * records also carry "theme_reasons" (rule and phrase of each theme), which
 * the interchange schema does not have. */
cJSON *sl_export_area(sl_store *store, const char *code_or_name, int reasons, sl_error *error);

#endif
