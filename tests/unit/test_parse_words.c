/* test_parse_words.c: counts written as words or digits, and sentences. */
#include <string.h>

#include "check.h"
#include "parse/parse.h"

static void check_sentence(const char *text, const char *marker, const char *expected) {
  const char *start, *end;
  sl_parse_sentence(text, strstr(text, marker), &start, &end);
  char sentence[256];
  snprintf(sentence, sizeof sentence, "%.*s", (int)(end - start), start);
  CHECK_STR(sentence, expected);
}

/* The first percentage of text: its value and its span as written. */
static void check_percent(const char *text, double value, const char *written) {
  double got = -1;
  const char *start = NULL, *end = NULL;
  int rc = sl_parse_percent(text, &got, &start, &end);
  CHECK(rc == 0 && got == value);
  CHECK(rc == 0 && (size_t)(end - start) == strlen(written) &&
        strncmp(start, written, strlen(written)) == 0);
}

int main(void) {
  CHECK(sl_parse_number("eight", 5) == 8);
  CHECK(sl_parse_number("Nine", 4) == 9);
  CHECK(sl_parse_number("SEVEN", 5) == 7);
  CHECK(sl_parse_number("twenty", 6) == 20);
  CHECK(sl_parse_number("zero", 4) == 0);
  CHECK(sl_parse_number("12", 2) == 12);
  CHECK(sl_parse_number("eighty", 6) == -1);
  CHECK(sl_parse_number("eightx", 5) == 8); /* length bounds the word */
  CHECK(sl_parse_number("1a", 2) == -1);
  CHECK(sl_parse_number("", 0) == -1);
  CHECK(sl_parse_number(NULL, 3) == -1);
  CHECK(sl_parse_number("1234567", 7) == -1);
  check_sentence("First one. The area has made sufficient progress. Last.", "sufficient",
                 "The area has made sufficient progress.");
  check_sentence("No stop at all here  ", "stop", "No stop at all here");
  check_sentence("It said \"done.\" Then more.", "said", "It said \"done.\"");
  check_sentence("A 2.5 value stays. Next.", "value", "A 2.5 value stays.");
  double value;
  const char *start, *end;
  check_percent("baseline 45.50% in 21/22", 45.5, "45.50%");
  check_percent("Mar 24: 52.0 % of plans", 52.0, "52.0 %");
  check_percent("fell by -3% in a year", -3.0, "-3%");
  check_percent("APP 1.2 and 60%", 60.0, "60%");
  check_percent("it rose to 12.25%.", 12.25, "12.25%");
  CHECK(sl_parse_percent("version 4.5.6% (no number)", &value, &start, &end) == -1);
  CHECK(sl_parse_percent("no percentage, 45 per cent", &value, &start, &end) == -1);
  CHECK(sl_parse_percent("100", &value, &start, &end) == -1);
  CHECK(sl_parse_percent("", &value, &start, &end) == -1);
  return CHECK_DONE();
}
