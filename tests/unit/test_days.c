/*
 * test_days.c: day numbers and quarters (core/days.c), on dates whose day
 * numbers are known, every day of four centuries against a step-by-step
 * count, and the ISO forms that are and are not dates.
 */
#include <stdint.h>

#include "check.h"
#include "days.h"

static int64_t parsed(const char *text) {
  int64_t day = INT64_MIN;
  return sl_days_parse(text, strlen(text), &day) == 0 ? day : INT64_MIN;
}

static void test_known_days(void) {
  CHECK(parsed("1970-01-01") == 0);
  CHECK(parsed("1970-01-02") == 1);
  CHECK(parsed("1969-12-31") == -1);
  CHECK(parsed("2000-03-01") == 11017);
  CHECK(parsed("2023-05-22") - parsed("2023-01-02") == 140);
  CHECK(parsed("2024-03-01") - parsed("2024-02-28") == 2);
}

static void test_not_dates(void) {
  static const char *const bad[] = {"2023-02-29", "2023-13-01", "2023-00-10", "2023-04-31",
                                    "1900-02-29", "2023-1-01",  "2023/01/01", "23-01-01",
                                    "2023-01-1x", "",           "0000-01-01", "2023-01-010"};
  for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
    CHECK(parsed(bad[i]) == INT64_MIN);
  CHECK(parsed("2000-02-29") != INT64_MIN);
  CHECK(parsed("2024-02-29") != INT64_MIN);
}

/* Every day from 1900 to 2299: civil date and day number agree, one day
 * apart each, and the quarter follows the month. */
static void test_every_day(void) {
  int64_t day = parsed("1900-01-01");
  int bad = 0;
  for (int year = 1900; year < 2300; year++)
    for (int month = 1; month <= 12; month++)
      for (int dom = 1; dom <= 31; dom++) {
        char text[16];
        snprintf(text, sizeof text, "%04d-%02d-%02d", year, month, dom);
        int64_t got = parsed(text);
        if (got == INT64_MIN) continue;
        int y, m, d;
        sl_days_civil(got, &y, &m, &d);
        bad += got != day || y != year || m != month || d != dom ||
               sl_days_quarter(got) != year * 4 + (month - 1) / 3;
        day++;
      }
  CHECK(bad == 0);
}

static void test_quarters(void) {
  int64_t q1 = sl_days_quarter(parsed("2023-01-01"));
  CHECK(sl_days_quarter(parsed("2023-03-31")) == q1);
  CHECK(sl_days_quarter(parsed("2023-04-01")) == q1 + 1);
  CHECK(sl_days_quarter_end(q1) == parsed("2023-03-31"));
  CHECK(sl_days_quarter_end(q1 + 3) == parsed("2023-12-31"));
  CHECK(sl_days_quarter_end(sl_days_quarter(parsed("2024-02-10"))) == parsed("2024-03-31"));
  char label[16];
  sl_days_quarter_label(q1 + 2, label, sizeof label);
  CHECK_STR(label, "2023-Q3");
  sl_days_quarter_label(sl_days_quarter(parsed("1969-12-31")), label, sizeof label);
  CHECK_STR(label, "1969-Q4");
}

int main(void) {
  test_known_days();
  test_not_dates();
  test_every_day();
  test_quarters();
  return CHECK_DONE();
}
