/*
 * publication.h: the publication metadata of an export, built once from
 * the store and the export's options and shown by every output: the page
 * (core/export_html_publication.c), the workbook's README sheet, the JSON
 * export's "publication" and the CSV folder's publication.csv. It says
 * what the export is (title, publisher, publication date), how current its
 * data is ("data as at", and which data that is), what made it (the
 * sendlens version, the store's and the interchange schema's versions) and
 * where every fact comes from (each area's documents with their public
 * address and licence where sources.json declares them, the official
 * statistics with theirs, the returns and case files areas supplied).
 * Never a local folder: documents are stored by their file name alone.
 */
#ifndef SL_PUBLICATION_H
#define SL_PUBLICATION_H

#include <cjson/cJSON.h>
#include <time.h>

#include "error.h"
#include "store.h"

/* The title when --title gives none: neutral words, never a path or a
 * user's name. */
#define SL_PUBLICATION_TITLE "SEND inspections and improvement plans by area"

/* The longest --title and --publisher, in bytes. */
enum { SL_PUBLICATION_TEXT_MAX = 300 };

typedef struct sl_publication_options {
  const char *title;     /* --title, or NULL for SL_PUBLICATION_TITLE */
  const char *publisher; /* --publisher, or NULL: not stated */
  const char *date;      /* --date YYYY-MM-DD, or NULL: $SOURCE_DATE_EPOCH, else today (UTC) */
} sl_publication_options;

/* What is wrong with the options (a title or publisher that is empty,
 * too long, not UTF-8 or holds a control character; a date that is not a
 * real YYYY-MM-DD): -1 with error set naming the option, or 0. */
int sl_publication_check(const sl_publication_options *options, sl_error *error);

/* $SOURCE_DATE_EPOCH (the reproducible-builds convention), when set: 1
 * with *seconds; 0 when unset or empty; -1 with error set when it is not
 * a positive count of seconds. */
int sl_publication_epoch(time_t *seconds, sl_error *error);

/* The metadata as schemas/model.schema.json's "publication" describes it;
 * NULL with error set. The caller owns it. */
cJSON *sl_publication_build(sl_store *store, const sl_publication_options *options,
                            sl_error *error);

/* The metadata as rows of two cells, label and value, after a header row
 * ("field", "value"): the CSV folder's publication.csv. NULL out of
 * memory. */
cJSON *sl_publication_fields(const cJSON *publication);

/* The sources as rows of the same nine cells (kind, area, area_name,
 * document, title, publisher, url, licence, period; a statistics source's
 * files in document, joined by "; "), after a header row of those names:
 * publication_sources.csv. NULL out of memory. */
cJSON *sl_publication_sources_table(const cJSON *publication);

/* The workbook README sheet's rows, an array of arrays of strings (null
 * for an empty cell): the metadata as label and value, an empty row, then
 * the sources as a table with its header. NULL out of memory. */
cJSON *sl_publication_rows(const cJSON *publication);

/* "2 December 2026", "October 2022" or "2022" for an ISO date, month or
 * year, into out; the text itself if it is none of these. */
void sl_publication_long_date(const char *iso, char *out, size_t size);

#endif
