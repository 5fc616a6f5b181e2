/*
 * date.c: dates written in English, as ISO 8601 text.
 *
 * The forms read: "23 February 2022", "1st April 2022", "18 th January
 * 2022", "1st of April 2022", "February 23, 2022", "Feb 2022", "June 2019",
 * "23/02/2022" (day first, as in England), "2022-02-23"; and ranges where
 * the first date leaves out what the last says: "18 and 20 January 2022",
 * "18 th – 20 th January 2022", "30 June and 2 July 2022", "June to July
 * 2022". A range gives its first date. A day that its month does not have
 * (31 February) is no date. A year alone ("2022") or "2022-03" counts only
 * when it is the whole text, since a lone number in a sentence is more
 * often a count than a date.
 */
#include <stdio.h>
#include <string.h>

#include "internal.h"
#include "parse.h"

enum { YEAR_MIN = 1900, YEAR_MAX = 2200 };

static const char *const MONTHS[] = {"january",   "february", "march",    "april",
                                     "may",       "june",     "july",     "august",
                                     "september", "october",  "november", "december"};

static int days_in_month(int year, int month) {
  static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  int leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return month == 2 && leap ? 29 : days[month - 1];
}

static int date_possible(const sl_date *date) {
  return date->year >= YEAR_MIN && date->year <= YEAR_MAX && date->month >= 1 &&
         date->month <= 12 && date->day >= 0 && date->day <= days_in_month(date->year, date->month);
}

static char lower(char c) { return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c; }

/* n digits at p and no more; their value, or -1. */
static int read_digits(const char *p, int n) {
  int value = 0;
  for (int i = 0; i < n; i++) {
    if (!sl_text_is_digit(p[i])) return -1;
    value = value * 10 + (p[i] - '0');
  }
  return sl_text_is_digit(p[n]) ? -1 : value;
}

/* A month's name or its abbreviation ("Feb", "Sept", "Dec.") at p. */
static const char *read_month(const char *p, int *month) {
  size_t length = 0;
  while (sl_text_is_letter(p[length]))
    length++;
  if (length < 3 || length > 9) return NULL;
  char word[10];
  for (size_t i = 0; i < length; i++)
    word[i] = lower(p[i]);
  word[length] = '\0';
  for (int m = 0; m < 12; m++) {
    int full = strcmp(word, MONTHS[m]) == 0;
    int abbreviated =
        (length == 3 && strncmp(word, MONTHS[m], 3) == 0) || (m == 8 && strcmp(word, "sept") == 0);
    if (full || abbreviated) {
      *month = m + 1;
      p += length;
      return abbreviated && *p == '.' ? p + 1 : p;
    }
  }
  return NULL;
}

/* A day of the month, with an ordinal suffix written on or after one space:
 * "1st", "18 th". A number of one or two digits that no month has (0, 32)
 * reads as day -1, which makes the date impossible. */
static const char *read_day(const char *p, int *day) {
  int length = sl_text_is_digit(p[1]) ? 2 : 1;
  int value = read_digits(p, length);
  if (value < 0) return NULL;
  /* "32 January 2022" is an impossible date, not the month January 2022. */
  value = value >= 1 && value <= 31 ? value : -1;
  p += length;
  const char *suffix = *p == ' ' ? p + 1 : p;
  static const char *const ORDINALS[] = {"st", "nd", "rd", "th"};
  for (int i = 0; i < 4; i++)
    if (lower(suffix[0]) == ORDINALS[i][0] && lower(suffix[1]) == ORDINALS[i][1] &&
        !sl_text_is_letter(suffix[2]))
      return *day = value, suffix + 2;
  return *day = value, p;
}

static const char *read_year(const char *p, int *year) {
  int value = read_digits(p, 4);
  if (value < YEAR_MIN || value > YEAR_MAX) return NULL;
  *year = value;
  return p + 4;
}

/* An optional comma, and the white space around it. */
static const char *skip_comma(const char *p) {
  p = sl_text_skip_space(p);
  return *p == ',' ? sl_text_skip_space(p + 1) : p;
}

/* How many digits begin p, counting no further than max + 1. */
static int count_digits(const char *p, int max) {
  int n = 0;
  while (n <= max && sl_text_is_digit(p[n]))
    n++;
  return n;
}

/* "2022-02-23" and "23/02/2022". Each read stops at the first character
 * that does not fit, so none runs past the text's end. */
static const char *read_numeric(const char *p, sl_date *date) {
  if (read_year(p, &date->year)) {
    if (p[4] != '-' || (date->month = read_digits(p + 5, 2)) < 1 || p[7] != '-' ||
        (date->day = read_digits(p + 8, 2)) < 1)
      return NULL;
    return p + 10;
  }
  int day_length = count_digits(p, 2);
  if (day_length < 1 || day_length > 2 || p[day_length] != '/') return NULL;
  const char *month = p + day_length + 1;
  int month_length = count_digits(month, 2);
  if (month_length < 1 || month_length > 2 || month[month_length] != '/') return NULL;
  date->day = read_digits(p, day_length);
  date->month = read_digits(month, month_length);
  if (date->day < 1 || date->month < 1) return NULL;
  return read_year(month + month_length + 1, &date->year) ? month + month_length + 5 : NULL;
}

/* One date at p, perhaps without its year (and month), as the first date of
 * a range leaves them out: year or month 0 then. */
