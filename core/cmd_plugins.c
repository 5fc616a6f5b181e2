/*
 * cmd_plugins.c: `sendlens plugins`, the plugins found on the search path
 * and whether each can be used, with the reason when not, or which plugin
 * of the same name, found earlier, is used instead.
 */
#include <cjson/cJSON.h>
#include <stdlib.h>

#include "buffer.h"
#include "cli.h"
#include "table.h"

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

/* The status column: "ok (PATH)", "shadowed (PATH) by PATH" or
 * "refused: PATH: why". */
static void plugins_status_text(const sl_plugin_entry *entry, sl_buffer *text) {
  if (entry->descriptor && entry->shadowed_by)
    sl_buffer_printf(text, "shadowed (%s) by %s", entry->path, entry->shadowed_by);
  else if (entry->descriptor)
    sl_buffer_printf(text, "ok (%s)", entry->path);
  else
    sl_buffer_printf(text, "refused: %s: %s", entry->path, entry->refusal);
}

/* The table: names, codes and versions never wrap; the status with its
 * path does. 0 out of memory. */
static int plugins_print(const sl_plugin_set *set) {
  static const char *const heading[] = {"NAME", "AREA", "AREA NAME", "VERSION", "ABI", "STATUS"};
  static const sl_table_kind kinds[] = {SL_TABLE_CODE, SL_TABLE_CODE, SL_TABLE_WORDS,
                                        SL_TABLE_CODE, SL_TABLE_CODE, SL_TABLE_TEXT};
  sl_table *table = sl_table_new(6, heading);
  int ok = table != NULL;
  for (int c = 0; ok && c < 6; c++)
    sl_table_set_kind(table, c, kinds[c]);
  for (size_t i = 0; ok && i < set->count; i++) {
    const sl_plugin_entry *entry = &set->entries[i];
    const sl_plugin *plugin = entry->descriptor;
    char abi[16] = "-";
    if (plugin) snprintf(abi, sizeof abi, "%d", plugin->abi_version);
    sl_buffer status = {0};
    plugins_status_text(entry, &status);
    const char *cells[] = {plugin ? plugin->name : "-",
                           plugin ? plugin->area_code : "-",
                           plugin ? plugin->area_name : "-",
                           plugin ? plugin->version : "-",
                           abi,
                           status.data ? status.data : ""};
    ok = status.data && sl_table_add(table, cells);
    free(status.data);
  }
  if (ok) sl_table_print(table, stdout, sl_table_width(stdout), sl_table_colour(stdout));
  sl_table_free(table);
  return ok;
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
  else if (!plugins_print(&set))
    status = sl_cli_fail("plugins: out of memory");
  sl_plugin_set_free(&set);
done:
  sl_cli_options_free(&options);
  return status;
}
