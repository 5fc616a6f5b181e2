/*
 * export_html.h: `export --format html`, one self-contained page to read,
 * share and print: the themes x areas matrix, the stored indicators as bar
 * charts, and a card per area with every fact and where it comes from.
 * CSS and SVG are inline and there is no script and no link outside the
 * page, so it works offline, as an e-mail attachment, and on paper.
 */
#ifndef SL_EXPORT_HTML_H
#define SL_EXPORT_HTML_H

#include <cjson/cJSON.h>
#include <stdio.h>

#include "error.h"
#include "store.h"

/* Write the page to out, with publication (core/publication.h) as its
 * title, metadata and sources. 0, or -1 with error set. */
int sl_export_html_write(sl_store *store, const cJSON *publication, FILE *out, sl_error *error);

/* Write the page to path: under a temporary name, renamed into place, so a
 * failure leaves no half file. 0, or -1 with error set. */
int sl_export_html(sl_store *store, const cJSON *publication, const char *path, sl_error *error);

/* Write text escaped for HTML text and attribute values alike: the five
 * characters HTML gives a meaning. */
void sl_html_escape(FILE *out, const char *text);

#endif
