/*
 * export_csv.h: `export --format csv -o DIR`, the store as one RFC 4180
 * file per kind of record (areas.csv, actions.csv, ...), for spreadsheets
 * and for joining in any tool. Ids are made of the area code, the kind and
 * the plugin's emission order (fact.seq), never SQLite row ids, so loading
 * the same documents twice writes the same bytes.
 */
#ifndef SL_EXPORT_CSV_H
#define SL_EXPORT_CSV_H

#include <cjson/cJSON.h>

#include "error.h"
#include "store.h"

/* Write every file into dir (created if missing), and the publication
 * metadata (core/publication.h) as publication.csv (field, value) and
 * publication_sources.csv. Each file is written under a temporary name
 * and renamed into place, so a failure leaves no half file. bom: begin
 * each file with UTF-8's byte order mark (EF BB BF), which Excel needs to
 * read a double-clicked CSV file as UTF-8 rather than the machine's code
 * page ("Wâ€™s" for "W's"); without it, RFC 4180 as written. 0, or -1
 * with error set. */
int sl_export_csv(sl_store *store, const cJSON *publication, const char *dir, int bom,
                  sl_error *error);

#endif
