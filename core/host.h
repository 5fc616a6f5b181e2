/*
 * host.h: running one plugin's load into the store. The host gives the
 * plugin its table of functions, validates every record it emits, and makes
 * the whole load one transaction: all of the area is stored, or nothing
 * changes.
 */
#ifndef SL_HOST_H
#define SL_HOST_H

#include <stddef.h>

#include "error.h"
#include "sendlens/plugin.h"
#include "store.h"

typedef struct sl_load_counts {
  size_t records; /* facts stored */
  size_t sources;
  size_t claims;
} sl_load_counts;

/* The hooks run inside the load's transaction after the plugin's records are
 * in (the Lua mapping); a non-zero return fails the load. */
typedef int (*sl_host_after_load)(sl_store *store, const char *area_code, void *context,
                                  sl_error *error);

/*
 * Run plugin (found in plugin_dir, reading plugin_dir/NAME/sources/) into
 * store, in this process. On failure error holds one line naming the plugin
 * and what went wrong, and the store is as it was.
 */
int sl_host_load(const sl_plugin *plugin, const char *plugin_dir, sl_store *store,
                 sl_host_after_load after_load, void *after_context, sl_load_counts *counts,
                 sl_error *error);

/* How a load runs. With isolate, the plugin runs in a child process whose
 * records cross back over a pipe and are validated and stored here; a
 * plugin that crashes, exits, runs past seconds or holds more than memory
 * bytes resident is stopped and reported, and stores nothing. */
typedef struct sl_host_options {
  sl_host_after_load after_load;
  void *after_context;
  int isolate;
  double seconds;
  size_t memory;
  const char *plugin_path; /* the .so the isolated child opens */
} sl_host_options;

/* Defaults: isolated, 60 seconds, 1 GiB. */
sl_host_options sl_host_default_options(void);

int sl_host_load_with(const sl_plugin *plugin, const char *plugin_dir, sl_store *store,
                      const sl_host_options *options, sl_load_counts *counts, sl_error *error);

#endif
