/*
 * walsall.c: the Walsall area plugin. Declares the plugin and the area's
 * identity, reads the area's one document (the APP supporting document of
 * October 2022) into numbered paragraphs, and runs one reader per part of
 * it (see walsall.h).
 */
#include <string.h>

#include "walsall.h"

/* The area's identity. The document names the area but gives neither its
 * codes nor its region, so they are declared here beside the descriptor;
 * the area's source is the first paragraph naming it. */
#define WALSALL_AREA_CODE "E08000030"
#define WALSALL_LA_NUMBER "335"
#define WALSALL_REGION "West Midlands"

static int walsall_area(walsall *w) {
  const sl_paragraph *p = walsall_paragraph_with(w, WALSALL_AREA_NAME);
  const char *at = NULL;
  size_t n = p ? walsall_paragraph_line(w, p, WALSALL_AREA_NAME, &at) : 0;
  if (!n)
    return sl_fail(w->host, WALSALL_DOCUMENT, 0, "no numbered paragraph names %s",
                   WALSALL_AREA_NAME);
  sl_area_record area = {
      .code = WALSALL_AREA_CODE,
      .la_number = WALSALL_LA_NUMBER,
      .name = WALSALL_AREA_NAME,
      .region = WALSALL_REGION,
      .source = walsall_sentence_source(w, p->number, n, walsall_paragraph_start(w, p, n), at)};
  return sl_emit_area(w->host, &area, NULL);
}

/* The document as numbered paragraphs: every part of it is found from
 * them, so a document without any is not the supporting document. */
static int walsall_read(walsall *w) {
  if (sl_read_document(w->host, WALSALL_DOCUMENT, &w->doc)) return -1;
  size_t n = 1;
  while (n <= w->doc->line_count && walsall_blank(walsall_line(w, n)))
    n++;
  if (n > w->doc->line_count) return sl_fail(w->host, WALSALL_DOCUMENT, 0, "the document is empty");
  if (sl_numbered_paragraphs(w->host, w->doc, &w->paragraphs, &w->paragraph_count)) return -1;
  if (!w->paragraph_count)
    return sl_fail(w->host, WALSALL_DOCUMENT, 0, "no numbered paragraph (\"1.1. ...\") found");
  return 0;
}

static int walsall_load(const sl_host_api *api, sl_host *host) {
  SL_PLUGIN_INIT(api);
  walsall w = {.host = host};
  if (walsall_read(&w)) return -1;
  if (walsall_area(&w) || walsall_inspections_load(&w) || walsall_concerns_find(&w) ||
      walsall_weaknesses_load(&w) || walsall_plan_load(&w) || walsall_actions_load(&w) ||
      walsall_measures_load(&w) || walsall_roles_load(&w))
    return -1;
  return 0;
}

SL_PLUGIN_DEFINE("walsall", WALSALL_AREA_CODE, WALSALL_AREA_NAME, "1.0.0", walsall_load);
