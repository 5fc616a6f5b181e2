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
  return CHECK_DONE();
}
