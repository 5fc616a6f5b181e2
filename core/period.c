/*
 * period.c: periods of every kind as exact spans of days (period.h).
 *
 * Spans, as the DfE's statistics use them: an academic year runs from 1
 * September to 31 August, a financial year from 1 April to 31 March, a tax
 * year from 6 April to 5 April. Quarters of an academic or financial year
 * count from its first month. Terms have no fixed dates in England; their
 * spans here split the academic year at the calendar's seams (autumn
 * September to December, spring January to March, summer April to August)
 * so that the three cover the year once.
 */
#include "period.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "days.h"

static const char *const PERIOD_KIND_NAMES[] = {
    [SL_PERIOD_DATE] = "date",
    [SL_PERIOD_MONTH] = "month",
    [SL_PERIOD_QUARTER] = "quarter",
    [SL_PERIOD_TERM] = "term",
    [SL_PERIOD_CALENDAR_YEAR] = "calendar_year",
    [SL_PERIOD_ACADEMIC_YEAR] = "academic_year",
    [SL_PERIOD_FINANCIAL_YEAR] = "financial_year",
    [SL_PERIOD_TAX_YEAR] = "tax_year",
};

static const char *const PERIOD_MONTHS[] = {"january",   "february", "march",    "april",
                                            "may",       "june",     "july",     "august",
                                            "september", "october",  "november", "december"};

/* The first month of each kind of year that has quarters. */
enum { PERIOD_CALENDAR_START = 1, PERIOD_ACADEMIC_START = 9, PERIOD_FINANCIAL_START = 4 };

const char *sl_period_kind_name(sl_period_kind kind) { return PERIOD_KIND_NAMES[kind]; }

void sl_period_iso(int64_t day, char *out, size_t size) {
  int year, month, dom;
  sl_days_civil(day, &year, &month, &dom);
  snprintf(out, size, "%04d-%02d-%02d", year, month, dom);
}

static void period_set(sl_period *period, sl_period_kind kind, int64_t first, int64_t last,
                       const char *format, ...) __attribute__((format(printf, 5, 6)));

static void period_set(sl_period *period, sl_period_kind kind, int64_t first, int64_t last,
                       const char *format, ...) {
  period->kind = kind;
  period->first = first;
  period->last = last;
  va_list args;
  va_start(args, format);
  vsnprintf(period->label, sizeof period->label, format, args);
  va_end(args);
}

/* The months [month, month + count) from year, as a span (months may run
 * into the next year). */
static void period_months(sl_period *period, int64_t year, int month, int count) {
  int last_month = month + count - 1;
  int64_t last_year = year + (last_month - 1) / 12;
  last_month = (last_month - 1) % 12 + 1;
  period->first = sl_days_from_civil(year, month, 1);
  period->last = sl_days_from_civil(last_year, last_month, sl_days_in_month(last_year, last_month));
}

/* Exactly count digits at text, as a number; -1 otherwise. */
static long period_digits(const char *text, size_t count) {
  long value = 0;
  for (size_t i = 0; i < count; i++) {
    if (!isdigit((unsigned char)text[i])) return -1;
    value = value * 10 + (text[i] - '0');
  }
  return text[count] == '\0' ? value : -1;
}

static void period_year(sl_period *period, sl_period_kind kind, long year) {
  switch (kind) {
  case SL_PERIOD_ACADEMIC_YEAR:
    period_set(period, kind, 0, 0, "%ld/%02ld", year, (year + 1) % 100);
    period_months(period, year, PERIOD_ACADEMIC_START, 12);
    break;
  case SL_PERIOD_FINANCIAL_YEAR:
    period_set(period, kind, 0, 0, "FY %ld-%02ld", year, (year + 1) % 100);
    period_months(period, year, PERIOD_FINANCIAL_START, 12);
    break;
  case SL_PERIOD_TAX_YEAR:
    period_set(period, kind, sl_days_from_civil(year, 4, 6), sl_days_from_civil(year + 1, 4, 5),
               "TY %ld-%02ld", year, (year + 1) % 100);
    break;
  default:
    period_set(period, SL_PERIOD_CALENDAR_YEAR, 0, 0, "%ld", year);
    period_months(period, year, PERIOD_CALENDAR_START, 12);
  }
}

/* Quarter 1-4 of a year of the kind; the label names the year it is of. */
static void period_quarter(sl_period *period, sl_period_kind year_kind, long year, int quarter) {
  sl_period whole;
  period_year(&whole, year_kind, year);
  int start = year_kind == SL_PERIOD_ACADEMIC_YEAR    ? PERIOD_ACADEMIC_START
              : year_kind == SL_PERIOD_FINANCIAL_YEAR ? PERIOD_FINANCIAL_START
                                                      : PERIOD_CALENDAR_START;
  int month = start + 3 * (quarter - 1);
  long first_year = year + (month - 1) / 12;
  if (year_kind == SL_PERIOD_CALENDAR_YEAR)
    period_set(period, SL_PERIOD_QUARTER, 0, 0, "%ld-Q%d", year, quarter);
  else
    period_set(period, SL_PERIOD_QUARTER, 0, 0, "%s Q%d", whole.label, quarter);
  period_months(period, first_year, (month - 1) % 12 + 1, 3);
}

