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
    [SL_PERIOD_MONTHS] = "months",
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

/* ---- the forms documents write (docs/periods.md lists them) ----
 *
 * Written forms are read from a copy of the text in lower case with its
 * spaces collapsed, en and em dashes as hyphens, an ordinal's suffix and a
 * full stop after an abbreviation dropped. A slash between years is an
 * academic year, as Explore education statistics writes it ("2021/22"); a
 * hyphen between years is a financial year ("2021-22", as in "FY
 * 2021-22") only when the text says so ("FY", "financial year"), since
 * documents also write academic years that way; "academic year 2021-22"
 * is read as said. */

enum { PERIOD_WRITTEN_MAX = 64 };

/* text normalised into out as the comment above says; -1 if too long. */
static int period_normalise(const char *text, char *out, size_t size) {
  size_t used = 0;
  for (const unsigned char *at = (const unsigned char *)text; *at; at++) {
    char c = (char)*at;
    if (at[0] == 0xe2 && at[1] == 0x80 && (at[2] == 0x93 || at[2] == 0x94)) {
      c = '-';
      at += 2;
    } else if (at[0] == 0xc2 && at[1] == 0xa0) { /* no-break space */
      c = ' ';
      at++;
    } else if (c == '\t' || c == '\n' || c == '\r') {
      c = ' ';
    } else if (c == '.' || c == ',') {
      c = ' ';
    }
    c = (char)tolower((unsigned char)c);
    if (c == ' ' && (used == 0 || out[used - 1] == ' ')) continue;
    if (c == '-' && used > 0 && out[used - 1] == ' ') used--; /* "Sep - 22" */
    if (c != ' ' && used > 1 && out[used - 1] == ' ' && out[used - 2] == '-') used--;
    if (used + 1 >= size) return -1;
    out[used++] = c;
  }
  while (used > 0 && out[used - 1] == ' ')
    used--;
  out[used] = '\0';
  return 0;
}

/* text without the word prefix (and its space), or NULL. */
static const char *period_after(const char *text, const char *prefix) {
  size_t length = strlen(prefix);
  if (strncmp(text, prefix, length) != 0) return NULL;
  if (text[length] == ' ') return text + length + 1;
  return text[length] == '\0' ? text + length : NULL;
}

/* A word with the suffix removed into out ("1st" -> "1"); the rest. */
static int period_strip_suffix(const char *text, const char *suffix, char *out, size_t size) {
  size_t length = strlen(text), cut = strlen(suffix);
  if (length <= cut || length - cut >= size || strcmp(text + length - cut, suffix) != 0) return -1;
  memcpy(out, text, length - cut);
  out[length - cut] = '\0';
  return 0;
}

/* Two years written "2021/22", "21/22", "2021/2022" (sep '/'), or with a
 * hyphen (sep '-'): the first year; -1 otherwise. */
static long period_year_pair(const char *text, char sep) {
  char copy[16];
  if (strlen(text) >= sizeof copy || strchr(text, sep) == NULL) return -1;
  snprintf(copy, sizeof copy, "%s", text);
  *strchr(copy, sep) = '/';
  if (sep != '/' && strchr(copy, '/') != strrchr(copy, '/')) return -1;
  return period_parse_academic(copy);
}

/* Either writing of two years. */
static long period_any_year_pair(const char *text) {
  long year = period_year_pair(text, '/');
  return year >= 0 ? year : period_year_pair(text, '-');
}

/* "2022" or "22" (20YY) as a year; -1 otherwise. */
static long period_year_word(const char *text) {
  size_t length = strlen(text);
  long year = length == 4 ? period_digits(text, 4) : length == 2 ? period_digits(text, 2) : -1;
  return length == 2 && year >= 0 ? year + 2000 : year;
}

/* "q3" or "quarter 3" at text: the quarter and the rest; 0 if none. */
static int period_quarter_word(const char *text, const char **rest) {
  const char *after = period_after(text, "quarter");
  if (after && after[0] >= '1' && after[0] <= '4' && (after[1] == ' ' || after[1] == '\0')) {
    *rest = after + 1 + (after[1] == ' ');
    return after[0] - '0';
  }
  if (text[0] == 'q' && text[1] >= '1' && text[1] <= '4' && (text[2] == ' ' || text[2] == '\0')) {
    *rest = text + 2 + (text[2] == ' ');
    return text[1] - '0';
  }
  return 0;
}

