/*
 * utf8.h: checking that text is UTF-8 before it is stored, so every output
 * (JSON, HTML, a terminal) can trust what the store holds.
 */
#ifndef SL_UTF8_H
#define SL_UTF8_H

#include <stddef.h>

/* The length of the well-formed UTF-8 sequence that starts at text (left
 * bytes available, at least 1), or 0 if none starts there. */
size_t sl_utf8_sequence(const unsigned char *text, size_t left);

/* The offset of the first byte of text that does not begin a well-formed
 * UTF-8 sequence (overlong forms, surrogates and code points past U+10FFFF
 * are ill-formed), or length if all of it is UTF-8. */
size_t sl_utf8_check(const char *text, size_t length);

/* What is wrong with text as text from an untrusted source (a plugin, a
 * script; NULL is fine): longer than max bytes, not UTF-8, or holding a
 * control character other than newline and tab (C0, DEL or C1, which
 * terminals obey); -1 with why (never quoting the text), or 0. */
int sl_utf8_text_problem(const char *text, size_t max, char *why, size_t size);

/* Every byte of text that is not clean text (newline kept when newline is
 * set) becomes '?': for what goes to a terminal. */
void sl_utf8_printable(char *text, int newline);

#endif
