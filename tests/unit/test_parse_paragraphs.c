/* test_parse_paragraphs.c: numbered paragraphs and item numbers. Small
 * documents for the rules (what continues a paragraph, what ends it), and
 * Walsall's supporting document (plugins/walsall/sources/), whose
 * paragraph 2.11 runs over a page break; Worcestershire's numbered actions
 * ("1.Improve", "8. 0-25 SEND ..."). Expectations are read off the files. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "check.h"
#include "documents.h"
#include "parse/parse.h"

static sl_arena *arena;

static int document_of(const char *name, const char *text, size_t length, sl_document *doc) {
  return test_document_of(arena, name, text, length, doc);
}

static int document_read(const char *relative, sl_document *doc) {
  return test_document_read(arena, relative, doc);
}

static int ends_with(const char *text, const char *end) {
  size_t a = text ? strlen(text) : 0, b = strlen(end);
  return a >= b && strcmp(text + a - b, end) == 0;
}

static int starts_with(const char *text, const char *start) {
  return text && strncmp(text, start, strlen(start)) == 0;
}

static const char SMALL[] = "# 1. Overview\n"
                            "- 1.1. First paragraph,\n"
                            "continued here\n"
                            "\n"
                            " \n"
                            "and after a page break.\n"
                            "1.2.\tSecond, with no bullet.\n"
                            "  - a sub-list ends it\n"
                            "1.3. Third, broken at a Co-\n"
                            "\n"
                            "ordinator and a 2020-\n"
                            "2025 plan.\n"
                            "4. A bare section heading\n"
                            "text of the section\n"
                            "- 4.1. Fourth\n"
                            "### heading\n"
                            "- 4.10.2. Deep\n"
                            "1.5 million people is not a paragraph\n"
                            "2.4.not a paragraph either\n";

static void test_small(void) {
  sl_document doc;
  const sl_paragraph *paragraphs;
  size_t count;
  sl_error error;
  CHECK(document_of("small.txt", SMALL, sizeof SMALL - 1, &doc) == 0);
  CHECK(sl_parse_numbered_paragraphs(arena, &doc, &paragraphs, &count, &error) == 0);
  CHECK(count == 5);
  if (count != 5) return;
  CHECK_STR(paragraphs[0].number, "1.1");
  CHECK_STR(paragraphs[0].text, "First paragraph, continued here and after a page break.");
  CHECK(paragraphs[0].first_line == 2 && paragraphs[0].last_line == 6);
  CHECK_STR(paragraphs[1].number, "1.2");
  CHECK_STR(paragraphs[1].text, "Second, with no bullet.");
  CHECK(paragraphs[1].first_line == 7 && paragraphs[1].last_line == 7);
  CHECK_STR(paragraphs[2].number, "1.3");
  CHECK_STR(paragraphs[2].text, "Third, broken at a Co-ordinator and a 2020- 2025 plan.");
  CHECK(paragraphs[2].first_line == 9 && paragraphs[2].last_line == 12);
  CHECK_STR(paragraphs[3].number, "4.1");
  CHECK_STR(paragraphs[3].text, "Fourth");
  CHECK(paragraphs[3].last_line == 15);
  CHECK_STR(paragraphs[4].number, "4.10.2");
  CHECK_STR(paragraphs[4].text, "Deep 1.5 million people is not a paragraph 2.4.not a paragraph "
                                "either");
  CHECK(paragraphs[4].first_line == 17 && paragraphs[4].last_line == 19);
}

static void test_edges(void) {
  sl_document doc;
  const sl_paragraph *paragraphs;
  size_t count;
  sl_error error;
  CHECK(document_of("empty.txt", "", 0, &doc) == 0);
  CHECK(sl_parse_numbered_paragraphs(arena, &doc, &paragraphs, &count, &error) == 0);
  CHECK(count == 0);
  static const char NUMBER_ONLY[] = "2.4.\n\nIts text on the next line\n2.5.";
  CHECK(document_of("n.txt", NUMBER_ONLY, sizeof NUMBER_ONLY - 1, &doc) == 0);
  CHECK(sl_parse_numbered_paragraphs(arena, &doc, &paragraphs, &count, &error) == 0);
  CHECK(count == 2);
  if (count == 2) {
    CHECK_STR(paragraphs[0].text, "Its text on the next line");
    CHECK(paragraphs[0].last_line == 3);
    CHECK_STR(paragraphs[1].number, "2.5");
    CHECK_STR(paragraphs[1].text, "");
  }
  /* A 10 MB paragraph line, and numbers too long to be paragraph numbers. */
  size_t length = 10u * 1024 * 1024;
  char *text = malloc(length + 64);
  CHECK(text != NULL);
  if (!text) return;
  strcpy(text, "- 9.9. ");
  memset(text + 7, 'z', length);
  strcpy(text + 7 + length, "\n1234.5. no\n1.2.3.4.5.6.7.8.9. no");
  CHECK(document_of("long.txt", text, strlen(text), &doc) == 0);
  CHECK(sl_parse_numbered_paragraphs(arena, &doc, &paragraphs, &count, &error) == 0);
  CHECK(count == 1);
  CHECK(count == 1 && strlen(paragraphs[0].text) > length);
  CHECK(count == 1 && paragraphs[0].last_line == 3);
  free(text);
}

