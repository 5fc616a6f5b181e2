/*
 * period_sql.h: the period type in SQL, so a query can order and compare
 * periods of any kind by the days they cover: period_start(label),
 * period_end(label) ("YYYY-MM-DD", or NULL for a text that is no period)
 * and period_kind(label) ("calendar_year", "quarter", ...). A published
 * annual figure ("2023") and a case-record quarter ("2023-Q4") meet there.
 */
#ifndef SL_PERIOD_SQL_H
#define SL_PERIOD_SQL_H

#include <sqlite3.h>

/* Add the functions to connection: SQLITE_OK or SQLite's error code. */
int sl_period_sql_register(sqlite3 *connection);

#endif
