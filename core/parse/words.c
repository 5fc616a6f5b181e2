/*
 * words.c: small pieces of English every area's documents share: a count
 * written as a word or in digits ("eight", "nine", "12"), and the sentence
 * around a place in a line, a percentage as written. Kept here once, not
 * in each plugin.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "internal.h"
#include "parse.h"

static const char *const NUMBER_WORDS[] = {
    "zero",    "one",       "two",      "three",    "four",   "five",     "six",      "seven",
    "eight",   "nine",      "ten",      "eleven",   "twelve", "thirteen", "fourteen", "fifteen",
    "sixteen", "seventeen", "eighteen", "nineteen", "twenty", NULL};

int sl_parse_number(const char *word, size_t length) {
  if (!word || length == 0) return -1;
  if (sl_text_is_digit(word[0])) {
    if (length > 6) return -1;
    int value = 0;
    for (size_t i = 0; i < length; i++) {
      if (!sl_text_is_digit(word[i])) return -1;
      value = value * 10 + (word[i] - '0');
    }
    return value;
  }
  for (int i = 0; NUMBER_WORDS[i]; i++)
    if (strlen(NUMBER_WORDS[i]) == length && strncasecmp(NUMBER_WORDS[i], word, length) == 0)
      return i;
  return -1;
}

/* Whether a sentence ends just before p: "." (or "!", "?") and a space. */
static int words_sentence_starts(const char *text, const char *p) {
  if (p - text < 2 || !sl_text_space(p - 1)) return 0;
  const char *q = p - 1;
  while (q > text && sl_text_space(q - 1))
    q--;
  return q > text && (q[-1] == '.' || q[-1] == '!' || q[-1] == '?');
}

void sl_parse_sentence(const char *text, const char *at, const char **start, const char **end) {
  const char *p = at;
  while (p > text && !words_sentence_starts(text, p))
    p--;
  *start = sl_text_skip_space(p);
  const char *stop = sl_text_sentence_end(at);
  if (stop) {
    *end = stop;
    return;
  }
  stop = at + strlen(at);
  while (stop > *start && sl_text_space(stop - 1))
    stop--;
  *end = stop;
}

/* Digits with at most one decimal point, and a sign before them; the
 * number's end, or NULL if none starts at p. */
static const char *words_decimal(const char *p) {
  const char *q = p + (*p == '-' || *p == '+');
  int digits = 0, point = 0;
  for (; isdigit((unsigned char)*q) || (*q == '.' && !point); q++) {
    if (*q == '.')
      point = 1;
    else
      digits++;
  }
  if (q > p && q[-1] == '.') q--; /* "45.%" or a sentence's full stop */
  return digits ? q : NULL;
}

int sl_parse_percent(const char *text, double *value, const char **start, const char **end) {
  for (const char *p = text; *p; p++) {
    if (!isdigit((unsigned char)*p) && !((*p == '-' || *p == '+') && isdigit((unsigned char)p[1])))
      continue;
    if (p > text && (isdigit((unsigned char)p[-1]) || p[-1] == '.')) continue;
    const char *number_end = words_decimal(p), *sign = number_end;
    while (sign && *sign == ' ')
      sign++;
    if (!number_end || *sign != '%') continue;
    *value = strtod(p, NULL);
    *start = p;
    *end = sign + 1;
    return 0;
  }
  return -1;
}
