/*
 * lua_db.c: read-only SQL for Lua. Every function here raises an ordinary
 * Lua error on misuse, so the script's file and line lead the message.
 */
#include "lua_db.h"

#include <lauxlib.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "days.h"
#include "lua_db_internal.h"
#include "period_sql.h"
#include "records.h"

enum { LUA_DB_PROGRESS_STEPS = 10000, LUA_DB_MESSAGE_SIZE = 512 };

/* Columns of person-level records a script may not read: the pseudonymous
 * keys of children and requests. Scripts count records; they never list or
 * link them by child. A script sees these tables through TEMP views of the
 * same names without the keys (temp objects come before main's for a name
 * without a schema), and may not read the tables themselves: a join USING
 * or NATURAL, a subquery, a window or main.case_request.person cannot
 * reach a key, whatever the SQL's text. */
static const char *const LUA_DB_HIDDEN[][2] = {{"case_request", "person"},
                                               {"case_request", "request"},
                                               {"case_review", "person"},
                                               {"case_review", "request"}};

/* Whether table holds hidden columns (and is seen through its view). */
static int lua_db_hiding(const char *table) {
  for (size_t i = 0; table && i < sizeof LUA_DB_HIDDEN / sizeof LUA_DB_HIDDEN[0]; i++)
    if (strcmp(table, LUA_DB_HIDDEN[i][0]) == 0) return 1;
  return 0;
}

static int lua_db_hidden(const char *table, const char *column) {
  for (size_t i = 0; i < sizeof LUA_DB_HIDDEN / sizeof LUA_DB_HIDDEN[0]; i++)
    if (strcmp(table, LUA_DB_HIDDEN[i][0]) == 0 && column &&
        sqlite3_stricmp(column, LUA_DB_HIDDEN[i][1]) == 0)
      return 1;
  return 0;
}

/* Reading table.column (through view, or directly when NULL): never the
 * salt that pseudonymises case records (with it, a script could test
 * likely child identifiers), nor a key, nor a table that holds keys except
 * through its view (a read of no column, count(*), reveals no more than
 * the view does), nor the statistics of ANALYZE (sqlite_stat4 keeps
 * sample keys). */
static int lua_db_readable(const char *table, const char *column, const char *database,
                           const char *view) {
  if (!table || sqlite3_stricmp(table, "case_secret") == 0) return 0;
  if (sqlite3_strnicmp(table, "sqlite_stat", 11) == 0) return 0;
  if (sqlite3_strnicmp(table, "sqlite_temp_", 12) == 0 ||
      (database && strcmp(database, "temp") == 0 && sqlite3_strnicmp(table, "sqlite_", 7) == 0))
    return 0; /* the views' text names the store's schema */
  int own_view = database && strcmp(database, "temp") == 0;
  if (!own_view && lua_db_hidden(table, column)) return 0;
  if (!own_view && lua_db_hiding(table) && !view && column && column[0]) return 0;
  return 1;
}

/* The SQL functions a script may call: SQLite's core, date, math, window
 * and JSON functions, and the date functions of the case records. Not
 * fts3_tokenizer (it gives a process address), load_extension,
 * randomblob and zeroblob (memory for nothing), nor the sqlite_ functions
 * that describe the build. */
static const char *const LUA_DB_FUNCTIONS[] = {
    "abs", "acos", "acosh", "asin", "asinh", "atan", "atan2", "atanh", "avg", "ceil", "ceiling",
    "char", "coalesce", "concat", "concat_ws", "cos", "cosh", "count", "cume_dist", "date",
    "datetime", "degrees", "dense_rank", "exp", "first_value", "floor", "format", "glob",
    "group_concat", "hex", "ifnull", "iif", "instr", "json", "json_array", "json_array_length",
    "json_extract", "json_group_array", "json_group_object", "json_object", "json_quote",
    "json_type", "json_valid", "julianday", "lag", "last_value", "lead", "length", "like",
    "likelihood", "likely", "ln", "log", "log10", "log2", "lower", "ltrim", "max", "min", "mod",
    "nth_value", "ntile", "nullif", "octet_length", "percent_rank", "pi", "pow", "power", "printf",
    "quote", "radians", "rank", "replace", "round", "row_number", "rtrim", "sign", "sin", "sinh",
    "sqrt", "strftime", "string_agg", "substr", "substring", "sum", "tan", "tanh", "time",
    "timediff", "total", "trim", "trunc", "typeof", "unhex", "unicode", "unixepoch", "unlikely",
    "upper", "->", "->>",
    /* core/lua_db.c and core/period_sql.c */
    "quarter", "quarter_end", "quarter_label", "day_date", "period_start", "period_end",
    "period_kind"};

