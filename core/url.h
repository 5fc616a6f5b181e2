/*
 * url.h: the one check of a public address that sendlens will print as a
 * link (a plugin's sources.json, a statistics mapping's publication {}).
 * Only http and https are accepted: a page that shows a link must never be
 * handed javascript:, data: or a local file:, whoever wrote the manifest.
 */
#ifndef SL_URL_H
#define SL_URL_H

#include <stddef.h>

/* At most this many bytes: longer is not an address a person publishes. */
enum { SL_URL_MAX = 2048 };

/* 0 if url is an absolute http:// or https:// address with a host and only
 * the characters RFC 3986 allows (no space, quote, angle bracket,
 * backslash or control character); else -1 with why (the address is not
 * quoted: the caller names the place). */
int sl_url_problem(const char *url, char *why, size_t size);

#endif
