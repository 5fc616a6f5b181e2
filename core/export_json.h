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
/* One area (as in the document's "areas" array), by code or plugin name;
 * NULL with error set if there is no such area. */
cJSON *sl_export_area(sl_store *store, const char *code_or_name, sl_error *error);

#endif
