/*
 * fuzz_statistics.c: the input as an official statistics file
 * (core/statistics_file.c) read into a store in memory, with one mapping
 * (indicator "v" from columns v, n and d, total f = "All"). Whatever the
 * bytes: an error names the file first; a file read leaves only what the
 * store's contract allows: as many rows as reported, cells that are valid
 * JSON arrays, figures that are a number or a symbol or neither, never
 * both, and each figure's row among the rows stored.
 */
#include "fuzz.h"
#include "statistics_internal.h"

static sl_store *fuzz_store(void) {
  static sl_store *store;
  sl_error error;
  if (!store) store = sl_store_open(":memory:", &error);
  FUZZ_ASSERT(store);
  return store;
}

static const sl_stat_mappings *fuzz_mappings(void) {
  static const char *columns[] = {"f"}, *values[] = {"All"};
  static const sl_stat_mapping mapping = {.id = "v",
                                          .title = "v",
                                          .direction = "up",
                                          .value = "v",
                                          .numerator = "n",
                                          .denominator = "d",
                                          .total_columns = columns,
                                          .total_values = values,
                                          .total_count = 1,
                                          .where = "fuzz.lua:1"};
  static const sl_stat_mapping *items[] = {&mapping};
  static const sl_stat_mappings mappings = {NULL, items, 1};
  return &mappings;
}

static int64_t fuzz_count(sl_store *store, const char *sql) {
  sl_error error;
  sqlite3_stmt *statement = sl_store_prepare(store, sql, "", &error);
  FUZZ_ASSERT(statement && sqlite3_step(statement) == SQLITE_ROW);
  int64_t count = sqlite3_column_int64(statement, 0);
  sqlite3_reset(statement);
  return count;
}

static void fuzz_contract_holds(sl_store *store, const sl_stat_file_report *report) {
  FUZZ_ASSERT(fuzz_count(store, "SELECT count(*) FROM stat_row") == report->rows);
  FUZZ_ASSERT(fuzz_count(store, "SELECT count(*) FROM statistic") == (int64_t)report->figures);
  FUZZ_ASSERT(fuzz_count(store, "SELECT count(*) FROM stat_row WHERE json_valid(cells) = 0 OR "
                                "json_type(cells) != 'array'") == 0);
  FUZZ_ASSERT(fuzz_count(store, "SELECT count(*) FROM statistic WHERE value IS NOT NULL AND "
                                "value_symbol IS NOT NULL") == 0);
  FUZZ_ASSERT(fuzz_count(store, "SELECT count(*) FROM statistic WHERE row NOT IN "
                                "(SELECT id FROM stat_row)") == 0);
  FUZZ_ASSERT(fuzz_count(store, "SELECT count(*) FROM statistic WHERE period_start > "
                                "period_end") == 0);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  sl_store *store = fuzz_store();
  sl_error error;
  sl_stat_import_options options = {.mappings = fuzz_mappings()};
  stat_import import = {.store = store, .options = &options, .error = &error};
  snprintf(import.imported_at, sizeof import.imported_at, "2026-01-01T00:00:00Z");
  FUZZ_ASSERT(sl_store_begin(store, &error) == 0);
  sl_csv *csv = sl_csv_open_memory("fuzz.csv", (const char *)data, size, NULL, &error);
  FUZZ_ASSERT(csv);
  crypto_generichash_state hash;
  crypto_generichash_init(&hash, NULL, 0, 32);
  sl_stat_file_report report = {0};
  int rc = stat_file_import(&import, csv, &hash, "fuzz.csv", "fuzz.csv", 0, &report);
  if (rc == 0)
    fuzz_contract_holds(store, &report);
  else
    FUZZ_ASSERT(strncmp(error.message, "fuzz.csv", 8) == 0);
  sl_csv_close(csv);
  sl_store_rollback(store);
  sl_keyset_free(&import.geographies);
  return 0;
}
