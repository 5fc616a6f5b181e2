/*
 * statistics.c: `import-statistics`, the driver: every path given, a zip's
 * CSV members read as they are inflated (nothing unpacked to disk), all in
 * one transaction. Reading one file is statistics_file.c.
 */
#include "statistics.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <zip.h>

#include "file_kind.h"
#include "statistics_internal.h"
#include "themes.h"

/* A published row is a few hundred bytes; a row past this is a file that
 * is not what it claims (or a quote left open), refused rather than held. */
enum { STAT_MAX_ROW_BYTES = 1 << 20 };

/* Reports wait for the commit: a file is not "imported" until then. */
typedef struct stat_reports {
  sl_stat_file_report *items;
  char **strings; /* the names and documents the reports point at */
  size_t count, capacity;
} stat_reports;

static const char *stat_base_name(const char *path) {
  const char *slash = strrchr(path, '/');
  return slash ? slash + 1 : path;
}

static int stat_has_suffix(const char *name, const char *suffix) {
  size_t length = strlen(name), suffix_length = strlen(suffix);
  return length > suffix_length && strcasecmp(name + length - suffix_length, suffix) == 0;
}

static sl_stat_file_report *stat_report_add(stat_reports *reports, const char *name,
                                            const char *document) {
  if (reports->count == reports->capacity) {
    size_t capacity = reports->capacity ? reports->capacity * 2 : 16;
    sl_stat_file_report *items = realloc(reports->items, capacity * sizeof *items);
    if (items) reports->items = items;
    char **strings = realloc(reports->strings, capacity * 2 * sizeof *strings);
    if (strings) reports->strings = strings;
    if (!items || !strings) return NULL;
    reports->capacity = capacity;
  }
  char *name_copy = strdup(name), *document_copy = strdup(document);
  reports->strings[reports->count * 2] = name_copy;
  reports->strings[reports->count * 2 + 1] = document_copy;
  sl_stat_file_report *report = &reports->items[reports->count++];
  memset(report, 0, sizeof *report);
  report->name = name_copy;
  report->document = document_copy;
  return name_copy && document_copy ? report : NULL;
}

static void stat_reports_free(stat_reports *reports) {
  for (size_t i = 0; i < reports->count * 2; i++)
    free(reports->strings[i]);
  free(reports->strings);
  free(reports->items);
}

/* Import what csv reads; the report is dropped again for a skipped file. */
static int stat_import_csv(stat_import *import, stat_reports *reports, sl_csv *csv,
                           crypto_generichash_state *hash, const char *name, const char *document,
                           int skip_foreign) {
  sl_stat_file_report *report = stat_report_add(reports, name, document);
  if (!report) return sl_error_set(import->error, "out of memory");
  int rc = stat_file_import(import, csv, hash, name, document, skip_foreign, report);
  if (rc == 1) {
    reports->count--;
    free(reports->strings[reports->count * 2]);
    free(reports->strings[reports->count * 2 + 1]);
    if (import->options->note) {
      char message[1200];
      snprintf(message, sizeof message, "skipped %s: %s", document, import->error->message);
      import->options->note(import->options->context, message);
    }
    return 0;
  }
  return rc;
}

static int stat_import_path_csv(stat_import *import, stat_reports *reports, const char *path) {
  crypto_generichash_state hash;
  crypto_generichash_init(&hash, NULL, 0, 32);
  sl_csv_options options = {.max_row_bytes = STAT_MAX_ROW_BYTES,
                            .on_input = stat_file_hash_input,
                            .on_input_context = &hash};
  sl_csv *csv = sl_csv_open(path, &options, import->error);
  if (!csv) return -1;
  const char *name = stat_base_name(path);
  int rc = stat_import_csv(import, reports, csv, &hash, name, name, 0);
  sl_csv_close(csv);
  return rc;
}

/* ---- zips ---- */

typedef struct stat_member {
  zip_file_t *file;
} stat_member;

static long stat_member_read(void *context, char *buffer, size_t size) {
  stat_member *member = context;
  zip_int64_t got = zip_fread(member->file, buffer, size);
  return got < 0 ? -1 : (long)got;
}

