/*
 * disclosure.c: statistical disclosure control (disclosure.h). The engine
 * first: cells, relations, and the search for a count that subtraction
 * would give away; then the indicator results of the store as cells and
 * relations, and the temporary view every output reads.
 */
#include "disclosure.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- the engine ---- */

typedef struct disclosure_cell {
  int64_t count;
  int hidden;     /* never shown: implied by other cells */
  int suppressed; /* decided by sl_disclosure_protect */
} disclosure_cell;

/* Relation r is members[starts[r]] .. members[starts[r + 1] - 1]. */
struct sl_disclosure {
  disclosure_cell *cells;
  size_t cell_count, cell_capacity;
  long *members;
  size_t member_count, member_capacity;
  size_t *starts; /* relation_count + 1 entries */
  size_t relation_count, relation_capacity;
};

/* Grow *array (of size bytes an item) to hold one more than used. */
static int disclosure_grow(void **array, size_t *capacity, size_t used, size_t size) {
  if (used < *capacity) return 0;
  size_t more = *capacity ? 2 * *capacity : 64;
  void *grown = realloc(*array, more * size);
  if (!grown) return -1;
  *array = grown;
  *capacity = more;
  return 0;
}

sl_disclosure *sl_disclosure_new(void) {
  sl_disclosure *table = calloc(1, sizeof *table);
  if (table && disclosure_grow((void **)&table->starts, &table->relation_capacity, 0,
                               sizeof *table->starts)) {
    free(table);
    return NULL;
  }
  table->starts[0] = 0;
  return table;
}

void sl_disclosure_free(sl_disclosure *table) {
  if (!table) return;
  free(table->cells);
  free(table->members);
  free(table->starts);
  free(table);
}

long sl_disclosure_cell(sl_disclosure *table, int64_t count, int hidden) {
  if (disclosure_grow((void **)&table->cells, &table->cell_capacity, table->cell_count,
                      sizeof *table->cells))
    return -1;
  table->cells[table->cell_count] = (disclosure_cell){count, hidden, 0};
  return (long)table->cell_count++;
}

int sl_disclosure_relation(sl_disclosure *table, const long *cells, size_t count) {
  for (size_t i = 0; i < count; i++) {
    if (disclosure_grow((void **)&table->members, &table->member_capacity, table->member_count,
                        sizeof *table->members))
      return -1;
    table->members[table->member_count++] = cells[i];
  }
  /* starts has one entry more than there are relations. */
  if (disclosure_grow((void **)&table->starts, &table->relation_capacity, table->relation_count + 1,
                      sizeof *table->starts))
    return -1;
  table->starts[++table->relation_count] = table->member_count;
  return 0;
}

static int disclosure_small(int64_t count) { return count >= 1 && count < SL_DISCLOSURE_MIN; }

/* A cell a reader does not see: suppressed or never shown. */
static int disclosure_unseen(const disclosure_cell *cell) {
  return cell->hidden || cell->suppressed;
}

/* What a reader can know: every seen cell, and every cell that is the one
 * unknown of a relation (repeated until nothing more follows). via[cell]
 * is the relation a derived cell follows from, -1 for a seen one. */
static void disclosure_derive(const sl_disclosure *table, char *known, long *via) {
  for (size_t i = 0; i < table->cell_count; i++) {
    known[i] = !disclosure_unseen(&table->cells[i]);
    via[i] = -1;
  }
  for (int changed = 1; changed;) {
    changed = 0;
    for (size_t r = 0; r < table->relation_count; r++) {
      long unknown = -1;
      size_t unknowns = 0;
      for (size_t m = table->starts[r]; m < table->starts[r + 1]; m++)
        if (!known[table->members[m]]) {
          unknown = table->members[m];
          unknowns++;
        }
      if (unknowns != 1) continue;
      known[unknown] = 1;
      via[unknown] = (long)r;
      changed = 1;
    }
  }
}

/* The best cell of relation r to suppress besides the exposed one: a shown
 * cell, the smallest non-zero count first (it costs the reader least), a
 * zero last. Where every other cell is itself derived, the search goes on
 * through the relations those follow from. -1 when there is none. */
