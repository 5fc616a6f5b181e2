/*
 * internal.h: what the parsers of core/parse/ share and nobody else needs:
 * white space that knows the no-break space, case-blind matching of marker
 * words, and the date scanner the revisit letter reuses for its ranges.
 * Everything here works on NUL-terminated text and never reads past the NUL.
 */
#ifndef SL_PARSE_INTERNAL_H
#define SL_PARSE_INTERNAL_H

#include <stddef.h>

#include "../arena.h"
#include "parse.h"

/* ---- text.c ---- */

/* The length of the white space character at p (ASCII space, tab, line
 * ends, form feed, or the UTF-8 no-break space U+00A0), else 0. */
size_t sl_text_space(const char *p);
int sl_text_blank(const char *line);
int sl_text_is_letter(char c);
int sl_text_is_digit(char c);

/* A copy of [start, end) with each run of white space made one space and
 * none at either end. NULL only when memory is exhausted. */
char *sl_text_clean(sl_arena *arena, const char *start, const char *end);

/* If p begins with the words of phrase (ASCII case ignored; each space of
 * phrase matches one or more white space characters; the last word not
 * followed by a letter), the end of the match, else NULL. */
const char *sl_text_phrase_at(const char *p, const char *phrase);
/* The first place in text where phrase begins as a word, and its end. */
const char *sl_text_phrase_find(const char *text, const char *phrase, const char **end);

/* Where a sentence ends at or after p: just past its '.', '!' or '?' (and a
 * closing quote or bracket) when followed by white space or the end; NULL
 * if none before the end of text. */
const char *sl_text_sentence_end(const char *p);

/* ---- date.c ---- */

/* A calendar date; day 0 when only the month is known, -1 when the day
 * written is no day of any month ("32 January"). */
typedef struct sl_date {
  int year, month, day;
} sl_date;

/* A date found in text: the first (and, for a range "18 and 20 January
 * 2022", the last) date, and the span [start, end) that says it. */
typedef struct sl_date_span {
  sl_date first, last;
  int is_range;
  const char *start, *end;
} sl_date_span;

/* The first date written in text; 1 if found. Impossible dates (31
 * February) are passed over. */
int sl_date_find(const char *text, sl_date_span *out);
/* A date or range written exactly at p (p begins a word); 1 if found. */
int sl_date_at(const char *p, sl_date_span *out);
/* "2022-02-23", or "2022-02" when the day is not known. */
const char *sl_date_iso(sl_arena *arena, const sl_date *date);

#endif
