/*
 * lua_db_imports.c: ctx.per_import(query, ...), one query run once for
 * each case import (an area's case records, one range of row ids), on the
 * script's connection and on helper connections, a thread each, the
 * imports handed out one at a time as threads come free. The case
 * indicators scan millions of records: on two cores this halves their
 * time, and each run groups one area's rows in memory instead of sorting
 * every area's together.
 *
 * Lua is not thread-safe, so the threads gather rows as C values, within
 * the script's memory and row budgets and under its clock; the rows become
 * Lua tables on the script's thread, in the order of the areas. The job
 * lives in a userdata, so a Lua error at any point frees it.
 */
#include <lauxlib.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lua_db_internal.h"

/* ?1, ?2 and ?3 are the import's; the script's arguments follow. */
enum { IMPORTS_OWN_PARAMETERS = 3 };

typedef struct imports_value {
  int type; /* SQLITE_INTEGER, SQLITE_FLOAT, SQLITE_TEXT or SQLITE_NULL */
  int64_t integer;
  double number;
  char *text; /* owned; blobs are kept as text, as ctx.sql does */
  size_t length;
} imports_value;

/* One import and the rows its run gave: rows x columns values. */
typedef struct imports_one {
  int64_t id;
  char *area;
  imports_value *values;
  size_t rows, capacity;
} imports_one;

typedef struct imports_job {
  const sl_lua_db *db;
  const char *query; /* the Lua string at stack slot 1: alive for the call */
  imports_value *arguments;
  int argument_count;
  int columns;
  char **names; /* of the columns */
  imports_one *imports;
  size_t count;
  /* shared by the threads, under lock */
  pthread_mutex_t lock;
  int locked_ready;
  size_t next;       /* the next import to run */
  size_t rows;       /* gathered so far, every thread */
  size_t bytes_left; /* of the script's memory */
  int failed;
  char message[sizeof(sl_error){0}.message];
} imports_job;

static void imports_value_free(imports_value *value) {
  free(value->text);
  value->text = NULL;
}

/* Forget the runs' rows and the list of imports, to run again. */
static void imports_forget(imports_job *job, size_t bytes_left) {
  for (size_t i = 0; i < job->count; i++) {
    for (size_t v = 0; v < job->imports[i].rows * (size_t)job->columns; v++)
      imports_value_free(&job->imports[i].values[v]);
    free(job->imports[i].values);
    free(job->imports[i].area);
  }
  job->count = job->next = job->rows = 0;
  job->bytes_left = bytes_left;
}

static void imports_job_free(imports_job *job) {
  for (int i = 0; i < job->argument_count; i++)
    imports_value_free(&job->arguments[i]);
  free(job->arguments);
  imports_forget(job, 0);
  for (int i = 0; job->names && i < job->columns; i++)
    free(job->names[i]);
  free(job->names);
  free(job->imports);
  if (job->locked_ready) pthread_mutex_destroy(&job->lock);
  memset(job, 0, sizeof *job);
}

static int imports_job_gc(lua_State *state) {
  imports_job_free(luaL_checkudata(state, 1, "sendlens.imports"));
  return 0;
}

/* ---- on any thread ---- */

/* The first failure wins; the other threads stop at their next row. */
static int imports_fail(imports_job *job, const char *message) {
  pthread_mutex_lock(&job->lock);
  if (!job->failed) snprintf(job->message, sizeof job->message, "%s", message);
  job->failed = 1;
  pthread_mutex_unlock(&job->lock);
  return -1;
}

static const char *imports_errmsg(const imports_job *job, sqlite3 *connection, char *buffer,
                                  size_t size) {
  return sl_lua_db_errmsg(job->db, connection, buffer, size);
}

/* Count a row of bytes against the budgets: 0, or -1 (job failed). */
static int imports_account(imports_job *job, size_t bytes) {
  pthread_mutex_lock(&job->lock);
  int over = job->failed || ++job->rows > SL_LUA_DB_MAX_ROWS || bytes > job->bytes_left;
  if (!over) job->bytes_left -= bytes;
  if (over && !job->failed) {
    snprintf(job->message, sizeof job->message,
             job->rows > SL_LUA_DB_MAX_ROWS ? "more than 1000000 rows"
                                            : "the rows exceed the script's memory limit");
    job->failed = 1;
  }
  pthread_mutex_unlock(&job->lock);
  return over ? -1 : 0;
}

static int imports_copy_value(sqlite3_stmt *statement, int column, imports_value *value) {
  value->type = sqlite3_column_type(statement, column);
  if (value->type == SQLITE_INTEGER) value->integer = sqlite3_column_int64(statement, column);
  if (value->type == SQLITE_FLOAT) value->number = sqlite3_column_double(statement, column);
  if (value->type != SQLITE_TEXT && value->type != SQLITE_BLOB) return 0;
  const unsigned char *text = sqlite3_column_text(statement, column);
  value->type = SQLITE_TEXT;
  value->length = (size_t)sqlite3_column_bytes(statement, column);
  value->text = malloc(value->length + 1);
  if (!value->text) return -1;
  memcpy(value->text, text, value->length);
  value->text[value->length] = '\0';
  return 0;
}