static long disclosure_complement(const sl_disclosure *table, long r, long exposed, const long *via,
                                  int depth) {
  long best = -1;
  for (size_t m = table->starts[r]; m < table->starts[r + 1]; m++) {
    long cell = table->members[m];
    const disclosure_cell *c = &table->cells[cell];
    if (cell == exposed || disclosure_unseen(c)) continue;
    if (best < 0) {
      best = cell;
      continue;
    }
    int64_t was = table->cells[best].count, is = c->count;
    if ((was == 0 && is != 0) || (is != 0 && is < was)) best = cell;
  }
  for (size_t m = table->starts[r]; best < 0 && depth > 0 && m < table->starts[r + 1]; m++) {
    long cell = table->members[m];
    if (cell != exposed && via[cell] >= 0 && via[cell] != r)
      best = disclosure_complement(table, via[cell], cell, via, depth - 1);
  }
  return best;
}

/* The cells joined by relations fall in groups (an area and period, with
 * its subsets) that never affect each other: root[cell] names its group. */
static long disclosure_find_root(long *root, long cell) {
  while (root[cell] != cell)
    cell = root[cell] = root[root[cell]];
  return cell;
}

static void disclosure_groups(const sl_disclosure *table, long *root) {
  for (size_t i = 0; i < table->cell_count; i++)
    root[i] = (long)i;
  for (size_t r = 0; r < table->relation_count; r++)
    for (size_t m = table->starts[r] + 1; m < table->starts[r + 1]; m++)
      root[disclosure_find_root(root, table->members[m])] =
          disclosure_find_root(root, table->members[table->starts[r]]);
  for (size_t i = 0; i < table->cell_count; i++)
    root[i] = disclosure_find_root(root, (long)i);
}

/* One round: in each group, the first protected cell a reader can work out
 * gets a complement in the relation that gives it away (as if the groups
 * were done one after another: what follows in a group depends on that
 * choice). 1 if any cell was suppressed. */
static int disclosure_round(sl_disclosure *table, const char *known, const long *via,
                            const long *root, char *done) {
  memset(done, 0, table->cell_count ? table->cell_count : 1);
  int suppressed = 0;
  for (size_t i = 0; i < table->cell_count; i++) {
    disclosure_cell *cell = &table->cells[i];
    if (done[root[i]] || !known[i] || !disclosure_unseen(cell) || !disclosure_small(cell->count))
      continue;
    done[root[i]] = 1;
    long r = via[i];
    long complement = disclosure_complement(table, r, (long)i, via, 8);
    if (complement >= 0) {
      table->cells[complement].suppressed = 1;
    } else {
      /* Nothing left to suppress in its relations: suppress them all. */
      for (size_t m = table->starts[r]; m < table->starts[r + 1]; m++)
        table->cells[table->members[m]].suppressed = 1;
    }
    suppressed = 1;
  }
  return suppressed;
}

void sl_disclosure_protect(sl_disclosure *table) {
  size_t n = table->cell_count;
  for (size_t i = 0; i < n; i++)
    table->cells[i].suppressed = !table->cells[i].hidden && disclosure_small(table->cells[i].count);
  char *known = malloc(n ? n : 1), *done = malloc(n ? n : 1);
  long *via = malloc((n ? n : 1) * sizeof *via), *root = malloc((n ? n : 1) * sizeof *root);
  int failed = !known || !done || !via || !root;
  if (!failed) disclosure_groups(table, root);
  /* Each round suppresses at least one more cell, so this ends within n
   * rounds; in practice a few, the groups being small. */
  for (size_t round = 0; !failed && round <= n; round++) {
    disclosure_derive(table, known, via);
    if (!disclosure_round(table, known, via, root, done)) break;
  }
  if (failed) /* No memory to search: show nothing rather than risk a count. */
    for (size_t i = 0; i < n; i++)
      table->cells[i].suppressed = 1;
  free(known);
  free(done);
  free(via);
  free(root);
}

int sl_disclosure_shown(const sl_disclosure *table, long cell) {
  return cell >= 0 && (size_t)cell < table->cell_count && !disclosure_unseen(&table->cells[cell]);
}

/* ---- indicator results as cells ---- */

/* One counted result: its row id and its cells (-1: none). A result with a
 * count alone (a median over so many records) has only denominator. */
