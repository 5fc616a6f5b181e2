/*
 * lua_db_internal.h: what the files of the scripts' database share
 * (lua_db.c, the context; lua_db_imports.c, queries run once per case
 * import on helper threads). Not for other modules.
 */
#ifndef SL_LUA_DB_INTERNAL_H
#define SL_LUA_DB_INTERNAL_H

#include <lua.h>
#include <sqlite3.h>

#include "error.h"
#include "lua_db.h"
#include "lua_sandbox.h"

/* Read connections for helper threads, opened when first needed. */
enum { SL_LUA_DB_HELPERS = 3, SL_LUA_DB_MAX_ROWS = 1000000 };

struct sl_lua_db {
  sqlite3 *connection;
  sqlite3 *helpers[SL_LUA_DB_HELPERS];
  sl_lua *lua;
  char *path;
  char store[48];                /* the schema name the store is attached as: secret */
  const char *const *only_areas; /* sl_lua_db_only_areas; NULL: every area */
  size_t only_count;
  int read_cases; /* a statement has read case records (sl_lua_db_read_cases) */
};

/* SQLite's message of connection's last error, without the store's secret
 * schema name (a script that learnt it could name the raw tables). */
const char *sl_lua_db_errmsg(const sl_lua_db *db, sqlite3 *connection, char *buffer, size_t size);

/* From the authorizer: a statement reads a case_ table. */
void sl_lua_db_note_case_read(const void *context);

/* Another read connection set up as the first: read-only, the same
 * authorizer, date functions and clock. */
int sl_lua_db_connect(const sl_lua_db *db, sqlite3 **connection, sl_error *error);

/* ctx.per_import(query, ...): lua_db_imports.c. */
int sl_lua_db_per_import(lua_State *state);

#endif
