/*
 * mapping.h: the Lua mapping from an area's own wording to the common
 * themes and indicator ids (scripts/mapping/). Runs inside the area's load
 * transaction, after the plugin, so a mapping error stores nothing.
 */
#ifndef SL_MAPPING_H
#define SL_MAPPING_H

#include "error.h"
#include "lua_sandbox.h"
#include "store.h"

/* Which file holds each script: the first of scripts_dirs (the bundled
 * scripts last) that has it. An area's own rules are the first of
 * DIR/mapping/areas/<plugin>.lua in the --scripts folders, then the
 * plugin's own <plugin>.lua beside its .so, then the bundled
 * mapping/areas/<plugin>.lua. */
typedef struct sl_mapping_context {
  const char *const *scripts_dirs; /* in search order, the bundled scripts last */
  int scripts_dir_count;
  const char *plugin;     /* the area's plugin name */
  const char *plugin_dir; /* the folder of the plugin's .so */
  sl_lua_limits limits;
  char area_rules[4096]; /* set by sl_mapping_apply: the area rules used, "" if none */
} sl_mapping_context;

/* An sl_host_after_load hook; context is an sl_mapping_context. */
int sl_mapping_apply(sl_store *store, const char *area_code, void *context, sl_error *error);

#endif