static const char *const PERIOD_TERMS[] = {"Autumn", "Spring", "Summer"};

/* Term 0-2 (autumn, spring, summer) of the academic year from year. */
static void period_term(sl_period *period, long year, int term) {
  static const int first_month[] = {9, 1, 4}, months[] = {4, 3, 5};
  period_set(period, SL_PERIOD_TERM, 0, 0, "%ld/%02ld %s term", year, (year + 1) % 100,
             PERIOD_TERMS[term]);
  period_months(period, year + (term > 0), first_month[term], months[term]);
}

/* "YYYYYY" as the first year of a two-year period, checking that the
 * second half is the next year; -1 otherwise. */
static long period_two_years(const char *text) {
  long both = period_digits(text, 6);
  if (both < 0) return -1;
  long year = both / 100;
  return (year + 1) % 100 == both % 100 ? year : -1;
}

static int period_month_name(const char *text, size_t length) {
  for (int month = 0; month < 12; month++)
    if (length >= 3 && length <= strlen(PERIOD_MONTHS[month]) &&
        strncasecmp(text, PERIOD_MONTHS[month], length) == 0)
      return month + 1;
  return 0;
}

static int period_fail(char *why, size_t size, const char *format, const char *a, const char *b) {
  if (why) snprintf(why, size, format, a, b);
  return -1;
}

/* "<kind> year" or "<kind> year Qn": the kind and the quarter (0: none). */
static int period_ees_year_kind(const char *identifier, sl_period_kind *kind, int *quarter) {
  static const struct {
    const char *name;
    sl_period_kind kind;
  } kinds[] = {{"calendar year", SL_PERIOD_CALENDAR_YEAR},
               {"academic year", SL_PERIOD_ACADEMIC_YEAR},
               {"financial year", SL_PERIOD_FINANCIAL_YEAR},
               {"tax year", SL_PERIOD_TAX_YEAR}};
  for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++) {
    size_t length = strlen(kinds[i].name);
    if (strncasecmp(identifier, kinds[i].name, length) != 0) continue;
    const char *rest = identifier + length;
    *kind = kinds[i].kind;
    *quarter = 0;
    if (*rest == '\0') return 0;
    if (rest[0] == ' ' && (rest[1] == 'Q' || rest[1] == 'q') && rest[2] >= '1' && rest[2] <= '4' &&
        rest[3] == '\0' && kinds[i].kind != SL_PERIOD_TAX_YEAR) {
      *quarter = rest[2] - '0';
      return 0;
    }
  }
  return -1;
}

static int period_ees_term(const char *identifier) {
  for (int term = 0; term < 3; term++) {
    size_t length = strlen(PERIOD_TERMS[term]);
    if (strncasecmp(identifier, PERIOD_TERMS[term], length) == 0 &&
        strcasecmp(identifier + length, " term") == 0)
      return term;
  }
  return -1;
}

int sl_period_from_ees(const char *time_period, const char *time_identifier, sl_period *period,
                       char *why, size_t why_size) {
  sl_period_kind kind;
  int quarter;
  if (period_ees_year_kind(time_identifier, &kind, &quarter) == 0) {
    long year = kind == SL_PERIOD_CALENDAR_YEAR ? period_digits(time_period, 4)
                                                : period_two_years(time_period);
    if (year < 0)
      return period_fail(why, why_size,
                         "time_period '%s' is not a %s (YYYY, or YYYYYY for a "
                         "two-year span such as 202324)",
                         time_period, time_identifier);
    if (quarter)
      period_quarter(period, kind, year, quarter);
    else
      period_year(period, kind, year);
    return 0;
  }
  int term = period_ees_term(time_identifier);
  if (term >= 0) {
    long year = period_two_years(time_period);
    if (year < 0)
      return period_fail(why, why_size, "time_period '%s' is not an academic year for %s",
                         time_period, time_identifier);
    period_term(period, year, term);
    return 0;
  }
  int month = period_month_name(time_identifier, strlen(time_identifier));
  if (month && strlen(time_identifier) == strlen(PERIOD_MONTHS[month - 1])) {
    long year = period_digits(time_period, 4);
    if (year < 0)
      return period_fail(why, why_size, "time_period '%s' is not a year for the month %s",
                         time_period, time_identifier);
    period_set(period, SL_PERIOD_MONTH, 0, 0, "%ld-%02d", year, month);
    period_months(period, year, month, 1);
    return 0;
  }
  period_fail(why, why_size, "time_identifier '%s' is not a period sendlens knows%s",
              time_identifier,
              " (calendar, academic, financial or tax year, a quarter, a month "
              "or a term)");
  return -2;
}

