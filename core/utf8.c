/*
 * utf8.c: a UTF-8 check after the Unicode standard's table of well-formed
 * byte sequences (chapter 3, table 3-7): the second byte's range depends on
 * the first, which is what rules out overlong forms and surrogates.
 */
#include "utf8.h"

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
