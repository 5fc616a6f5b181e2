/*
 * check.h: the smallest test harness that reports like the others ctest
 * reads: each failed CHECK prints file:line and the expression, and the test
 * exits non-zero at the end with "N passed, N failed".
 */
#ifndef SL_CHECK_H
#define SL_CHECK_H

#include <stdio.h>
#include <string.h>

static int check_passed, check_failed;

#define CHECK(expr)                                                                                \
  do {                                                                                             \
    if (expr) {                                                                                    \
      check_passed++;                                                                              \
    } else {                                                                                       \
      check_failed++;                                                                              \
      fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #expr);                     \
    }                                                                                              \
  } while (0)

#define CHECK_STR(actual, expected)                                                                \
  do {                                                                                             \
    const char *check_a = (actual), *check_e = (expected);                                         \
    if ((check_a == NULL && check_e == NULL) ||                                                    \
        (check_a && check_e && strcmp(check_a, check_e) == 0)) {                                   \
      check_passed++;                                                                              \
    } else {                                                                                       \
      check_failed++;                                                                              \
      fprintf(stderr, "%s:%d: %s is \"%s\", expected \"%s\"\n", __FILE__, __LINE__, #actual,       \
              check_a ? check_a : "(null)", check_e ? check_e : "(null)");                         \
    }                                                                                              \
  } while (0)

#define CHECK_DONE()                                                                               \
  (printf("%d passed, %d failed\n", check_passed, check_failed), check_failed ? 1 : 0)

#endif
