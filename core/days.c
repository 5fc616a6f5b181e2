/*
 * days.c: day numbers and quarters. The conversions are Howard Hinnant's
 * days_from_civil and civil_from_days (public domain): exact for every
 * proleptic Gregorian date, with no table and no time zone.
 */
#include "days.h"

#include <stdio.h>

int sl_days_in_month(int64_t year, int month) {
  static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  int leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return month == 2 && leap ? 29 : days[month - 1];
}

int64_t sl_days_from_civil(int64_t year, int month, int dom) {
  year -= month <= 2;
  int64_t era = (year >= 0 ? year : year - 399) / 400;
  int64_t year_of_era = year - era * 400;
  int64_t day_of_year = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + dom - 1;
  int64_t day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
  return era * 146097 + day_of_era - 719468;
}

void sl_days_civil(int64_t day, int *year, int *month, int *dom) {
  day += 719468;
  int64_t era = (day >= 0 ? day : day - 146096) / 146097;
  int64_t day_of_era = day - era * 146097;
  int64_t year_of_era =
      (day_of_era - day_of_era / 1460 + day_of_era / 36524 - day_of_era / 146096) / 365;
  int64_t day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
  int64_t shifted_month = (5 * day_of_year + 2) / 153;
  *dom = (int)(day_of_year - (153 * shifted_month + 2) / 5 + 1);
  *month = (int)(shifted_month < 10 ? shifted_month + 3 : shifted_month - 9);
  *year = (int)(year_of_era + era * 400 + (*month <= 2));
}

/* Digits at text[0..count), or -1 if any is not a digit. */
static int days_digits(const char *text, int count) {
  int value = 0;
  for (int i = 0; i < count; i++) {
    if (text[i] < '0' || text[i] > '9') return -1;
    value = value * 10 + (text[i] - '0');
  }
  return value;
}

int sl_days_parse(const char *text, size_t length, int64_t *day) {
  if (length != 10 || text[4] != '-' || text[7] != '-') return -1;
  int year = days_digits(text, 4), month = days_digits(text + 5, 2), dom = days_digits(text + 8, 2);
  if (year < 1 || month < 1 || month > 12 || dom < 1 || dom > sl_days_in_month(year, month))
    return -1;
  *day = sl_days_from_civil(year, month, dom);
  return 0;
}

int64_t sl_days_quarter(int64_t day) {
  int year, month, dom;
  sl_days_civil(day, &year, &month, &dom);
  return (int64_t)year * 4 + (month - 1) / 3;
}

static int64_t days_floor_div(int64_t a, int64_t b) { return a / b - (a % b != 0 && (a < 0)); }

int64_t sl_days_quarter_end(int64_t quarter) {
  int64_t year = days_floor_div(quarter, 4);
  int last_month = (int)(quarter - year * 4) * 3 + 3;
  return sl_days_from_civil(year, last_month, sl_days_in_month(year, last_month));
}

void sl_days_quarter_label(int64_t quarter, char *out, size_t size) {
  int64_t year = days_floor_div(quarter, 4);
  snprintf(out, size, "%04lld-Q%d", (long long)year, (int)(quarter - year * 4) + 1);
}