static int lua_db_callable(const char *function) {
  for (size_t i = 0; function && i < sizeof LUA_DB_FUNCTIONS / sizeof LUA_DB_FUNCTIONS[0]; i++)
    if (sqlite3_stricmp(function, LUA_DB_FUNCTIONS[i]) == 0) return 1;
  return 0;
}

/* Reading is all a script may do; refusals fail the query with a message
 * naming the column or the function, never a silent NULL that would count
 * wrong. */
static int lua_db_authorize(void *context, int action, const char *a, const char *b,
                            const char *database, const char *view) {
  switch (action) {
  case SQLITE_READ:
    if (a && strncmp(a, "case_", 5) == 0) sl_lua_db_note_case_read(context);
    return lua_db_readable(a, b, database, view) ? SQLITE_OK : SQLITE_DENY;
  case SQLITE_FUNCTION:
    return lua_db_callable(b) ? SQLITE_OK : SQLITE_DENY;
  case SQLITE_SELECT:
  case SQLITE_RECURSIVE:
    return SQLITE_OK;
  default:
    return SQLITE_DENY;
  }
}

/* What one statement may use: a string or blob no bigger than the
 * script's memory (Lua could not hold it), SQL of a reasonable length,
 * nothing attached. SQLite's own defaults stand for the rest. */
static void lua_db_limit(sqlite3 *connection, const sl_lua_limits *limits) {
  size_t length = limits->memory < (1u << 20) ? (1u << 20) : limits->memory;
  if (length > 1000000000u) length = 1000000000u; /* SQLite's own maximum */
  sqlite3_limit(connection, SQLITE_LIMIT_LENGTH, (int)length);
  sqlite3_limit(connection, SQLITE_LIMIT_SQL_LENGTH, 1000000);
  sqlite3_limit(connection, SQLITE_LIMIT_COLUMN, 1000);
  sqlite3_limit(connection, SQLITE_LIMIT_EXPR_DEPTH, 500);
  sqlite3_limit(connection, SQLITE_LIMIT_COMPOUND_SELECT, 100);
  sqlite3_limit(connection, SQLITE_LIMIT_VDBE_OP, 1000000);
  sqlite3_limit(connection, SQLITE_LIMIT_FUNCTION_ARG, 32);
  sqlite3_limit(connection, SQLITE_LIMIT_ATTACHED, 0);
  sqlite3_limit(connection, SQLITE_LIMIT_LIKE_PATTERN_LENGTH, 1000);
  sqlite3_limit(connection, SQLITE_LIMIT_VARIABLE_NUMBER, 1000);
  sqlite3_limit(connection, SQLITE_LIMIT_WORKER_THREADS, 2);
}

/* No extension loading, no fts3_tokenizer pointers, the schema defended
 * and not trusted (functions in it run only if harmless). */
static int lua_db_harden(sqlite3 *connection) {
  static const int settings[][2] = {{SQLITE_DBCONFIG_ENABLE_LOAD_EXTENSION, 0},
                                    {SQLITE_DBCONFIG_ENABLE_FTS3_TOKENIZER, 0},
                                    {SQLITE_DBCONFIG_DEFENSIVE, 1},
                                    {SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0},
                                    {SQLITE_DBCONFIG_ENABLE_TRIGGER, 0}};
  for (size_t i = 0; i < sizeof settings / sizeof settings[0]; i++)
    if (sqlite3_db_config(connection, settings[i][0], settings[i][1], (int *)NULL) != SQLITE_OK)
      return -1;
  return 0;
}

