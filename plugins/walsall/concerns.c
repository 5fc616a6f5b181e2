/*
 * concerns.c: the areas of concern. The supporting statement for the APP
 * is set out under one heading per area that did not make sufficient
 * progress at the re-inspection; those headings are both the revisit's
 * insufficient weaknesses (the only ones the document words: the other
 * areas are counted, never named) and the APP's concerns.
 */
#include <string.h>

#include "walsall.h"

/* Markers: the section holding the areas, and its sentence saying they are
 * the areas of insufficient progress. */
static const char STATEMENT[] = "Supporting Statement";
static const char INSUFFICIENT[] = "insufficient progress";

/* An area's heading in the statement: a heading or a bullet that is not a
 * numbered paragraph (the first area is a bullet of 2.1, the second a
 * heading). Its text, or NULL. */
static const char *concern_heading(const char *line) {
  const char *text = walsall_heading(line);
  if (!text) text = sl_list_item(line);
  return text && !walsall_numbered(text) ? text : NULL;
}

int walsall_concerns_find(walsall *w) {
  size_t first = walsall_section_find(w, STATEMENT, &w->statement_last);
  if (!first)
    return sl_fail(w->host, WALSALL_DOCUMENT, 0,
                   "no section heading holds \"%s\" (the areas of concern)", STATEMENT);
  w->statement_first = first;
  for (size_t n = first + 1; n <= w->statement_last; n++) {
    const char *line = walsall_line(w, n);
    const char *text = concern_heading(line);
    if (!text) continue;
    if (w->concern_count == WALSALL_CONCERNS_MAX)
      return sl_fail(w->host, WALSALL_DOCUMENT, n,
                     "more than %d areas of concern: is this heading one?", WALSALL_CONCERNS_MAX);
    walsall_concern *c = &w->concerns[w->concern_count++];
    c->line = n;
    c->title = walsall_copy(w, text, text + strlen(text));
  }
  if (!w->concern_count)
    return sl_fail(w->host, WALSALL_DOCUMENT, first,
                   "the supporting statement (lines %zu-%zu) has no heading naming an "
                   "area of concern",
                   first, w->statement_last);
  return 0;
}

static sl_source heading_source(walsall *w, const walsall_concern *c) {
  return walsall_source(w, NULL, c->line, 0, c->title);
}

/* The statement's sentence saying its areas made insufficient progress:
 * the source of their progress, if the statement says so. */
static int insufficient_sentence(walsall *w, sl_source *out) {
  for (size_t i = 0; i < w->paragraph_count; i++) {
    const sl_paragraph *p = &w->paragraphs[i];
    const char *at;
    if (p->first_line < w->statement_first || p->first_line > w->statement_last) continue;
    size_t n = walsall_paragraph_line(w, p, INSUFFICIENT, &at);
    if (!n) continue;
    *out = walsall_sentence_source(w, p->number, n, walsall_paragraph_start(w, p, n), at);
    return 1;
  }
  return 0;
}

int walsall_weaknesses_load(walsall *w) {
  sl_source judged;
  int said = insufficient_sentence(w, &judged);
  for (size_t i = 0; i < w->concern_count; i++) {
    const walsall_concern *c = &w->concerns[i];
    sl_weakness_record weakness = {.inspection = w->revisit,
                                   .text = c->title,
                                   .progress = said ? "insufficient" : NULL,
                                   .source = heading_source(w, c)};
    sl_id id;
    if (sl_emit_weakness(w->host, &weakness, &id) || (said && sl_add_source(w->host, id, &judged)))
      return -1;
  }
  return 0;
}

int walsall_concerns_emit(walsall *w) {
  for (size_t i = 0; i < w->concern_count; i++) {
    walsall_concern *c = &w->concerns[i];
    sl_concern_record concern = {
        .plan = w->app, .ref = c->ref, .title = c->title, .source = heading_source(w, c)};
    if (sl_emit_concern(w->host, &concern, &c->id)) return -1;
  }
  return 0;
}
