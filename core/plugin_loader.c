/*
 * plugin_loader.c: finding plugins and reading their descriptors. Each
 * .so is opened in a confined child (core/host_sandbox.h), which sends its
 * descriptor's fields back over a pipe in the wire format of host_child.h;
 * sendlens keeps copies. A plugin that cannot be used is refused with one
 * line naming the reason: both ABI numbers for a wrong ABI, so the
 * plugin's author knows which header to rebuild against; what became of the
 * child when its constructor crashed, exited or ran too long.
 */
#include "plugin_loader.h"

#include "buffer.h"
#include "utf8.h"

#include <dirent.h>
#include <dlfcn.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "host_child.h"
#include "host_sandbox.h"

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

static void loader_free_copy(sl_plugin_entry *entry) {
  if (!entry->copy) return;
  free((char *)entry->copy->name);
  free((char *)entry->copy->area_code);
  free((char *)entry->copy->area_name);
  free((char *)entry->copy->version);
  free(entry->copy);
  entry->copy = NULL;
}

static int loader_refuse(sl_plugin_entry *entry, char *reason) {
  entry->refusal = reason ? reason : strdup("out of memory");
  entry->descriptor = NULL;
  loader_free_copy(entry);
  return -1;
}

/* ---- the child: open the object, send its descriptor ---- */

/* A write that fails means the parent has gone: no one is left to tell. */
static void loader_send(int fd, sl_wire_out *out) {
  if (!out->failed) (void)sl_buffer_write_all(fd, out->bytes, out->length);
  free(out->bytes);
}

/* The plugin's constructors run here, confined; so does dlsym. */
static void loader_probe_child(const char *path, int fd) {
  sl_wire_out out = {0};
  dlerror();
  void *handle = dlopen(path, RTLD_NOW | RTLD_LOCAL);
  const sl_plugin *plugin = handle ? dlsym(handle, SL_PLUGIN_SYMBOL) : NULL;
  char reason[600];
  if (!handle) {
    const char *why = dlerror();
    snprintf(reason, sizeof reason, "not a loadable shared object (%s)",
             why ? why : "unknown error");
    sl_wire_put_text(&out, SL_WIRE_FAIL, reason);
  } else if (!plugin) {
    snprintf(reason, sizeof reason, "no '%s' symbol: not a sendlens plugin", SL_PLUGIN_SYMBOL);
    sl_wire_put_text(&out, SL_WIRE_FAIL, reason);
  } else {
    sl_wire_put_descriptor(&out, plugin);
  }
  loader_send(fd, &out);
  _exit(0);
}

/* ---- the parent: read it, check it, copy it ---- */

/* The descriptor's required text fields, by name, for the refusal line. */
static const char *loader_empty_field(const sl_plugin *plugin, int has_load) {
  if (!plugin->name || !*plugin->name) return "name";
  if (!plugin->area_code || !*plugin->area_code) return "area_code";
  if (!plugin->area_name || !*plugin->area_name) return "area_name";
  if (!plugin->version || !*plugin->version) return "version";
  if (!has_load) return "load";
  return NULL;
}

