/*
 * url.c: checking a public address before it is stored (url.h). The check
 * is strict on purpose: what passes is printed in a page's href and a
 * workbook's cell, so it must be exactly an http(s) address and nothing a
 * browser or a spreadsheet could read as something else.
 */
#include "url.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

/* RFC 3986's unreserved and reserved characters, and '%' of an escape. */
static int url_char_ok(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
         (c && strchr("-._~:/?#[]@!$&'()*+,;=%", c));
}

/* The host: letters, digits, '-' and '.', an optional :port; up to the
 * first '/', '?' or '#'. User information ("user@") is refused: an address
 * that shows one host and goes to another is a known trick. */
static int url_host_ok(const char *host, char *why, size_t size) {
  size_t length = strcspn(host, "/?#");
  size_t name = strcspn(host, ":/?#");
  if (name == 0) return snprintf(why, size, "has no host"), -1;
  for (size_t i = 0; i < length; i++) {
    unsigned char c = (unsigned char)host[i];
    int port = i > name;
    if (i == name) continue;
    if (port ? !(c >= '0' && c <= '9')
             : !((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                 c == '-' || c == '.'))
      return snprintf(why, size, "has a host that is not a plain name"), -1;
  }
  if (name + 1 == length) return snprintf(why, size, "has an empty port"), -1;
  return 0;
}

int sl_url_problem(const char *url, char *why, size_t size) {
  if (!url || !*url) return snprintf(why, size, "is empty"), -1;
  size_t length = strlen(url);
  if (length > SL_URL_MAX)
    return snprintf(why, size, "is longer than %d bytes", (int)SL_URL_MAX), -1;
  const char *rest = NULL;
  if (strncasecmp(url, "https://", 8) == 0)
    rest = url + 8;
  else if (strncasecmp(url, "http://", 7) == 0)
    rest = url + 7;
  else
    return snprintf(why, size, "is not an http:// or https:// address"), -1;
  for (size_t i = 0; i < length; i++)
    if (!url_char_ok((unsigned char)url[i]))
      return snprintf(why, size, "holds a character an address may not (byte %zu)", i + 1), -1;
  return url_host_ok(rest, why, size);
}
