/*
 * letter.c: the joint area SEND revisit letter of Ofsted and the CQC.
 *
 * Every revisit letter has the same shape, set by the inspectorates:
 *
 *   23 February 2022                          the letter's date, on its own
 *   Between 18 and 20 January 2022, Ofsted and the CQC revisited ...
 *     ... the inspection report letter published on 8 January 2019.
 *   ... This was declared fit for purpose on 1 May 2019.
 *   The area has made sufficient progress in addressing six of the ...
 *   The area has not made sufficient progress in addressing two of the ...
 *   then for each weakness of the initial inspection a block:
 *     At the initial inspection, inspectors found the following:
 *     - **the weakness, in bold**
 *     - findings, as bullets
 *     The area has (not) made sufficient progress to improve this ...
 *
 * Only those marker phrases are matched, case-blind and over any white
 * space; everything else (names, dates, the weaknesses) comes from the
 * letter. A bold statement left unfinished by the export ("... were**",
 * the sentence going on after a page break) takes in the rest of its
 * sentence. A quote is always the letter's own text: lines joined by "\n".
 */
#include <string.h>

#include "internal.h"
#include "parse.h"

/* How far a statement's unfinished sentence may run past its bold. */
enum { CONTINUATION_LINES_MAX = 20 };

typedef struct letter_reader {
  sl_arena *arena;
  const sl_document *document;
  const char *name;
  sl_error *error;
} letter_reader;

static const char *line_text(const letter_reader *r, size_t n) { return r->document->lines[n - 1]; }

static int out_of_memory(const letter_reader *r, size_t n) {
  return sl_error_set(r->error, "%s: line %zu: out of memory", r->name, n);
}

/* Do the letters of text begin with the words, whatever the punctuation
 * and spacing between them ("At the initial inspection, inspectors, found")? */
static int words_begin(const char *text, const char *words) {
  while (*words) {
    while (*text && !sl_text_is_letter(*text))
      text++;
    while (*words == ' ')
      words++;
    for (; *words && *words != ' '; words++, text++)
      if ((*text | 0x20) != *words || !sl_text_is_letter(*text)) return 0;
    if (sl_text_is_letter(*text)) return 0;
  }
  return 1;
}

static int block_marker(const char *line) {
  return words_begin(line, "at the initial inspection inspectors found");
}

/* ---- progress phrases ---- */

/* "The area has (not (yet)) made sufficient progress" at p: its end, and
 * whether it says not. */
static const char *progress_phrase(const char *p, int *insufficient) {
  const char *q = sl_text_phrase_at(p, "the area has ");
  if (!q) q = sl_text_phrase_at(p, "the local area has ");
  if (!q) return NULL;
  const char *negated = sl_text_phrase_at(q, "not yet ");
  if (!negated) negated = sl_text_phrase_at(q, "not ");
  *insufficient = negated != NULL;
  return sl_text_phrase_at(negated ? negated : q, "made sufficient progress");
}

/* A count written as a word or in digits at p; -1 if none. */
static int read_count(const char *p, const char **end) {
  if (sl_text_is_digit(*p)) {
    int value = 0, digits = 0;
    while (digits < 4 && sl_text_is_digit(p[digits]))
      value = value * 10 + (p[digits++] - '0');
    if (sl_text_is_digit(p[digits]) || sl_text_is_letter(p[digits])) return -1;
    *end = p + digits;
    return value;
  }
  const char *word_end = p;
  while (sl_text_is_letter(*word_end))
    word_end++;
  int value = sl_parse_number(p, (size_t)(word_end - p));
  if (value >= 0) {
    *end = word_end;
    return value;
  }
  return -1;
}

/* After a progress phrase: " in addressing six of" is the summary's count
 * (a word, then "of"), not one weakness's judgement. The count, or -1 if it
 * is a summary without a number ("all of"), or -2 if no summary. */
static int summary_count(const char *after_phrase) {
  const char *p = sl_text_phrase_at(after_phrase, " in addressing ");
  if (!p) return -2;
  const char *word_end = p;
  int count = read_count(p, &word_end);
  if (count < 0)
    while (sl_text_is_letter(*word_end))
      word_end++;
  if (word_end == p || !sl_text_phrase_at(word_end, " of ")) return -2;
  return count;
}

/* A weakness's judgement: a line that begins with the progress phrase and
 * is not the summary. The text after any bullet, or NULL. */
