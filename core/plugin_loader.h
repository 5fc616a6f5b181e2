/*
 * plugin_loader.h: finding area plugins and reading their descriptors.
 * A descriptor is read in a confined child process (core/host_sandbox.h),
 * never by opening the plugin in sendlens itself: a constructor that
 * crashes, exits or loops is reported as that plugin's refusal. Only
 * sl_plugin_open_here (--in-process, for debugging) opens one here. Directories are
 * searched in order (each --plugins DIR, then the build's plugin folder,
 * then the installed one; never the current directory). A plugin that
 * cannot be used is kept in the list with the reason, so `plugins` can show
 * it and the others still load. A plugin of the same name as one found in
 * an earlier folder is shadowed: listed, never loaded, and no error.
 */
#ifndef SL_PLUGIN_LOADER_H
#define SL_PLUGIN_LOADER_H

#include <stddef.h>

#include "error.h"
#include "sendlens/plugin.h"

typedef struct sl_plugin_entry {
  char *path;   /* the .so file */
  char *dir;    /* the directory it was found in */
  void *handle; /* dlopen handle: only after sl_plugin_open_here */
  /* The descriptor: the copy read from the child (load NULL), or after
   * sl_plugin_open_here the object's own; NULL when refused. */
  const sl_plugin *descriptor;
  sl_plugin *copy;   /* owned, with its texts, as the child sent them */
  char *refusal;     /* why it cannot be used; NULL when usable */
  char *shadowed_by; /* the earlier plugin of the same name that is used instead;
                        NULL when this one is (a shadowed plugin is no error) */
} sl_plugin_entry;

typedef struct sl_plugin_set {
  sl_plugin_entry *entries;
  size_t count;
} sl_plugin_set;

/* Open every *.so in dirs (in order; missing directories are skipped). */
int sl_plugin_discover(const char *const *dirs, size_t dir_count, sl_plugin_set *set,
                       sl_error *error);
void sl_plugin_set_free(sl_plugin_set *set);

/* The usable plugin named name or loading area code (never a shadowed
 * one); NULL if none. */
const sl_plugin_entry *sl_plugin_find(const sl_plugin_set *set, const char *name_or_code);

/* Read one file's descriptor in a child (for check-plugin and tests): 0,
 * or -1 with entry->refusal set. */
int sl_plugin_open(const char *path, sl_plugin_entry *entry);
void sl_plugin_close(sl_plugin_entry *entry);

/* How long a descriptor may take to read: a constructor that runs longer
 * is stopped and the plugin refused. */
enum { SL_PLUGIN_PROBE_SECONDS = 10 };

/* The longest text of a descriptor field (name, area code and name,
 * version): they are shown in one line of `plugins`. */
enum { SL_PLUGIN_DESCRIPTOR_TEXT_MAX = 256 };

/* Open the plugin in this process, for --in-process and the fuzz targets:
 * its own descriptor, which must say what the child read; 0, or -1 with
 * error. */
int sl_plugin_open_here(sl_plugin_entry *entry, sl_error *error);

#endif
