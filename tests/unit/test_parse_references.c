/* test_parse_references.c: citations like "APP 1.2.2" in text: lists,
 * dash ranges and their limits, repeats kept once; then the citations of
 * each numbered paragraph of Walsall's supporting document, as read off
 * plugins/walsall/sources/app-supporting-document-2022-10.txt. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "check.h"
#include "documents.h"
#include "parse/parse.h"

static sl_arena *arena;

static int document_read(const char *relative, sl_document *doc) {
  return test_document_read(arena, relative, doc);
}

/* The references of text joined by spaces, to compare in one CHECK_STR. */
static const char *refs(const char *text, const char *prefix) {
  sl_strings found = sl_parse_references(arena, text, prefix);
  size_t length = 1;
  for (size_t i = 0; i < found.count; i++)
    length += strlen(found.items[i]) + 1;
  char *joined = sl_arena_alloc(arena, length), *out = joined;
  for (size_t i = 0; i < found.count; i++)
    out += sprintf(out, "%s%s", i ? " " : "", found.items[i]);
  *out = '\0';
  return joined;
}

static void test_lists(void) {
  CHECK_STR(refs("(APP 1.3.1)", "APP"), "1.3.1");
  CHECK_STR(refs("guides to staff (APP 1.2.6, APP 1.3.2 and APP 1.3.3) and", "APP"),
            "1.2.6 1.3.2 1.3.3");
  CHECK_STR(refs("providing advices. (APP 1.2.2 1.2.4)", "APP"), "1.2.2 1.2.4");
  CHECK_STR(refs("APP 1.2, 1.4 and 1.6; 1.8 & 1.9/2.1", "APP"), "1.2 1.4 1.6 1.8 1.9 2.1");
  CHECK_STR(refs("platform (APP 2.2.1 2.2.3).", "APP"), "2.2.1 2.2.3");
  CHECK_STR(refs("APP1.2.2 and APP\xC2\xA0"
                 "3.1",
                 "APP"),
            "1.2.2 3.1");
  /* A number of another depth does not join the list without the prefix. */
  CHECK_STR(refs("APP 1.2 in 2022", "APP"), "1.2");
  CHECK_STR(refs("APP 1.2.2 and 3 more", "APP"), "1.2.2");
}

static void test_ranges(void) {
  CHECK_STR(refs("feedback (APP 2.1.1 \xE2\x80\x93 2.1.5).", "APP"),
            "2.1.1 2.1.2 2.1.3 2.1.4 2.1.5");
  CHECK_STR(refs("APP 2.1.1\xE2\x80\x94"
                 "2.1.3",
                 "APP"),
            "2.1.1 2.1.2 2.1.3");
  CHECK_STR(refs("APP 4.1-4.3", "APP"), "4.1 4.2 4.3");
  CHECK_STR(refs("APP 4.1 - APP 4.3", "APP"), "4.1 4.2 4.3");
  CHECK_STR(refs("APP 7 - 9", "APP"), "7 8 9");
  /* Not ranges: different stems, backwards, leading zeros, too long. */
  CHECK_STR(refs("APP 1.2.9 \xE2\x80\x93 1.3.2", "APP"), "1.2.9 1.3.2");
  CHECK_STR(refs("APP 2.1.5 \xE2\x80\x93 2.1.1", "APP"), "2.1.5 2.1.1");
  CHECK_STR(refs("APP 2.01 - 2.03", "APP"), "2.01 2.03");
  CHECK_STR(refs("APP 1.1 - 1.999999999", "APP"), "1.1 1.999999999");
  CHECK_STR(refs("APP 1.2.2-based", "APP"), "1.2.2");
  /* A range then more of the list. */
  CHECK_STR(refs("APP 2.1.1 \xE2\x80\x93 2.1.3 and 2.2.1", "APP"), "2.1.1 2.1.2 2.1.3 2.2.1");
  sl_strings big = sl_parse_references(arena, "APP 1.1 - 1.1000", "APP");
  CHECK(big.count == 1000);
  big = sl_parse_references(arena, "APP 1.1 - 1.1001", "APP");
  CHECK(big.count == 2);
}

static void test_repeats_and_words(void) {
  CHECK_STR(
      refs("(APP 2.2.1) ... (APP 2.1.1 \xE2\x80\x93 2.1.3) and APP 2.2.1 again, APP 2.1.2", "APP"),
      "2.2.1 2.1.1 2.1.2 2.1.3");
  CHECK_STR(refs("our APP implementation plan", "APP"), "");
  CHECK_STR(refs("WAPP 1.2 and APPS 1.3 and app 1.4", "APP"), "");
  CHECK_STR(refs("see WSOA 3.8 and APP 1.1", "WSOA"), "3.8");
  CHECK_STR(refs("APP 1.2a", "APP"), "");
  CHECK_STR(refs("APP 1.2.", "APP"), "1.2");
  CHECK_STR(refs("APP", "APP"), "");
  CHECK_STR(refs("APP 1.1", ""), "");
  CHECK_STR(refs("", "APP"), "");
  CHECK(sl_parse_references(arena, NULL, "APP").count == 0);
  CHECK(sl_parse_references(arena, "APP 1", NULL).count == 0);
}

static void test_hostile(void) {
  /* 10 MB of distinct wide ranges: the expansion budget holds. */
  size_t length = 10u * 1024 * 1024;
  char *text = malloc(length + 64);
  CHECK(text != NULL);
  if (!text) return;
  size_t used = 0, ranges = 0;
  while (used + 40 < length)
    used += (size_t)sprintf(text + used, "APP %zu.1 - %zu.999 ", ranges, ranges), ranges++;
  sl_strings found = sl_parse_references(arena, text, "APP");
  CHECK(found.count >= 2 * ranges && found.count <= 2 * ranges + 10000);
  /* 10 MB of one repeated reference gives one. */
  for (used = 0; used + 10 < length; used += 9)
    memcpy(text + used, "APP 1.2, ", 9);
  text[used] = '\0';
  CHECK_STR(refs(text, "APP"), "1.2");
  /* Digits without end. */
  memcpy(text, "APP ", 4);
  memset(text + 4, '7', length - 4);
  text[length] = '\0';
  CHECK(sl_parse_references(arena, text, "APP").count == 0);
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
  /* Each paragraph that cites APP actions, and what it cites. */
  static const struct {
    const char *number, *refs;
  } cited[] = {
      {"2.4", "1.2.2 1.2.4"}, {"2.5", "1.1.1 1.1.6"},
      {"2.6", "1.2.1 1.2.8"}, {"2.7", "1.3.1 1.2.6 1.3.2 1.3.3 1.1.1"},
      {"2.9", "2.2.1 2.2.3"}, {"2.11", "2.2.1 2.1.1 2.1.2 2.1.3 2.1.4 2.1.5"},
  };
  size_t matched = 0;
  for (size_t i = 0; i < count; i++) {
    const char *expected = "";
    for (size_t j = 0; j < sizeof cited / sizeof *cited; j++)
      if (strcmp(paragraphs[i].number, cited[j].number) == 0) expected = cited[j].refs, matched++;
    CHECK_STR(refs(paragraphs[i].text, "APP"), expected);
  }
  CHECK(matched == sizeof cited / sizeof *cited);
}

int main(void) {
  arena = sl_arena_new();
  test_lists();
  test_ranges();
  test_repeats_and_words();
  test_hostile();
  test_walsall();
  sl_arena_free(arena);
  return CHECK_DONE();
}
