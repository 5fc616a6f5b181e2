/*
 * plugin_loader.h: finding and opening area plugins. Directories are
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
  char *path;                  /* the .so file */
  char *dir;                   /* the directory it was found in */
  void *handle;                /* dlopen handle, or NULL when refused */
  const sl_plugin *descriptor; /* NULL when refused */
  char *refusal;               /* why it cannot be used; NULL when usable */
  char *shadowed_by;           /* the earlier plugin of the same name that is used instead;
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

/* Open one file as a plugin (for check-plugin and tests). */
int sl_plugin_open(const char *path, sl_plugin_entry *entry);
void sl_plugin_close(sl_plugin_entry *entry);

#endif
