/*
 * plugin_loader.c: dlopen, the descriptor symbol and its ABI version.
 * Refusals are one line naming the file and the reason; both ABI numbers are
 * printed so the plugin's author knows which header to rebuild against.
 */
#include "plugin_loader.h"

#include <dirent.h>
#include <dlfcn.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static char *loader_format(const char *format, ...) __attribute__((format(printf, 1, 2)));

static char *loader_format(const char *format, ...) {
  va_list args;
  va_start(args, format);
  int length = vsnprintf(NULL, 0, format, args);
  va_end(args);
  char *text = length >= 0 ? malloc((size_t)length + 1) : NULL;
  if (text) {
    va_start(args, format);
    vsnprintf(text, (size_t)length + 1, format, args);
    va_end(args);
  }
  return text;
}

static int loader_refuse(sl_plugin_entry *entry, char *reason) {
  entry->refusal = reason ? reason : strdup("out of memory");
  if (entry->handle) dlclose(entry->handle);
  entry->handle = NULL;
  entry->descriptor = NULL;
  return -1;
}

/* The descriptor's required text fields, by name, for the refusal line. */
static const char *loader_empty_field(const sl_plugin *plugin) {
  if (!plugin->name || !*plugin->name) return "name";
  if (!plugin->area_code || !*plugin->area_code) return "area_code";
  if (!plugin->area_name || !*plugin->area_name) return "area_name";
  if (!plugin->version || !*plugin->version) return "version";
  if (!plugin->load) return "load";
  return NULL;
}

/* The file's name without directory and ".so": what the descriptor's name
 * must be, since the plugin's documents live in DIR/NAME/sources/. */
static int loader_name_matches(const char *path, const char *name) {
  const char *base = strrchr(path, '/');
  base = base ? base + 1 : path;
  size_t length = strlen(base);
  return length > 3 && strlen(name) == length - 3 && strncmp(base, name, length - 3) == 0;
}

int sl_plugin_open(const char *path, sl_plugin_entry *entry) {
  memset(entry, 0, sizeof *entry);
  entry->path = strdup(path);
  const char *slash = strrchr(path, '/');
  entry->dir = slash ? strndup(path, (size_t)(slash - path)) : strdup(".");
  if (!entry->path || !entry->dir) return loader_refuse(entry, NULL);
  dlerror();
  entry->handle = dlopen(path, RTLD_NOW | RTLD_LOCAL);
  if (!entry->handle) {
    const char *reason = dlerror();
    return loader_refuse(entry, loader_format("not a loadable shared object (%s)",
                                              reason ? reason : "unknown error"));
  }
  const sl_plugin *plugin = dlsym(entry->handle, SL_PLUGIN_SYMBOL);
  if (!plugin)
    return loader_refuse(entry,
                         loader_format("no '%s' symbol: not a sendlens plugin", SL_PLUGIN_SYMBOL));
  if (plugin->abi_version < SL_PLUGIN_ABI_OLDEST || plugin->abi_version > SL_PLUGIN_ABI_VERSION)
    return loader_refuse(
        entry, loader_format("built for plugin ABI %d, this sendlens loads ABI %d to %d",
                             plugin->abi_version, SL_PLUGIN_ABI_OLDEST, SL_PLUGIN_ABI_VERSION));
  const char *empty = loader_empty_field(plugin);
  if (empty) return loader_refuse(entry, loader_format("descriptor field '%s' is empty", empty));
  if (!loader_name_matches(path, plugin->name))
    return loader_refuse(
        entry, loader_format("descriptor name '%s' does not match the file name", plugin->name));
  entry->descriptor = plugin;
  return 0;
}

void sl_plugin_close(sl_plugin_entry *entry) {
  if (entry->handle) dlclose(entry->handle);
  free(entry->path);
  free(entry->dir);
  free(entry->refusal);
  free(entry->shadowed_by);
  memset(entry, 0, sizeof *entry);
}

static int loader_compare_names(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The *.so files of dir, sorted so the order is the same on every run. */
static char **loader_list_dir(const char *dir, size_t *count) {
  *count = 0;
  DIR *handle = opendir(dir);
  if (!handle) return NULL;
  char **names = NULL;
  size_t capacity = 0;
  struct dirent *item;
  while ((item = readdir(handle))) {
    size_t length = strlen(item->d_name);
    if (length < 4 || strcmp(item->d_name + length - 3, ".so") != 0) continue;
    if (*count == capacity) {
      capacity = capacity ? capacity * 2 : 8;
      char **grown = realloc(names, capacity * sizeof *names);
      if (!grown) break;
      names = grown;
    }
    if (!(names[*count] = strdup(item->d_name))) break;
    (*count)++;
  }
  closedir(handle);
  if (names) qsort(names, *count, sizeof *names, loader_compare_names);
  return names;
}

/* A plugin of the same name found earlier wins; later ones are shadowed:
 * the search order resolves the name, so two copies are not an error. */
static const sl_plugin_entry *loader_earlier(const sl_plugin_set *set, const char *name) {
  for (size_t i = 0; i + 1 < set->count; i++) {
    const sl_plugin_entry *entry = &set->entries[i];
    if (entry->descriptor && !entry->shadowed_by && strcmp(entry->descriptor->name, name) == 0)
      return entry;
  }
  return NULL;
}

static int loader_add(sl_plugin_set *set, const char *path, sl_error *error) {
  sl_plugin_entry *grown = realloc(set->entries, (set->count + 1) * sizeof *grown);
  if (!grown) return sl_error_set(error, "out of memory");
  set->entries = grown;
  sl_plugin_entry *entry = &set->entries[set->count++];
  if (sl_plugin_open(path, entry) == 0) {
    const sl_plugin_entry *earlier = loader_earlier(set, entry->descriptor->name);
    if (earlier && !(entry->shadowed_by = strdup(earlier->path)))
      return sl_error_set(error, "out of memory");
  }
  return 0;
}

static int loader_same_dir(const char *a, const char *b) {
  struct stat sa, sb;
  return stat(a, &sa) == 0 && stat(b, &sb) == 0 && sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

int sl_plugin_discover(const char *const *dirs, size_t dir_count, sl_plugin_set *set,
                       sl_error *error) {
  memset(set, 0, sizeof *set);
  for (size_t d = 0; d < dir_count; d++) {
    int seen = 0;
    for (size_t e = 0; e < d && !seen; e++)
      seen = loader_same_dir(dirs[d], dirs[e]);
    if (seen) continue;
    size_t count;
    char **names = loader_list_dir(dirs[d], &count);
    int failed = 0;
    for (size_t i = 0; i < count; i++) {
      char *path = loader_format("%s/%s", dirs[d], names[i]);
      if (!failed && (!path || loader_add(set, path, error))) failed = 1;
      free(path);
      free(names[i]);
    }
    free(names);
    if (failed) {
      sl_plugin_set_free(set);
      return sl_error_set(error, "out of memory");
    }
  }
  return 0;
}

void sl_plugin_set_free(sl_plugin_set *set) {
  for (size_t i = 0; i < set->count; i++)
    sl_plugin_close(&set->entries[i]);
  free(set->entries);
  memset(set, 0, sizeof *set);
}

const sl_plugin_entry *sl_plugin_find(const sl_plugin_set *set, const char *name_or_code) {
  for (size_t i = 0; i < set->count; i++) {
    const sl_plugin *plugin = set->entries[i].descriptor;
    if (plugin && !set->entries[i].shadowed_by &&
        (strcmp(plugin->name, name_or_code) == 0 || strcmp(plugin->area_code, name_or_code) == 0))
      return &set->entries[i];
  }
  return NULL;
}
