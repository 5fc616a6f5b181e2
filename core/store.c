/*
 * store.c: opening, migrating and querying the SQLite store.
 *
 * Statements are prepared once per connection and cached by the address of
 * their SQL text (every caller passes a string constant), the way SQLite's
 * own shell keeps hot statements: a load of an area runs a few hundred
 * inserts through a dozen statements.
 */
#include "store.h"

#include "period_sql.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

extern const char sl_store_schema_sql[];
/* The SQL that takes the schema from version i to i + 1: version 0 is an
 * empty file, made by store.sql; then each file of schemas/migrations/, in
 * order (generated/migrations_sql.c). A new version adds its file; no
 * step is ever edited once released. */
extern const char *const sl_store_migration_sql[];

static const char *store_migration(int version) {
  return version == 0 ? sl_store_schema_sql : sl_store_migration_sql[version - 1];
}

enum { STORE_CACHE_SIZE = 64, STORE_BUSY_TIMEOUT_MS = 30000 };

typedef struct store_cached {
  const char *sql;
  sqlite3_stmt *statement;
} store_cached;

struct sl_store {
  sqlite3 *db;
  char *path;
  store_cached cache[STORE_CACHE_SIZE];
  int cached;
};

static sl_store *store_connect(const char *path, int flags, sl_error *error) {
  sl_store *store = calloc(1, sizeof *store);
  if (!store || !(store->path = strdup(path))) {
    free(store);
    sl_error_set(error, "%s: out of memory", path);
    return NULL;
  }
  /* One thread uses a connection: SQLite's per-call mutex (about 5% of an
   * import of case records) buys nothing. */
  if (sqlite3_open_v2(path, &store->db, flags | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK) {
    sl_error_set(error, "%s: cannot open database: %s", path,
                 store->db ? sqlite3_errmsg(store->db) : "out of memory");
    sl_store_close(store);
    return NULL;
  }
  sqlite3_extended_result_codes(store->db, 1);
  if (sl_period_sql_register(store->db) != SQLITE_OK) {
    sl_error_set(error, "%s: %s", path, sqlite3_errmsg(store->db));
    sl_store_close(store);
    return NULL;
  }
  sqlite3_busy_timeout(store->db, STORE_BUSY_TIMEOUT_MS);
  return store;
}

static int store_exec(sl_store *store, const char *sql, sl_error *error) {
  char *message = NULL;
  if (sqlite3_exec(store->db, sql, NULL, NULL, &message) != SQLITE_OK) {
    sl_error_set(error, "%s: %s", store->path, message ? message : sqlite3_errmsg(store->db));
    sqlite3_free(message);
    return -1;
  }
  return 0;
}

static int store_user_version(sl_store *store, int *version, sl_error *error) {
  sqlite3_stmt *statement;
  if (sqlite3_prepare_v2(store->db, "PRAGMA user_version", -1, &statement, NULL) != SQLITE_OK) {
    /* A file that is not SQLite fails here, not at open. */
    return sl_error_set(error, "%s: not a sendlens database: %s", store->path,
                        sqlite3_errmsg(store->db));
  }
  int rc = sqlite3_step(statement);
  *version = rc == SQLITE_ROW ? sqlite3_column_int(statement, 0) : 0;
  sqlite3_finalize(statement);
  if (rc != SQLITE_ROW)
    return sl_error_set(error, "%s: not a sendlens database: %s", store->path,
                        sqlite3_errmsg(store->db));
  return 0;
}

static int store_is_empty(sl_store *store) {
  sqlite3_stmt *statement;
  if (sqlite3_prepare_v2(store->db, "SELECT count(*) FROM sqlite_schema", -1, &statement, NULL))
    return 0;
  int empty = sqlite3_step(statement) == SQLITE_ROW && sqlite3_column_int(statement, 0) == 0;
  sqlite3_finalize(statement);
  return empty;
}

/* A newer schema, or tables without a version (someone else's database),
 * is refused rather than written into. */
static int store_refuse_version(sl_store *store, int version, sl_error *error) {
  if (version > SL_STORE_VERSION)
    return sl_error_set(error,
                        "%s: database schema version %d is newer than this sendlens "
                        "(%d); use a newer sendlens",
                        store->path, version, SL_STORE_VERSION);
  if (version == 0 && !store_is_empty(store))
    return sl_error_set(error, "%s: not a sendlens database (it has tables but no schema version)",
                        store->path);
  return 0;
}

/* Any row whose foreign key points nowhere, after a migration rebuilt a
 * table with foreign keys off: the migration is then refused. */
static int store_check_foreign_keys(sl_store *store, sl_error *error) {
  sqlite3_stmt *statement;
  if (sqlite3_prepare_v2(store->db, "PRAGMA foreign_key_check", -1, &statement, NULL) != SQLITE_OK)
    return sl_error_set(error, "%s: %s", store->path, sqlite3_errmsg(store->db));
  int rc = sqlite3_step(statement);
  char table[128] = "";
  if (rc == SQLITE_ROW)
    snprintf(table, sizeof table, "%s", (const char *)sqlite3_column_text(statement, 0));
  sqlite3_finalize(statement);
  if (rc == SQLITE_ROW)
    return sl_error_set(error, "%s: migration left a row of %s with a broken reference",
                        store->path, table);
  return rc == SQLITE_DONE ? 0
                           : sl_error_set(error, "%s: %s", store->path, sqlite3_errmsg(store->db));
}

/* The migrations, in one write transaction: SL_OK or -1, rolled back. */
static int store_migrate_locked(sl_store *store, sl_error *error) {
  int version;
  if (store_exec(store, "BEGIN IMMEDIATE", error)) return -1;
  /* Re-read, and only then judge the tables, inside the write lock: another
   * process (a second load started at once) may have created the schema
   * since the version was read, and its tables are no foreign database. */
  if (store_user_version(store, &version, error) || store_refuse_version(store, version, error))
    goto fail;
  for (; version < SL_STORE_VERSION; version++)
    if (store_exec(store, store_migration(version), error)) goto fail;
  if (store_check_foreign_keys(store, error)) goto fail;
  char pragma[64];
  snprintf(pragma, sizeof pragma, "PRAGMA user_version = %d", SL_STORE_VERSION);
  if (store_exec(store, pragma, error) || store_exec(store, "COMMIT", error)) goto fail;
  return 0;
fail:
  sqlite3_exec(store->db, "ROLLBACK", NULL, NULL, NULL);
  return -1;
}

/*
 * Bring the schema to SL_STORE_VERSION in one transaction. Version 0 is an
 * empty file. Foreign keys are off meanwhile (a pragma that cannot change
 * inside a transaction), so a migration may rebuild a table others refer
 * to by SQLite's twelve steps (https://sqlite.org/lang_altertable.html):
 * dropping it then deletes nothing in cascade. They are checked before
 * the commit and turned on again after.
 */
static int store_migrate(sl_store *store, sl_error *error) {
  int version;
  if (store_user_version(store, &version, error)) return -1;
  if (version == SL_STORE_VERSION) return 0;
  if (version > SL_STORE_VERSION) return store_refuse_version(store, version, error);
  if (store_exec(store, "PRAGMA foreign_keys = OFF", error)) return -1;
  int rc = store_migrate_locked(store, error);
  sl_error ignored; /* a failed migration's own message is the one to keep */
  if (store_exec(store, "PRAGMA foreign_keys = ON", rc ? &ignored : error)) return -1;
  return rc;
}

/* Create the file readable by its owner only before SQLite opens it: the
 * store may come to hold pseudonymised records. */
static int store_create_private(const char *path, sl_error *error) {
  int fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0600);
  if (fd >= 0) return close(fd);
  if (errno == EEXIST) return 0;
  return sl_error_set(error, "%s: cannot create database file: %s", path, strerror(errno));
}

