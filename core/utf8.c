/*
 * utf8.c: clean text. A UTF-8 check after the Unicode standard's table of well-formed
 * byte sequences (chapter 3, table 3-7): the second byte's range depends on
 * the first, which is what rules out overlong forms and surrogates.
 */
#include "utf8.h"

#include <stdio.h>
#include <string.h>

size_t sl_utf8_sequence(const unsigned char *text, size_t left) {
  unsigned char first = text[0];
  if (first < 0x80) return 1;
  size_t length;
  unsigned char low = 0x80, high = 0xBF;
  if (first >= 0xC2 && first <= 0xDF)
    length = 2;
  else if (first >= 0xE0 && first <= 0xEF) {
    length = 3;
    if (first == 0xE0) low = 0xA0;
    if (first == 0xED) high = 0x9F;
  } else if (first >= 0xF0 && first <= 0xF4) {
    length = 4;
    if (first == 0xF0) low = 0x90;
    if (first == 0xF4) high = 0x8F;
  } else {
    return 0;
  }
  if (left < length || text[1] < low || text[1] > high) return 0;
  for (size_t i = 2; i < length; i++)
    if (text[i] < 0x80 || text[i] > 0xBF) return 0;
  return length;
}

size_t sl_utf8_check(const char *text, size_t length) {
  const unsigned char *bytes = (const unsigned char *)text;
  size_t at = 0;
  while (at < length) {
    if (bytes[at] < 0x80) {
      at++;
      continue;
    }
    size_t step = sl_utf8_sequence(bytes + at, length - at);
    if (!step) return at;
    at += step;
  }
  return length;
}

/* The length of the clean character at text (a code point that is not a
 * control character other than tab and newline), or 0. */
static size_t utf8_clean_char(const unsigned char *text, size_t left, int newline) {
  if (text[0] == '\t' || (newline && text[0] == '\n')) return 1;
  if (text[0] < 0x20 || text[0] == 0x7F) return 0;
  size_t length = sl_utf8_sequence(text, left);
  if (length == 2 && text[0] == 0xC2 && text[1] < 0xA0) return 0; /* C1: U+0080..U+009F */
  return length;
}

int sl_utf8_text_problem(const char *text, size_t max, char *why, size_t size) {
  if (!text) return 0;
  size_t length = strnlen(text, max + 1);
  if (length > max) {
    snprintf(why, size, "longer than the limit of %zu bytes", max);
    return -1;
  }
  const unsigned char *bytes = (const unsigned char *)text;
  for (size_t at = 0; at < length;) {
    size_t step = utf8_clean_char(bytes + at, length - at, 1);
    if (step) {
      at += step;
    } else if (sl_utf8_sequence(bytes + at, length - at) == 0) {
      snprintf(why, size, "not UTF-8 (byte 0x%02X at byte %zu)", bytes[at], at + 1);
      return -1;
    } else {
      unsigned code = bytes[at] < 0x80 ? bytes[at] : bytes[at + 1];
      snprintf(why, size, "control character U+%04X at byte %zu (only newline and tab are allowed)",
               code, at + 1);
      return -1;
    }
  }
  return 0;
}

void sl_utf8_printable(char *text, int newline) {
  size_t length = strlen(text);
  unsigned char *bytes = (unsigned char *)text;
  for (size_t at = 0; at < length;) {
    size_t step = utf8_clean_char(bytes + at, length - at, newline);
    if (step) {
      at += step;
    } else {
      bytes[at++] = '?';
    }
  }
}