typedef struct disclosure_result {
  int64_t id;
  long numerator, denominator, rest;
} disclosure_result;

typedef struct disclosure_results {
  disclosure_result *items;
  size_t count, capacity;
} disclosure_results;

static int disclosure_sql_error(sl_store *store, sl_error *error) {
  return sl_error_set(error, "%s: %s", sl_store_path(store), sqlite3_errmsg(sl_store_db(store)));
}

static int disclosure_oom(sl_error *error) {
  return sl_error_set(error, "out of memory while suppressing small counts");
}

/* The cells of one result: denominator = numerator + the rest. */
static int disclosure_add_result(sl_disclosure *table, disclosure_results *results, int64_t id,
                                 sqlite3_stmt *statement, sl_error *error) {
  if (disclosure_grow((void **)&results->items, &results->capacity, results->count,
                      sizeof *results->items))
    return disclosure_oom(error);
  disclosure_result *result = &results->items[results->count++];
  *result = (disclosure_result){id, -1, -1, -1};
  int64_t denominator = sqlite3_column_int64(statement, 2);
  result->denominator = sl_disclosure_cell(table, denominator, 0);
  if (sqlite3_column_type(statement, 1) != SQLITE_NULL) {
    int64_t numerator = sqlite3_column_int64(statement, 1);
    result->numerator = sl_disclosure_cell(table, numerator, 0);
    result->rest = sl_disclosure_cell(table, denominator - numerator, 1);
    long cells[3] = {result->denominator, result->numerator, result->rest};
    if (result->rest < 0 || sl_disclosure_relation(table, cells, 3)) return disclosure_oom(error);
  }
  return result->denominator < 0 ? disclosure_oom(error) : 0;
}

static int disclosure_read_results(sl_store *store, sl_disclosure *table,
                                   disclosure_results *results, sl_error *error) {
  sqlite3_stmt *statement = sl_store_prepare(
      store,
      "SELECT id, numerator, denominator FROM indicator_result WHERE denominator IS NOT NULL "
      "ORDER BY id",
      "", error);
  if (!statement) return -1;
  int status;
  while ((status = sqlite3_step(statement)) == SQLITE_ROW)
    if (disclosure_add_result(table, results, sqlite3_column_int64(statement, 0), statement,
                              error)) {
      sqlite3_reset(statement);
      return -1;
    }
  return status == SQLITE_DONE ? 0 : disclosure_sql_error(store, error);
}

static int disclosure_compare_id(const void *key, const void *item) {
  int64_t a = *(const int64_t *)key, b = ((const disclosure_result *)item)->id;
  return (a > b) - (a < b);
}

static const disclosure_result *disclosure_find(const disclosure_results *results, int64_t id) {
  return bsearch(&id, results->items, results->count, sizeof *results->items,
                 disclosure_compare_id);
}

/* whole = part + difference, for one pair of cells (the difference hidden). */
static int disclosure_difference(sl_disclosure *table, long whole, long part) {
  const disclosure_cell *w = &table->cells[whole], *p = &table->cells[part];
  long difference = sl_disclosure_cell(table, w->count - p->count, 1);
  long cells[3] = {whole, part, difference};
  return difference < 0 ? -1 : sl_disclosure_relation(table, cells, 3);
}

/* A subset's result and its whole's, of the same area, period and
 * breakdown: each of numerator, denominator and rest differs by a count of
 * records in the whole and not the subset. */
static int disclosure_subset(sl_disclosure *table, const disclosure_result *part,
                             const disclosure_result *whole) {
  if (part->numerator < 0 || whole->numerator < 0)
    return disclosure_difference(table, whole->denominator, part->denominator);
  return disclosure_difference(table, whole->numerator, part->numerator) ||
                 disclosure_difference(table, whole->denominator, part->denominator) ||
                 disclosure_difference(table, whole->rest, part->rest)
             ? -1
             : 0;
}