/* "YYYY/YY", "YYYY/YYYY" or "YY/YY": the academic year's first year. */
static long period_parse_academic(const char *text) {
  const char *slash = strchr(text, '/');
  if (!slash) return -1;
  size_t left = (size_t)(slash - text), right = strlen(slash + 1);
  char first[8], second[8];
  if (left > 4 || right > 4) return -1;
  memcpy(first, text, left);
  first[left] = '\0';
  memcpy(second, slash + 1, right + 1);
  long year = left == 4 ? period_digits(first, 4) : left == 2 ? period_digits(first, 2) : -1;
  long next = right == 4 ? period_digits(second, 4) : right == 2 ? period_digits(second, 2) : -1;
  if (year < 0 || next < 0) return -1;
  if (left == 2) year += 2000;
  return (year + 1) % (right == 4 ? 10000 : 100) == next ? year : -1;
}

/* "YYYY-YY" after a prefix such as "FY ": the year's first year. */
static long period_parse_hyphen_years(const char *text) {
  if (strlen(text) != 7 || text[4] != '-') return -1;
  char first[5] = {text[0], text[1], text[2], text[3], '\0'};
  long year = period_digits(first, 4), next = period_digits(text + 5, 2);
  return year >= 0 && next >= 0 && (year + 1) % 100 == next ? year : -1;
}

/* "Mar 2024", "Mar 24", "March 2024". */
static int period_parse_month_name(const char *text, sl_period *period) {
  const char *space = strchr(text, ' ');
  if (!space) return -1;
  int month = period_month_name(text, (size_t)(space - text));
  size_t digits = strlen(space + 1);
  long year = digits == 4   ? period_digits(space + 1, 4)
              : digits == 2 ? period_digits(space + 1, 2)
                            : -1;
  if (!month || year < 0) return -1;
  if (digits == 2) year += 2000;
  period_set(period, SL_PERIOD_MONTH, 0, 0, "%ld-%02d", year, month);
  period_months(period, year, month, 1);
  return 0;
}

/* A label with a year-kind prefix and an optional " Qn" or term suffix. */
static int period_parse_prefixed(const char *text, sl_period *period) {
  sl_period_kind kind = strncmp(text, "FY ", 3) == 0   ? SL_PERIOD_FINANCIAL_YEAR
                        : strncmp(text, "TY ", 3) == 0 ? SL_PERIOD_TAX_YEAR
                                                       : SL_PERIOD_DATE;
  if (kind == SL_PERIOD_DATE) return -1;
  char year_text[8];
  snprintf(year_text, sizeof year_text, "%.7s", text + 3);
  long year = period_parse_hyphen_years(year_text);
  if (year < 0) return -1;
  const char *rest = text + 3 + strlen(year_text);
  if (*rest == '\0') {
    period_year(period, kind, year);
    return 0;
  }
  if (kind == SL_PERIOD_FINANCIAL_YEAR && rest[0] == ' ' && rest[1] == 'Q' && rest[2] >= '1' &&
      rest[2] <= '4' && rest[3] == '\0') {
    period_quarter(period, kind, year, rest[2] - '0');
    return 0;
  }
  return -1;
}

/* An academic year, "2023/24", with an optional " Qn" or " Autumn term". */
static int period_parse_academic_label(const char *text, sl_period *period) {
  char head[16];
  size_t length = strcspn(text, " ");
  if (length >= sizeof head) return -1;
  memcpy(head, text, length);
  head[length] = '\0';
  long year = period_parse_academic(head);
  if (year < 0) return -1;
  const char *rest = text + length;
  if (*rest == '\0') {
    period_year(period, SL_PERIOD_ACADEMIC_YEAR, year);
    return 0;
  }
  if (rest[1] == 'Q' && rest[2] >= '1' && rest[2] <= '4' && rest[3] == '\0') {
    period_quarter(period, SL_PERIOD_ACADEMIC_YEAR, year, rest[2] - '0');
    return 0;
  }
  int term = period_ees_term(rest + 1);
  if (term < 0) return -1;
  period_term(period, year, term);
  return 0;
}

int sl_period_parse(const char *text, sl_period *period) {
  size_t length = strlen(text);
  long year;
  int64_t day;
  if (length == 4 && (year = period_digits(text, 4)) >= 0) {
    period_year(period, SL_PERIOD_CALENDAR_YEAR, year);
    return 0;
  }
  if (length == 7 && text[4] == '-' && text[5] == 'Q' && text[6] >= '1' && text[6] <= '4') {
    char year_text[5] = {text[0], text[1], text[2], text[3], '\0'};
    if ((year = period_digits(year_text, 4)) < 0) return -1;
    period_quarter(period, SL_PERIOD_CALENDAR_YEAR, year, text[6] - '0');
    return 0;
  }
  if (length == 7 && text[4] == '-') {
    char year_text[5] = {text[0], text[1], text[2], text[3], '\0'};
    long month = period_digits(text + 5, 2);
    if ((year = period_digits(year_text, 4)) < 0 || month < 1 || month > 12) return -1;
    period_set(period, SL_PERIOD_MONTH, 0, 0, "%s", text);
    period_months(period, year, (int)month, 1);
    return 0;
  }
  if (length == 10 && sl_days_parse(text, length, &day) == 0) {
    period_set(period, SL_PERIOD_DATE, day, day, "%s", text);
    return 0;
  }
  if (period_parse_prefixed(text, period) == 0) return 0;
  if (period_parse_academic_label(text, period) == 0) return 0;
  return period_parse_month_name(text, period);
}