static const char *judgement_start(const char *line, int *insufficient) {
  const char *p = sl_text_after_bullet(line);
  if (!p) p = sl_text_skip_space(line);
  const char *after = progress_phrase(p, insufficient);
  return after && summary_count(after) == -2 ? p : NULL;
}

/* ---- spans ---- */

/* The text from `start` on line `first` to `end` on line `last`, the lines
 * joined by "\n" as the host joins a document. */
static const char *span_quote(const letter_reader *r, size_t first, const char *start, size_t last,
                              const char *end) {
  if (first == last) return sl_arena_copy(r->arena, start, (size_t)(end - start));
  size_t length = strlen(start) + 1 + (size_t)(end - line_text(r, last));
  for (size_t n = first + 1; n < last; n++)
    length += strlen(line_text(r, n)) + 1;
  char *quote = sl_arena_alloc(r->arena, length + 1), *out = quote;
  if (!quote) return NULL;
  for (size_t n = first; n <= last; n++) {
    const char *from = n == first ? start : line_text(r, n);
    size_t piece = n == last ? (size_t)(end - from) : strlen(from);
    memcpy(out, from, piece);
    out += piece;
    if (n < last) *out++ = '\n';
  }
  *out = '\0';
  return quote;
}

/* A span of one line: value the cleaned text, quote as written. */
static int span_set(const letter_reader *r, sl_span *span, size_t n, const char *start,
                    const char *end, const char *value) {
  span->line = n;
  span->quote = sl_arena_copy(r->arena, start, (size_t)(end - start));
  span->value = value ? value : span->quote ? sl_text_clean(r->arena, start, end) : NULL;
  return span->quote && span->value ? 0 : out_of_memory(r, n);
}

/* ---- the letter's head ---- */

/* The letter's date: the first line that holds a date and nothing else. */
static int head_letter_date(const letter_reader *r, size_t before, sl_revisit_letter *out) {
  for (size_t n = 1; n < before; n++) {
    const char *start = sl_text_skip_space(line_text(r, n));
    const char *end = sl_text_trim_end(start, start + strlen(start));
    sl_date_span found;
    if (start == end || !sl_date_find(start, &found) || found.is_range || found.start != start ||
        found.end != end)
      continue;
    return span_set(r, &out->letter_date, n, start, end, sl_date_iso(r->arena, &found.first));
  }
  return 0;
}

/* "Between 18 and 20 January 2022" (or "30 June and 2 July 2022"). */
static int head_visit(const letter_reader *r, size_t before, sl_revisit_letter *out) {
  for (size_t n = 1; n < before; n++) {
    const char *line = line_text(r, n), *at, *after;
    for (const char *p = line; (at = sl_text_phrase_find(p, "between ", &after)); p = after) {
      sl_date_span found;
      if (!sl_date_at(after, &found) || !found.is_range) continue;
      const char *from = sl_date_iso(r->arena, &found.first);
      const char *to = sl_date_iso(r->arena, &found.last);
      if (!from || !to) return out_of_memory(r, n);
      return span_set(r, &out->visit_from, n, at, found.end, from) ||
             span_set(r, &out->visit_to, n, at, found.end, to);
    }
  }
  return 0;
}

/* A date right after a marker phrase ("published on 8 January 2019"); the
 * quote begins at the last lead_in before the marker on its line
 * ("inspection report letter published on ..."), else at the marker. */
static int head_dated(const letter_reader *r, size_t before, const char *marker,
                      const char *lead_in, sl_span *span) {
  for (size_t n = 1; n < before; n++) {
    const char *line = line_text(r, n), *at, *after;
    for (const char *p = line; (at = sl_text_phrase_find(p, marker, &after)); p = after) {
      sl_date_span found;
      if (!sl_date_at(after, &found) || found.is_range) continue;
      const char *start = at, *lead, *lead_end;
      for (const char *q = line;
           (lead = sl_text_phrase_find(q, lead_in, &lead_end)) && lead_end <= at; q = lead_end)
        start = lead;
      return span_set(r, span, n, start, found.end, sl_date_iso(r->arena, &found.first));
    }
  }
  return 0;
}

/* The summary's counts: the first "has made sufficient progress in
 * addressing six of" and "has not made ...: two of". */
