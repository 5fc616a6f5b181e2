/*
 * fuzz_manifest.c: the input as a plugin's sources/sources.json, read by
 * sl_source_manifest_load into an in-memory store, inside a transaction
 * rolled back after each input. A refusal is fine if it is one clean line;
 * what is stored must hold only http(s) addresses of core/url.c's shape
 * and documents that are in sources/. A crash is a finding.
 */
#include <sys/stat.h>
#include <unistd.h>

#include "fuzz.h"
#include "source_manifest.h"
#include "store.h"
#include "url.h"

static sl_store *store;
static char sources_dir[] = "/tmp/sendlens-fuzz-manifest-XXXXXX";
static char manifest_path[sizeof sources_dir + 32];
static char document_path[sizeof sources_dir + 32];

static void fuzz_manifest_cleanup(void) {
  remove(manifest_path);
  remove(document_path);
  rmdir(sources_dir);
}

/* Once per process: the store with one area, and a sources folder holding
 * one document, plan.txt (the name the seeds describe). */
static void fuzz_manifest_setup(void) {
  sl_error error;
  if (!mkdtemp(sources_dir)) abort();
  atexit(fuzz_manifest_cleanup);
  snprintf(manifest_path, sizeof manifest_path, "%s/" SL_SOURCE_MANIFEST, sources_dir);
  snprintf(document_path, sizeof document_path, "%s/plan.txt", sources_dir);
  if (fuzz_write_file(document_path, (const uint8_t *)"a plan\n", 7)) abort();
  if (!(store = sl_store_open(":memory:", &error)) ||
      sl_store_run(store,
                   "INSERT INTO area(code, name, plugin, plugin_version) "
                   "VALUES('E99999999', 'Fuzzshire', 'fuzz', '0')",
                   "", &error)) {
    fprintf(stderr, "fuzz_manifest: %s\n", error.message);
    abort();
  }
}

static void fuzz_manifest_stored(void) {
  sl_error error;
  char why[128];
  sqlite3_stmt *rows = sl_store_prepare(store, "SELECT name, url FROM source_document", "", &error);
  FUZZ_ASSERT(rows);
  while (sqlite3_step(rows) == SQLITE_ROW) {
    const char *name = (const char *)sqlite3_column_text(rows, 0);
    const char *url = (const char *)sqlite3_column_text(rows, 1);
    FUZZ_ASSERT(name && strcmp(name, "plan.txt") == 0);
    FUZZ_ASSERT(!url || sl_url_problem(url, why, sizeof why) == 0);
  }
}

/* Whether the input holds text anywhere (it may hold NUL bytes). */
static int fuzz_manifest_names(const uint8_t *data, size_t size, const char *text) {
  size_t length = strlen(text);
  for (size_t i = 0; length <= size && i <= size - length; i++)
    if (memcmp(data + i, text, length) == 0) return 1;
  return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  sl_error error = {{0}};
  if (!store) fuzz_manifest_setup();
  if (fuzz_write_file(manifest_path, data, size)) abort();
  if (sl_store_begin(store, &error)) abort();
  if (sl_source_manifest_load(store, "E99999999", sources_dir, &error) != 0) {
    FUZZ_ASSERT(error.message[0] && !strchr(error.message, '\n'));
    /* The folder is never named by the host; the input may name it
     * itself (a document called after it), and the message may quote it. */
    FUZZ_ASSERT(!strstr(error.message, sources_dir) ||
                fuzz_manifest_names(data, size, sources_dir));
  } else {
    fuzz_manifest_stored();
  }
  sl_store_rollback(store);
  FUZZ_ASSERT(sqlite3_get_autocommit(sl_store_db(store)));
  return 0;
}
