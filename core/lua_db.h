/*
 * lua_db.h: the database as Lua scripts see it. A separate read-only
 * connection, PRAGMA query_only, and an authorizer that allows reading and
 * nothing else (no INSERT, UPDATE, DELETE, CREATE, DROP, ALTER, ATTACH,
 * PRAGMA, temp tables); SQL with bound parameters only; long queries
 * stopped by the script's clock.
 */
#ifndef SL_LUA_DB_H
#define SL_LUA_DB_H

#include <lua.h>

#include "error.h"
#include "lua_sandbox.h"

typedef struct sl_lua_db sl_lua_db;

sl_lua_db *sl_lua_db_open(const char *path, sl_lua *lua, sl_error *error);
void sl_lua_db_close(sl_lua_db *db);

/* Whether any statement of the script has read case records (a table
 * case_request, case_review or case_import) since the database opened:
 * results computed after that must carry the count they are computed over,
 * so that a small one is suppressed (core/indicators.c). */
int sl_lua_db_read_cases(const sl_lua_db *db);

/*
 * Limit ctx.per_import to the case imports of these areas (codes, owned by
 * the caller and kept alive while scripts run); NULL, the default: every
 * import. `sendlens indicators` recounts only the areas whose records
 * changed since their results were stored (core/indicators.c).
 */
void sl_lua_db_only_areas(sl_lua_db *db, const char *const *areas, size_t count);
/* Whether ctx.per_import counts area's import. */
int sl_lua_db_wants_area(const sl_lua_db *db, const char *area);

/*
 * Push a context table for scripts: sql(query, ...), value(query, ...),
 * areas(); and when area_code is given, also area (a table), period,
 * measures([indicator]), observations(indicator), count(kind), bound to
 * that area (and period, unless NULL or "all").
 */
int sl_lua_db_push_context(sl_lua_db *db, lua_State *state, const char *area_code,
                           const char *period, sl_error *error);

#endif