/* Append the statement's current row to import's rows. */
static int imports_gather_row(imports_job *job, sqlite3_stmt *statement, imports_one *import) {
  size_t columns = (size_t)job->columns, bytes = columns * sizeof(imports_value);
  for (int column = 0; column < job->columns; column++)
    bytes += (size_t)sqlite3_column_bytes(statement, column);
  if (imports_account(job, bytes)) return -1;
  if (import->rows == import->capacity) {
    size_t capacity = import->capacity ? 2 * import->capacity : 32;
    imports_value *grown = realloc(import->values, capacity * columns * sizeof *grown);
    if (!grown) return imports_fail(job, "out of memory");
    import->values = grown;
    import->capacity = capacity;
  }
  imports_value *row = &import->values[import->rows * columns];
  memset(row, 0, columns * sizeof *row);
  import->rows++;
  for (int column = 0; column < job->columns; column++)
    if (imports_copy_value(statement, column, &row[column]))
      return imports_fail(job, "out of memory");
  return 0;
}

static int imports_bind(sqlite3_stmt *statement, int index, const imports_value *value) {
  switch (value->type) {
  case SQLITE_INTEGER:
    return sqlite3_bind_int64(statement, index, value->integer);
  case SQLITE_FLOAT:
    return sqlite3_bind_double(statement, index, value->number);
  case SQLITE_TEXT:
    return sqlite3_bind_text(statement, index, value->text, (int)value->length, SQLITE_STATIC);
  default:
    return sqlite3_bind_null(statement, index);
  }
}

/* Run the query for one import: ?1 its id, ?2 and ?3 the first and last
 * row ids it may have (id * 2^32 + line), then the script's arguments. */
static int imports_run(imports_job *job, sqlite3_stmt *statement, imports_one *import) {
  char message[sizeof job->message];
  sqlite3_reset(statement);
  int64_t first = (int64_t)((uint64_t)import->id << 32);
  const imports_value own[IMPORTS_OWN_PARAMETERS] = {
      {.type = SQLITE_INTEGER, .integer = import->id},
      {.type = SQLITE_INTEGER, .integer = first},
      {.type = SQLITE_INTEGER, .integer = first + INT64_C(4294967295)}};
  int parameters = sqlite3_bind_parameter_count(statement);
  for (int index = 1; index <= parameters; index++) {
    const imports_value *value = index <= IMPORTS_OWN_PARAMETERS
                                     ? &own[index - 1]
                                     : &job->arguments[index - 1 - IMPORTS_OWN_PARAMETERS];
    if (imports_bind(statement, index, value) != SQLITE_OK)
      return imports_fail(
          job, imports_errmsg(job, sqlite3_db_handle(statement), message, sizeof message));
  }
  int rc;
  while ((rc = sqlite3_step(statement)) == SQLITE_ROW)
    if (imports_gather_row(job, statement, import)) return -1;
  if (rc == SQLITE_DONE) return 0;
  return imports_fail(
      job, rc == SQLITE_INTERRUPT
               ? "time limit exceeded"
               : imports_errmsg(job, sqlite3_db_handle(statement), message, sizeof message));
}

/* A thread's work: imports, one at a time, until none is left. */
static void imports_work(imports_job *job, sqlite3 *connection) {
  char message[sizeof job->message];
  sqlite3_stmt *statement = NULL;
  if (sqlite3_prepare_v2(connection, job->query, -1, &statement, NULL) != SQLITE_OK) {
    imports_fail(job, imports_errmsg(job, connection, message, sizeof message));
    return;
  }
  for (;;) {
    pthread_mutex_lock(&job->lock);
    size_t index = job->failed ? job->count : job->next++;
    pthread_mutex_unlock(&job->lock);
    if (index >= job->count || imports_run(job, statement, &job->imports[index])) break;
  }
  sqlite3_finalize(statement);
}

typedef struct imports_helper {
  pthread_t thread;
  imports_job *job;
  sqlite3 *connection;
} imports_helper;

static void *imports_helper_run(void *context) {
  imports_helper *helper = context;
  imports_work(helper->job, helper->connection);
  return NULL;
}

/* ---- on the script's thread ---- */

