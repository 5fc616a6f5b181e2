/*
 * plan.c: the Accelerated Progress Plan itself: its version and date (the
 * document's first line), when it was approved, and the board that leads
 * and monitors it. Its period stays unknown: the document says "over the
 * next 12 months" from no stated start.
 */
#include <string.h>

#include "walsall.h"

/* Markers: the version in brackets after the date, the approval sentence,
 * the board's verb. */
static const char VERSION[] = "(Version";
static const char APPROVED[] = "approved by";
static const char BOARD_VERB[] = "will continue to lead on";
static const char ARTICLE[] = "The ";

/* The version line: "October 2022 (Version 1.0)". */
static int plan_version(walsall *w, sl_plan_record *plan) {
  for (size_t n = 1; n <= w->doc->line_count; n++) {
    const char *text = walsall_line(w, n);
    const char *at = walsall_find(text, NULL, VERSION);
    if (!at) continue;
    const char *start = at + strlen(VERSION), *end = strchr(start, ')');
    const char *version = end ? walsall_copy(w, start, end) : NULL;
    if (!version || !*version)
      return sl_fail(w->host, WALSALL_DOCUMENT, n, "\"%s\" without a version and ')'", VERSION);
    plan->version = version;
    plan->dated = walsall_date_in(w, text, at);
    plan->source = walsall_source(w, NULL, n, 0, walsall_copy(w, text, end + 1));
    return 0;
  }
  return sl_fail(w->host, WALSALL_DOCUMENT, 0, "no line gives the plan's version (\"%s N)\")",
                 VERSION);
}

/* The sentence saying the plan was approved (the APPROVED marker): the
 * date after the marker, and its sentence as a source. */
static int plan_approved(walsall *w, sl_plan_record *plan, sl_source *source) {
  for (size_t n = 1; n <= w->doc->line_count; n++) {
    const sl_paragraph *p = walsall_paragraph_at(w, n);
    const char *from = p ? walsall_paragraph_start(w, p, n) : walsall_line(w, n);
    const char *at = walsall_find(from, NULL, APPROVED);
    if (!at) continue;
    const char *start, *end;
    walsall_sentence(w, from, at, &start, &end);
    const char *after = at + strlen(APPROVED);
    plan->approved = walsall_date_in(w, after, end);
    if (!plan->approved) continue;
    *source = walsall_source(w, p ? p->number : NULL, n, 0, walsall_copy(w, start, end));
    return 1;
  }
  return 0;
}

/* "The Local Area Improvement Board (LAIB) will continue to lead on and
 * monitor ... the APP": the sentence's subject, without its article. */
static int plan_board(walsall *w, sl_plan_record *plan, sl_source *source) {
  const sl_paragraph *p = walsall_paragraph_with(w, BOARD_VERB);
  const char *at = NULL;
  size_t n = p ? walsall_paragraph_line(w, p, BOARD_VERB, &at) : 0;
  if (!n) return 0;
  const char *start, *end;
  walsall_sentence(w, walsall_paragraph_start(w, p, n), at, &start, &end);
  if (strncmp(start, ARTICLE, strlen(ARTICLE)) == 0) start += strlen(ARTICLE);
  const char *board = walsall_copy(w, start, at);
  if (!board || !*board) return 0;
  plan->board = board;
  *source = walsall_sentence_source(w, p->number, n, walsall_paragraph_start(w, p, n), at);
  return 1;
}

int walsall_plan_load(walsall *w) {
  sl_plan_record plan = {.kind = "APP"};
  sl_source approved, board;
  if (plan_version(w, &plan)) return -1;
  int has_approved = plan_approved(w, &plan, &approved);
  int has_board = plan_board(w, &plan, &board);
  if (sl_emit_plan(w->host, &plan, &w->app)) return -1;
  if (has_approved && sl_add_source(w->host, w->app, &approved)) return -1;
  if (has_board && sl_add_source(w->host, w->app, &board)) return -1;
  return 0;
}