static void head_counts(const letter_reader *r, sl_revisit_letter *out) {
  for (size_t n = 1; n <= r->document->line_count; n++) {
    const char *line = line_text(r, n);
    for (const char *p = line; *p; p++) {
      int insufficient, count;
      const char *after;
      if ((p > line && sl_text_is_letter(p[-1])) || !(after = progress_phrase(p, &insufficient)) ||
          (count = summary_count(after)) < 0)
        continue;
      int *slot = insufficient ? &out->insufficient_count : &out->sufficient_count;
      if (*slot < 0) *slot = count;
    }
  }
}

/* ---- the weaknesses ---- */

static size_t next_filled(const letter_reader *r, size_t n) {
  while (n <= r->document->line_count && sl_text_blank(line_text(r, n)))
    n++;
  return n <= r->document->line_count ? n : 0;
}

/* Does [start, end) end a sentence (".", "!" or "?", perhaps inside a
 * closing quote or bracket)? */
static int ends_sentence(const char *start, const char *end) {
  end = sl_text_trim_end(start, end);
  for (;;) {
    if (end > start && strchr(")\"']", end[-1]))
      end--;
    else if (end - start >= 3 &&
             (memcmp(end - 3, "\xE2\x80\x99", 3) == 0 || memcmp(end - 3, "\xE2\x80\x9D", 3) == 0))
      end -= 3;
    else
      break;
  }
  return end > start && strchr(".!?", end[-1]);
}

/* A line where a statement's text cannot go on: another part of the block. */
static int statement_stops(const char *line) {
  int insufficient;
  const char *p = sl_text_skip_space(line);
  return *p == '#' || sl_text_after_bullet(line) || block_marker(line) ||
         judgement_start(line, &insufficient);
}

/* The bold "**...**" starting at open (after the "**") on line first: sets
 * the line and place where the closing "**" is. */
static int bold_close(const letter_reader *r, size_t first, const char *open, size_t *line,
                      const char **close) {
  *close = strstr(open, "**");
  for (*line = first; !*close;) {
    if (++*line > r->document->line_count || statement_stops(line_text(r, *line)))
      return sl_error_set(r->error,
                          "%s: line %zu: the weakness's bold statement has no closing \"**\"",
                          r->name, first);
    *close = strstr(line_text(r, *line), "**");
  }
  return 0;
}

/* After a bold that ends mid-sentence, the rest of the sentence: on the
 * bold's line, then on the lines that follow up to a part of the block. */
static void statement_continue(const letter_reader *r, size_t *last, const char **end) {
  const char *rest = *end + 2, *stop = sl_text_sentence_end(rest);
  if (stop || !sl_text_blank(rest)) {
    *end = stop ? stop : sl_text_trim_end(rest, rest + strlen(rest));
    if (stop) return;
  }
  size_t limit = *last + CONTINUATION_LINES_MAX;
  for (size_t n = *last + 1; n <= r->document->line_count && n <= limit; n++) {
    const char *line = line_text(r, n);
    if (sl_text_blank(line)) continue;
    if (statement_stops(line)) return;
    stop = sl_text_sentence_end(line);
    *last = n;
    *end = stop ? stop : sl_text_trim_end(line, line + strlen(line));
    if (stop) return;
  }
}

/* The value of a statement: its quote without the bold marks, white space
 * collapsed. */
static const char *statement_value(sl_arena *arena, const char *quote) {
  size_t length = strlen(quote);
  char *plain = sl_arena_alloc(arena, length + 1), *out = plain;
  if (!plain) return NULL;
  for (const char *p = quote; *p;)
    if (p[0] == '*' && p[1] == '*')
      p += 2;
    else
      *out++ = *p++;
  return sl_text_clean(arena, plain, out);
}

