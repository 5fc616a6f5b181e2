/*
 * cmd_plugins.c: `sendlens plugins`, the plugins found on the search path
 * and whether each can be used, with the reason when not, or which plugin
 * of the same name, found earlier, is used instead.
 */
#include <cjson/cJSON.h>

#include "cli.h"

/* ok, refused, or shadowed (a plugin of the same name in an earlier
 * folder is used instead; its path is the reason). */
static const char *plugins_status(const sl_plugin_entry *entry) {
  return entry->refusal ? "refused" : entry->shadowed_by ? "shadowed" : "ok";
}

static cJSON *plugins_json(const sl_plugin_set *set) {
  cJSON *list = cJSON_CreateArray();
  for (size_t i = 0; list && i < set->count; i++) {
    const sl_plugin_entry *entry = &set->entries[i];
    const sl_plugin *plugin = entry->descriptor;
    cJSON *item = cJSON_CreateObject();
    cJSON_AddItemToArray(list, item);
    cJSON_AddStringToObject(item, "path", entry->path);
    cJSON_AddItemToObject(item, "name",
                          plugin ? cJSON_CreateString(plugin->name) : cJSON_CreateNull());
    cJSON_AddItemToObject(item, "area_code",
                          plugin ? cJSON_CreateString(plugin->area_code) : cJSON_CreateNull());
    cJSON_AddItemToObject(item, "area_name",
                          plugin ? cJSON_CreateString(plugin->area_name) : cJSON_CreateNull());
    cJSON_AddItemToObject(item, "version",
                          plugin ? cJSON_CreateString(plugin->version) : cJSON_CreateNull());
    cJSON_AddItemToObject(item, "abi",
                          plugin ? cJSON_CreateNumber(plugin->abi_version) : cJSON_CreateNull());
    cJSON_AddStringToObject(item, "status", plugins_status(entry));
    cJSON_AddItemToObject(item, "reason",
                          entry->refusal       ? cJSON_CreateString(entry->refusal)
                          : entry->shadowed_by ? cJSON_CreateString(entry->shadowed_by)
                                               : cJSON_CreateNull());
  }
  return list;
}

static void plugins_print(const sl_plugin_set *set) {
  printf("%-16s %-10s %-16s %-8s %-3s %s\n", "NAME", "AREA", "AREA NAME", "VERSION", "ABI",
         "STATUS");
  for (size_t i = 0; i < set->count; i++) {
    const sl_plugin_entry *entry = &set->entries[i];
    const sl_plugin *plugin = entry->descriptor;
    if (plugin && entry->shadowed_by)
      printf("%-16s %-10s %-16s %-8s %-3d shadowed (%s) by %s\n", plugin->name, plugin->area_code,
             plugin->area_name, plugin->version, plugin->abi_version, entry->path,
             entry->shadowed_by);
    else if (plugin)
      printf("%-16s %-10s %-16s %-8s %-3d ok (%s)\n", plugin->name, plugin->area_code,
             plugin->area_name, plugin->version, plugin->abi_version, entry->path);
    else
      printf("%-16s %-10s %-16s %-8s %-3s refused: %s: %s\n", "-", "-", "-", "-", "-", entry->path,
             entry->refusal);
  }
}

int sl_cmd_plugins(sl_cli *cli) {
  static const char *const flags[] = {"json", NULL};
  sl_cli_options options;
  int status = sl_cli_parse(cli, flags, NULL, 0, &options);
  if (status != SL_EXIT_OK || options.done) goto done;
  sl_plugin_set set;
  if (sl_cli_discover(cli, &set)) {
    status = SL_EXIT_FAILURE;
    goto done;
  }
  if (sl_cli_flag(&options, "json"))
    status = sl_cli_print_json(plugins_json(&set));
  else
    plugins_print(&set);
  sl_plugin_set_free(&set);
done:
  sl_cli_options_free(&options);
  return status;
}
