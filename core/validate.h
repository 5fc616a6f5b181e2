/*
 * validate.h: the checks on values every record's fields must pass: ISO
 * dates (whole, month or year), quarters, numbers, enum values. Shared by
 * the host (plugin records) and the importers.
 */
#ifndef SL_VALIDATE_H
#define SL_VALIDATE_H

/* "2022-02-23", "2022-02" or "2022", with a real month and day. */
int sl_valid_date(const char *text);
/* A date, or a quarter "2022-Q3". */
int sl_valid_period(const char *text);
/* A finite decimal number, as text. */
int sl_valid_number(const char *text);
/* value is one of the NULL-terminated allowed list. */
int sl_valid_enum(const char *value, const char *const *allowed);

#endif