static void test_walsall(void) {
  sl_document doc;
  const sl_paragraph *paragraphs;
  size_t count;
  sl_error error;
  if (document_read("plugins/walsall/sources/app-supporting-document-2022-10.txt", &doc)) {
    CHECK(!"the document reads");
    return;
  }
  CHECK(sl_parse_numbered_paragraphs(arena, &doc, &paragraphs, &count, &error) == 0);
  static const char *const numbers[] = {"1.1",  "1.2", "1.3", "1.4", "2.1", "2.2", "2.3",
                                        "2.4",  "2.5", "2.6", "2.7", "2.8", "2.9", "2.10",
                                        "2.11", "3.1", "3.2", "3.3", "4.1", "5.1", "5.2",
                                        "5.3",  "5.4", "5.5", "5.6", "6.1", "6.2"};
  size_t expected = sizeof numbers / sizeof *numbers;
  CHECK(count == expected);
  for (size_t i = 0; i < count && i < expected; i++)
    CHECK_STR(paragraphs[i].number, numbers[i]);
  if (count != expected) return;
  const sl_paragraph *p = &paragraphs[0];
  CHECK(p->first_line == 31 && p->last_line == 31);
  CHECK(starts_with(p->text, "In June 2019, Walsall SEND Local Area was inspected"));
  /* 2.1 stops before its sub-list's bullet on line 39. */
  p = &paragraphs[4];
  CHECK(p->first_line == 38 && p->last_line == 38);
  CHECK(ends_with(p->text, "are shown in brackets."));
  /* 2.11 goes on over the page break (line 55 is one space) to line 56. */
  p = &paragraphs[14];
  CHECK(p->first_line == 53 && p->last_line == 56);
  CHECK(starts_with(p->text, "We now have robust plans in place to improve the Local Offer."));
  CHECK(strstr(p->text, "(APP 2.2.1). and a Local Offer Co-ordinator has been appointed on a "
                        "permanent basis") != NULL);
  CHECK(ends_with(p->text, "seek feedback (APP 2.1.1 \xE2\x80\x93 2.1.5)."));
  /* 3.3 is written without the bullet, after blank lines. */
  p = &paragraphs[17];
  CHECK(p->first_line == 65 && p->last_line == 65);
  CHECK(starts_with(p->text, "Oversight will also be held"));
  /* 4.1 ends at "These include:", its bullets are not its text. */
  p = &paragraphs[18];
  CHECK(p->first_line == 71 && p->last_line == 71);
  CHECK(ends_with(p->text, "These include:"));
  /* 5.6 runs over a blank line to line 91. */
  p = &paragraphs[24];
  CHECK(p->first_line == 89 && p->last_line == 91);
  CHECK(strstr(p->text, "advisors who have provided invaluable support") != NULL);
  /* 6.2 ends before the heading on line 98. */
  p = &paragraphs[26];
  CHECK(p->first_line == 96 && p->last_line == 96);
  CHECK_STR(p->text, "Data for these indicators will come from various systems, surveys, and "
                     "feedback from group sessions.");
}

