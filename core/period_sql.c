/*
 * period_sql.c: period_start, period_end and period_kind (period_sql.h),
 * each a pure function of its argument.
 */
#include "period_sql.h"

#include <stdint.h>

#include "period.h"

enum { PERIOD_SQL_START, PERIOD_SQL_END, PERIOD_SQL_KIND };

static void period_sql(sqlite3_context *context, int argc, sqlite3_value **argv) {
  (void)argc;
  const unsigned char *text = sqlite3_value_text(argv[0]);
  sl_period period;
  if (!text || sl_period_parse((const char *)text, &period)) return; /* NULL */
  int which = (int)(intptr_t)sqlite3_user_data(context);
  if (which == PERIOD_SQL_KIND) {
    sqlite3_result_text(context, sl_period_kind_name(period.kind), -1, SQLITE_STATIC);
    return;
  }
  char iso[16];
  sl_period_iso(which == PERIOD_SQL_START ? period.first : period.last, iso, sizeof iso);
  sqlite3_result_text(context, iso, -1, SQLITE_TRANSIENT);
}

int sl_period_sql_register(sqlite3 *connection) {
  static const char *const names[] = {"period_start", "period_end", "period_kind"};
  for (int i = 0; i < 3; i++) {
    int rc = sqlite3_create_function(connection, names[i], 1,
                                     SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS,
                                     (void *)(intptr_t)i, period_sql, NULL, NULL);
    if (rc != SQLITE_OK) return rc;
  }
  return SQLITE_OK;
}
