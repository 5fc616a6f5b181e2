/*
 * fuzz_json.c: the input as schemas/themes.json, read by sl_themes_sync
 * (cJSON, then the theme rows) into an in-memory store. A refusal is
 * fine; a crash, or a store left inside a transaction, is not.
 */
#include <sys/stat.h>
#include <unistd.h>

#include "fuzz.h"
#include "store.h"
#include "themes.h"

static sl_store *store;
static char data_dir[] = "/tmp/sendlens-fuzz-json-XXXXXX";
static char themes_path[sizeof data_dir + 32];

static char schemas[sizeof data_dir + 16];

/* At exit: the temporary data folder. */
static void fuzz_json_cleanup(void) {
  remove(themes_path);
  rmdir(schemas);
  rmdir(data_dir);
}

/* Once per process: the store and a data folder holding schemas/. */
static void fuzz_json_setup(void) {
  sl_error error;
  if (!mkdtemp(data_dir)) abort();
  atexit(fuzz_json_cleanup);
  snprintf(schemas, sizeof schemas, "%s/schemas", data_dir);
  snprintf(themes_path, sizeof themes_path, "%s/themes.json", schemas);
  if (mkdir(schemas, 0700) != 0) abort();
  if (!(store = sl_store_open(":memory:", &error))) {
    fprintf(stderr, "fuzz_json: %s\n", error.message);
    abort();
  }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  sl_error error;
  if (!store) fuzz_json_setup();
  if (fuzz_write_file(themes_path, data, size)) abort();
  if (sl_themes_sync(store, data_dir, &error) != 0) FUZZ_ASSERT(error.message[0]);
  FUZZ_ASSERT(sqlite3_get_autocommit(sl_store_db(store)));
  return 0;
}
