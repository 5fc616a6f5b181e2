/*
 * test_table.c: what reaches a terminal through a table is clean: a cell's
 * or a wrapped text's control characters (an escape sequence that would
 * clear the screen or set the window's title) print as '?', while newlines
 * still break lines and the rest of the text is kept. And it fits: no line
 * wider than asked (in code points), text wrapped at spaces, a code column
 * never wrapped, a multibyte character never split, and a table whose codes
 * cannot fit printed as blocks rather than too wide.
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

/* The widest line of text in code points; -1 if a line is not UTF-8 (a
 * character was split). */
static int widest_line(const char *text) {
  int widest = 0;
  while (text && *text) {
    size_t length = strcspn(text, "\n");
    if (sl_utf8_check(text, length) != length) return -1;
    int width = 0;
    for (size_t i = 0; i < length; i++)
      width += ((unsigned char)text[i] & 0xC0) != 0x80;
    if (width > widest) widest = width;
    text += length + (text[length] == '\n');
  }
  return widest;
}

/* Whether some line of text holds word, not cut by a wrap. */
static int on_one_line(const char *text, const char *word) {
  const char *found = text ? strstr(text, word) : NULL;
  return found != NULL;
}

typedef struct wrap_case {
  const char *text;
  int width;
} wrap_case;

static void print_wrap_case(FILE *out, const void *context) {
  const wrap_case *item = context;
  sl_table_wrap(out, item->text, 0, item->width);
}

typedef struct grid_case {
  int width;
  sl_table_kind second;
} grid_case;

/* A code, a name and a long text: the layout at a width. */
static void print_grid(FILE *out, const void *context) {
  const grid_case *item = context;
  const char *const heading[] = {"CODE", "NAME", "NOTE"};
  /* One literal of its own: clang warns of adjacent literals inside an
   * array's initialiser (-Wstring-concatenation). */
  static const char note[] = "Leaders in education, health and care had not worked together "
                             "to organise roles; see /srv/sendlens/documents/letter.txt";
  const char *const row[] = {"multiagency_contribution", "Worcestershire County Council", note};
  sl_table *table = sl_table_new(3, heading);
  sl_table_set_kind(table, 0, SL_TABLE_CODE);
  sl_table_set_kind(table, 1, item->second);
  sl_table_add(table, row);
  sl_table_print(table, out, item->width, 0);
  sl_table_free(table);
}

static void check_wrapping(void) {
  wrap_case words = {"alpha beta gamma delta", 11};
  char *printed = table_test_capture(print_wrap_case, &words);
  CHECK_STR(printed, "alpha beta\ngamma delta\n");
  free(printed);
  /* Accented letters count once, and are never split. */
  wrap_case accents = {"caf\xc3\xa9 caf\xc3\xa9 na\xc3\xafve \xe2\x80\x9cquoted\xe2\x80\x9d", 9};
  printed = table_test_capture(print_wrap_case, &accents);
  CHECK_STR(printed, "caf\xc3\xa9 caf\xc3\xa9\nna\xc3\xafve\n\xe2\x80\x9cquoted\xe2\x80\x9d\n");
  free(printed);
  /* A word longer than the width is the only thing cut, after a '/'. */
  wrap_case path = {"ok (/srv/sendlens/plugins/staffordshire.so)", 20};
  printed = table_test_capture(print_wrap_case, &path);
  CHECK_STR(printed, "ok\n(/srv/sendlens/\nplugins/\nstaffordshire.so)\n");
  free(printed);
  /* A no-break space keeps "APP 1.2" together and prints as a space. */
  wrap_case glued = {"see APP\xc2\xa0"
                     "1.2 now",
                     9};
  printed = table_test_capture(print_wrap_case, &glued);
  CHECK_STR(printed, "see\nAPP 1.2\nnow\n");
  free(printed);
}

static void check_layouts(void) {
  static const int widths[] = {40, 60, 80, 120};
  for (size_t i = 0; i < sizeof widths / sizeof widths[0]; i++) {
    grid_case grid = {widths[i], SL_TABLE_WORDS};
    char *printed = table_test_capture(print_grid, &grid);
    CHECK(widest_line(printed) >= 0 && widest_line(printed) <= widths[i]);
    CHECK(on_one_line(printed, "multiagency_contribution"));
    CHECK(on_one_line(printed, "Worcestershire"));
    free(printed);
  }
  /* At 120 the columns sit side by side, the code on the first line. */
  grid_case wide = {120, SL_TABLE_WORDS};
  char *printed = table_test_capture(print_grid, &wide);
  CHECK(printed && strncmp(printed, "CODE                      NAME", 30) == 0);
  CHECK(printed && strstr(printed, "\nmultiagency_contribution  Worcestershire"));
  free(printed);
  /* At 40 a code of 24 and a text column cannot sit side by side: blocks. */
  grid_case narrow = {40, SL_TABLE_TEXT};
  printed = table_test_capture(print_grid, &narrow);
  CHECK(printed && strncmp(printed, "CODE  multiagency_contribution\nNAME  ", 37) == 0);
  CHECK(printed && !strstr(printed, "----"));
  free(printed);
}

int main(void) {
  check_wrapping();
  check_layouts();
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
