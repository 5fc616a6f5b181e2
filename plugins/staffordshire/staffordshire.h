/*
 * staffordshire.h: what the Staffordshire plugin's files share: the state
 * of one load (the host, the three documents, the records emitted so far)
 * and the small text helpers of text.c.
 *
 * Each document has its reader: letter.c (the Ofsted/CQC revisit letter),
 * app.c (the Accelerated Progress Plan), minutes.c (the county council's
 * committee minutes). staffordshire.c declares the plugin and runs them.
 */
#ifndef STAFFS_H
#define STAFFS_H

#include <stddef.h>

#include "sendlens/plugin.h"

/* The documents in sources/, by file name. */
#define STAFFS_LETTER "revisit-letter-2022-02-23.txt"
#define STAFFS_APP "app-2022-04-01.txt"
#define STAFFS_MINUTES "committee-minutes-2022.txt"

/* The area's name as the documents write it (the descriptor's too). */
#define STAFFS_AREA_NAME "Staffordshire"

/* An APP names a handful of concerns; more means we misread the plan. */
enum { STAFFS_CONCERNS_MAX = 8 };

/* A concern of the APP and the lines of its section in Annex B. */
typedef struct staffs_concern {
  sl_id id;
  const char *title;
  size_t first_line; /* the heading */
  size_t last_line;  /* the section's last line */
} staffs_concern;

/* One load: handles are 0 until their record is emitted. */
typedef struct staffs {
  sl_host *host;
  const sl_document *letter;
  const sl_document *app;
  const sl_document *minutes;
  sl_id area;
  sl_id revisit;
  sl_id plan; /* the APP */
  staffs_concern concerns[STAFFS_CONCERNS_MAX];
  size_t concern_count;
} staffs;

/* The readers, in the order the load runs them. Each returns 0 or -1 (the
 * host has the reason). */
int staffs_letter_load(staffs *s);
int staffs_app_load(staffs *s);
int staffs_minutes_load(staffs *s);
/* roles.c: the accountable officers and advisers the APP names. */
int staffs_app_roles(staffs *s);

/* The concern whose title a wording means best ("Co-production,
 * particularly with parents" means "Coproduction"), or NULL if none or two
 * equally. */
staffs_concern *staffs_concern_for(staffs *s, const char *wording);

/* ---- text.c: helpers every reader here uses ---- */

/* The text of line n (1-based) of doc. */
const char *staffs_line(const sl_document *doc, size_t n);

/* The first line in [from, to] (1-based; to 0 for the end) containing
 * marker, or 0. */
size_t staffs_find(const sl_document *doc, size_t from, size_t to, const char *marker);

/* Is line only white space? */
int staffs_blank(const char *line);

/* A host-owned copy of [start, end) with surrounding space trimmed. */
const char *staffs_copy(staffs *s, const char *start, const char *end);

/* The sentence of line around at: from after the previous ". " (or the
 * line's start) to its own full stop, which is kept. */
void staffs_sentence(staffs *s, const char *line, const char *at, const char **start,
                     const char **end);

/* A number written as a word ("eight", "Twelve") or in digits, up to
 * twenty; -1 if the text is neither. */
int staffs_number(staffs *s, const char *word, size_t length);

/* The number written as the word just before at in line ("the eight |
 * significant"), with where that word starts; -1 if none. */
int staffs_number_before(staffs *s, const char *line, const char *at, const char **word);

/* Is line n a heading: a short title-like line alone between blank lines,
 * starting with a capital and not ending a sentence? */
int staffs_heading(const sl_document *doc, size_t n);

/* How many words of a (four letters or more; case and hyphens ignored)
 * also appear in b: enough to tell which of a few titles a wording means. */
int staffs_words_shared(const char *a, const char *b);

/* Does [start, end) hold word, not as part of a longer word? */
int staffs_has_word(const char *start, const char *end, const char *word);

/* A dated range as written ("18 and 20 January 2022", "18 th - 20 th January
 * 2022") in [start, end): its first and last days as ISO dates, either NULL
 * where the text does not say. */
void staffs_date_range(staffs *s, const char *start, const char *end, const char **from,
                       const char **to);

/* The end of the first four-digit year in text (a written date's end), or
 * NULL. */
const char *staffs_year_end(const char *text);

/* A source in doc at line n (or lines n-last when last > n). */
sl_source staffs_source(staffs *s, const sl_document *doc, size_t n, size_t last,
                        const char *quote);

#endif