/* CREATE TEMP VIEW table AS SELECT every column but the hidden ones FROM
 * store.table. The names come from the schema, each quoted. */
static int lua_db_view(sqlite3 *connection, const char *store, const char *table) {
  sqlite3_str *sql = sqlite3_str_new(connection);
  sqlite3_str_appendf(sql, "CREATE TEMP VIEW \"%w\" AS SELECT ", table);
  sqlite3_stmt *columns;
  if (sqlite3_prepare_v2(connection, "SELECT name FROM pragma_table_xinfo(?1, ?2)", -1, &columns,
                         NULL) != SQLITE_OK) {
    sqlite3_free(sqlite3_str_finish(sql));
    return -1;
  }
  sqlite3_bind_text(columns, 1, table, -1, SQLITE_STATIC);
  sqlite3_bind_text(columns, 2, store, -1, SQLITE_STATIC);
  int count = 0;
  while (sqlite3_step(columns) == SQLITE_ROW) {
    const char *column = (const char *)sqlite3_column_text(columns, 0);
    if (lua_db_hidden(table, column)) continue;
    sqlite3_str_appendf(sql, "%s\"%w\"", count++ ? ", " : "", column);
  }
  sqlite3_finalize(columns);
  sqlite3_str_appendf(sql, " FROM \"%w\".\"%w\"", store, table);
  char *text = sqlite3_str_finish(sql);
  int rc = count && text ? sqlite3_exec(connection, text, NULL, NULL, NULL) : SQLITE_OK;
  sqlite3_free(text);
  return rc == SQLITE_OK ? 0 : -1;
}

static int lua_db_views(sqlite3 *connection, const char *store) {
  const char *done = "";
  for (size_t i = 0; i < sizeof LUA_DB_HIDDEN / sizeof LUA_DB_HIDDEN[0]; i++) {
    if (strcmp(done, LUA_DB_HIDDEN[i][0]) == 0) continue;
    done = LUA_DB_HIDDEN[i][0];
    if (lua_db_view(connection, store, done)) return -1;
  }
  return 0;
}

/* The store, attached read-only under a random name to an empty main
 * database: a name without a schema finds the views first and then the
 * store's tables, and the raw tables cannot be named at all (SQLite
 * reports no read for the columns of a join USING or NATURAL, so an
 * authorizer alone cannot see main.case_request JOIN main.case_review
 * USING (person)). The name is in no table a script may read. */
static int lua_db_attach(sqlite3 *connection, const char *path, const char *store) {
  sqlite3_stmt *attach = NULL;
  char *sql = sqlite3_mprintf("ATTACH ?1 AS \"%w\"", store);
  int rc = sql ? sqlite3_prepare_v2(connection, sql, -1, &attach, NULL) : SQLITE_NOMEM;
  sqlite3_free(sql);
  if (rc == SQLITE_OK) sqlite3_bind_text(attach, 1, path, -1, SQLITE_STATIC);
  if (rc == SQLITE_OK) rc = sqlite3_step(attach) == SQLITE_DONE ? SQLITE_OK : SQLITE_ERROR;
  sqlite3_finalize(attach);
  return rc == SQLITE_OK ? 0 : -1;
}

/* Read-only, and a helper thread for SQLite's sorter: one query that
 * groups every area's case records sorts millions of rows (a quarter
 * less time on 2 cores). After the views: query_only refuses them too. */
static const char LUA_DB_SETUP[] = "PRAGMA query_only = 1; PRAGMA threads = 2";

/* SQLite's work counts against the script's clock too. */
static int lua_db_progress(void *context) {
  const sl_lua_db *db = context;
  return sl_lua_over_time(db->lua);
}

/* quarter(day): the quarter (year * 4 + n - 1) of a day number. */
static void lua_db_quarter(sqlite3_context *context, int argc, sqlite3_value **argv) {
  (void)argc;
  if (sqlite3_value_type(argv[0]) == SQLITE_NULL) return; /* NULL */
  sqlite3_result_int64(context, sl_days_quarter(sqlite3_value_int64(argv[0])));
}

