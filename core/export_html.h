/*
 * export_html.h: `export --format html`, one self-contained page to read,
 * share and print: the themes x areas matrix, the stored indicators as
 * small multiples of line charts, and a card per area with every fact and where it comes from;
 * or, as a board pack, the matrix and a one-page summary per area.
 * CSS, SVG and one small script are inline (the page is whole without
 * the script, which only adds filtering), with no link outside the page,
 * so it works offline, as an e-mail attachment, and on paper.
 */
#ifndef SL_EXPORT_HTML_H
#define SL_EXPORT_HTML_H

#include <cjson/cJSON.h>
#include <stdio.h>

#include "error.h"
#include "store.h"

/* How the page is written; NULL means the full page. */
typedef struct sl_html_options {
  /* The board pack: contents, the matrix, then a page per area with its
   * plan, concerns with their actions' status counts and measures' latest
   * values; no charts and no footnotes. */
  int board_pack;
  /* The publication metadata (core/publication.h): the page's title, its
   * metadata list and its sources; NULL for the default title alone. */
  const cJSON *publication;
} sl_html_options;

/* Write the page to out. 0, or -1 with error set. */
int sl_export_html_write(sl_store *store, FILE *out, const sl_html_options *options,
                         sl_error *error);

/* Write the page to path: under a temporary name, renamed into place, so a
 * failure leaves no half file. 0, or -1 with error set. */
int sl_export_html(sl_store *store, const char *path, const sl_html_options *options,
                   sl_error *error);

/* Write text escaped for HTML text and attribute values alike: the five
 * characters HTML gives a meaning. */
void sl_html_escape(FILE *out, const char *text);

#endif
