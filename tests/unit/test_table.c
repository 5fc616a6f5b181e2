/*
 * test_table.c: what reaches a terminal through a table is clean: a cell's
 * or a wrapped text's control characters (an escape sequence that would
 * clear the screen or set the window's title) print as '?', while newlines
 * still break lines and the rest of the text is kept.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "table.h"
#include "utf8.h"

/* What fn printed, as a string the caller frees. */
static char *table_test_capture(void (*fn)(FILE *, const void *), const void *context) {
  char *text = NULL;
  size_t length = 0;
  FILE *out = open_memstream(&text, &length);
  if (!out) return NULL;
  fn(out, context);
  fclose(out);
  return text;
}

static void print_table(FILE *out, const void *context) {
  const char *const heading[] = {"NAME", "NOTE"};
  const char *const row[] = {"Evil\x1b]0;owned\x07", (const char *)context};
  sl_table *table = sl_table_new(2, heading);
  sl_table_add(table, row);
  sl_table_print(table, out, 80, 0);
  sl_table_free(table);
}

static void print_wrap(FILE *out, const void *context) {
  sl_table_wrap(out, (const char *)context, 2, 80);
}

int main(void) {
  char *printed = table_test_capture(print_table, "line one\x1b[2J\nline two \xc2\x9b"
                                                  "31m");
  CHECK(printed != NULL);
  CHECK(printed && !strchr(printed, '\x1b') && !strchr(printed, '\x07'));
  CHECK(printed && !strstr(printed, "\xc2\x9b"));
  CHECK(printed && strstr(printed, "Evil?]0;owned?"));
  CHECK(printed && strstr(printed, "line one?[2J"));
  CHECK(printed && strstr(printed, "line two"));
  free(printed);
  printed = table_test_capture(print_wrap, "caf\xc3\xa9 \x1b[31mred\tand tab");
  CHECK(printed && strstr(printed, "caf\xc3\xa9 ?[31mred\tand tab"));
  free(printed);
  char why[160];
  CHECK(sl_utf8_text_problem("caf\xc3\xa9\n\tok", 100, why, sizeof why) == 0);
  CHECK(sl_utf8_text_problem("bad \x1b", 100, why, sizeof why) == -1 && strstr(why, "U+001B"));
  CHECK(sl_utf8_text_problem("caf\xe9", 100, why, sizeof why) == -1 && strstr(why, "not UTF-8"));
  CHECK(sl_utf8_text_problem("long", 3, why, sizeof why) == -1);
  return CHECK_DONE();
}