/* quarter_end(quarter): the day number of its last day. */
static void lua_db_quarter_end(sqlite3_context *context, int argc, sqlite3_value **argv) {
  (void)argc;
  if (sqlite3_value_type(argv[0]) == SQLITE_NULL) return;
  sqlite3_result_int64(context, sl_days_quarter_end(sqlite3_value_int64(argv[0])));
}

/* quarter_label(quarter): "YYYY-Qn". */
static void lua_db_quarter_label(sqlite3_context *context, int argc, sqlite3_value **argv) {
  (void)argc;
  if (sqlite3_value_type(argv[0]) == SQLITE_NULL) return;
  char label[24];
  sl_days_quarter_label(sqlite3_value_int64(argv[0]), label, sizeof label);
  sqlite3_result_text(context, label, -1, SQLITE_TRANSIENT);
}

/* day_date(day): "YYYY-MM-DD". */
static void lua_db_day_date(sqlite3_context *context, int argc, sqlite3_value **argv) {
  (void)argc;
  if (sqlite3_value_type(argv[0]) == SQLITE_NULL) return;
  int year, month, dom;
  sl_days_civil(sqlite3_value_int64(argv[0]), &year, &month, &dom);
  char date[32];
  snprintf(date, sizeof date, "%04d-%02d-%02d", year, month, dom);
  sqlite3_result_text(context, date, -1, SQLITE_TRANSIENT);
}

/* The date functions of the case records (docs/lua-api.md). */
static int lua_db_functions(sqlite3 *connection) {
  static const struct {
    const char *name;
    void (*function)(sqlite3_context *, int, sqlite3_value **);
  } functions[] = {{"quarter", lua_db_quarter},
                   {"quarter_end", lua_db_quarter_end},
                   {"quarter_label", lua_db_quarter_label},
                   {"day_date", lua_db_day_date}};
  for (size_t i = 0; i < sizeof functions / sizeof functions[0]; i++)
    if (sqlite3_create_function(connection, functions[i].name, 1,
                                SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS, NULL,
                                functions[i].function, NULL, NULL) != SQLITE_OK)
      return -1;
  return sl_period_sql_register(connection) == SQLITE_OK ? 0 : -1;
}

/* A name no script can guess, shared by the context's connections. */
static void lua_db_name_store(sl_lua_db *db) {
  unsigned char random[16];
  sqlite3_randomness(sizeof random, random);
  int used = snprintf(db->store, sizeof db->store, "store_");
  for (size_t i = 0; i < sizeof random && used + 3 < (int)sizeof db->store; i++)
    used += snprintf(db->store + used, sizeof db->store - (size_t)used, "%02x", random[i]);
}

const char *sl_lua_db_errmsg(const sl_lua_db *db, sqlite3 *connection, char *buffer, size_t size) {
  const char *message = sqlite3_errmsg(connection);
  size_t name = strlen(db->store), used = 0;
  while (*message && used + 1 < size) {
    if (name && strncmp(message, db->store, name) == 0) {
      message += name;
      if (*message == '.') message++;
      continue;
    }
    buffer[used++] = *message++;
  }
  buffer[used] = '\0';
  /* The keys are not in the views: say why a query naming one fails. */
  const char *column = strncmp(buffer, "no such column: ", 16) == 0 ? strrchr(buffer, ' ') + 1 : "";
  if (strchr(column, '.')) column = strrchr(column, '.') + 1;
  if (strcmp(column, "person") == 0 || strcmp(column, "request") == 0)
    snprintf(buffer + used, size - used, " (the pseudonymous keys of case records cannot be read)");
  return buffer;
}