static int disclosure_read_subsets(sl_store *store, sl_disclosure *table,
                                   const disclosure_results *results, sl_error *error) {
  sqlite3_stmt *statement = sl_store_prepare(
      store,
      "SELECT p.id, w.id FROM indicator_result p JOIN indicator_subset s ON s.indicator = "
      "p.indicator JOIN indicator_result w ON w.indicator = s.whole AND w.area = p.area AND "
      "w.period = p.period AND w.breakdown = p.breakdown "
      "WHERE p.denominator IS NOT NULL AND w.denominator IS NOT NULL",
      "", error);
  if (!statement) return -1;
  int status;
  while ((status = sqlite3_step(statement)) == SQLITE_ROW) {
    const disclosure_result *part = disclosure_find(results, sqlite3_column_int64(statement, 0));
    const disclosure_result *whole = disclosure_find(results, sqlite3_column_int64(statement, 1));
    if (part && whole && disclosure_subset(table, part, whole)) {
      sqlite3_reset(statement);
      return disclosure_oom(error);
    }
  }
  return status == SQLITE_DONE ? 0 : disclosure_sql_error(store, error);
}

/* ---- the temporary view ---- */

static const char DISCLOSURE_RESET_SQL[] =
    "DROP VIEW IF EXISTS temp.indicator_published;"
    "DROP TABLE IF EXISTS temp.disclosure_hidden;"
    "CREATE TEMP TABLE disclosure_hidden(id INTEGER PRIMARY KEY, numerator INTEGER NOT NULL, "
    "denominator INTEGER NOT NULL);";

/* A value is shown only with both its counts (the value and one count give
 * the other); a value with no counts is not counted from records. */
static const char DISCLOSURE_VIEW_SQL[] =
    "CREATE TEMP VIEW indicator_published AS "
    "SELECT r.indicator, r.title, r.unit, r.direction, r.area, r.period, r.breakdown, r.note, "
    "r.script, r.script_version, "
    "CASE WHEN r.denominator IS NULL THEN r.value "
    "     WHEN coalesce(h.numerator, 0) OR coalesce(h.denominator, 0) THEN 'x' "
    "     ELSE r.value END AS value, "
    "CASE WHEN coalesce(h.numerator, 0) THEN 'x' ELSE r.numerator END AS numerator, "
    "CASE WHEN coalesce(h.denominator, 0) THEN 'x' ELSE r.denominator END AS denominator, "
    "CASE WHEN r.denominator IS NULL OR NOT EXISTS (SELECT 1 FROM main.case_import c "
    "  WHERE c.area = r.area) THEN 0 "
    "  ELSE (SELECT c.synthetic FROM main.case_import c WHERE c.area = r.area) END AS synthetic "
    "FROM main.indicator_result r LEFT JOIN temp.disclosure_hidden h ON h.id = r.id;";

static int disclosure_exec(sl_store *store, const char *sql, sl_error *error) {
  char *message = NULL;
  if (sqlite3_exec(sl_store_db(store), sql, NULL, NULL, &message) == SQLITE_OK) return 0;
  sl_error_set(error, "%s: %s", sl_store_path(store), message ? message : "cannot publish");
  sqlite3_free(message);
  return -1;
}

static int disclosure_write(sl_store *store, const sl_disclosure *table,
                            const disclosure_results *results, sl_error *error) {
  if (disclosure_exec(store, DISCLOSURE_RESET_SQL, error)) return -1;
  sqlite3_stmt *insert;
  if (sqlite3_prepare_v2(sl_store_db(store),
                         "INSERT INTO temp.disclosure_hidden(id, numerator, denominator) "
                         "VALUES(?1, ?2, ?3)",
                         -1, &insert, NULL) != SQLITE_OK)
    return disclosure_sql_error(store, error);
  int status = SQLITE_DONE;
  for (size_t i = 0; i < results->count && status == SQLITE_DONE; i++) {
    const disclosure_result *result = &results->items[i];
    int numerator = result->numerator >= 0 && !sl_disclosure_shown(table, result->numerator);
    int denominator = !sl_disclosure_shown(table, result->denominator);
    if (!numerator && !denominator) continue;
    sqlite3_bind_int64(insert, 1, result->id);
    sqlite3_bind_int(insert, 2, numerator);
    sqlite3_bind_int(insert, 3, denominator);
    status = sqlite3_step(insert);
    sqlite3_reset(insert);
  }
  sqlite3_finalize(insert);
  if (status != SQLITE_DONE) return disclosure_sql_error(store, error);
  return disclosure_exec(store, DISCLOSURE_VIEW_SQL, error);
}

