/*
 * validate.c: value checks. Dates are checked by hand rather than with
 * strptime, which accepts more than ISO 8601 and varies between libcs.
 */
#include "validate.h"

#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

static int digits(const char *text, int count) {
  for (int i = 0; i < count; i++)
    if (!isdigit((unsigned char)text[i])) return 0;
  return 1;
}

static int days_in_month(int year, int month) {
  static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  int leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return month == 2 && leap ? 29 : days[month - 1];
}

int sl_valid_date(const char *text) {
  if (!text) return 0;
  size_t length = strlen(text);
  if (length != 4 && length != 7 && length != 10) return 0;
  if (!digits(text, 4)) return 0;
  int year = atoi(text);
  if (year < 1900 || year > 2200) return 0;
  if (length == 4) return 1;
  if (text[4] != '-' || !digits(text + 5, 2)) return 0;
  int month = (text[5] - '0') * 10 + (text[6] - '0');
  if (month < 1 || month > 12) return 0;
  if (length == 7) return 1;
  if (text[7] != '-' || !digits(text + 8, 2)) return 0;
  int day = (text[8] - '0') * 10 + (text[9] - '0');
  return day >= 1 && day <= days_in_month(year, month);
}

int sl_valid_period(const char *text) {
  if (sl_valid_date(text)) return 1;
  return text && strlen(text) == 7 && digits(text, 4) && text[4] == '-' && text[5] == 'Q' &&
         text[6] >= '1' && text[6] <= '4';
}

int sl_valid_number(const char *text) {
  if (!text || !*text || isspace((unsigned char)*text)) return 0;
  char *end;
  double value = strtod(text, &end);
  return *end == '\0' && isfinite(value) && strpbrk(text, "xXpP") == NULL;
}

int sl_valid_enum(const char *value, const char *const *allowed) {
  if (!value) return 0;
  for (; *allowed; allowed++)
    if (strcmp(value, *allowed) == 0) return 1;
  return 0;
}