int sl_lua_db_connect(const sl_lua_db *db, sqlite3 **connection, sl_error *error) {
  if (sqlite3_open_v2(":memory:", connection, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, NULL) !=
          SQLITE_OK ||
      lua_db_harden(*connection) || lua_db_attach(*connection, db->path, db->store) ||
      lua_db_views(*connection, db->store) ||
      sqlite3_exec(*connection, LUA_DB_SETUP, NULL, NULL, NULL) != SQLITE_OK ||
      lua_db_functions(*connection)) {
    sl_error_set(error, "%s: cannot open read-only: %s", db->path,
                 *connection ? sqlite3_errmsg(*connection) : "out of memory");
    sqlite3_close(*connection);
    *connection = NULL;
    return -1;
  }
  sqlite3_busy_timeout(*connection, 5000);
  lua_db_limit(*connection, sl_lua_get_limits(db->lua));
  /* The context is only read by the callbacks, so helper threads share it. */
  sqlite3_set_authorizer(*connection, lua_db_authorize, (void *)db);
  sqlite3_progress_handler(*connection, LUA_DB_PROGRESS_STEPS, lua_db_progress, (void *)db);
  return 0;
}

sl_lua_db *sl_lua_db_open(const char *path, sl_lua *lua, sl_error *error) {
  sl_lua_db *db = calloc(1, sizeof *db);
  if (db) db->path = strdup(path);
  if (!db || !db->path) {
    free(db);
    sl_error_set(error, "out of memory");
    return NULL;
  }
  db->lua = lua;
  lua_db_name_store(db);
  if (sl_lua_db_connect(db, &db->connection, error)) {
    sl_lua_db_close(db);
    return NULL;
  }
  return db;
}

void sl_lua_db_only_areas(sl_lua_db *db, const char *const *areas, size_t count) {
  db->only_areas = areas;
  db->only_count = count;
}

int sl_lua_db_wants_area(const sl_lua_db *db, const char *area) {
  if (!db->only_areas) return 1;
  for (size_t i = 0; i < db->only_count; i++)
    if (strcmp(db->only_areas[i], area) == 0) return 1;
  return 0;
}

/* The flag is written by the authorizer of any connection, helper threads'
 * included: an atomic store, read back once per result. */
void sl_lua_db_note_case_read(const void *context) {
  sl_lua_db *db = (sl_lua_db *)context;
  __atomic_store_n(&db->read_cases, 1, __ATOMIC_RELAXED);
}

int sl_lua_db_read_cases(const sl_lua_db *db) {
  return db ? __atomic_load_n(&db->read_cases, __ATOMIC_RELAXED) : 0;
}

void sl_lua_db_close(sl_lua_db *db) {
  if (!db) return;
  sqlite3_close(db->connection);
  for (int i = 0; i < SL_LUA_DB_HELPERS; i++)
    sqlite3_close(db->helpers[i]);
  free(db->path);
  free(db);
}

static sl_lua_db *lua_db_of(lua_State *state) { return lua_touserdata(state, lua_upvalueindex(1)); }

/* Bind the Lua values at stack slots first..last to the statement. */
static void lua_db_bind(lua_State *state, sqlite3_stmt *statement, int first, int last) {
  int count = last - first + 1;
  if (count != sqlite3_bind_parameter_count(statement))
    luaL_error(state, "sql: %d parameters given, the query has %d", count,
               sqlite3_bind_parameter_count(statement));
  for (int i = 0; i < count; i++) {
    int index = first + i, column = i + 1;
    switch (lua_type(state, index)) {
    case LUA_TNIL:
      sqlite3_bind_null(statement, column);
      break;
    case LUA_TBOOLEAN:
      sqlite3_bind_int(statement, column, lua_toboolean(state, index));
      break;
    case LUA_TNUMBER:
      if (lua_isinteger(state, index))
        sqlite3_bind_int64(statement, column, lua_tointeger(state, index));
      else
        sqlite3_bind_double(statement, column, lua_tonumber(state, index));
      break;
    case LUA_TSTRING: {
      size_t length;
      const char *text = lua_tolstring(state, index, &length);
      sqlite3_bind_text(statement, column, text, (int)length, SQLITE_TRANSIENT);
      break;
    }
    default:
      luaL_error(state, "sql: parameter %d is a %s", column, luaL_typename(state, index));
    }
  }
}