/* The connection's own writes and others' commits, as SQLite counts them:
 * while neither has moved, the view built last still holds. */
static int disclosure_version(sl_store *store, int64_t *version) {
  sqlite3_stmt *statement;
  if (sqlite3_prepare_v2(sl_store_db(store), "PRAGMA main.data_version", -1, &statement, NULL) !=
      SQLITE_OK)
    return -1;
  int found = sqlite3_step(statement) == SQLITE_ROW;
  *version = found ? sqlite3_column_int64(statement, 0) : -1;
  sqlite3_finalize(statement);
  return found ? 0 : -1;
}

/* Whether the view was built on this connection since the last change: an
 * export reads it from several places, some while statements of others
 * are still stepping, and dropping it under them would fail. */
static int disclosure_current(sl_store *store) {
  sqlite3_stmt *statement;
  int64_t version;
  if (disclosure_version(store, &version) ||
      sqlite3_prepare_v2(sl_store_db(store), "SELECT changes, version FROM temp.disclosure_state",
                         -1, &statement, NULL) != SQLITE_OK)
    return 0;
  int current = sqlite3_step(statement) == SQLITE_ROW &&
                sqlite3_column_int64(statement, 0) == sqlite3_total_changes64(sl_store_db(store)) &&
                sqlite3_column_int64(statement, 1) == version;
  sqlite3_finalize(statement);
  return current;
}

/* Note the state the view was built in (the note's own insert counted). */
static int disclosure_mark(sl_store *store, sl_error *error) {
  sqlite3_stmt *statement;
  int64_t version;
  if (disclosure_version(store, &version) ||
      disclosure_exec(store,
                      "CREATE TEMP TABLE IF NOT EXISTS disclosure_state(id INTEGER PRIMARY KEY, "
                      "changes INTEGER, version INTEGER)",
                      error) ||
      sqlite3_prepare_v2(sl_store_db(store),
                         "INSERT OR REPLACE INTO temp.disclosure_state(id, changes, version) "
                         "VALUES(1, ?1, ?2)",
                         -1, &statement, NULL) != SQLITE_OK)
    return disclosure_sql_error(store, error);
  sqlite3_bind_int64(statement, 1, sqlite3_total_changes64(sl_store_db(store)) + 1);
  sqlite3_bind_int64(statement, 2, version);
  int status = sqlite3_step(statement);
  sqlite3_finalize(statement);
  return status == SQLITE_DONE ? 0 : disclosure_sql_error(store, error);
}

/* Whether the connection has query_only set (a reader's store, store.c). */
static int disclosure_query_only(sl_store *store) {
  sqlite3_stmt *statement;
  if (sqlite3_prepare_v2(sl_store_db(store), "PRAGMA query_only", -1, &statement, NULL) !=
      SQLITE_OK)
    return 0;
  int on = sqlite3_step(statement) == SQLITE_ROW && sqlite3_column_int(statement, 0);
  sqlite3_finalize(statement);
  return on;
}

static int disclosure_build(sl_store *store, sl_error *error);

/* A reader's connection refuses every write (query_only), its own
 * temporary tables' too: the view is built with it lifted for the temp
 * schema's statements alone (they name temp.* or main tables only to read),
 * and set again whatever happens. */
int sl_disclosure_publish(sl_store *store, sl_error *error) {
  if (disclosure_current(store)) return 0;
  int query_only = disclosure_query_only(store);
  if (query_only && disclosure_exec(store, "PRAGMA query_only = 0", error)) return -1;
  int status = disclosure_build(store, error);
  if (query_only && disclosure_exec(store, "PRAGMA query_only = 1", error)) status = -1;
  return status;
}

static int disclosure_build(sl_store *store, sl_error *error) {
  sl_disclosure *table = sl_disclosure_new();
  disclosure_results results = {0};
  if (!table) return disclosure_oom(error);
  int status = disclosure_read_results(store, table, &results, error) ||
                       disclosure_read_subsets(store, table, &results, error)
                   ? -1
                   : 0;
  if (status == 0) {
    sl_disclosure_protect(table);
    status = disclosure_write(store, table, &results, error) || disclosure_mark(store, error);
  }
  free(results.items);
  sl_disclosure_free(table);
  return status;
}

