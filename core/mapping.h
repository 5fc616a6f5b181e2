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

typedef struct sl_mapping_context {
  const char *scripts_dir; /* holds mapping/rules.lua, engine.lua, areas/ */
  const char *plugin;      /* the area's plugin name: areas/<plugin>.lua */
  sl_lua_limits limits;
} sl_mapping_context;

/* An sl_host_after_load hook; context is an sl_mapping_context. */
int sl_mapping_apply(sl_store *store, const char *area_code, void *context, sl_error *error);

#endif