static void lua_db_push_column(lua_State *state, sqlite3_stmt *statement, int column) {
  switch (sqlite3_column_type(statement, column)) {
  case SQLITE_INTEGER:
    lua_pushinteger(state, sqlite3_column_int64(statement, column));
    break;
  case SQLITE_FLOAT:
    lua_pushnumber(state, sqlite3_column_double(statement, column));
    break;
  case SQLITE_NULL:
    lua_pushnil(state);
    break;
  default:
    lua_pushlstring(state, (const char *)sqlite3_column_text(statement, column),
                    (size_t)sqlite3_column_bytes(statement, column));
  }
}

/* Prepare query (one statement only) and bind the arguments after it. The
 * statement is left in a userdata box so a Lua error cannot leak it. */
static sqlite3_stmt **lua_db_prepare(lua_State *state, sl_lua_db *db, const char *query,
                                     int first_argument) {
  char message[LUA_DB_MESSAGE_SIZE];
  int last_argument = lua_gettop(state);
  sqlite3_stmt **box = lua_newuserdatauv(state, sizeof *box, 0);
  *box = NULL;
  luaL_setmetatable(state, "sendlens.statement");
  const char *tail = NULL;
  if (sqlite3_prepare_v2(db->connection, query, -1, box, &tail) != SQLITE_OK)
    luaL_error(state, "sql: %s", sl_lua_db_errmsg(db, db->connection, message, sizeof message));
  if (!*box) luaL_error(state, "sql: no statement in the query");
  while (tail && *tail && strchr(" \t\r\n;", *tail))
    tail++;
  if (tail && *tail) luaL_error(state, "sql: one statement at a time");
  lua_db_bind(state, *box, first_argument, last_argument);
  return box;
}

/* Done with a statement: finalize now rather than at garbage collection,
 * so no read stays open between calls. */
static void lua_db_finish(sqlite3_stmt **box) {
  sqlite3_finalize(*box);
  *box = NULL;
}

static int lua_db_statement_gc(lua_State *state) {
  sqlite3_stmt **box = luaL_checkudata(state, 1, "sendlens.statement");
  sqlite3_finalize(*box);
  *box = NULL;
  return 0;
}

static int lua_db_step(lua_State *state, sl_lua_db *db, sqlite3_stmt *statement) {
  int rc = sqlite3_step(statement);
  if (rc == SQLITE_ROW || rc == SQLITE_DONE) return rc;
  if (rc == SQLITE_INTERRUPT) return luaL_error(state, "sql: time limit exceeded");
  char message[LUA_DB_MESSAGE_SIZE];
  return luaL_error(state, "sql: %s",
                    sl_lua_db_errmsg(db, db->connection, message, sizeof message));
}

/* sql(query, ...) -> { {column = value, ...}, ... } */
static int lua_db_sql(lua_State *state) {
  sl_lua_db *db = lua_db_of(state);
  const char *query = luaL_checkstring(state, 1);
  int top = lua_gettop(state);
  sqlite3_stmt **box = lua_db_prepare(state, db, query, 2), *statement = *box;
  lua_newtable(state);
  int columns = sqlite3_column_count(statement);
  lua_Integer rows = 0;
  while (lua_db_step(state, db, statement) == SQLITE_ROW) {
    if (++rows > SL_LUA_DB_MAX_ROWS)
      return luaL_error(state, "sql: more than %d rows", SL_LUA_DB_MAX_ROWS);
    lua_createtable(state, 0, columns);
    for (int column = 0; column < columns; column++) {
      lua_db_push_column(state, statement, column);
      lua_setfield(state, -2, sqlite3_column_name(statement, column));
    }
    lua_rawseti(state, -2, rows);
  }
  lua_db_finish(box);
  lua_replace(state, top + 1); /* the rows replace the statement box */
  lua_settop(state, top + 1);
  return 1;
}