/* A descriptor's text is shown by `plugins` and stored with the area. */
static const char *loader_bad_field(const sl_plugin *plugin, char *why, size_t size) {
  const char *names[] = {"name", "area_code", "area_name", "version"};
  const char *values[] = {plugin->name, plugin->area_code, plugin->area_name, plugin->version};
  for (int i = 0; i < 4; i++)
    if (sl_utf8_text_problem(values[i], SL_PLUGIN_DESCRIPTOR_TEXT_MAX, why, size)) return names[i];
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

static int loader_check(sl_plugin_entry *entry, const sl_wire_message *message) {
  const sl_plugin *plugin = &message->descriptor;
  char why[200];
  if (plugin->abi_version < SL_PLUGIN_ABI_OLDEST || plugin->abi_version > SL_PLUGIN_ABI_VERSION)
    return loader_refuse(
        entry, loader_format("built for plugin ABI %d, this sendlens loads ABI %d to %d",
                             plugin->abi_version, SL_PLUGIN_ABI_OLDEST, SL_PLUGIN_ABI_VERSION));
  const char *field = loader_empty_field(plugin, message->has_load);
  if (field) return loader_refuse(entry, loader_format("descriptor field '%s' is empty", field));
  if ((field = loader_bad_field(plugin, why, sizeof why)))
    return loader_refuse(entry, loader_format("descriptor field '%s': %s", field, why));
  if (!loader_name_matches(entry->path, plugin->name))
    return loader_refuse(
        entry, loader_format("descriptor name '%s' does not match the file name", plugin->name));
  sl_plugin *copy = calloc(1, sizeof *copy);
  if (!(entry->copy = copy)) return loader_refuse(entry, NULL);
  *copy = (sl_plugin){plugin->abi_version,       strdup(plugin->name),    strdup(plugin->area_code),
                      strdup(plugin->area_name), strdup(plugin->version), NULL};
  if (!copy->name || !copy->area_code || !copy->area_name || !copy->version)
    return loader_refuse(entry, NULL);
  entry->descriptor = copy;
  return 0;
}

/* Read the child's one message; a child that sends none is explained. */
static int loader_probe_read(sl_plugin_entry *entry, sl_wire_in *in) {
  sl_wire_message message;
  int rc = sl_wire_read(in, &message);
  sl_sandbox_kill(in->child);
  int status = 0;
  while (waitpid(in->child, &status, 0) < 0 && errno == EINTR)
    continue;
  if (rc == 0 && message.type == SL_WIRE_DESCRIPTOR) return loader_check(entry, &message);
  if (rc == 0 && message.type == SL_WIRE_FAIL)
    return loader_refuse(entry, loader_format("%s", message.text ? message.text : "refused"));
  char why[300];
  if (rc == 0)
    snprintf(why, sizeof why, "sent a message of unknown type %d", (int)message.type);
  else
    sl_wire_child_end(in, status, why, sizeof why);
  return loader_refuse(entry, loader_format("while its descriptor was read: %s", why));
}

/* A descriptor being read: the child and its pipe. The
 * files of a search are all started before any is read, so their
 * children run side by side. */
typedef struct loader_probe {
  pid_t child;
  int fd;
} loader_probe;

static void loader_probe_start(sl_plugin_entry *entry, loader_probe *probe) {
  sl_error error;
  sl_sandbox sandbox = {entry->path, NULL};
  int write_fd = -1;
  probe->fd = -1;
  probe->child = entry->refusal ? -1 : sl_sandbox_fork(&sandbox, &probe->fd, &write_fd, &error);
  if (probe->child == 0) loader_probe_child(entry->path, write_fd);
  if (probe->child < 0 && !entry->refusal) loader_refuse(entry, loader_format("%s", error.message));
}

static int loader_probe_finish(sl_plugin_entry *entry, const loader_probe *probe) {
  if (probe->child <= 0) return -1; /* refused before it started */
  sl_host_options options = sl_host_default_options();
  options.seconds = SL_PLUGIN_PROBE_SECONDS;
  sl_wire_in in = {.fd = probe->fd, .child = probe->child, .options = &options};
  /* Timed from now: the children ran side by side, and one that finished
   * long ago while an earlier file's constructor looped is not late. */
  clock_gettime(CLOCK_MONOTONIC, &in.started);
  int rc = -1;
  if (!(in.arena = sl_arena_new())) {
    sl_sandbox_kill(probe->child);
    waitpid(probe->child, NULL, 0);
    loader_refuse(entry, NULL);
  } else {
    rc = loader_probe_read(entry, &in);
    sl_arena_free(in.arena);
  }
  close(probe->fd);
  sl_wire_in_done(&in);
  return rc;
}

/* The entry of path, not yet read. */
static int loader_entry_init(sl_plugin_entry *entry, const char *path) {
  memset(entry, 0, sizeof *entry);
  entry->path = strdup(path);
  const char *slash = strrchr(path, '/');
  entry->dir = slash ? strndup(path, (size_t)(slash - path)) : strdup(".");
  if (!entry->path || !entry->dir) return loader_refuse(entry, NULL);
  return 0;
}

int sl_plugin_open(const char *path, sl_plugin_entry *entry) {
  loader_probe probe;
  loader_entry_init(entry, path);
  loader_probe_start(entry, &probe);
  return loader_probe_finish(entry, &probe);
}

int sl_plugin_open_here(sl_plugin_entry *entry, sl_error *error) {
  if (entry->handle) return 0;
  if (!entry->descriptor) return sl_error_set(error, "%s: refused", entry->path);
  dlerror();
  void *handle = dlopen(entry->path, RTLD_NOW | RTLD_LOCAL);
  const sl_plugin *plugin = handle ? dlsym(handle, SL_PLUGIN_SYMBOL) : NULL;
  const sl_plugin *copy = entry->copy;
  if (!handle) {
    const char *why = dlerror();
    return sl_error_set(error, "%s: not a loadable shared object (%s)", entry->path,
                        why ? why : "unknown error");
  }
  if (!plugin || !plugin->load || plugin->abi_version != copy->abi_version || !plugin->name ||
      strcmp(plugin->name, copy->name) != 0 || !plugin->area_code ||
      strcmp(plugin->area_code, copy->area_code) != 0) {
    dlclose(handle);
    return sl_error_set(error, "%s: its descriptor is not the one it gave when it was read",
                        entry->path);
  }
  entry->handle = handle;
  entry->descriptor = plugin;
  return 0;
}

void sl_plugin_close(sl_plugin_entry *entry) {
  if (entry->handle) dlclose(entry->handle);
  loader_free_copy(entry);
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
static const sl_plugin_entry *loader_earlier(const sl_plugin_set *set, size_t before,
                                             const char *name) {
  for (size_t i = 0; i < before; i++) {
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
  loader_entry_init(&set->entries[set->count++], path);
  return 0;
}

/* Read every entry's descriptor, the children side by side; then mark the
 * shadowed ones, in search order. */
static int loader_read_all(sl_plugin_set *set, sl_error *error) {
  loader_probe *probes = calloc(set->count ? set->count : 1, sizeof *probes);
  if (!probes) return sl_error_set(error, "out of memory");
  for (size_t i = 0; i < set->count; i++)
    loader_probe_start(&set->entries[i], &probes[i]);
  for (size_t i = 0; i < set->count; i++)
    loader_probe_finish(&set->entries[i], &probes[i]);
  free(probes);
  for (size_t i = 0; i < set->count; i++) {
    sl_plugin_entry *entry = &set->entries[i];
    if (!entry->descriptor) continue;
    const sl_plugin_entry *earlier = loader_earlier(set, i, entry->descriptor->name);
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
  if (loader_read_all(set, error)) {
    sl_plugin_set_free(set);
    return -1;
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