static const char *number(const char *text, const char **rest) {
  return sl_parse_item_number(arena, text, rest);
}

static void test_item_number(void) {
  const char *rest = NULL;
  CHECK_STR(number("3. Provide training", &rest), "3");
  CHECK_STR(rest, "Provide training");
  CHECK_STR(number("1.Improve the quality", &rest), "1");
  CHECK_STR(rest, "Improve the quality");
  CHECK_STR(number("8. 0-25 SEND & All Age", &rest), "8");
  CHECK_STR(rest, "0-25 SEND & All Age");
  CHECK_STR(number("  10. Pilot", &rest), "10");
  CHECK_STR(rest, "Pilot");
  CHECK_STR(number("4) Review", &rest), "4");
  CHECK_STR(rest, "Review");
  CHECK_STR(number("1.2. Both parts", &rest), "1.2");
  CHECK_STR(number("7.", &rest), "7");
  CHECK_STR(rest, "");
  CHECK_STR(number("5. Review", NULL), "5");
  rest = NULL;
  CHECK(number("0-25 SEND", &rest) == NULL);
  CHECK_STR(rest, "0-25 SEND");
  CHECK(number("1.5 million people", &rest) == NULL);
  CHECK(number("2022. A year", &rest) == NULL);
  CHECK(number("3.8 Provide", &rest) == NULL);
  CHECK(number("12x. Label", &rest) == NULL);
  CHECK(number("Provide 3.", &rest) == NULL);
  CHECK(number("", &rest) == NULL);
  CHECK(number(NULL, &rest) == NULL);
  CHECK(number(".", &rest) == NULL);
  CHECK(number("99999999999999999999. huge", &rest) == NULL);
}

static void test_worcestershire(void) {
  sl_document doc;
  if (document_read("plugins/worcestershire/sources/app-2022-2023.txt", &doc)) {
    CHECK(!"the document reads");
    return;
  }
  if (doc.line_count < 22) return;
  const char *rest;
  /* Line 5 cell 2, line 22 cell 2 ("1.Improve"), line 17 cell 4 ("8. 0-25"). */
  sl_strings cells = sl_parse_cells(arena, doc.lines[4]);
  CHECK(cells.count == 6);
  if (cells.count == 6) {
    CHECK_STR(number(cells.items[1], &rest), "1");
    CHECK(starts_with(rest, "Share outcomes of SEND inspection"));
    CHECK_STR(number(cells.items[2], &rest), "2");
    CHECK(number(cells.items[0], &rest) == NULL); /* "<b>1: THE VARIATION ..." */
  }
  cells = sl_parse_cells(arena, doc.lines[21]);
  CHECK(cells.count == 6);
  if (cells.count == 6) {
    CHECK(number(cells.items[0], &rest) == NULL); /* empty */
    CHECK_STR(number(cells.items[1], &rest), "1");
    CHECK(starts_with(rest, "Improve the quality of advice"));
  }
  cells = sl_parse_cells(arena, doc.lines[16]);
  CHECK(cells.count == 6);
  if (cells.count == 6) {
    CHECK_STR(number(cells.items[3], &rest), "8");
    CHECK(starts_with(rest, "0-25 SEND & All Age Disability Partnership Board"));
    CHECK_STR(number(cells.items[5], &rest), "10");
  }
}

int main(void) {
  arena = sl_arena_new();
  test_small();
  test_edges();
  test_walsall();
  test_item_number();
  test_worcestershire();
  sl_arena_free(arena);
  return CHECK_DONE();
}