/* value(query, ...) -> the first column of the first row, or nil */
static int lua_db_value(lua_State *state) {
  sl_lua_db *db = lua_db_of(state);
  const char *query = luaL_checkstring(state, 1);
  sqlite3_stmt **box = lua_db_prepare(state, db, query, 2), *statement = *box;
  if (lua_db_step(state, db, statement) == SQLITE_ROW && sqlite3_column_count(statement) > 0)
    lua_db_push_column(state, statement, 0);
  else
    lua_pushnil(state);
  lua_db_finish(box);
  return 1;
}

/* Run a fixed query through sql() with the given string arguments. */
static int lua_db_call_sql(lua_State *state, const char *query, int count, const char **arguments) {
  lua_pushvalue(state, lua_upvalueindex(1));
  lua_pushcclosure(state, lua_db_sql, 1);
  lua_pushstring(state, query);
  for (int i = 0; i < count; i++)
    lua_pushstring(state, arguments[i]);
  lua_call(state, count + 1, 1);
  return 1;
}

static int lua_db_areas(lua_State *state) {
  return lua_db_call_sql(
      state, "SELECT code, name, la_number, region, plugin FROM area ORDER BY name", 0, NULL);
}

/* A measure's fields of sendlens/records.def (not its parent or source),
 * then the indicator the mapping gave: a field added to the table is a key
 * of every row Lua gets. */
static const char *lua_db_measures_sql(void) {
  static char sql[1024];
  if (sql[0]) return sql;
  const sl_record_kind *measure = &sl_record_kinds[SL_KIND_MEASURE];
  size_t used = (size_t)snprintf(sql, sizeof sql, "SELECT");
  for (size_t i = 0; i < measure->field_count; i++) {
    const sl_record_field *field = &measure->fields[i];
    if (field->type == SL_FIELD_PARENT || field->type == SL_FIELD_SOURCE) continue;
    used += (size_t)snprintf(sql + used, sizeof sql - used, " m.\"%s\",", field->name);
  }
  snprintf(sql + used, sizeof sql - used,
           " m.indicator FROM measure m JOIN fact f ON f.id = m.id "
           "WHERE f.area = ?1 AND (?2 IS NULL OR m.indicator = ?2) ORDER BY f.seq");
  return sql;
}

/* The area's measures, optionally only those of one common indicator. */
static int lua_db_measures(lua_State *state) {
  const char *arguments[2] = {lua_tostring(state, lua_upvalueindex(2)),
                              luaL_optstring(state, 1, NULL)};
  return lua_db_call_sql(state, lua_db_measures_sql(), 2, arguments);
}

/* Observations of the area's measures of one indicator, in the context's
 * period unless it is "all". */
static int lua_db_observations(lua_State *state) {
  const char *arguments[3] = {lua_tostring(state, lua_upvalueindex(2)), luaL_checkstring(state, 1),
                              lua_tostring(state, lua_upvalueindex(3))};
  return lua_db_call_sql(
      state,
      "SELECT m.ref AS measure_ref, m.name AS measure, o.period, o.kind, o.value, o.state, o.note, "
      "o.label, o.period_kind, o.period_start, o.period_end "
      "FROM observation o JOIN measure m ON m.id = o.measure JOIN fact f ON f.id = m.id "
      "WHERE f.area = ?1 AND m.indicator = ?2 AND (?3 = 'all' OR o.period = ?3) "
      "ORDER BY o.period_start, o.period_end, f.seq",
      3, arguments);
}

/* count(kind): the area's records of one kind of sendlens/records.def. An
 * unknown kind ("actions") is an error naming the known ones, never a 0
 * that would pass for a real count. */