/* The statement that follows the block marker on line `marker`. */
static int statement_read(const letter_reader *r, size_t marker, sl_letter_weakness *weakness) {
  size_t first = next_filled(r, marker + 1);
  int insufficient;
  if (!first || block_marker(line_text(r, first)) ||
      judgement_start(line_text(r, first), &insufficient))
    return sl_error_set(r->error,
                        "%s: line %zu: no weakness statement (\"- **...**\") after \"At the "
                        "initial inspection, inspectors found\"",
                        r->name, marker);
  const char *line = line_text(r, first);
  const char *start = sl_text_after_bullet(line);
  if (!start) start = sl_text_skip_space(line);
  size_t last = first;
  const char *end;
  if (strncmp(start, "**", 2) == 0) {
    start += 2;
    if (bold_close(r, first, start, &last, &end)) return -1;
    if (!ends_sentence(last == first ? start : line_text(r, last), end))
      statement_continue(r, &last, &end);
  } else {
    end = sl_text_trim_end(start, start + strlen(start));
  }
  const char *quote = span_quote(r, first, start, last, end);
  const char *value = quote ? statement_value(r->arena, quote) : NULL;
  if (!value) return out_of_memory(r, first);
  if (!*value)
    return sl_error_set(r->error, "%s: line %zu: the weakness statement is empty", r->name, first);
  weakness->statement = (sl_span){value, first, quote};
  weakness->last_line = last;
  return 0;
}

/* The judgement that closes the block; returns the line after it, or 0
 * with the error set. */
static size_t judgement_read(const letter_reader *r, size_t marker, size_t number,
                             sl_letter_weakness *weakness) {
  for (size_t n = weakness->last_line + 1; n <= r->document->line_count; n++) {
    const char *line = line_text(r, n), *start;
    int insufficient;
    if (block_marker(line)) {
      sl_error_set(r->error,
                   "%s: line %zu: weakness %zu has no judgement (\"The area has (not) made "
                   "sufficient progress ...\") before the next block on line %zu",
                   r->name, marker, number, n);
      return 0;
    }
    if (!(start = judgement_start(line, &insufficient))) continue;
    const char *end = sl_text_sentence_end(start);
    if (!end) end = sl_text_trim_end(start, start + strlen(start));
    if (span_set(r, &weakness->judgement, n, start, end, NULL)) return 0;
    weakness->progress = insufficient ? "insufficient" : "sufficient";
    return n + 1;
  }
  sl_error_set(r->error,
               "%s: line %zu: weakness %zu has no judgement (\"The area has (not) made sufficient "
               "progress ...\") before the end of the letter",
               r->name, marker, number);
  return 0;
}

static int letter_weaknesses(const letter_reader *r, size_t *first_block, sl_revisit_letter *out) {
  sl_arena_list found;
  sl_arena_list_init(&found, r->arena);
  *first_block = 0;
  for (size_t n = 1; n <= r->document->line_count;) {
    if (!block_marker(line_text(r, n))) {
      n++;
      continue;
    }
    if (!*first_block) *first_block = n;
    sl_letter_weakness *weakness = sl_arena_alloc(r->arena, sizeof *weakness);
    if (!weakness || sl_arena_list_push(&found, weakness)) return out_of_memory(r, n);
    size_t next;
    if (statement_read(r, n, weakness) || !(next = judgement_read(r, n, found.count, weakness)))
      return -1;
    n = next;
  }
  if (!found.count) {
    size_t lines = r->document->line_count;
    const char *where = lines > 1 ? sl_arena_format(r->arena, "lines 1-%zu", lines) : "line 1";
    return sl_error_set(r->error,
                        "%s: %s: not a revisit letter: no weakness block (a line \"At the initial "
                        "inspection, inspectors found the following:\")",
                        r->name, where ? where : "line 1");
  }
  sl_letter_weakness *weaknesses = sl_arena_alloc(r->arena, found.count * sizeof *weaknesses);
  if (!weaknesses) return out_of_memory(r, *first_block);
  for (size_t i = 0; i < found.count; i++)
    weaknesses[i] = *(const sl_letter_weakness *)found.items[i];
  out->weaknesses = weaknesses;
  out->weakness_count = found.count;
  return 0;
}

int sl_parse_revisit_letter(sl_arena *arena, const sl_document *document, sl_revisit_letter *out,
                            sl_error *error) {
  memset(out, 0, sizeof *out);
  out->sufficient_count = out->insufficient_count = -1;
  if (!document) return sl_error_set(error, "revisit letter: no document");
  letter_reader r = {arena, document, document->name ? document->name : "document", error};
  size_t head_end;
  if (letter_weaknesses(&r, &head_end, out) || head_letter_date(&r, head_end, out) ||
      head_visit(&r, head_end, out) ||
      head_dated(&r, head_end, "published on ", "inspection report", &out->initial_published) ||
      head_dated(&r, head_end, "fit for purpose on ", "declared ", &out->statement_fit))
    return -1;
  head_counts(&r, out);
  return 0;
}
