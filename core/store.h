/*
 * store.h: the SQLite store of the common model. Opens (creating or
 * migrating) a database, and runs SQL through cached prepared statements
 * with values bound by a small type string, so no caller ever splices text
 * into SQL.
 */
#ifndef SL_STORE_H
#define SL_STORE_H

#include <sqlite3.h>
#include <stdint.h>

#include "error.h"

/* The schema version this program writes (PRAGMA user_version): 1 for
 * schemas/store.sql, one more for each file of schemas/migrations/, which
 * the build counts (cmake/Embed.cmake) and compiles in. */
#define SL_STORE_VERSION SENDLENS_STORE_VERSION

typedef struct sl_store sl_store;

/* Open path read-write, creating it (mode 0600) and its schema if missing,
 * migrating an older schema, refusing a newer one. */
sl_store *sl_store_open(const char *path, sl_error *error);
/* Open an existing database read-only (for commands that only read). */
sl_store *sl_store_open_readonly(const char *path, sl_error *error);
void sl_store_close(sl_store *store);
sqlite3 *sl_store_db(sl_store *store);
const char *sl_store_path(const sl_store *store);

int sl_store_begin(sl_store *store, sl_error *error);
int sl_store_commit(sl_store *store, sl_error *error);
void sl_store_rollback(sl_store *store);

/*
 * A cached prepared statement for sql (a string constant: the cache is keyed
 * by its address), reset and with values bound from types:
 *   't' const char * (NULL binds NULL)   'i' int64_t
 *   'n' int, where a negative value binds NULL (an unknown count)
 *   'd' double     'f' const double *, or NULL
 *   'r' const char * holding a number, or NULL
 * Returns NULL with error set on failure. The statement stays owned by the
 * store; step it, then leave it (the next call resets it).
 */
sqlite3_stmt *sl_store_prepare(sl_store *store, const char *sql, const char *types, sl_error *error,
                               ...);

/* Prepare, bind and step to completion a statement that returns no rows. */
int sl_store_run(sl_store *store, const char *sql, const char *types, sl_error *error, ...);

/*
 * A statement inserting rows rows at once: insert ("INSERT INTO t(a, b)
 * VALUES") followed by rows groups of columns parameters. A statement of
 * many rows starts, opens its table and resets once for all of them (an
 * import of millions of rows takes half the time). Not cached: the caller
 * finalizes it. NULL with error set.
 */
sqlite3_stmt *sl_store_prepare_rows(sl_store *store, const char *insert, int columns, int rows,
                                    sl_error *error);

/* The rowid of the last insert. */
int64_t sl_store_last_id(sl_store *store);

#endif
