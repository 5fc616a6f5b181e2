/*
 * cmd_load.c: `sendlens load [AREA...]`, run area plugins into the store.
 * Each area is its own transaction: one that fails leaves its stored data as
 * it was, and the others still load. The exit code is 1 if any failed.
 * Plugins run in a child process by default (core/host_child.c), so one
 * that crashes or hangs costs only its own area; --in-process is for
 * debugging a plugin under gdb: it opens and runs the plugin in sendlens
 * itself, unconfined, says so loudly, and keeps only the time limit.
 */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "host.h"
#include "host_sandbox.h"
#include "mapping.h"
#include "paths.h"
#include "progress.h"
#include "roles.h"
#include "themes.h"

/* What every area's load shares. */
typedef struct load_run {
  const sl_cli *cli;
  sl_store *store;
  sl_host_options options; /* isolation and its limits */
} load_run;

/* What runs in the load's transaction after the plugin: the Lua mapping,
 * the organisation kinds of its roles (core/roles.c), then the area's
 * imported progress returns linked to the new plan. */
typedef struct load_after {
  sl_mapping_context mapping;
  size_t unlinked; /* return entries the new plan has no ref for */
} load_after;

static int load_after_plugin(sl_store *store, const char *area_code, void *context,
                             sl_error *error) {
  load_after *after = context;
  if (sl_mapping_apply(store, area_code, &after->mapping, error)) return -1;
  if (sl_roles_complete(store, area_code, error)) return -1;
  return sl_progress_relink(store, area_code, &after->unlinked, error);
}

/* 1 when the area's stored themes came in part from area rules (a rule
 * not of rules.lua), so a load that finds none can say so. */
static int load_had_area_rules(const load_run *run, const char *code) {
  sqlite3_stmt *statement =
      sl_store_prepare(run->store,
                       "SELECT 1 FROM theme_assignment t JOIN fact f ON f.id = t.fact "
                       "WHERE f.area = ?1 AND t.rule NOT LIKE 'rules.lua:%' LIMIT 1",
                       "t", NULL, code);
  int found = statement && sqlite3_step(statement) == SQLITE_ROW;
  if (statement) sqlite3_reset(statement);
  return found;
}

