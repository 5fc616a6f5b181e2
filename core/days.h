/*
 * days.h: calendar dates as day numbers (days since 1970-01-01), and
 * calendar quarters as integers (year * 4 + quarter - 1), for the case
 * records: differences of dates are integer subtraction, and SQL groups by
 * an integer rather than by text.
 */
#ifndef SL_DAYS_H
#define SL_DAYS_H

#include <stddef.h>
#include <stdint.h>

/* Parse exactly "YYYY-MM-DD" (length bytes at text) into *day; 0 if it is
 * such a date and exists, -1 otherwise. */
int sl_days_parse(const char *text, size_t length, int64_t *day);

/* The day number of a civil date (month 1-12; dom need not be checked:
 * callers pass valid dates), and the days of a month. */
int64_t sl_days_from_civil(int64_t year, int month, int dom);
int sl_days_in_month(int64_t year, int month);
/* The civil date of a day number. */
void sl_days_civil(int64_t day, int *year, int *month, int *dom);

/* The quarter a day falls in, and the last day of a quarter. */
int64_t sl_days_quarter(int64_t day);
int64_t sl_days_quarter_end(int64_t quarter);

/* "YYYY-Qn" into out (at least 16 bytes). */
void sl_days_quarter_label(int64_t quarter, char *out, size_t size);

#endif
