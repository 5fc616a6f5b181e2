/*
 * walsall.h: what the Walsall plugin's files share: the state of one load
 * (the host, the one document, its numbered paragraphs, the records emitted
 * so far) and the small text helpers of text.c.
 *
 * The area publishes one document, the APP supporting document. Each part
 * of it has its reader: inspections.c (the two inspections and the WSOA
 * named in the overview), plan.c (the APP itself), concerns.c (the areas
 * of concern heading the supporting statement: the revisit's insufficient
 * weaknesses and the APP's concerns), actions.c (the improvement-plan
 * actions the paragraphs cite), measures.c (the key indicators of each
 * project area). walsall.c declares the plugin and runs them.
 */
#ifndef WALSALL_H
#define WALSALL_H

#include <stddef.h>

#include "sendlens/plugin.h"

/* The document in sources/, by file name. */
#define WALSALL_DOCUMENT "app-supporting-document-2022-10.txt"

/* The area's name as the document writes it (the descriptor's too). */
#define WALSALL_AREA_NAME "Walsall"

/* An APP names a handful of areas of concern; more means we misread it. */
enum { WALSALL_CONCERNS_MAX = 8 };

/* An area of concern: a heading of the supporting statement. */
typedef struct walsall_concern {
  size_t line;       /* the heading's line */
  const char *title; /* the heading's text, as written */
  const char *ref;   /* the leading number its cited actions share, or NULL */
  sl_id id;          /* the concern, once emitted */
} walsall_concern;

/* One load: handles are 0 until their record is emitted. */
typedef struct walsall {
  sl_host *host;
  const sl_document *doc;
  const sl_paragraph *paragraphs;
  size_t paragraph_count;
  sl_id revisit;
  sl_id app;
  walsall_concern concerns[WALSALL_CONCERNS_MAX];
  size_t concern_count;
  size_t statement_first; /* the supporting statement's lines */
  size_t statement_last;
} walsall;

/* The readers, in the order the load runs them. Each returns 0 or -1 (the
 * host has the reason). */
int walsall_inspections_load(walsall *w);
int walsall_concerns_find(walsall *w);
int walsall_weaknesses_load(walsall *w);
int walsall_plan_load(walsall *w);
int walsall_actions_load(walsall *w); /* emits the concerns, then actions */
int walsall_measures_load(walsall *w);
/* roles.c: the leads, chairs and advisers the document names (after the
 * concerns and the plan are emitted). */
int walsall_roles_load(walsall *w);

/* The concerns found by walsall_concerns_find, emitted under the APP once
 * actions.c has given them their refs. */
int walsall_concerns_emit(walsall *w);

/* ---- text.c: helpers every reader here uses ---- */

/* The text of line n (1-based); "" outside the document. */
const char *walsall_line(const walsall *w, size_t n);
/* Is line only white space? */
int walsall_blank(const char *line);

/* A host-owned copy of [start, end) with surrounding space trimmed. */
const char *walsall_copy(walsall *w, const char *start, const char *end);

/* The first place in [start, end) (end NULL: the string's end) where
 * marker occurs at the start of a word ("sufficient" is not found in
 * "insufficient"), ASCII case ignored; NULL if none. */
const char *walsall_find(const char *start, const char *end, const char *marker);

/* The title of a heading line ("# Title", "#### Title"), or NULL. */
const char *walsall_heading(const char *line);

/* Does text begin with a number followed by a full stop ("2.", "2.4.")? */
int walsall_numbered(const char *text);

/* The number of a section heading ("# 2. Title", "4. Title"; not a
 * contents line "2\t. Title\t3" nor a paragraph "2.4. text"), or 0. */
int walsall_section(const char *line);

/* The first line of the section whose heading holds marker, or 0; and
 * its last line (before the next section heading). */
size_t walsall_section_find(const walsall *w, const char *marker, size_t *last);

/* The first numbered paragraph whose text holds marker, or NULL. */
const sl_paragraph *walsall_paragraph_with(const walsall *w, const char *marker);

/* The numbered paragraph whose lines hold line n, or NULL. */
const sl_paragraph *walsall_paragraph_at(const walsall *w, size_t n);

/* The line of paragraph p holding marker (its place in *at), or 0. */
size_t walsall_paragraph_line(const walsall *w, const sl_paragraph *p, const char *marker,
                              const char **at);

/* Where paragraph p's text starts on line n: at its number on the first
 * line, after the indentation on the others. */
const char *walsall_paragraph_start(const walsall *w, const sl_paragraph *p, size_t n);

/* The last line of p that is not blank. */
size_t walsall_paragraph_last(const walsall *w, const sl_paragraph *p);

/* The sentence around at, within [from, the line's end): from after the
 * previous full stop and space to its own full stop, which is kept. */
void walsall_sentence(walsall *w, const char *from, const char *at, const char **start,
                      const char **end);

/* The first date written in [start, end) (the core's parse_date reads
 * the first date of a text); NULL if none. */
const char *walsall_date_in(walsall *w, const char *start, const char *end);

/* The date the sentence [start, end) gives, looking first after the
 * marker at [at, at_end) and then before it; NULL if none. */
const char *walsall_date_near(walsall *w, const char *start, const char *end, const char *at,
                              const char *at_end);

/* A number written as a word ("nine", "Seven") or in digits, up to twenty
 * in words; -1 if the word is neither. */
int walsall_number(walsall *w, const char *word, size_t length);

/* The number in the word just before at (after from), or just after at:
 * -1 if that word is not a number. *after gets the end of the word. */
int walsall_number_before(walsall *w, const char *from, const char *at);
int walsall_number_after(walsall *w, const char *at, const char **after);

/* A source on line n (or lines n-last when last > n), in paragraph
 * number (NULL: none), quoting quote. */
sl_source walsall_source(walsall *w, const char *number, size_t n, size_t last, const char *quote);

/* A source for paragraph p quoting its whole text, from its number to its
 * last line that is not blank (the lines joined with "\n"). */
sl_source walsall_paragraph_source(walsall *w, const sl_paragraph *p);

/* A source quoting the sentence of line n around at (within from). */
sl_source walsall_sentence_source(walsall *w, const char *number, size_t n, const char *from,
                                  const char *at);

#endif