static int stat_import_member(stat_import *import, stat_reports *reports, zip_t *zip,
                              const char *zip_path, zip_uint64_t index, const char *member_name) {
  char name[1024], document[2048];
  snprintf(name, sizeof name, "%s", stat_base_name(member_name));
  snprintf(document, sizeof document, "%s/%s", stat_base_name(zip_path), member_name);
  stat_member member = {zip_fopen_index(zip, index, 0)};
  if (!member.file)
    return sl_error_set(import->error, "%s: cannot read %s: %s", zip_path, member_name,
                        zip_strerror(zip));
  crypto_generichash_state hash;
  crypto_generichash_init(&hash, NULL, 0, 32);
  sl_csv_options options = {.max_row_bytes = STAT_MAX_ROW_BYTES,
                            .on_input = stat_file_hash_input,
                            .on_input_context = &hash};
  char reader_name[3100];
  snprintf(reader_name, sizeof reader_name, "%s/%s", zip_path, member_name);
  sl_csv *csv = sl_csv_open_stream(reader_name, stat_member_read, &member, &options, import->error);
  int rc = csv ? stat_import_csv(import, reports, csv, &hash, name, document, 1) : -1;
  if (rc && csv && strstr(import->error->message, "cannot read further"))
    sl_error_set(import->error, "%s: %s: %s", zip_path, member_name,
                 zip_file_strerror(member.file));
  sl_csv_close(csv);
  zip_fclose(member.file);
  return rc;
}

/* The guidance files a release may carry, by their base name. */
static int stat_is_guidance(const char *name) {
  return strcasecmp(stat_base_name(name), "data-guidance.txt") == 0;
}

enum { STAT_GUIDANCE_MAX = 8 << 20 };

/* A zip's data guidance, read whole (it is prose of a few dozen KiB; a
 * member claiming more is not read). */
static int stat_read_zip_guidance(stat_import *import, zip_t *zip, const char *path,
                                  zip_uint64_t index) {
  zip_stat_t info;
  if (zip_stat_index(zip, index, 0, &info) != 0 || !(info.valid & ZIP_STAT_SIZE) ||
      info.size > STAT_GUIDANCE_MAX)
    return 0;
  char *text = malloc(info.size + 1);
  zip_file_t *file = text ? zip_fopen_index(zip, index, 0) : NULL;
  zip_int64_t got = file ? zip_fread(file, text, info.size) : -1;
  if (file) zip_fclose(file);
  int rc =
      got == (zip_int64_t)info.size ? sl_stat_guidance_read(&import->guidance, text, info.size) : 0;
  free(text);
  return rc ? sl_error_set(import->error, "%s: out of memory", path) : 0;
}