/* A year of a said kind: "21/22", "2021-22" after "academic year". */
static int period_written_year(sl_period_kind kind, const char *text, sl_period *period) {
  long year = kind == SL_PERIOD_CALENDAR_YEAR ? period_year_word(text) : period_any_year_pair(text);
  if (year < 0 || (kind == SL_PERIOD_CALENDAR_YEAR && strlen(text) != 4)) return -1;
  period_year(period, kind, year);
  return 0;
}

/* "academic year 21/22", "AY 2021-22", "FY22/23", "financial year 2022-23",
 * "calendar year 2022", "2021/22 academic year"; with "Qn" before or
 * after for a quarter of it. */
static int period_written_kind(const char *text, sl_period *period) {
  static const struct {
    const char *word;
    sl_period_kind kind;
  } words[] = {{"academic year", SL_PERIOD_ACADEMIC_YEAR},
               {"ay", SL_PERIOD_ACADEMIC_YEAR},
               {"financial year", SL_PERIOD_FINANCIAL_YEAR},
               {"fy", SL_PERIOD_FINANCIAL_YEAR},
               {"calendar year", SL_PERIOD_CALENDAR_YEAR}};
  const char *rest;
  int quarter = period_quarter_word(text, &rest);
  if (!quarter) rest = text;
  char head[PERIOD_WRITTEN_MAX];
  for (size_t i = 0; i < sizeof words / sizeof words[0]; i++) {
    const char *year = period_after(rest, words[i].word);
    if (!year && words[i].kind == SL_PERIOD_FINANCIAL_YEAR && strncmp(rest, "fy", 2) == 0 &&
        isdigit((unsigned char)rest[2]))
      year = rest + 2; /* "FY22/23" */
    if (!year && period_strip_suffix(rest, words[i].word, head, sizeof head) == 0 &&
        head[strlen(head) - 1] == ' ') {
      head[strlen(head) - 1] = '\0';
      year = head; /* "2021/22 academic year" */
    }
    if (!year || !*year) continue;
    char year_text[PERIOD_WRITTEN_MAX];
    snprintf(year_text, sizeof year_text, "%s", year);
    const char *suffix;
    char *space = strchr(year_text, ' ');
    if (!quarter && space && (quarter = period_quarter_word(space + 1, &suffix)) && !*suffix)
      *space = '\0'; /* "FY 2022-23 Q3" */
    else if (space)
      return -1;
    if (period_written_year(words[i].kind, year_text, period)) return -1;
    if (!quarter) return 0;
    if (words[i].kind == SL_PERIOD_CALENDAR_YEAR)
      period_quarter(period, SL_PERIOD_CALENDAR_YEAR, period_year_word(year_text), quarter);
    else
      period_quarter(period, words[i].kind, period_any_year_pair(year_text), quarter);
    return 0;
  }
  return -1;
}

/* "Q3 2022" and "2022 Q3" (calendar), "Q3 2022/23" and "Q3 22/23"
 * (academic, as "2022/23 Q3"). */
static int period_written_quarter(const char *text, sl_period *period) {
  const char *rest;
  int quarter = period_quarter_word(text, &rest);
  char year_text[PERIOD_WRITTEN_MAX];
  if (!quarter) {
    const char *space = strchr(text, ' ');
    if (!space || (size_t)(space - text) >= sizeof year_text) return -1;
    if (!(quarter = period_quarter_word(space + 1, &rest)) || *rest) return -1;
    memcpy(year_text, text, (size_t)(space - text));
    year_text[space - text] = '\0';
  } else {
    snprintf(year_text, sizeof year_text, "%s", rest);
  }
  long year = strlen(year_text) == 4 ? period_digits(year_text, 4) : -1;
  if (year >= 0) {
    period_quarter(period, SL_PERIOD_CALENDAR_YEAR, year, quarter);
    return 0;
  }
  if ((year = period_year_pair(year_text, '/')) < 0) return -1;
  period_quarter(period, SL_PERIOD_ACADEMIC_YEAR, year, quarter);
  return 0;
}