static const char *read_one(const char *p, sl_date *date) {
  memset(date, 0, sizeof *date);
  if (sl_text_is_digit(*p)) {
    const char *end = read_numeric(p, date);
    if (end) return end;
    memset(date, 0, sizeof *date);
    if (!(end = read_day(p, &date->day))) return NULL;
    const char *q = sl_text_skip_space(end);
    const char *of = sl_text_phrase_at(q, "of ");
    const char *after = read_month(of ? of : q, &date->month);
    if (!after) return end;
    const char *year = read_year(skip_comma(after), &date->year);
    return year ? year : after;
  }
  const char *after = read_month(p, &date->month);
  if (!after) return NULL;
  const char *q = skip_comma(after), *end;
  int day;
  if (sl_text_is_digit(*q) && (end = read_day(q, &day))) {
    const char *year = read_year(skip_comma(end), &date->year);
    if (year) return date->day = day, year;
  }
  const char *year = read_year(q, &date->year);
  return year ? year : after;
}

/* The word joining the two dates of a range. */
static const char *read_connector(const char *p) {
  static const char *const WORDS[] = {"\xE2\x80\x93", "\xE2\x80\x94", "-",    "&", "to",
                                      "and",          "until",        "till", NULL};
  p = sl_text_skip_space(p);
  for (int i = 0; WORDS[i]; i++) {
    size_t length = strlen(WORDS[i]);
    if (strncmp(p, WORDS[i], length) == 0 &&
        !(sl_text_is_letter(WORDS[i][0]) && sl_text_is_letter(p[length])))
      return sl_text_skip_space(p + length);
  }
  return NULL;
}

static int date_complete(const sl_date *date) { return date->year && date->month; }

/* The second date of a range after a first that leaves out its year. */
static const char *read_range_end(const char *p, sl_date *first, sl_date *last) {
  const char *q = read_connector(p);
  const char *end = q ? read_one(q, last) : NULL;
  if (!end || !date_complete(last)) return NULL;
  /* "18 and 20 January" pairs days, "June to July" months. */
  if ((!first->month && !last->day) || (!first->day && last->day)) return NULL;
  first->year = last->year;
  if (!first->month) first->month = last->month;
  return end;
}

int sl_date_at(const char *p, sl_date_span *out) {
  memset(out, 0, sizeof *out);
  const char *end = read_one(p, &out->first);
  if (!end) return 0;
  if (!date_complete(&out->first)) {
    if (!(end = read_range_end(end, &out->first, &out->last))) return 0;
    out->is_range = 1;
  } else {
    /* A range whose first date is whole: "30 December 2021 to 2 January
     * 2022". */
    const char *q = read_connector(end);
    const char *last =
        q && (sl_text_is_digit(*q) || sl_text_is_letter(*q)) ? read_one(q, &out->last) : NULL;
    if (last && date_complete(&out->last) && (out->last.day != 0) == (out->first.day != 0)) {
      out->is_range = 1;
      end = last;
    } else {
      memset(&out->last, 0, sizeof out->last);
    }
  }
  out->start = p;
  out->end = end;
  return 1;
}

/* Does a word start at p: not inside a word, a number or a reference. */
static int word_start(const char *text, const char *p) {
  if (!sl_text_is_digit(*p) && !sl_text_is_letter(*p)) return 0;
  if (p == text) return 1;
  char before = p[-1];
  return !sl_text_is_digit(before) && !sl_text_is_letter(before) && before != '.' && before != '/';
}

int sl_date_find(const char *text, sl_date_span *out) {
  const char *p = text;
  while (*p) {
    if (!word_start(text, p)) {
      p++;
      continue;
    }
    if (sl_date_at(p, out)) {
      if (date_possible(&out->first) && (!out->is_range || date_possible(&out->last))) return 1;
      p = out->end; /* 31 February 2022 is not a date, nor is February 2022 in it */
      continue;
    }
    while (sl_text_is_digit(*p) || sl_text_is_letter(*p))
      p++;
  }
  memset(out, 0, sizeof *out);
  return 0;
}

const char *sl_date_iso(sl_arena *arena, const sl_date *date) {
  if (date->day)
    return sl_arena_format(arena, "%04d-%02d-%02d", date->year, date->month, date->day);
  return sl_arena_format(arena, "%04d-%02d", date->year, date->month);
}

/* "2022" or "2022-03" standing alone. */
static const char *whole_year_or_month(sl_arena *arena, const char *text) {
  const char *start = sl_text_skip_space(text);
  const char *end = sl_text_trim_end(start, start + strlen(start));
  sl_date date = {0, 1, 0};
  if (end - start == 4 && read_year(start, &date.year))
    return sl_arena_format(arena, "%04d", date.year);
  if (end - start == 7 && start[4] == '-' && read_year(start, &date.year) &&
      (date.month = read_digits(start + 5, 2)) >= 1 && date.month <= 12)
    return sl_date_iso(arena, &date);
  return NULL;
}

const char *sl_parse_date(sl_arena *arena, const char *text) {
  if (!text) return NULL;
  const char *alone = whole_year_or_month(arena, text);
  if (alone) return alone;
  sl_date_span found;
  return sl_date_find(text, &found) ? sl_date_iso(arena, &found.first) : NULL;
}
