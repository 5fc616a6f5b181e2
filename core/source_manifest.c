/*
 * source_manifest.c: reading and checking sources/sources.json
 * (source_manifest.h). Everything in it reaches a published page and a
 * workbook, so it is checked as strictly as a plugin's records: known keys
 * only, clean UTF-8 text of bounded length, documents that exist, and
 * addresses that are http(s) (core/url.c).
 *
 *   {"documents": {"plan.txt": {"title": "...", "publisher": "...",
 *                               "url": "https://...", "licence": "..."}}}
 */
#include "source_manifest.h"

#include <cjson/cJSON.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "url.h"
#include "utf8.h"

/* A manifest is a few lines per document; this is far above any. */
enum { MANIFEST_MAX = 1 << 20, MANIFEST_TEXT_MAX = 1000 };

static const char *const MANIFEST_FIELDS[] = {"title", "publisher", "url", "licence", NULL};

/* The whole file, NUL-terminated, in *bytes (caller frees); 1 when there
 * is no manifest. */
static int manifest_read(const char *path, char **bytes, sl_error *error) {
  FILE *file = fopen(path, "rb");
  if (!file && errno == ENOENT) return 1;
  if (!file) return sl_error_set(error, SL_SOURCE_MANIFEST ": cannot read: %s", strerror(errno));
  struct stat info;
  int status = -1;
  *bytes = NULL;
  if (fstat(fileno(file), &info) != 0 || !S_ISREG(info.st_mode))
    sl_error_set(error, SL_SOURCE_MANIFEST ": not a regular file");
  else if (info.st_size > MANIFEST_MAX)
    sl_error_set(error, SL_SOURCE_MANIFEST ": too large (%lld bytes, at most %d)",
                 (long long)info.st_size, MANIFEST_MAX);
  else if (!(*bytes = malloc((size_t)info.st_size + 1)))
    sl_error_set(error, SL_SOURCE_MANIFEST ": out of memory");
  else if (fread(*bytes, 1, (size_t)info.st_size, file) != (size_t)info.st_size)
    sl_error_set(error, SL_SOURCE_MANIFEST ": cannot read: short read");
  else if (memchr(*bytes, '\0', (size_t)info.st_size))
    sl_error_set(error, SL_SOURCE_MANIFEST ": holds a NUL byte");
  else
    (*bytes)[info.st_size] = '\0', status = 0;
  fclose(file);
  if (status != 0) free(*bytes), *bytes = NULL;
  return status;
}

/* Where cJSON stopped, as line and column (1-based, columns in bytes). */
static int manifest_syntax(const char *bytes, const char *at, sl_error *error) {
  size_t line = 1, column = 1;
  for (const char *p = bytes; at && p < at && *p; p++)
    if (*p == '\n')
      line++, column = 1;
    else
      column++;
  return sl_error_set(error, SL_SOURCE_MANIFEST ": line %zu column %zu: not valid JSON", line,
                      column);
}

/* A key of sources.json may be anything: printed as the place, it is made
 * clean one-line text and cut short. */
static void manifest_key(char *out, size_t size, const char *key) {
  snprintf(out, size, "%.80s", key);
  sl_utf8_printable(out, 0);
}

static int manifest_field_known(const char *name) {
  for (const char *const *field = MANIFEST_FIELDS; *field; field++)
    if (strcmp(*field, name) == 0) return 1;
  return 0;
}

/* One field of a document's description: NULL (absent) or checked text. */
static int manifest_text(const cJSON *entry, const char *field, const char *place,
                         const char **value, sl_error *error) {
  const cJSON *item = cJSON_GetObjectItemCaseSensitive(entry, field);
  char why[128] = ""; /* read below when only a line break or tab is wrong */
  *value = NULL;
  if (!item) return 0;
  if (!cJSON_IsString(item) || !*item->valuestring)
    return sl_error_set(error, SL_SOURCE_MANIFEST ": %s.%s: must be a non-empty string", place,
                        field);
  if (sl_utf8_text_problem(item->valuestring, MANIFEST_TEXT_MAX, why, sizeof why) ||
      strchr(item->valuestring, '\n') || strchr(item->valuestring, '\t'))
    return sl_error_set(error, SL_SOURCE_MANIFEST ": %s.%s: %s", place, field,
                        *why ? why : "holds a line break or a tab");
  if (strcmp(field, "url") == 0 && sl_url_problem(item->valuestring, why, sizeof why))
    return sl_error_set(error, SL_SOURCE_MANIFEST ": %s.url: %s", place, why);
  *value = item->valuestring;
  return 0;
}