/*
 * Write-ahead logging, kept in the file's header once set: a writer killed
 * mid-transaction leaves frames in PATH-wal that no reader applies, so a
 * reader needs no rollback (which a read-only handle cannot do) and reads
 * the last commit; readers also run while a load or import writes. Set at
 * every writer's open, which is a no-op once the file is in WAL mode. A
 * file system without shared memory refuses it: the database then keeps
 * its rollback journal, which works, only without those two benefits, so
 * that is no error.
 */
static void store_use_wal(sl_store *store) {
  sqlite3_stmt *statement;
  if (sqlite3_prepare_v2(store->db, "PRAGMA journal_mode = WAL", -1, &statement, NULL) != SQLITE_OK)
    return;
  sqlite3_step(statement);
  sqlite3_finalize(statement);
}

sl_store *sl_store_open(const char *path, sl_error *error) {
  if (strcmp(path, ":memory:") != 0 && store_create_private(path, error)) return NULL;
  sl_store *store = store_connect(path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, error);
  if (!store) return NULL;
  if (strcmp(path, ":memory:") != 0) store_use_wal(store);
  if (store_exec(store, "PRAGMA foreign_keys = ON", error) || store_migrate(store, error)) {
    sl_store_close(store);
    return NULL;
  }
  return store;
}

/*
 * A database in the old rollback-journal mode whose writer was killed
 * mid-transaction has a hot journal: the first connection that may write
 * must put the pages back before anyone reads. A reader does that itself
 * when it may write the file (opening it read-write rolls the journal
 * back, nothing else), so a read-only command after a `kill -9` reads the
 * last committed state.
 */