static int stat_compare_names(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The zip's CSV members in name order, each read in place. */
static int stat_import_zip(stat_import *import, stat_reports *reports, const char *path) {
  int code;
  zip_t *zip = zip_open(path, ZIP_RDONLY, &code);
  if (!zip) {
    zip_error_t error;
    zip_error_init_with_code(&error, code);
    sl_error_set(import->error, "%s: not a zip file: %s", path, zip_error_strerror(&error));
    zip_error_fini(&error);
    return -1;
  }
  if (zip_name_locate(zip, "xl/workbook.xml", 0) >= 0) {
    sl_error_set(import->error,
                 "%s: this is an Excel workbook (XLSX), not a release zip; save it as CSV "
                 "UTF-8 first",
                 path);
    zip_discard(zip);
    return -1;
  }
  zip_int64_t entries = zip_get_num_entries(zip, 0);
  const char **names = calloc((size_t)entries + 1, sizeof *names);
  size_t count = 0;
  for (zip_int64_t i = 0; names && i < entries; i++) {
    const char *name = zip_get_name(zip, (zip_uint64_t)i, 0);
    if (name && stat_has_suffix(name, ".csv")) names[count++] = name;
    if (name && stat_is_guidance(name) &&
        stat_read_zip_guidance(import, zip, path, (zip_uint64_t)i)) {
      free(names);
      zip_discard(zip);
      return -1;
    }
  }
  int rc = names ? 0 : sl_error_set(import->error, "out of memory");
  qsort(names, count, sizeof *names, stat_compare_names);
  if (rc == 0 && count == 0)
    rc = sl_error_set(import->error, "%s: the zip holds no CSV file", path);
  for (size_t i = 0; rc == 0 && i < count; i++)
    rc = stat_import_member(import, reports, zip, path,
                            (zip_uint64_t)zip_name_locate(zip, names[i], 0), names[i]);
  free(names);
  zip_discard(zip);
  return rc;
}

/* A zip by its first bytes, whatever its name. */
static int stat_is_zip(const char *path) {
  FILE *file = fopen(path, "rb");
  if (!file) return 0;
  unsigned char magic[4] = {0};
  size_t got = fread(magic, 1, 4, file);
  fclose(file);
  return got == 4 && magic[0] == 'P' && magic[1] == 'K' && magic[2] == 3 && magic[3] == 4;
}

static void stat_now(char *out, size_t size) {
  time_t clock = time(NULL);
  struct tm utc;
  gmtime_r(&clock, &utc);
  strftime(out, size, "%Y-%m-%dT%H:%M:%SZ", &utc);
}

/* Whether an earlier declaration of the mappings has the same id. */
static int stat_declared_before(const sl_stat_mappings *mappings, size_t index) {
  for (size_t i = 0; i < index; i++)
    if (strcmp(mappings->items[i]->id, mappings->items[index]->id) == 0) return 1;
  return 0;
}

/* The indicators every mapping declares, the first declaration of an id
 * giving its title (a later one is an older release's columns). An
 * indicator of an earlier import whose mapping is not given now stays. */
static int stat_store_indicators(stat_import *import) {
  const sl_stat_mappings *mappings = import->options->mappings;
  for (size_t i = 0; mappings && i < mappings->count; i++) {
    const sl_stat_mapping *mapping = mappings->items[i];
    if (stat_declared_before(mappings, i)) continue;
    if (sl_store_run(
            import->store,
            "INSERT INTO stat_indicator(id, title, unit, direction, definition, mapping) "
            "VALUES(?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT(id) DO UPDATE SET "
            "title = excluded.title, unit = excluded.unit, direction = excluded.direction, "
            "definition = excluded.definition, mapping = excluded.mapping",
            "tttttt", import->error, mapping->id, mapping->title, mapping->unit, mapping->direction,
            mapping->definition, mapping->where))
      return -1;
  }
  return 0;
}

static int stat_import_all(stat_import *import, stat_reports *reports, const char *const *paths,
                           size_t count) {
  if (stat_store_indicators(import)) return -1;
  /* A guidance given as a file speaks for the files given with it. */
  for (size_t i = 0; i < count; i++) {
    if (!stat_has_suffix(paths[i], ".txt")) continue;
    size_t length;
    char *text = sl_read_file(paths[i], &length, import->error);
    int rc = text ? sl_stat_guidance_read(&import->guidance, text, length) : -1;
    free(text);
    if (rc) return text ? sl_error_set(import->error, "%s: out of memory", paths[i]) : -1;
  }
  for (size_t i = 0; i < count; i++) {
    if (stat_has_suffix(paths[i], ".txt")) continue;
    int rc = stat_is_zip(paths[i]) ? stat_import_zip(import, reports, paths[i])
                                   : stat_import_path_csv(import, reports, paths[i]);
    if (rc) return -1;
  }
  return 0;
}

int sl_statistics_import(sl_store *store, const char *const *paths, size_t count,
                         const sl_stat_import_options *options, sl_error *error) {
  stat_import import = {.store = store, .options = options, .error = error};
  stat_now(import.imported_at, sizeof import.imported_at);
  stat_reports reports = {0};
  if (sodium_init() < 0) return sl_error_set(error, "cannot initialise libsodium");
  int rc = sl_store_begin(store, error);
  if (rc == 0) rc = stat_import_all(&import, &reports, paths, count);
  if (rc == 0) rc = sl_store_commit(store, error);
  if (rc) sl_store_rollback(store);
  for (size_t i = 0; rc == 0 && options->report && i < reports.count; i++)
    options->report(options->context, &reports.items[i]);
  sl_keyset_free(&import.geographies);
  sl_stat_guidance_free(&import.guidance);
  stat_reports_free(&reports);
  return rc;
}