/* A document name is a plain file of sources/ (not the manifest). */
static int manifest_document(const char *sources_dir, const char *name, const char *place,
                             sl_error *error) {
  if (!*name || name[0] == '.' || strchr(name, '/') || strchr(name, '\\') ||
      strcmp(name, SL_SOURCE_MANIFEST) == 0 || sl_utf8_check(name, strlen(name)) != strlen(name))
    return sl_error_set(error, SL_SOURCE_MANIFEST ": %s: not a document name (a file in sources/)",
                        place);
  size_t length = strlen(sources_dir) + strlen(name) + 2;
  char *path = malloc(length);
  if (!path) return sl_error_set(error, SL_SOURCE_MANIFEST ": out of memory");
  snprintf(path, length, "%s/%s", sources_dir, name);
  struct stat info;
  int found = stat(path, &info) == 0 && S_ISREG(info.st_mode);
  free(path);
  return found
             ? 0
             : sl_error_set(error, SL_SOURCE_MANIFEST ": %s: no such document in sources/", place);
}

static int manifest_entry(sl_store *store, const char *area, const char *sources_dir,
                          const cJSON *entry, sl_error *error) {
  char key[96], place[128];
  manifest_key(key, sizeof key, entry->string);
  snprintf(place, sizeof place, "documents.\"%s\"", key);
  if (manifest_document(sources_dir, entry->string, place, error)) return -1;
  if (!cJSON_IsObject(entry))
    return sl_error_set(error, SL_SOURCE_MANIFEST ": %s: must be an object", place);
  const cJSON *field;
  cJSON_ArrayForEach(field, entry) {
    if (!manifest_field_known(field->string)) {
      manifest_key(key, sizeof key, field->string);
      return sl_error_set(error,
                          SL_SOURCE_MANIFEST ": %s: unknown key '%s' (title, publisher, url, "
                                             "licence)",
                          place, key);
    }
  }
  const char *values[4];
  for (int i = 0; MANIFEST_FIELDS[i]; i++)
    if (manifest_text(entry, MANIFEST_FIELDS[i], place, &values[i], error)) return -1;
  sqlite3_stmt *known =
      sl_store_prepare(store, "SELECT 1 FROM source_document WHERE area = ?1 AND name = ?2", "tt",
                       error, area, entry->string);
  if (!known) return -1;
  /* The statement is the store's cached one: reset before it is left, or
   * the next load finds it mid-step and cannot bind (fuzz_manifest). */
  int twice = sqlite3_step(known) == SQLITE_ROW;
  sqlite3_reset(known);
  if (twice) return sl_error_set(error, SL_SOURCE_MANIFEST ": %s: described twice", place);
  const char *locator = place;
  return sl_store_run(store,
                      "INSERT INTO source_document(area, name, title, publisher, url, licence, "
                      "locator) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                      "ttttttt", error, area, entry->string, values[0], values[1], values[2],
                      values[3], locator);
}

static int manifest_store(sl_store *store, const char *area, const char *sources_dir,
                          const cJSON *root, sl_error *error) {
  if (!cJSON_IsObject(root)) return sl_error_set(error, SL_SOURCE_MANIFEST ": not an object");
  const cJSON *item;
  cJSON_ArrayForEach(item, root) {
    if (strcmp(item->string, "documents") != 0) {
      char key[96];
      manifest_key(key, sizeof key, item->string);
      return sl_error_set(error, SL_SOURCE_MANIFEST ": unknown key '%s' (documents)", key);
    }
  }
  const cJSON *documents = cJSON_GetObjectItemCaseSensitive(root, "documents");
  if (!cJSON_IsObject(documents))
    return sl_error_set(error, SL_SOURCE_MANIFEST ": documents: must be an object");
  const cJSON *entry;
  cJSON_ArrayForEach(entry, documents) {
    if (manifest_entry(store, area, sources_dir, entry, error)) return -1;
  }
  return 0;
}

int sl_source_manifest_load(sl_store *store, const char *area, const char *sources_dir,
                            sl_error *error) {
  size_t length = strlen(sources_dir) + sizeof SL_SOURCE_MANIFEST + 1;
  char *path = malloc(length);
  if (!path) return sl_error_set(error, SL_SOURCE_MANIFEST ": out of memory");
  snprintf(path, length, "%s/" SL_SOURCE_MANIFEST, sources_dir);
  char *bytes = NULL;
  int status = manifest_read(path, &bytes, error);
  free(path);
  if (status != 0) return status > 0 ? 0 : -1;
  const char *end = NULL;
  cJSON *root = cJSON_ParseWithOpts(bytes, &end, 1);
  if (!root)
    status = manifest_syntax(bytes, end ? end : cJSON_GetErrorPtr(), error);
  else if (sl_utf8_check(bytes, strlen(bytes)) != strlen(bytes))
    status = sl_error_set(error, SL_SOURCE_MANIFEST ": not UTF-8");
  else
    status = manifest_store(store, area, sources_dir, root, error);
  cJSON_Delete(root);
  free(bytes);
  return status;
}