/* ---- results as the indicators command shows them ---- */

static cJSON *disclosure_column(sqlite3_stmt *statement, int column) {
  switch (sqlite3_column_type(statement, column)) {
  case SQLITE_NULL:
    return cJSON_CreateNull();
  case SQLITE_TEXT:
    return cJSON_CreateString((const char *)sqlite3_column_text(statement, column));
  default:
    return cJSON_CreateNumber(sqlite3_column_double(statement, column));
  }
}

/* One value replaced by its published row (a value without one, which the
 * store does not hold, is shown as suppressed: nothing unchecked leaves). */
static void disclosure_apply_value(sqlite3_stmt *statement, const char *id, cJSON *value) {
  static const char *const keys[] = {"value", "numerator", "denominator", "synthetic"};
  sqlite3_bind_text(statement, 1, id, -1, SQLITE_TRANSIENT);
  for (int i = 0; i < 3; i++) {
    const cJSON *text = cJSON_GetObjectItem(value, i == 0   ? "area"
                                                   : i == 1 ? "period"
                                                            : "breakdown");
    sqlite3_bind_text(statement, 2 + i, cJSON_IsString(text) ? text->valuestring : "", -1,
                      SQLITE_TRANSIENT);
  }
  int found = sqlite3_step(statement) == SQLITE_ROW;
  for (int i = 0; i < 4; i++) {
    if (i > 0 && i < 3 && !cJSON_GetObjectItem(value, keys[i])) continue;
    cJSON *item = found    ? disclosure_column(statement, i)
                  : i == 3 ? cJSON_CreateNull()
                           : cJSON_CreateString("x");
    if (cJSON_GetObjectItem(value, keys[i]))
      cJSON_ReplaceItemInObject(value, keys[i], item);
    else
      cJSON_AddItemToObject(value, keys[i], item);
  }
  sqlite3_reset(statement);
}

int sl_disclosure_apply(sl_store *store, cJSON *results, sl_error *error) {
  if (sl_disclosure_publish(store, error)) return -1;
  sqlite3_stmt *statement;
  if (sqlite3_prepare_v2(sl_store_db(store),
                         "SELECT value, numerator, denominator, synthetic FROM indicator_published "
                         "WHERE indicator = ?1 AND area = ?2 AND period = ?3 AND breakdown = ?4",
                         -1, &statement, NULL) != SQLITE_OK)
    return disclosure_sql_error(store, error);
  const cJSON *indicator;
  cJSON_ArrayForEach(indicator, results) {
    const char *id = cJSON_GetObjectItem(indicator, "id")->valuestring;
    cJSON *value;
    cJSON_ArrayForEach(value, cJSON_GetObjectItem(indicator, "values")) {
      disclosure_apply_value(statement, id, value);
    }
  }
  sqlite3_finalize(statement);
  return 0;
}

/* ---- synthetic records ---- */

static const char DISCLOSURE_SYNTHETIC_FORMAT[] =
    "SYNTHETIC DATA: the figures counted from case records of %s are made up (the imported case "
    "file says it is synthetic). They describe no real child and are not the council's figures.";

int sl_disclosure_synthetic_areas(sl_store *store, char *text, size_t size, sl_error *error) {
  sqlite3_stmt *statement = sl_store_prepare(
      store,
      "SELECT group_concat(area, ', ') FROM (SELECT area FROM case_import WHERE synthetic = 1 "
      "ORDER BY area)",
      "", error);
  if (!statement) return -1;
  int status = sqlite3_step(statement);
  const unsigned char *areas = status == SQLITE_ROW ? sqlite3_column_text(statement, 0) : NULL;
  snprintf(text, size, "%s", areas ? (const char *)areas : "");
  sqlite3_reset(statement);
  if (status != SQLITE_ROW) return disclosure_sql_error(store, error);
  return text[0] ? 1 : 0;
}

int sl_disclosure_synthetic_warning(sl_store *store, char *text, size_t size, sl_error *error) {
  char areas[2048];
  int found = sl_disclosure_synthetic_areas(store, areas, sizeof areas, error);
  if (found > 0)
    snprintf(text, size, DISCLOSURE_SYNTHETIC_FORMAT, areas);
  else if (size > 0)
    text[0] = '\0';
  return found;
}
