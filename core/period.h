/*
 * period.h: one period type for every figure sendlens compares: published
 * statistics (Explore education statistics writes "202324" with the time
 * identifier "Academic year"), case-record quarters ("2023-Q1") and the
 * periods plans and progress returns write. A period has a kind and an
 * exact span of days, so periods of different kinds can be ordered and
 * compared by what they cover, and a label that reads back to the same
 * period (docs/statistics.md lists the forms).
 */
#ifndef SL_PERIOD_H
#define SL_PERIOD_H

#include <stddef.h>
#include <stdint.h>

typedef enum sl_period_kind {
  SL_PERIOD_DATE,
  SL_PERIOD_MONTH,
  SL_PERIOD_QUARTER,
  SL_PERIOD_TERM,
  SL_PERIOD_CALENDAR_YEAR,
  SL_PERIOD_ACADEMIC_YEAR,
  SL_PERIOD_FINANCIAL_YEAR,
  SL_PERIOD_TAX_YEAR,
  SL_PERIOD_MONTHS, /* a run of whole months: a plan's "Sep-Dec 2022" */
} sl_period_kind;

typedef struct sl_period {
  sl_period_kind kind;
  int64_t first, last; /* day numbers (days.h), both inclusive */
  char label[32];      /* "2024", "2023/24", "FY 2023-24", "2024-Q1", "2022-09/2022-12" */
} sl_period;

/* The kind as the store writes it: "calendar_year", "academic_year", ... */
const char *sl_period_kind_name(sl_period_kind kind);

/*
 * A period from the two columns of the Explore education statistics
 * standard: time_period ("2024", "202324") and time_identifier ("Calendar
 * year", "Academic year", "Financial year", "Tax year", "Calendar year Q1"
 * to "Q4", "Financial year Q1".., "Academic year Q1".., "January" to
 * "December", "Autumn term", "Spring term", "Summer term"); the
 * identifier is compared without regard to case. 0; -1 if time_period is
 * not a period of the identifier's kind, -2 if the identifier is none of
 * these; with why saying what is wrong.
 */
int sl_period_from_ees(const char *time_period, const char *time_identifier, sl_period *period,
                       char *why, size_t why_size);

/*
 * A period as documents and sendlens's own labels write it: "2024"
 * (calendar year), "2023/24", "2023/2024" and "23/24" (academic year, a
 * two-digit year being 20YY), "FY 2023-24", "TY 2023-24", "2024-Q1",
 * "2024-03" and "Mar 2024" or "Mar 24" (month), "2024-03-31" (date), and
 * every label sl_period_from_ees makes. 0, or -1 if text is none of these.
 */
int sl_period_parse(const char *text, sl_period *period);

/* A day number as "YYYY-MM-DD" (out holds at least 11 bytes). */
void sl_period_iso(int64_t day, char *out, size_t size);

#endif
