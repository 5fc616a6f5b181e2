/*
 * words.c: small pieces of English every area's documents share: a count
 * written as a word or in digits ("eight", "nine", "12"), and the sentence
 * around a place in a line. Kept here once, not in each plugin.
 */
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
