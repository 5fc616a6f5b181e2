/*
 * test_url.c: the check of a public address (core/url.c), as an attacker
 * would try it: every scheme but http(s), addresses that break out of an
 * attribute or a cell, hosts that are not plain names, user information
 * that hides the real host; and the addresses the project's data cites.
 */
#include "url.h"

#include <string.h>

#include "check.h"

static int url_ok(const char *url) {
  char why[128];
  return sl_url_problem(url, why, sizeof why) == 0;
}

int main(void) {
  /* data/dfe-ehcp-2025/README.md's addresses, and the common shapes. */
  CHECK(url_ok("https://explore-education-statistics.service.gov.uk/find-statistics/"
               "education-health-and-care-plans"));
  CHECK(url_ok("https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/"));
  CHECK(url_ok("http://example.org"));
  CHECK(url_ok("HTTPS://EXAMPLE.ORG:8443/a%20b?x=1&y=2#part"));
  /* Not http(s). */
  CHECK(!url_ok("javascript:alert(1)"));
  CHECK(!url_ok("JavaScript://%0aalert(1)"));
  CHECK(!url_ok(" https://example.org/"));
  CHECK(!url_ok("data:text/html,<script>alert(1)</script>"));
  CHECK(!url_ok("file:///etc/passwd"));
  CHECK(!url_ok("//example.org/"));
  CHECK(!url_ok("ftp://example.org/"));
  CHECK(!url_ok(""));
  CHECK(!url_ok(NULL));
  /* Characters that end an attribute, a tag or a line. */
  CHECK(!url_ok("https://example.org/\" onmouseover=\"alert(1)"));
  CHECK(!url_ok("https://example.org/<script>"));
  CHECK(!url_ok("https://example.org/a b"));
  CHECK(!url_ok("https://example.org/\n"));
  CHECK(!url_ok("https://example.org/\\"));
  CHECK(!url_ok("https://example.org/`"));
  CHECK(!url_ok("https://exa\xc3\xa9mple.org/"));
  /* Hosts. */
  CHECK(!url_ok("https://"));
  CHECK(!url_ok("https:///path"));
  CHECK(!url_ok("https://user@evil.example/"));
  CHECK(!url_ok("https://good.example:pass@evil.example/"));
  CHECK(!url_ok("https://example.org:/"));
  CHECK(!url_ok("https://example.org:80x/"));
  /* Length. */
  char long_url[SL_URL_MAX + 16] = "https://example.org/";
  memset(long_url + 20, 'a', sizeof long_url - 21);
  long_url[sizeof long_url - 1] = '\0';
  CHECK(!url_ok(long_url));
  char why[128];
  CHECK(sl_url_problem("javascript:x", why, sizeof why) == -1 && strstr(why, "http"));
  return CHECK_DONE();
}