static int load_one(const load_run *run, const sl_plugin_entry *entry) {
  sl_load_counts counts;
  sl_error error;
  const sl_plugin *plugin = entry->descriptor;
  const char *scripts[SL_CLI_MAX_DIRS + 1];
  int script_count = sl_cli_scripts_dirs(run->cli, scripts, SL_CLI_MAX_DIRS + 1);
  load_after after = {
      {scripts, script_count, plugin->name, entry->dir, sl_lua_default_limits(), ""}, 0};
  int had_area_rules = load_had_area_rules(run, plugin->area_code);
  sl_host_options options = run->options;
  options.after_load = load_after_plugin;
  options.after_context = &after;
  options.plugin_path = entry->path;
  if (!options.isolate) {
    /* the set is this command's own: opening here adds its handle to the entry */
    if (sl_plugin_open_here((sl_plugin_entry *)entry, &error)) {
      sl_cli_fail("load: %s", error.message);
      return -1;
    }
    plugin = entry->descriptor;
  }
  if (sl_host_load_with(plugin, entry->dir, run->store, &options, &counts, &error)) {
    sl_cli_fail("load: %s", error.message);
    return -1;
  }
  printf("loaded %s (%s %s): %zu records, %zu sources, %zu claims\n", plugin->name,
         plugin->area_code, plugin->area_name, counts.records, counts.sources, counts.claims);
  if (had_area_rules && !after.mapping.area_rules[0])
    fprintf(stderr,
            "sendlens: load: note: %s's themes were mapped with its own rules last time, and "
            "no areas/%s.lua or %s.lua is found now (was the last load given --scripts?): "
            "the themes they gave are gone\n",
            plugin->name, plugin->name, plugin->name);
  if (after.unlinked)
    fprintf(stderr,
            "sendlens: load: %s: %zu entries of imported progress returns have no action or "
            "measure in the plan as now loaded; they are kept (see progress_returns in the "
            "export)\n",
            plugin->name, after.unlinked);
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

static int load_named(const load_run *run, const sl_plugin_set *set, char **names, int count) {
  int failed = 0;
  for (int i = 0; i < count; i++) {
    const sl_plugin_entry *entry = sl_plugin_find(set, names[i]);
    if (entry) {
      failed |= load_one(run, entry) != 0;
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

/* Nothing to load: say where this program looked, since a copied (not
 * installed) binary finds no bundled folder beside it. */
static void load_none_found(const sl_cli *cli) {
  const char *dirs[SL_CLI_MAX_DIRS + 1];
  int count = sl_cli_plugin_dirs(cli, dirs, SL_CLI_MAX_DIRS + 1);
  const char *bundled = sl_paths_plugin_dir();
  int has_bundled = count > 0 && strcmp(dirs[count - 1], bundled) == 0;
  fputs("sendlens: load: no plugins found in", stderr);
  for (int i = 0; i < count; i++)
    fprintf(stderr, "%s %s", i ? "," : "", dirs[i]);
  if (!has_bundled)
    fprintf(stderr, "%s (no bundled folder: %s)", count ? "" : " any folder", bundled);
  fputs("; see 'sendlens plugins'\n", stderr);
}

static int load_all(const load_run *run, const sl_plugin_set *set) {
  int failed = 0, loaded = 0;
  for (size_t i = 0; i < set->count; i++) {
    const sl_plugin_entry *entry = &set->entries[i];
    if (entry->refusal) {
      sl_cli_fail("load: plugin %s refused: %s", entry->path, entry->refusal);
      failed = 1;
      continue;
    }
    if (entry->shadowed_by) { /* the search order chose: a note, no failure */
      fprintf(stderr, "sendlens: load: note: %s is not loaded: %s comes first\n", entry->path,
              entry->shadowed_by);
      continue;
    }
    failed |= load_one(run, entry) != 0;
    loaded++;
  }
  if (!loaded && !failed) {
    load_none_found(run->cli);
    return 1;
  }
  return failed;
}

/* --in-process, --plugin-seconds S, --plugin-memory MIB. */
static int load_options(const sl_cli *cli, const sl_cli_options *options, sl_host_options *host) {
  *host = sl_host_default_options();
  host->isolate = !sl_cli_flag(options, "in-process");
  const char *seconds = sl_cli_value(options, "plugin-seconds");
  const char *memory = sl_cli_value(options, "plugin-memory");
  char *end;
  if (seconds) {
    host->seconds = strtod(seconds, &end);
    if (*end || !(host->seconds > 0))
      return sl_cli_usage_error(cli, "--plugin-seconds takes a positive number, not '%s'", seconds);
  }
  if (memory) {
    double mebibytes = strtod(memory, &end);
    if (*end || !(mebibytes > 0))
      return sl_cli_usage_error(cli, "--plugin-memory takes a positive number, not '%s'", memory);
    host->memory = (size_t)(mebibytes * 1024 * 1024);
  }
  return SL_EXIT_OK;
}

/* Before anything is opened: what this load's isolation lacks. */
static void load_notes(const sl_host_options *options) {
  const char *weakness = sl_sandbox_weakness();
  if (!options->isolate)
    fputs("sendlens: load: WARNING: --in-process is for debugging: plugins run inside sendlens "
          "itself, unisolated, with full access to the database and your files\n",
          stderr);
  else if (weakness)
    fprintf(stderr, "sendlens: load: note: %s\n", weakness);
}

int sl_cmd_load(sl_cli *cli) {
  static const char *const flags[] = {"in-process", NULL};
  static const char *const valued[] = {"plugin-seconds", "plugin-memory", NULL};
  sl_cli_options options;
  load_run run = {.cli = cli};
  int status = sl_cli_parse(cli, flags, valued, -1, &options);
  if (status != SL_EXIT_OK || options.done) goto done;
  if ((status = load_options(cli, &options, &run.options)) != SL_EXIT_OK) goto done;
  load_notes(&run.options);
  sl_plugin_set set;
  if (sl_cli_discover(cli, &set)) {
    status = SL_EXIT_FAILURE;
    goto done;
  }
  sl_error error;
  run.store = sl_cli_open_store(cli, 1);
  if (!run.store) {
    status = SL_EXIT_FAILURE;
  } else if (sl_themes_sync(run.store, sl_cli_data_dir(), &error)) {
    status = sl_cli_fail("load: %s", error.message);
  } else {
    int failed = options.positional_count
                     ? load_named(&run, &set, options.positional, options.positional_count)
                     : load_all(&run, &set);
    status = failed ? SL_EXIT_FAILURE : SL_EXIT_OK;
  }
  sl_store_close(run.store);
  sl_plugin_set_free(&set);
done:
  sl_cli_options_free(&options);
  return status;
}
