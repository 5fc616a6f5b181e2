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

#endif