static int store_roll_back_journal(const char *path, sl_error *error) {
  sqlite3 *db = NULL;
  int rc = sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc == SQLITE_OK) {
    sqlite3_busy_timeout(db, STORE_BUSY_TIMEOUT_MS);
    rc = sqlite3_exec(db, "SELECT count(*) FROM sqlite_schema", NULL, NULL, NULL);
  }
  sqlite3_close(db);
  if (rc == SQLITE_OK) return 0;
  return sl_error_set(error,
                      "%s: an interrupted write left %s-journal, which must be rolled back "
                      "before the database can be read, and this user cannot write the "
                      "database: run any sendlens command as a user who can",
                      path, path);
}

/* Why a read-only handle could not read, in the user's terms: SQLite's own
 * message ("attempt to write a readonly database") says nothing of what to
 * do. Returns -1 with error set, or 1 when the caller should try again
 * (a hot journal was rolled back). */
static int store_readonly_failed(sl_store *store, sl_error *error) {
  int code = sqlite3_extended_errcode(store->db);
  if (code == SQLITE_READONLY_ROLLBACK) return store_roll_back_journal(store->path, error) ? -1 : 1;
  if (code == SQLITE_READONLY_DIRECTORY || code == SQLITE_READONLY_CANTINIT ||
      code == SQLITE_READONLY_RECOVERY || code == SQLITE_CANTOPEN)
    return sl_error_set(error,
                        "%s: cannot read: the database keeps a write-ahead log, and reading "
                        "it needs %s-shm and %s-wal, which this user can neither open nor "
                        "create in its folder; read it as a user who can write that folder, "
                        "or from a copy",
                        store->path, store->path, store->path);
  return -1;
}

/*
 * A reader that may write the file opens it read-write with query_only
 * set: SQLite then refuses any write all the same, and the handle can do
 * what a read-only one cannot: roll back a hot journal, and, closing as
 * the last connection, remove the -wal and -shm files its open made
 * (a read-only handle leaves them beside the database). A reader that may
 * not write the file opens it read-only.
 */
static sl_store *store_connect_reader(const char *path, sl_error *error) {
  if (access(path, W_OK) != 0) return store_connect(path, SQLITE_OPEN_READONLY, error);
  sl_store *store = store_connect(path, SQLITE_OPEN_READWRITE, error);
  if (store && store_exec(store, "PRAGMA query_only = ON", error)) {
    sl_store_close(store);
    return NULL;
  }
  return store;
}

static sl_store *store_open_readonly_once(const char *path, int *again, sl_error *error) {
  *again = 0;
  sl_store *store = store_connect_reader(path, error);
  if (!store) return NULL;
  int version;
  if (store_user_version(store, &version, error)) {
    *again = store_readonly_failed(store, error) == 1;
    goto fail;
  }
  if (version > SL_STORE_VERSION) {
    sl_error_set(error, "%s: database schema version %d is newer than this sendlens (%d)", path,
                 version, SL_STORE_VERSION);
    goto fail;
  }
  if (version < SL_STORE_VERSION) {
    /* An older schema needs a migration, which needs a writable handle. */
    sl_store_close(store);
    return sl_store_open(path, error);
  }
  return store;
fail:
  sl_store_close(store);
  return NULL;
}

sl_store *sl_store_open_readonly(const char *path, sl_error *error) {
  if (access(path, F_OK) != 0) {
    sl_error_set(error, "%s: no such database (run `sendlens load` first)", path);
    return NULL;
  }
  int again;
  sl_store *store = store_open_readonly_once(path, &again, error);
  /* Once more after rolling back a hot journal: only once, since another
   * writer killed meanwhile is no reason to loop. */
  if (!store && again) store = store_open_readonly_once(path, &again, error);
  return store;
}

void sl_store_close(sl_store *store) {
  if (!store) return;
  for (int i = 0; i < store->cached; i++)
    sqlite3_finalize(store->cache[i].statement);
  sqlite3_close(store->db);
  free(store->path);
  free(store);
}

sqlite3 *sl_store_db(sl_store *store) { return store->db; }
const char *sl_store_path(const sl_store *store) { return store->path; }

int sl_store_begin(sl_store *store, sl_error *error) {
  return store_exec(store, "BEGIN IMMEDIATE", error);
}

int sl_store_commit(sl_store *store, sl_error *error) { return store_exec(store, "COMMIT", error); }

void sl_store_rollback(sl_store *store) {
  if (!sqlite3_get_autocommit(store->db)) sqlite3_exec(store->db, "ROLLBACK", NULL, NULL, NULL);
}

int64_t sl_store_last_id(sl_store *store) { return sqlite3_last_insert_rowid(store->db); }