/* The script's arguments (stack slots first..last) as values. */
static void imports_arguments(lua_State *state, imports_job *job, int first, int last) {
  int count = last >= first ? last - first + 1 : 0;
  job->arguments = calloc(count ? (size_t)count : 1, sizeof *job->arguments);
  if (!job->arguments) luaL_error(state, "per_import: out of memory");
  for (int i = 0; i < count; i++, job->argument_count++) {
    imports_value *value = &job->arguments[i];
    int index = first + i, type = lua_type(state, index);
    if (type == LUA_TNUMBER && lua_isinteger(state, index)) {
      *value = (imports_value){.type = SQLITE_INTEGER, .integer = lua_tointeger(state, index)};
    } else if (type == LUA_TNUMBER) {
      *value = (imports_value){.type = SQLITE_FLOAT, .number = lua_tonumber(state, index)};
    } else if (type == LUA_TBOOLEAN) {
      *value = (imports_value){.type = SQLITE_INTEGER, .integer = lua_toboolean(state, index)};
    } else if (type == LUA_TSTRING) {
      size_t length;
      const char *text = lua_tolstring(state, index, &length);
      *value = (imports_value){.type = SQLITE_TEXT, .length = length, .text = malloc(length + 1)};
      if (!value->text) luaL_error(state, "per_import: out of memory");
      memcpy(value->text, text, length + 1);
    } else if (type != LUA_TNIL) {
      luaL_error(state, "per_import: parameter %d is a %s", IMPORTS_OWN_PARAMETERS + i + 1,
                 luaL_typename(state, index));
    }
  }
}

/* The case imports, in the order of their areas. */
static int imports_list(imports_job *job) {
  char message[sizeof job->message];
  sqlite3 *connection = job->db->connection;
  sqlite3_stmt *statement;
  if (sqlite3_prepare_v2(connection, "SELECT id, area FROM case_import ORDER BY area", -1,
                         &statement, NULL) != SQLITE_OK)
    return imports_fail(job, imports_errmsg(job, connection, message, sizeof message));
  int rc;
  while ((rc = sqlite3_step(statement)) == SQLITE_ROW) {
    if (!sl_lua_db_wants_area(job->db, (const char *)sqlite3_column_text(statement, 1))) continue;
    if (job->count % 64 == 0) {
      imports_one *grown = realloc(job->imports, (job->count + 64) * sizeof *grown);
      if (!grown) break;
      job->imports = grown;
    }
    imports_one *import = &job->imports[job->count];
    *import = (imports_one){.id = sqlite3_column_int64(statement, 0),
                            .area = strdup((const char *)sqlite3_column_text(statement, 1))};
    if (!import->area) break;
    job->count++;
  }
  sqlite3_finalize(statement);
  return rc == SQLITE_DONE ? 0 : imports_fail(job, "cannot list the case imports");
}

/* Check the query once, on the script's connection, before any thread:
 * one statement, that reads only, with as many parameters as given; keep
 * its column names. */
static int imports_check(imports_job *job) {
  char message[sizeof job->message];
  sqlite3 *connection = job->db->connection;
  sqlite3_stmt *statement = NULL;
  const char *tail = NULL;
  if (sqlite3_prepare_v2(connection, job->query, -1, &statement, &tail) != SQLITE_OK)
    return imports_fail(job, imports_errmsg(job, connection, message, sizeof message));
  if (!statement) return imports_fail(job, "no statement in the query");
  while (tail && *tail && strchr(" \t\r\n;", *tail))
    tail++;
  int parameters = sqlite3_bind_parameter_count(statement);
  int wanted = parameters > IMPORTS_OWN_PARAMETERS ? parameters - IMPORTS_OWN_PARAMETERS : 0;
  job->columns = sqlite3_column_count(statement);
  job->names = calloc(job->columns ? (size_t)job->columns : 1, sizeof *job->names);
  for (int column = 0; job->names && column < job->columns; column++)
    job->names[column] = strdup(sqlite3_column_name(statement, column));
  sqlite3_finalize(statement);
  if (tail && *tail) return imports_fail(job, "one statement at a time");
  if (wanted != job->argument_count) {
    char message[96];
    snprintf(message, sizeof message, "%d parameters given, the query has %d after ?1, ?2 and ?3",
             job->argument_count, wanted);
    return imports_fail(job, message);
  }
  for (int column = 0; column < job->columns; column++)
    if (!job->names || !job->names[column]) return imports_fail(job, "out of memory");
  return 0;
}

/* How many helper threads: one less than the cores, within the helper
 * connections and the imports to share. */
static int imports_helper_count(const imports_job *job) {
  long cores = sysconf(_SC_NPROCESSORS_ONLN);
  long helpers = cores > 1 ? cores - 1 : 0;
  if (helpers > SL_LUA_DB_HELPERS) helpers = SL_LUA_DB_HELPERS;
  if ((size_t)helpers + 1 > job->count) helpers = job->count > 0 ? (long)job->count - 1 : 0;
  return (int)helpers;
}

