/*
 * export_html_publication.h: the publication metadata on the HTML page
 * (core/publication.h builds it): a <dl> at the top (publisher, date
 * published, data as at and which data that is, the sendlens and schema
 * versions) and, in the footer, the sources with their public addresses
 * and licences. Draws the tree; holds no SQL.
 */
#ifndef SL_EXPORT_HTML_PUBLICATION_H
#define SL_EXPORT_HTML_PUBLICATION_H

#include <cjson/cJSON.h>
#include <stdio.h>

/* The section's CSS, for the page's one <style>. */
extern const char sl_html_publication_style[];

/* The metadata list, for the page's header. */
void sl_html_publication_summary(FILE *out, const cJSON *publication);

/* The sources and licences (id "sources", an <h2>), for the footer. */
void sl_html_publication_sources(FILE *out, const cJSON *publication);

#endif