static sqlite3_stmt *store_cached_statement(sl_store *store, const char *sql, sl_error *error) {
  for (int i = 0; i < store->cached; i++)
    if (store->cache[i].sql == sql) return store->cache[i].statement;
  sqlite3_stmt *statement;
  if (sqlite3_prepare_v3(store->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &statement, NULL)) {
    sl_error_set(error, "%s: %s", store->path, sqlite3_errmsg(store->db));
    return NULL;
  }
  if (store->cached == STORE_CACHE_SIZE) {
    /* Full: evict the oldest. Never hit by sendlens itself (fewer SQL texts
     * than slots), but a bound is a bound. */
    sqlite3_finalize(store->cache[0].statement);
    memmove(store->cache, store->cache + 1, (STORE_CACHE_SIZE - 1) * sizeof store->cache[0]);
    store->cached--;
  }
  store->cache[store->cached++] = (store_cached){sql, statement};
  return statement;
}

static int store_bind(sqlite3_stmt *statement, const char *types, va_list args) {
  int rc = SQLITE_OK;
  for (int i = 0; types[i] && rc == SQLITE_OK; i++) {
    int column = i + 1;
    switch (types[i]) {
    case 't': {
      const char *text = va_arg(args, const char *);
      rc = text ? sqlite3_bind_text(statement, column, text, -1, SQLITE_TRANSIENT)
                : sqlite3_bind_null(statement, column);
      break;
    }
    case 'i':
      rc = sqlite3_bind_int64(statement, column, va_arg(args, int64_t));
      break;
    case 'n': {
      int value = va_arg(args, int);
      rc = value < 0 ? sqlite3_bind_null(statement, column)
                     : sqlite3_bind_int(statement, column, value);
      break;
    }
    case 'd':
      rc = sqlite3_bind_double(statement, column, va_arg(args, double));
      break;
    case 'f': {
      const double *number = va_arg(args, const double *);
      rc = number ? sqlite3_bind_double(statement, column, *number)
                  : sqlite3_bind_null(statement, column);
      break;
    }
    case 'r': {
      const char *number = va_arg(args, const char *);
      rc = number ? sqlite3_bind_double(statement, column, strtod(number, NULL))
                  : sqlite3_bind_null(statement, column);
      break;
    }
    default:
      return SQLITE_MISUSE;
    }
  }
  return rc;
}

static sqlite3_stmt *store_prepare_bound(sl_store *store, const char *sql, const char *types,
                                         sl_error *error, va_list args) {
  sqlite3_stmt *statement = store_cached_statement(store, sql, error);
  if (!statement) return NULL;
  sqlite3_reset(statement);
  sqlite3_clear_bindings(statement);
  int rc = store_bind(statement, types, args);
  if (rc != SQLITE_OK) {
    sl_error_set(error, "%s: cannot bind values: %s", store->path, sqlite3_errstr(rc));
    return NULL;
  }
  return statement;
}

sqlite3_stmt *sl_store_prepare(sl_store *store, const char *sql, const char *types, sl_error *error,
                               ...) {
  va_list args;
  va_start(args, error);
  sqlite3_stmt *statement = store_prepare_bound(store, sql, types, error, args);
  va_end(args);
  return statement;
}

int sl_store_run(sl_store *store, const char *sql, const char *types, sl_error *error, ...) {
  va_list args;
  va_start(args, error);
  sqlite3_stmt *statement = store_prepare_bound(store, sql, types, error, args);
  va_end(args);
  if (!statement) return -1;
  int rc;
  while ((rc = sqlite3_step(statement)) == SQLITE_ROW)
    continue;
  sqlite3_reset(statement);
  if (rc != SQLITE_DONE)
    return sl_error_set(error, "%s: %s", store->path, sqlite3_errmsg(store->db));
  return 0;
}

sqlite3_stmt *sl_store_prepare_rows(sl_store *store, const char *insert, int columns, int rows,
                                    sl_error *error) {
  size_t row_length = 2 + 2 * (size_t)columns;
  size_t length = strlen(insert) + (size_t)rows * row_length + 1;
  char *sql = malloc(length), *end = sql;
  if (!sql) {
    sl_error_set(error, "%s: out of memory", store->path);
    return NULL;
  }
  end += sprintf(end, "%s", insert);
  for (int row = 0; row < rows; row++) {
    *end++ = row ? ',' : ' ';
    *end++ = '(';
    for (int column = 0; column < columns; column++)
      end += sprintf(end, column ? ",?" : "?");
    *end++ = ')';
  }
  *end = '\0';
  sqlite3_stmt *statement = NULL;
  if (sqlite3_prepare_v3(store->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &statement, NULL) !=
      SQLITE_OK)
    sl_error_set(error, "%s: %s", store->path, sqlite3_errmsg(store->db));
  free(sql);
  return statement;
}
