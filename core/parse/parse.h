/*
 * parse.h: parsing shared by every area plugin. The plugins reach these
 * through the host table (sendlens/plugin.h); the host passes its arena, so
 * every result lives until the load ends. Nothing here knows any area.
 */
#ifndef SL_PARSE_H
#define SL_PARSE_H

#include <stddef.h>

#include "../arena.h"
#include "../error.h"
#include "sendlens/plugin.h"

/* Text helpers the host table also offers. White space includes the
 * no-break space (U+00A0) of Word and PDF exports. */
const char *sl_text_skip_space(const char *p);
/* end moved back over white space, not before start. */
const char *sl_text_trim_end(const char *start, const char *end);
/* A bullet ("- ", "* ", "· ", "• ") at p after any indentation: the text
 * after it and its space, else NULL. */
const char *sl_text_after_bullet(const char *p);

/* Bytes of a file as a document of lines: a UTF-8 byte-order mark removed,
 * CRLF and lone CR line ends made LF. Refuses NUL bytes and invalid UTF-8,
 * naming the line. Lines may be of any length. */
int sl_document_from_bytes(sl_arena *arena, const char *name, const char *bytes, size_t length,
                           sl_document *out, sl_error *error);

/* The first date in text as ISO text, or NULL (date.c lists the forms).
 * A range gives its first date; an impossible date (31 February) is none;
 * a bare year or "2022-03" counts only as the whole text. */
const char *sl_parse_date(sl_arena *arena, const char *text);

/* The standard revisit letter (letter.c shows its shape). -1 with the line
 * named when it has no weakness block, a block has no statement, an
 * unclosed bold or no judgement. Spans not found have value NULL; counts
 * not found (or "all of") are -1. */
int sl_parse_revisit_letter(sl_arena *arena, const sl_document *document, sl_revisit_letter *out,
                            sl_error *error);

/* Cells of a tab-separated line, empty ones kept: n tabs give n + 1 cells.
 * These three give {NULL, 0} only when memory is exhausted. */
sl_strings sl_parse_cells(sl_arena *arena, const char *line);
const char *sl_parse_html_text(sl_arena *arena, const char *html);
/* Items whose text is empty are left out; a nested list's items follow
 * their parent's, whose text stops where the nested list starts. */
sl_strings sl_parse_html_list_items(sl_arena *arena, const char *html);

/* "3. X", "1.Improve", "4) X", "1.2. X" give "3", "1", "4", "1.2"; rest
 * (if not NULL) is set to the text after the number and its white space,
 * or to text itself when there is no number. */
const char *sl_parse_item_number(sl_arena *arena, const char *text, const char **rest);

/* Paragraphs numbered with two or more parts ("2.4."); see paragraphs.c for
 * what continues and what ends one. A document without any gives count 0
 * and returns 0. */
int sl_parse_numbered_paragraphs(sl_arena *arena, const sl_document *document,
                                 const sl_paragraph **out, size_t *count, sl_error *error);

/* References after prefix, each once, in order (references.c has the
 * rules for lists and ranges). An empty prefix gives none. */
sl_strings sl_parse_references(sl_arena *arena, const char *text, const char *prefix);
int sl_parse_number(const char *word, size_t length);

/* The first percentage in text ("45.50%", "45.5 %", "-3%"): its value,
 * and *start and *end around it as written (trailing zeros and all, so a
 * quote keeps "45.50%"). 0, or -1 when text has none. */
int sl_parse_percent(const char *text, double *value, const char **start, const char **end);
void sl_parse_sentence(const char *text, const char *at, const char **start, const char **end);

/* The common kind of an organisation named by text ("CCG": "health", "the
 * Local Authority": "council"; organisation.c lists the words), one of
 * the values of a role's organisation_kind, or NULL when its words do not
 * say. */
const char *sl_parse_organisation_kind(const char *text);

/* The first group's members named in text (members.c has the forms): 0
 * with out filled (but its size), -1 when there is none. */
int sl_parse_group_members(sl_arena *arena, const char *text, sl_group_members *out);

#endif
