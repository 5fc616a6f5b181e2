/*
 * text.c: the small text helpers the Staffordshire readers share: finding a
 * marker, a sentence, a bullet, a heading, a number written as a word, a
 * range of dates. None knows anything of Staffordshire; white space and
 * list items come from the host table.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "staffordshire.h"

/* Headings are short; a longer line is a paragraph without its full stop. */
enum { HEADING_MAX = 100, WORD_MAX = 48 };

/* Range separators, as extracted text writes them: en and em dashes, a
 * spaced hyphen, words. */
static const char *const RANGE_SEPARATORS[] = {"\xE2\x80\x93", "\xE2\x80\x94", " - ",
                                               " and ",        " to ",         NULL};

const char *staffs_line(const sl_document *doc, size_t n) { return doc->lines[n - 1]; }

size_t staffs_find(const sl_document *doc, size_t from, size_t to, const char *marker) {
  if (to == 0 || to > doc->line_count) to = doc->line_count;
  for (size_t n = from ? from : 1; n <= to; n++)
    if (strstr(staffs_line(doc, n), marker)) return n;
  return 0;
}

int staffs_blank(const char *line) { return *sl_skip_space(line) == '\0'; }

const char *staffs_copy(staffs *s, const char *start, const char *end) {
  return sl_copy_trimmed(s->host, start, end);
}

void staffs_sentence(staffs *s, const char *line, const char *at, const char **start,
                     const char **end) {
  sl_sentence(s->host, line, at, start, end);
}

int staffs_number(staffs *s, const char *word, size_t length) {
  return sl_parse_number(s->host, word, length);
}

int staffs_number_before(staffs *s, const char *line, const char *at, const char **word) {
  const char *end = at;
  while (end > line && (end[-1] == ' ' || end[-1] == '\t'))
    end--;
  const char *start = end;
  while (start > line && isalnum((unsigned char)start[-1]))
    start--;
  if (word) *word = start;
  return staffs_number(s, start, (size_t)(end - start));
}

int staffs_heading(const sl_document *doc, size_t n) {
  const char *text = staffs_line(doc, n);
  size_t length = (size_t)(sl_trim_end(text, text + strlen(text)) - text);
  if (length == 0 || length > HEADING_MAX || !isupper((unsigned char)text[0])) return 0;
  if (strchr(".,;", text[length - 1])) return 0;
  if (n > 1 && !staffs_blank(staffs_line(doc, n - 1))) return 0;
  return n == doc->line_count || staffs_blank(staffs_line(doc, n + 1));
}

/* The next word of text from *p (letters and digits, hyphens inside
 * dropped), lower-cased into word; 0 at the end. */
static int next_word(const char **p, char word[WORD_MAX]) {
  const char *q = *p;
  while (*q && !isalnum((unsigned char)*q))
    q++;
  if (!*q) return 0;
  size_t length = 0;
  while (isalnum((unsigned char)*q) || (*q == '-' && isalnum((unsigned char)q[1]))) {
    if (*q != '-' && length + 1 < WORD_MAX) word[length++] = (char)tolower((unsigned char)*q);
    q++;
  }
  word[length] = '\0';
  *p = q;
  return 1;
}

static int word_listed(const char *text, const char *wanted) {
  char word[WORD_MAX];
  while (next_word(&text, word))
    if (strcmp(word, wanted) == 0) return 1;
  return 0;
}

int staffs_words_shared(const char *a, const char *b) {
  char word[WORD_MAX];
  int shared = 0;
  while (next_word(&a, word))
    if (strlen(word) >= 4 && word_listed(b, word)) shared++;
  return shared;
}

int staffs_has_word(const char *start, const char *end, const char *word) {
  size_t length = strlen(word);
  for (const char *hit = strstr(start, word); hit && hit + length <= end;
       hit = strstr(hit + 1, word))
    if ((hit == start || !isalnum((unsigned char)hit[-1])) && !isalnum((unsigned char)hit[length]))
      return 1;
  return 0;
}

const char *staffs_year_end(const char *text) {
  for (const char *p = text; *p; p++)
    if ((p == text || !isdigit((unsigned char)p[-1])) && isdigit((unsigned char)p[0]) &&
        isdigit((unsigned char)p[1]) && isdigit((unsigned char)p[2]) &&
        isdigit((unsigned char)p[3]) && !isdigit((unsigned char)p[4]))
      return p + 4;
  return NULL;
}

/* The first separator of a range after its first digit, with its length. */
static const char *range_separator(const char *start, const char *end, size_t *length) {
  const char *digit = start;
  while (digit < end && !isdigit((unsigned char)*digit))
    digit++;
  const char *best = NULL;
  for (int i = 0; RANGE_SEPARATORS[i]; i++) {
    const char *hit = strstr(digit, RANGE_SEPARATORS[i]);
    if (hit && hit < end && (!best || hit < best)) {
      best = hit;
      *length = strlen(RANGE_SEPARATORS[i]);
    }
  }
  return best;
}

void staffs_date_range(staffs *s, const char *start, const char *end, const char **from,
                       const char **to) {
  size_t length = 0;
  const char *separator = range_separator(start, end, &length);
  *from = *to = NULL;
  if (!separator) {
    *from = sl_parse_date(s->host, staffs_copy(s, start, end));
    return;
  }
  *to = sl_parse_date(s->host, staffs_copy(s, separator + length, end));
  const char *first = sl_parse_date(s->host, staffs_copy(s, start, separator));
  if (first && strlen(first) == 10) {
    *from = first;
    return;
  }
  /* "18 and 20 January 2022": the first day takes the last's month. */
  const char *digit = start;
  while (digit < separator && !isdigit((unsigned char)*digit))
    digit++;
  int day = digit < separator ? atoi(digit) : 0;
  if (*to && strlen(*to) == 10 && day >= 1 && day <= 31)
    *from = sl_format(s->host, "%.8s%02d", *to, day);
}

sl_source staffs_source(staffs *s, const sl_document *doc, size_t n, size_t last,
                        const char *quote) {
  const char *locator =
      last > n ? sl_format(s->host, "lines %zu-%zu", n, last) : sl_format(s->host, "line %zu", n);
  return (sl_source){doc->name, locator, quote};
}
