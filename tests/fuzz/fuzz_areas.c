/*
 * fuzz_areas.c: each real area plugin, loaded in this process through the
 * real host (sl_host_load) into an in-memory store, with one of its
 * documents replaced by the input. The input's first line names the
 * document ("walsall/app-supporting-document-2022-10.txt"); the rest is
 * its new content. The plugins' own parsing, the shared parsers and the
 * host's validation all see hostile text this way.
 *
 * The plugins are the built ones (SENDLENS_PLUGIN_BUILD_DIR); their other
 * documents are copied once into a temporary folder, and the replaced one is
 * put back after each run so every input meets the same set.
 */
#include <sys/stat.h>
#include <unistd.h>

#include "fuzz.h"
#include "host.h"
#include "plugin_loader.h"
#include "store.h"
#include "themes.h"

typedef struct fuzz_target {
  const char *plugin;
  const char *document;
} fuzz_target;

static const fuzz_target TARGETS[] = {
    {"staffordshire", "revisit-letter-2022-02-23.txt"},
    {"staffordshire", "app-2022-04-01.txt"},
    {"staffordshire", "committee-minutes-2022.txt"},
    {"walsall", "app-supporting-document-2022-10.txt"},
    {"worcestershire", "app-2022-2023.txt"},
};
enum { TARGET_COUNT = sizeof TARGETS / sizeof TARGETS[0] };

typedef struct fuzz_area {
  sl_plugin_entry entry;
  char *original; /* the real document, put back after each run */
  size_t original_size;
  char path[512]; /* the document in the temporary plugin folder */
} fuzz_area;

static fuzz_area areas[TARGET_COUNT];
static sl_store *store;
static char plugin_dir[] = "/tmp/sendlens-fuzz-areas-XXXXXX";

static void fuzz_die(const char *what, const char *detail) {
  fprintf(stderr, "fuzz_areas: %s: %s\n", what, detail);
  abort();
}

/* Copy a plugin's real document into the temporary plugin folder. */
static void fuzz_area_setup(fuzz_area *area, const fuzz_target *target) {
  char path[512];
  sl_error error;
  snprintf(path, sizeof path, "%s/%s.so", SENDLENS_PLUGIN_BUILD_DIR, target->plugin);
  if (sl_plugin_open(path, &area->entry) || sl_plugin_open_here(&area->entry, &error))
    fuzz_die(path, area->entry.refusal ? area->entry.refusal : error.message);
  snprintf(path, sizeof path, "%s/%s/sources/%s", SENDLENS_PLUGIN_BUILD_DIR, target->plugin,
           target->document);
  if (!(area->original = sl_read_file(path, &area->original_size, &error)))
    fuzz_die(path, error.message);
  snprintf(area->path, sizeof area->path, "%s/%s", plugin_dir, target->plugin);
  mkdir(area->path, 0700);
  snprintf(area->path, sizeof area->path, "%s/%s/sources", plugin_dir, target->plugin);
  mkdir(area->path, 0700);
  snprintf(area->path, sizeof area->path, "%s/%s/sources/%s", plugin_dir, target->plugin,
           target->document);
  if (fuzz_write_file(area->path, area->original, area->original_size))
    fuzz_die(area->path, "cannot write");
}

/* At exit: the temporary plugin folder, file by file (no recursion needed:
 * its shape is known). */
static void fuzz_areas_cleanup(void) {
  char path[512];
  for (int i = 0; i < TARGET_COUNT; i++)
    remove(areas[i].path);
  for (int i = 0; i < TARGET_COUNT; i++) {
    snprintf(path, sizeof path, "%s/%s/sources", plugin_dir, TARGETS[i].plugin);
    rmdir(path);
    snprintf(path, sizeof path, "%s/%s", plugin_dir, TARGETS[i].plugin);
    rmdir(path);
  }
  rmdir(plugin_dir);
}

static void fuzz_areas_setup(void) {
  sl_error error;
  if (!mkdtemp(plugin_dir)) fuzz_die(plugin_dir, "cannot create");
  atexit(fuzz_areas_cleanup);
  if (!(store = sl_store_open(":memory:", &error))) fuzz_die("store", error.message);
  for (int i = 0; i < TARGET_COUNT; i++)
    fuzz_area_setup(&areas[i], &TARGETS[i]);
}

/* The target the input's first line names, or -1. */
static int fuzz_pick(const uint8_t *data, size_t size, size_t *header) {
  const uint8_t *newline = memchr(data, '\n', size);
  if (!newline) return -1;
  size_t length = (size_t)(newline - data);
  *header = length + 1;
  for (int i = 0; i < TARGET_COUNT; i++) {
    size_t plugin = strlen(TARGETS[i].plugin), document = strlen(TARGETS[i].document);
    if (length == plugin + 1 + document && memcmp(data, TARGETS[i].plugin, plugin) == 0 &&
        data[plugin] == '/' && memcmp(data + plugin + 1, TARGETS[i].document, document) == 0)
      return i;
  }
  return -1;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  size_t header = 0;
  sl_error error;
  if (!store) fuzz_areas_setup();
  int pick = fuzz_pick(data, size, &header);
  if (pick < 0) return 0;
  fuzz_area *area = &areas[pick];
  if (fuzz_write_file(area->path, data + header, size - header)) fuzz_die(area->path, "write");
  sl_load_counts counts;
  int result = sl_host_load(area->entry.descriptor, plugin_dir, store, NULL, NULL, &counts, &error);
  if (result != 0) FUZZ_ASSERT(error.message[0]);
  if (getenv("SENDLENS_FUZZ_VERBOSE"))
    fprintf(stderr, "fuzz_areas: %s: %s\n", TARGETS[pick].document,
            result ? error.message : "loaded");
  FUZZ_ASSERT(sqlite3_get_autocommit(sl_store_db(store)));
  if (fuzz_write_file(area->path, area->original, area->original_size))
    fuzz_die(area->path, "write");
  return 0;
}