/* The year of a term as written after or before its name: "2022/23"
 * (academic), or "2023" (the calendar year the term falls in: spring and
 * summer 2024 are of 2023/24). -1 otherwise. */
static long period_term_year(const char *text, int term) {
  long year = period_year_pair(text, '/');
  if (year >= 0) return year;
  if (strlen(text) != 4 || (year = period_digits(text, 4)) < 0) return -1;
  return year - (term > 0);
}

/* "Autumn term 2023", "Spring 2024", "Summer term 2022/23", "2022/23
 * summer term", "2022/23 summer". */
static int period_written_term(const char *text, sl_period *period) {
  static const char *const names[] = {"autumn", "spring", "summer"};
  for (int term = 0; term < 3; term++) {
    const char *rest = period_after(text, names[term]);
    char head[PERIOD_WRITTEN_MAX], tail[32];
    if (rest && period_after(rest, "term")) rest = period_after(rest, "term");
    snprintf(tail, sizeof tail, " %s term", names[term]);
    if (!rest && period_strip_suffix(text, tail, head, sizeof head) == 0) rest = head;
    if (!rest) {
      snprintf(tail, sizeof tail, " %s", names[term]);
      if (period_strip_suffix(text, tail, head, sizeof head) == 0) rest = head;
    }
    if (!rest) continue;
    long year = period_term_year(rest, term);
    if (year < 0) return -1;
    period_term(period, year, term);
    return 0;
  }
  return -1;
}

/* "Sep-22", "Sept 2022", "December 2022". */
static int period_written_month(const char *text, sl_period *period) {
  size_t length = strcspn(text, " -");
  if (!text[length]) return -1;
  int month = period_month_name(text, length);
  long year = period_year_word(text + length + 1);
  if (!month || year < 0) return -1;
  period_set(period, SL_PERIOD_MONTH, 0, 0, "%ld-%02d", year, month);
  period_months(period, year, month, 1);
  return 0;
}

static int period_day(sl_period *period, long year, long month, long dom) {
  if (year < 0 || month < 1 || month > 12 || dom < 1 || dom > sl_days_in_month(year, (int)month))
    return -1;
  int64_t day = sl_days_from_civil(year, (int)month, (int)dom);
  period_set(period, SL_PERIOD_DATE, day, day, "%04ld-%02ld-%02ld", year, month, dom);
  return 0;
}

/* "31/03/2023", "31/3/23" (day first, as in England), "1st April 2022",
 * "18 Oct 2022". */
static int period_written_date(const char *text, sl_period *period) {
  char parts[3][16];
  int count = 0;
  for (const char *at = text; *at && count < 3;) {
    size_t length = strcspn(at, "/ ");
    if (length >= sizeof parts[0]) return -1;
    memcpy(parts[count], at, length);
    parts[count++][length] = '\0';
    at += length;
    if (*at) at++;
    if (count == 3 && *at) return -1;
  }
  if (count != 3) return -1;
  char dom_text[16];
  static const char *const ordinals[] = {"st", "nd", "rd", "th"};
  snprintf(dom_text, sizeof dom_text, "%s", parts[0]);
  for (int i = 0; i < 4; i++)
    if (period_strip_suffix(parts[0], ordinals[i], dom_text, sizeof dom_text) == 0) break;
  size_t dom_digits = strlen(dom_text);
  long dom = dom_digits >= 1 && dom_digits <= 2 ? period_digits(dom_text, dom_digits) : -1;
  long year = period_year_word(parts[2]);
  size_t month_digits = strlen(parts[1]);
  if (strchr(text, '/')) {
    if (strchr(text, ' ') || dom_text[0] != parts[0][0] || strlen(dom_text) != strlen(parts[0]))
      return -1;
    long month =
        month_digits >= 1 && month_digits <= 2 ? period_digits(parts[1], month_digits) : -1;
    return period_day(period, year, month, dom);
  }
  return period_day(period, year, period_month_name(parts[1], month_digits), dom);
}

/* "<month> <year>" (the year required) or "<month>" (year_needed 0): the
 * month, and the year or -1. */