/* Run the imports on this thread and the helpers. A helper that cannot
 * start leaves its share to the others: the answer is the same. */
static int imports_run_all(sl_lua_db *db, imports_job *job) {
  imports_helper helpers[SL_LUA_DB_HELPERS];
  int wanted = imports_helper_count(job), started = 0;
  for (int i = 0; i < wanted; i++) {
    sl_error error;
    if (!db->helpers[i] && sl_lua_db_connect(db, &db->helpers[i], &error))
      return imports_fail(job, error.message);
  }
  for (int i = 0; i < wanted; i++) {
    helpers[started] = (imports_helper){.job = job, .connection = db->helpers[i]};
    if (pthread_create(&helpers[started].thread, NULL, imports_helper_run, &helpers[started]) == 0)
      started++;
  }
  imports_work(job, db->connection);
  for (int i = 0; i < started; i++)
    pthread_join(helpers[i].thread, NULL);
  return job->failed ? -1 : 0;
}

/* Whether the imports are still those the runs were given. Each run reads
 * one consistent state, but an import committed between two runs would
 * leave them counting different states: a replaced import has a new id,
 * so the same list of ids means no import changed. */
static int imports_unchanged(imports_job *job) {
  sqlite3_stmt *statement;
  if (sqlite3_prepare_v2(job->db->connection, "SELECT id, area FROM case_import ORDER BY area", -1,
                         &statement, NULL) != SQLITE_OK)
    return 0;
  size_t seen = 0;
  int same = 1;
  while (same && sqlite3_step(statement) == SQLITE_ROW)
    if (sl_lua_db_wants_area(job->db, (const char *)sqlite3_column_text(statement, 1)))
      same = seen < job->count && job->imports[seen++].id == sqlite3_column_int64(statement, 0);
  sqlite3_finalize(statement);
  return same && seen == job->count;
}

/* List, run, and run again (twice at most) if an import committed
 * meanwhile. */
enum { IMPORTS_ATTEMPTS = 3 };

static void imports_run_consistent(sl_lua_db *db, imports_job *job) {
  size_t bytes_left = job->bytes_left;
  for (int attempt = 1; imports_list(job) == 0 && imports_run_all(db, job) == 0; attempt++) {
    if (imports_unchanged(job)) return;
    if (attempt == IMPORTS_ATTEMPTS) {
      imports_fail(job, "the case records changed while they were counted, three times: run it "
                        "again once the imports are done");
      return;
    }
    imports_forget(job, bytes_left);
  }
}

static void imports_push_value(lua_State *state, const imports_value *value) {
  if (value->type == SQLITE_INTEGER)
    lua_pushinteger(state, value->integer);
  else if (value->type == SQLITE_FLOAT)
    lua_pushnumber(state, value->number);
  else if (value->type == SQLITE_TEXT)
    lua_pushlstring(state, value->text, value->length);
  else
    lua_pushnil(state);
}

/* The rows of every import, in order, each with its area's code. */
static void imports_push_rows(lua_State *state, const imports_job *job) {
  lua_newtable(state);
  lua_Integer n = 0;
  for (size_t i = 0; i < job->count; i++) {
    const imports_one *import = &job->imports[i];
    for (size_t row = 0; row < import->rows; row++) {
      lua_createtable(state, 0, job->columns + 1);
      for (int column = 0; column < job->columns; column++) {
        imports_push_value(state, &import->values[row * (size_t)job->columns + column]);
        lua_setfield(state, -2, job->names[column]);
      }
      lua_pushstring(state, import->area);
      lua_setfield(state, -2, "area");
      lua_rawseti(state, -2, ++n);
    }
  }
}

/* per_import(query, ...) -> { {area = code, column = value, ...}, ... } */
int sl_lua_db_per_import(lua_State *state) {
  sl_lua_db *db = lua_touserdata(state, lua_upvalueindex(1));
  const char *query = luaL_checkstring(state, 1);
  int top = lua_gettop(state);
  if (luaL_newmetatable(state, "sendlens.imports")) {
    lua_pushcfunction(state, imports_job_gc);
    lua_setfield(state, -2, "__gc");
  }
  lua_pop(state, 1);
  imports_job *job = lua_newuserdatauv(state, sizeof *job, 0);
  memset(job, 0, sizeof *job);
  luaL_setmetatable(state, "sendlens.imports");
  job->db = db;
  job->query = query;
  job->bytes_left = sl_lua_memory_left(db->lua);
  pthread_mutex_init(&job->lock, NULL);
  job->locked_ready = 1;
  imports_arguments(state, job, 2, top);
  if (imports_check(job) == 0) imports_run_consistent(db, job);
  if (job->failed) luaL_error(state, "per_import: %s", job->message);
  imports_push_rows(state, job);
  imports_job_free(job); /* now, not at the next collection */
  return 1;
}