static int lua_db_count(lua_State *state) {
  const char *arguments[2] = {lua_tostring(state, lua_upvalueindex(2)), luaL_checkstring(state, 1)};
  if (!sl_record_kind_named(arguments[1])) {
    luaL_Buffer known;
    luaL_buffinit(state, &known);
    for (int i = 0; i < SL_KIND_COUNT; i++) {
      if (i > 0) luaL_addstring(&known, ", ");
      luaL_addstring(&known, sl_record_kinds[i].name);
    }
    luaL_pushresult(&known);
    return luaL_error(state, "count: no record kind '%s' (the kinds: %s)", arguments[1],
                      lua_tostring(state, -1));
  }
  lua_pushvalue(state, lua_upvalueindex(1));
  lua_pushcclosure(state, lua_db_value, 1);
  lua_pushstring(state, "SELECT count(*) FROM fact WHERE area = ?1 AND kind = ?2");
  lua_pushstring(state, arguments[0]);
  lua_pushstring(state, arguments[1]);
  lua_call(state, 3, 1);
  return 1;
}

static void lua_db_set_function(lua_State *state, sl_lua_db *db, const char *name,
                                lua_CFunction function, const char *area, const char *period) {
  lua_pushlightuserdata(state, db);
  int upvalues = 1;
  if (area) {
    lua_pushstring(state, area);
    lua_pushstring(state, period ? period : "all");
    upvalues = 3;
  }
  lua_pushcclosure(state, function, upvalues);
  lua_setfield(state, -2, name);
}

/* ctx.area: the area's row, as areas() gives it. */
static int lua_db_push_area(lua_State *state, sl_lua_db *db, const char *code, sl_error *error) {
  sqlite3_stmt *statement;
  if (sqlite3_prepare_v2(db->connection,
                         "SELECT code, name, la_number, region, plugin FROM area WHERE code = ?1",
                         -1, &statement, NULL) != SQLITE_OK)
    return sl_error_set(error, "%s", sqlite3_errmsg(db->connection)); /* names no table */
  sqlite3_bind_text(statement, 1, code, -1, SQLITE_TRANSIENT);
  int found = sqlite3_step(statement) == SQLITE_ROW;
  if (found) {
    lua_createtable(state, 0, 5);
    for (int column = 0; column < 5; column++) {
      lua_db_push_column(state, statement, column);
      lua_setfield(state, -2, sqlite3_column_name(statement, column));
    }
  }
  sqlite3_finalize(statement);
  return found ? 0 : sl_error_set(error, "no area '%s'", code);
}

/* area(code [, period]) -> the context of one area, as indicators get it. */
static int lua_db_area_context(lua_State *state) {
  sl_lua_db *db = lua_db_of(state);
  const char *code = luaL_checkstring(state, 1);
  const char *period = luaL_optstring(state, 2, "all");
  sl_error error;
  if (sl_lua_db_push_context(db, state, code, period, &error))
    return luaL_error(state, "area: %s", error.message);
  return 1;
}

int sl_lua_db_push_context(sl_lua_db *db, lua_State *state, const char *area_code,
                           const char *period, sl_error *error) {
  if (luaL_newmetatable(state, "sendlens.statement")) {
    lua_pushcfunction(state, lua_db_statement_gc);
    lua_setfield(state, -2, "__gc");
    lua_pushcfunction(state, lua_db_statement_gc);
    lua_setfield(state, -2, "__close");
  }
  lua_pop(state, 1);
  lua_newtable(state);
  lua_db_set_function(state, db, "sql", lua_db_sql, NULL, NULL);
  lua_db_set_function(state, db, "value", lua_db_value, NULL, NULL);
  lua_db_set_function(state, db, "areas", lua_db_areas, NULL, NULL);
  lua_db_set_function(state, db, "area", lua_db_area_context, NULL, NULL);
  lua_db_set_function(state, db, "per_import", sl_lua_db_per_import, NULL, NULL);
  if (!area_code) return 0;
  lua_db_set_function(state, db, "measures", lua_db_measures, area_code, period);
  lua_db_set_function(state, db, "observations", lua_db_observations, area_code, period);
  lua_db_set_function(state, db, "count", lua_db_count, area_code, period);
  lua_pushstring(state, period ? period : "all");
  lua_setfield(state, -2, "period");
  if (lua_db_push_area(state, db, area_code, error)) {
    lua_pop(state, 1);
    return -1;
  }
  lua_setfield(state, -2, "area");
  return 0;
}