static int period_month_year(const char *text, long *year, int year_needed) {
  size_t length = strcspn(text, " ");
  int month = period_month_name(text, length);
  *year = -1;
  if (!month) return 0;
  if (!text[length]) return year_needed ? 0 : month;
  *year = period_year_word(text + length + 1);
  return *year >= 0 ? month : 0;
}

/* Months first_year-first_month to last_year-last_month as one period: a
 * month when they are one, else a run of months; -1 if backwards. */
static int period_month_run(sl_period *period, long first_year, int first_month, long last_year,
                            int last_month) {
  long count = (last_year - first_year) * 12 + (last_month - first_month) + 1;
  if (count < 1 || count > 120) return -1;
  if (count == 1) {
    period_set(period, SL_PERIOD_MONTH, 0, 0, "%ld-%02d", first_year, first_month);
  } else {
    period_set(period, SL_PERIOD_MONTHS, 0, 0, "%ld-%02d/%ld-%02d", first_year, first_month,
               last_year, last_month);
  }
  period_months(period, first_year, first_month, (int)count);
  return 0;
}

/* "YYYY-MM" at text (7 characters): the month, and the year in *year; 0
 * if it is not one. */
static int period_iso_month(const char *text, long *year) {
  char year_text[5] = {text[0], text[1], text[2], text[3], '\0'};
  char month_text[3] = {text[5], text[6], '\0'};
  long month = text[4] == '-' ? period_digits(month_text, 2) : -1;
  *year = period_digits(year_text, 4);
  return *year >= 0 && month >= 1 && month <= 12 ? (int)month : 0;
}

/* A run of months: "Sep-Dec 2022", "Nov 22 - Feb 23", "September to
 * December 2022" (a first month without a year is the last one before the
 * second), and its label "2022-09/2022-12". */
static int period_written_months(const char *text, sl_period *period) {
  char left[PERIOD_WRITTEN_MAX];
  const char *to = strstr(text, " to ");
  const char *right = to ? to + 4 : strchr(text, '-');
  size_t length = to ? (size_t)(to - text) : right ? (size_t)(right - text) : 0;
  if (!right || length == 0 || length >= sizeof left) return -1;
  if (!to) right++;
  memcpy(left, text, length);
  left[length] = '\0';
  long first_year, last_year;
  /* The label: "2022-09/2022-12". */
  if (strlen(text) == 15 && text[7] == '/') {
    int first_month = period_iso_month(text, &first_year),
        last_month = period_iso_month(text + 8, &last_year);
    if (!first_month || !last_month) return -1;
    return period_month_run(period, first_year, first_month, last_year, last_month);
  }
  int last_month = period_month_year(right, &last_year, 1);
  int first_month = period_month_year(left, &first_year, 0);
  if (!last_month || !first_month) return -1;
  if (first_year < 0) first_year = first_month <= last_month ? last_year : last_year - 1;
  return period_month_run(period, first_year, first_month, last_year, last_month);
}

static int period_parse_written(const char *text, sl_period *period) {
  char written[PERIOD_WRITTEN_MAX];
  if (period_normalise(text, written, sizeof written) || !*written) return -1;
  if (period_written_kind(written, period) == 0) return 0;
  if (period_written_quarter(written, period) == 0) return 0;
  if (period_written_term(written, period) == 0) return 0;
  if (period_written_date(written, period) == 0) return 0;
  if (period_written_month(written, period) == 0) return 0;
  if (period_written_months(written, period) == 0) return 0;
  /* The label forms again, as written with other spacing or case. */
  if (strcmp(written, text) != 0 && period_parse_academic_label(written, period) == 0) return 0;
  return -1;
}

static int period_parse_any(const char *text, sl_period *period) {
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
  if (period_parse_month_name(text, period) == 0) return 0;
  return period_parse_written(text, period);
}

/* Years of four digits only, 1000 to 9999: a label writes a year with four
 * digits and must read back as the same period ("Autumn term 0314" would
 * be labelled "314/15 Autumn term", which no form reads; found by
 * fuzz_period). No document or publication writes a year before 1000. */
int sl_period_parse(const char *text, sl_period *period) {
  if (period_parse_any(text, period)) return -1;
  if (period->first < sl_days_from_civil(1000, 1, 1) ||
      period->last > sl_days_from_civil(9999, 12, 31))
    return -1;
  return 0;
}
