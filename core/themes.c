/*
 * themes.c: loading the theme taxonomy, and the official indicators that
 * measure each theme (theme_indicator). A theme an assignment still uses is
 * never deleted (the foreign key refuses it), so removing a theme from
 * themes.json takes effect on the next load of the areas that used it.
 */
#include "themes.h"

#include <cjson/cJSON.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

char *sl_read_file(const char *path, size_t *length, sl_error *error) {
  FILE *file = fopen(path, "rb");
  if (!file) {
    sl_error_set(error, "%s: cannot read: %s", path, strerror(errno));
    return NULL;
  }
  size_t capacity = 1 << 16, used = 0;
  char *buffer = malloc(capacity);
  size_t got;
  while (buffer && (got = fread(buffer + used, 1, capacity - used - 1, file)) > 0) {
    used += got;
    if (used + 1 == capacity) {
      char *grown = realloc(buffer, capacity * 2);
      if (!grown) {
        free(buffer);
        buffer = NULL;
        break;
      }
      buffer = grown;
      capacity *= 2;
    }
  }
  int failed = ferror(file);
  fclose(file);
  if (!buffer || failed) {
    free(buffer);
    sl_error_set(error, "%s: cannot read", path);
    return NULL;
  }
  buffer[used] = '\0';
  if (length) *length = used;
  return buffer;
}

static const char *themes_string(const cJSON *object, const char *key) {
  const cJSON *item = cJSON_GetObjectItemCaseSensitive(object, key);
  return cJSON_IsString(item) && item->valuestring[0] ? item->valuestring : NULL;
}

/* The official indicators that measure a theme ("indicators": ids of
 * scripts/statistics/), replacing the ones stored before. An id no mapping
 * declares yet is kept (a later import may bring it); an empty one is an
 * error. */
static int themes_indicators(sl_store *store, const char *path, const char *id, const cJSON *theme,
                             sl_error *error) {
  const cJSON *indicators = cJSON_GetObjectItemCaseSensitive(theme, "indicators"), *indicator;
  if (sl_store_run(store, "DELETE FROM theme_indicator WHERE theme = ?1", "t", error, id))
    return -1;
  if (!indicators) return 0;
  if (!cJSON_IsArray(indicators))
    return sl_error_set(error, "%s: theme %s: \"indicators\" is not an array", path, id);
  int index = 0;
  cJSON_ArrayForEach(indicator, indicators) {
    index++;
    if (!cJSON_IsString(indicator) || !indicator->valuestring[0])
      return sl_error_set(error, "%s: theme %s: indicator %d is not a non-empty string", path, id,
                          index);
    if (sl_store_run(store,
                     "INSERT OR IGNORE INTO theme_indicator(theme, indicator) VALUES(?1, ?2)", "tt",
                     error, id, indicator->valuestring))
      return -1;
  }
  return 0;
}

static int themes_store(sl_store *store, const char *path, const cJSON *themes, sl_error *error) {
  int index = 0;
  const cJSON *theme;
  cJSON_ArrayForEach(theme, themes) {
    const char *id = themes_string(theme, "id"), *title = themes_string(theme, "title");
    const char *description = themes_string(theme, "description");
    if (!id || !title || !description)
      return sl_error_set(error, "%s: theme %d: needs a non-empty id, title and description", path,
                          index + 1);
    if (sl_store_run(store,
                     "INSERT INTO theme(id, title, description) VALUES(?1, ?2, ?3) "
                     "ON CONFLICT(id) DO UPDATE SET title = ?2, description = ?3",
                     "ttt", error, id, title, description) ||
        themes_indicators(store, path, id, theme, error))
      return -1;
    index++;
  }
  return 0;
}

int sl_themes_sync(sl_store *store, const char *data_dir, sl_error *error) {
  char path[4096];
  snprintf(path, sizeof path, "%s/schemas/themes.json", data_dir);
  char *text = sl_read_file(path, NULL, error);
  if (!text) return -1;
  cJSON *root = cJSON_Parse(text);
  free(text);
  const cJSON *themes = cJSON_GetObjectItemCaseSensitive(root, "themes");
  int result = 0;
  if (!cJSON_IsArray(themes)) {
    result = sl_error_set(error, "%s: not JSON with a \"themes\" array", path);
  } else if (sl_store_begin(store, error) == 0) {
    result = themes_store(store, path, themes, error);
    if (result == 0) result = sl_store_commit(store, error);
    if (result) sl_store_rollback(store);
  } else {
    result = -1;
  }
  cJSON_Delete(root);
  return result;
}
