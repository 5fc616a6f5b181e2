/*
 * cmd_load.c: `sendlens load [AREA...]`, run area plugins into the store.
 * Each area is its own transaction: one that fails leaves its stored data as
 * it was, and the others still load. The exit code is 1 if any failed.
 */
#include <string.h>

#include "cli.h"
#include "host.h"
#include "mapping.h"
#include "themes.h"

static int load_one(const sl_cli *cli, sl_store *store, const sl_plugin_entry *entry) {
  sl_load_counts counts;
  sl_error error;
  const sl_plugin *plugin = entry->descriptor;
  sl_mapping_context mapping = {sl_cli_scripts_dir(cli), plugin->name, sl_lua_default_limits()};
  if (sl_host_load(plugin, entry->dir, store, sl_mapping_apply, &mapping, &counts, &error)) {
    sl_cli_fail("load: %s", error.message);
    return -1;
  }
  printf("loaded %s (%s %s): %zu records, %zu sources, %zu claims\n", plugin->name,
         plugin->area_code, plugin->area_name, counts.records, counts.sources, counts.claims);
  return 0;
}

/* A refused plugin whose file is named like the area asked for: say why. */
static const sl_plugin_entry *load_refused_named(const sl_plugin_set *set, const char *name) {
  size_t length = strlen(name);
  for (size_t i = 0; i < set->count; i++) {
    const sl_plugin_entry *entry = &set->entries[i];
    const char *base = strrchr(entry->path, '/');
    base = base ? base + 1 : entry->path;
    if (entry->refusal && strncmp(base, name, length) == 0 && strcmp(base + length, ".so") == 0)
      return entry;
  }
  return NULL;
}

static int load_named(const sl_cli *cli, sl_store *store, const sl_plugin_set *set, char **names,
                      int count) {
  int failed = 0;
  for (int i = 0; i < count; i++) {
    const sl_plugin_entry *entry = sl_plugin_find(set, names[i]);
    if (entry) {
      failed |= load_one(cli, store, entry) != 0;
      continue;
    }
    const sl_plugin_entry *refused = load_refused_named(set, names[i]);
    if (refused)
      sl_cli_fail("load: plugin %s refused: %s", refused->path, refused->refusal);
    else
      sl_cli_fail("load: no plugin for area '%s' (see 'sendlens plugins')", names[i]);
    failed = 1;
  }
  return failed;
}

static int load_all(const sl_cli *cli, sl_store *store, const sl_plugin_set *set) {
  int failed = 0, loaded = 0;
  for (size_t i = 0; i < set->count; i++) {
    const sl_plugin_entry *entry = &set->entries[i];
    if (entry->refusal) {
      sl_cli_fail("load: plugin %s refused: %s", entry->path, entry->refusal);
      failed = 1;
      continue;
    }
    failed |= load_one(cli, store, entry) != 0;
    loaded++;
  }
  if (!loaded && !failed) {
    sl_cli_fail("load: no plugins found (see 'sendlens plugins')");
    return 1;
  }
  return failed;
}

int sl_cmd_load(sl_cli *cli) {
  sl_cli_options options;
  int status = sl_cli_parse(cli, NULL, NULL, -1, &options);
  if (status != SL_EXIT_OK || options.done) goto done;
  sl_plugin_set set;
  if (sl_cli_discover(cli, &set)) {
    status = SL_EXIT_FAILURE;
    goto done;
  }
  sl_error error;
  sl_store *store = sl_cli_open_store(cli, 1);
  if (!store) {
    status = SL_EXIT_FAILURE;
  } else if (sl_themes_sync(store, sl_cli_data_dir(), &error)) {
    status = sl_cli_fail("load: %s", error.message);
  } else {
    int failed = options.positional_count
                     ? load_named(cli, store, &set, options.positional, options.positional_count)
                     : load_all(cli, store, &set);
    status = failed ? SL_EXIT_FAILURE : SL_EXIT_OK;
  }
  sl_store_close(store);
  sl_plugin_set_free(&set);
done:
  sl_cli_options_free(&options);
  return status;
}
