/* test_parse_date.c: English dates as ISO text, in the forms the areas'
 * documents write them, ranges giving their first date, impossible dates
 * and numbers that are not dates refused, hostile text survived. */
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "check.h"
#include "parse/parse.h"

static sl_arena *arena;

static const char *date(const char *text) { return sl_parse_date(arena, text); }

static void test_forms(void) {
  CHECK_STR(date("23 February 2022"), "2022-02-23");
  CHECK_STR(date("1st April 2022"), "2022-04-01");
  CHECK_STR(date("25th February 2022"), "2022-02-25");
  CHECK_STR(date("It was approved by the Department for Education on 18th October 2022"),
            "2022-10-18");
  CHECK_STR(date("2nd March 2023"), "2023-03-02");
  CHECK_STR(date("3rd May 2021"), "2021-05-03");
  CHECK_STR(date("18 th January 2022"), "2022-01-18");
  CHECK_STR(date("1st of April 2022"), "2022-04-01");
  CHECK_STR(date("8 January 2019"), "2019-01-08");
  CHECK_STR(date("June 2019"), "2019-06");
  CHECK_STR(date("published in March 2022, identified"), "2022-03");
  CHECK_STR(date("October 2022 (Version 1.0)"), "2022-10");
  CHECK_STR(date("23 FEBRUARY 2022"), "2022-02-23");
  CHECK_STR(date("Sept 2022"), "2022-09");
  CHECK_STR(date("5 Dec. 2022"), "2022-12-05");
  CHECK_STR(date("February 23, 2022"), "2022-02-23");
  CHECK_STR(date("23/02/2022"), "2022-02-23");
  CHECK_STR(date("1/4/2022"), "2022-04-01");
  CHECK_STR(date("2022-04-01"), "2022-04-01");
  CHECK_STR(date("2022"), "2022");
  CHECK_STR(date(" 2022-03 "), "2022-03");
  CHECK_STR(date("29 February 2024"), "2024-02-29"); /* a leap year */
  CHECK_STR(date("23\xC2\xA0"
                 "February\xC2\xA0"
                 "2022"),
            "2022-02-23"); /* no-break spaces */
}

static void test_ranges(void) {
  CHECK_STR(date("18 th \xE2\x80\x93 20 th January 2022"), "2022-01-18");
  CHECK_STR(date("Between 18 and 20 January 2022, Ofsted"), "2022-01-18");
  CHECK_STR(date("Between 30 June and 2 July 2022"), "2022-06-30");
  CHECK_STR(date("18-20 January 2022"), "2022-01-18");
  CHECK_STR(date("June to July 2022"), "2022-06");
  CHECK_STR(date("30 December 2021 to 2 January 2022"), "2021-12-30");
}

static void test_first_found(void) {
  CHECK_STR(date("on 8 January 2019. This was declared fit for purpose on 1 May 2019."),
            "2019-01-08");
  CHECK_STR(date("report published on 25th February 2022 and minutes of March 2022"), "2022-02-25");
}

static void test_not_dates(void) {
  CHECK(date("") == NULL);
  CHECK(date(NULL) == NULL);
  CHECK(date("The area has made sufficient progress") == NULL);
  CHECK(date("31 February 2022") == NULL);
  CHECK(date("29 February 2023") == NULL);
  CHECK(date("32 January 2022") == NULL);
  CHECK(date("0 January 2022") == NULL);
  CHECK(date("13/13/2022") == NULL);
  CHECK(date("2022-02-30") == NULL);
  CHECK(date("2022-13") == NULL);
  /* A year inside a sentence is more often a count or a span than a date. */
  CHECK(date("the 2020\xE2\x80\x93"
             "2025 SEND Strategy") == NULL);
  CHECK(date("appointing more officers since 2018") == NULL);
  CHECK(date("England average 21/22") == NULL);
  CHECK(date("APP 1.2.18 January") == NULL);
  CHECK(date("Mayor 2022") == NULL);
  CHECK(date("may") == NULL);
  CHECK(date("18 th") == NULL);
  CHECK(date("18 and 20") == NULL);
  CHECK(date("9 to 12 months") == NULL);
  CHECK(date("January 3022") == NULL);
  /* An impossible date is skipped, and a real one after it found. */
  CHECK_STR(date("31 February 2022 or 1 March 2022"), "2022-03-01");
}

static void test_hostile(void) {
  /* Cut-off forms must not read past the end. */
  static const char *const cut[] = {"1",  "18 t", "2022-0", "2022-02-",    "1/",  "1/2/",  "1/2/20",
                                    "&#", "May ", "18 and", "18 \xE2\x80", "Feb", "1st of"};
  for (size_t i = 0; i < sizeof cut / sizeof *cut; i++)
    CHECK(date(cut[i]) == NULL);
  /* 10 MB of digits and spaces, then a date at the very end. */
  size_t length = 10u * 1024 * 1024;
  char *text = malloc(length + 32);
  CHECK(text != NULL);
  if (!text) return;
  for (size_t i = 0; i < length; i++)
    text[i] = i % 3 == 2 ? ' ' : '1';
  strcpy(text + length, " 4 May 2022");
  CHECK_STR(date(text), "2022-05-04");
  memset(text, ' ', length);
  strcpy(text + length, "May");
  CHECK(date(text) == NULL);
  free(text);
}

int main(void) {
  arena = sl_arena_new();
  test_forms();
  test_ranges();
  test_first_found();
  test_not_dates();
  test_hostile();
  sl_arena_free(arena);
  return CHECK_DONE();
}
