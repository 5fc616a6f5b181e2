/*
 * cli.c: helpers shared by the commands: option parsing, error lines, and
 * where the store, the plugins and the data files are.
 */
#include "cli.h"

#include "lua_sandbox.h"
#include "paths.h"
#include "table.h"

#include <cjson/cJSON.h>
#include <dirent.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

const sl_command *sl_cli_command(const char *name) {
  for (const sl_command *command = sl_commands; command->name; command++)
    if (strcmp(command->name, name) == 0) return command;
  return NULL;
}

static const sl_command *cli_command(const sl_cli *cli) { return sl_cli_command(cli->argv[0]); }

void sl_cli_main_usage(FILE *out) {
  fprintf(out, "usage: sendlens [--db PATH] [--plugins DIR]... [--scripts DIR]... COMMAND [ARGS]\n"
               "\n"
               "Compare how England's local areas fix the weaknesses Ofsted and CQC found in\n"
               "their SEND services.\n"
               "\n"
               "options:\n"
               "  --db PATH       the SQLite database (default $SENDLENS_DB, else ./sendlens.db)\n"
               "  --plugins DIR   search DIR for area plugins first (repeatable); then the\n"
               "                  bundled ones (the build's, or the installed ones)\n"
               "  --scripts DIR   Lua scripts searched before the bundled ones (repeatable):\n"
               "                  a file there replaces the bundled file of the same path\n"
               "  --version       print the version and exit\n"
               "  --help          this help\n"
               "\n"
               "commands:\n");
  int width = 0;
  for (const sl_command *command = sl_commands; command->name; command++)
    if ((int)strlen(command->name) > width) width = (int)strlen(command->name);
  for (const sl_command *command = sl_commands; command->name; command++) {
    char line[1024];
    snprintf(line, sizeof line, "%-*s  %s", width, command->name, command->summary);
    sl_table_wrap_hanging(out, line, 2, width + 4, sl_table_width(out));
  }
  fprintf(out, "\n'sendlens help COMMAND' or 'sendlens COMMAND --help' describes a command.\n");
}

void sl_cli_command_help(const sl_command *command, FILE *out) {
  int width = sl_table_width(out);
  char usage[1024];
  snprintf(usage, sizeof usage, "usage: sendlens %s %s", command->name, command->usage);
  sl_table_wrap_hanging(out, usage, 0, (int)strlen(command->name) + 16, width);
  fputc('\n', out);
  sl_table_wrap(out, command->summary, 0, width);
  if (command->details) fprintf(out, "\n%s", command->details);
  if (!command->example) return;
  fputs("\nexample:\n", out);
  for (const char *line = command->example; *line;) {
    size_t length = strcspn(line, "\n");
    fprintf(out, "  %.*s\n", (int)length, line);
    line += length + (line[length] == '\n');
  }
}

int sl_cli_fail(const char *format, ...) {
  va_list args;
  va_start(args, format);
  fputs("sendlens: ", stderr);
  vfprintf(stderr, format, args);
  fputc('\n', stderr);
  va_end(args);
  return SL_EXIT_FAILURE;
}

int sl_cli_usage_error(const sl_cli *cli, const char *format, ...) {
  va_list args;
  va_start(args, format);
  fprintf(stderr, "sendlens: %s: ", cli->argv[0]);
  vfprintf(stderr, format, args);
  va_end(args);
  const sl_command *command = cli_command(cli);
  fprintf(stderr, " (usage: sendlens %s %s)\n", cli->argv[0], command ? command->usage : "");
  return SL_EXIT_USAGE;
}

static int cli_in(const char *const *list, const char *name) {
  for (; list && *list; list++)
    if (strcmp(*list, name) == 0) return 1;
  return 0;
}

/* Options may come anywhere among the positional words; "--" ends them. */
int sl_cli_parse(sl_cli *cli, const char *const *flags, const char *const *valued,
                 int max_positional, sl_cli_options *options) {
  memset(options, 0, sizeof *options);
  options->positional = calloc((size_t)cli->argc, sizeof(char *));
  if (!options->positional) return sl_cli_fail("%s: out of memory", cli->argv[0]);
  int only_positional = 0;
  for (int i = 1; i < cli->argc; i++) {
    char *arg = cli->argv[i];
    if (only_positional || arg[0] != '-' || arg[1] == '\0') {
      if (max_positional >= 0 && options->positional_count >= max_positional)
        return sl_cli_usage_error(cli, "unexpected argument '%s'", arg);
      options->positional[options->positional_count++] = arg;
      continue;
    }
    if (strcmp(arg, "--") == 0) {
      only_positional = 1;
      continue;
    }
    if (strcmp(arg, "--help") == 0 || strcmp(arg, "-h") == 0) {
      sl_cli_command_help(cli_command(cli), stdout);
      options->done = 1;
      return SL_EXIT_OK;
    }
    const char *name = arg + (arg[1] == '-' ? 2 : 1);
    char *equals = strchr(arg, '=');
    char key[64];
    size_t key_length = equals ? (size_t)(equals - name) : strlen(name);
    if (key_length >= sizeof key) return sl_cli_usage_error(cli, "unknown option '%s'", arg);
    memcpy(key, name, key_length);
    key[key_length] = '\0';
    const char *value = NULL;
    if (cli_in(valued, key)) {
      value = equals ? equals + 1 : (i + 1 < cli->argc ? cli->argv[++i] : NULL);
      if (!value) return sl_cli_usage_error(cli, "option '%s' needs a value", arg);
    } else if (!cli_in(flags, key) || equals) {
      return sl_cli_usage_error(cli, "unknown option '%s'", arg);
    }
    if (options->count == 16) return sl_cli_usage_error(cli, "too many options");
    const char *const *known = value ? valued : flags;
    while (strcmp(*known, key) != 0)
      known++;
    options->names[options->count] = *known;
    options->values[options->count++] = value ? value : "";
  }
  return SL_EXIT_OK;
}

void sl_cli_options_free(sl_cli_options *options) {
  free(options->positional);
  options->positional = NULL;
}

int sl_cli_flag(const sl_cli_options *options, const char *name) {
  return sl_cli_value(options, name) != NULL;
}

const char *sl_cli_value(const sl_cli_options *options, const char *name) {
  for (int i = options->count - 1; i >= 0; i--)
    if (strcmp(options->names[i], name) == 0) return options->values[i];
  return NULL;
}

/* A positive number from an option, or -1. */
static double cli_positive(const char *text) {
  char *end;
  double value = strtod(text, &end);
  return *text && !*end && isfinite(value) && value > 0 ? value : -1;
}

int sl_cli_limits(const sl_cli *cli, const sl_cli_options *options, sl_lua_limits *limits) {
  static const char *const names[] = {"max-memory", "max-instructions", "max-seconds"};
  *limits = sl_lua_default_limits();
  for (int i = 0; i < 3; i++) {
    const char *text = sl_cli_value(options, names[i]);
    if (!text) continue;
    double value = cli_positive(text);
    if (value < 0)
      return sl_cli_usage_error(cli, "--%s takes a positive number, not '%s'", names[i], text);
    if (i == 0) limits->memory = (size_t)(value * 1024 * 1024);
    if (i == 1) limits->instructions = (uint64_t)value;
    if (i == 2) limits->seconds = value;
  }
  return SL_EXIT_OK;
}

sl_store *sl_cli_open_store(const sl_cli *cli, int writable) {
  sl_error error;
  sl_store *store =
      writable ? sl_store_open(cli->db_path, &error) : sl_store_open_readonly(cli->db_path, &error);
  if (!store) sl_cli_fail("%s: %s", cli->argv[0], error.message);
  return store;
}

static int cli_is_dir(const char *path) {
  struct stat info;
  return stat(path, &info) == 0 && S_ISDIR(info.st_mode);
}

int sl_cli_plugin_dirs(const sl_cli *cli, const char **dirs, int capacity) {
  int count = 0;
  for (int i = 0; i < cli->plugin_dir_count && count < capacity; i++)
    dirs[count++] = cli->plugin_dirs[i];
  if (count < capacity && cli_is_dir(sl_paths_plugin_dir())) dirs[count++] = sl_paths_plugin_dir();
  return count;
}

int sl_cli_discover(const sl_cli *cli, sl_plugin_set *set) {
  const char *dirs[SL_CLI_MAX_DIRS + 1];
  int count = sl_cli_plugin_dirs(cli, dirs, SL_CLI_MAX_DIRS + 1);
  sl_error error;
  if (sl_plugin_discover(dirs, (size_t)count, set, &error) == 0) return 0;
  sl_cli_fail("%s: %s", cli->argv[0], error.message);
  return -1;
}

const char *sl_cli_data_dir(void) { return sl_paths_data_dir(); }

const char *sl_cli_bundled_scripts(void) {
  static char dir[4200];
  if (!*dir) snprintf(dir, sizeof dir, "%s/scripts", sl_paths_data_dir());
  return dir;
}

int sl_cli_scripts_dirs(const sl_cli *cli, const char **dirs, int capacity) {
  int count = 0;
  for (int i = 0; i < cli->scripts_dir_count && count < capacity; i++)
    dirs[count++] = cli->scripts_dirs[i];
  if (count < capacity) dirs[count++] = sl_cli_bundled_scripts();
  return count;
}

int sl_cli_print_json(cJSON *json) {
  if (!json) return SL_EXIT_FAILURE;
  char *text = cJSON_Print(json);
  cJSON_Delete(json);
  if (!text) return sl_cli_fail("out of memory");
  puts(text);
  cJSON_free(text);
  return SL_EXIT_OK;
}

/* Whether paths[0..count) already has a script of this file name: a
 * --scripts folder's indicators/NAME.lua replaces the bundled NAME.lua. */
static int cli_script_named(char **paths, int count, const char *name) {
  for (int i = 0; i < count; i++) {
    const char *base = strrchr(paths[i], '/');
    if (strcmp(base ? base + 1 : paths[i], name) == 0) return 1;
  }
  return 0;
}

/* Add dir's .lua files not already named; -1 when out of memory. */
static int cli_script_add_dir(const char *dir, char **paths, int *count) {
  DIR *handle = opendir(dir);
  if (!handle) return 0;
  struct dirent *item;
  int result = 0;
  while (result == 0 && *count < 255 && (item = readdir(handle))) {
    size_t length = strlen(item->d_name);
    if (length < 5 || strcmp(item->d_name + length - 4, ".lua") != 0) continue;
    if (cli_script_named(paths, *count, item->d_name)) continue;
    size_t size = strlen(dir) + length + 2;
    if (!(paths[*count] = malloc(size))) {
      result = -1;
      break;
    }
    snprintf(paths[(*count)++], size, "%s/%s", dir, item->d_name);
  }
  closedir(handle);
  return result;
}

static int cli_script_by_name(const void *a, const void *b) {
  const char *x = strrchr(*(char *const *)a, '/'), *y = strrchr(*(char *const *)b, '/');
  return strcmp(x ? x : *(char *const *)a, y ? y : *(char *const *)b);
}

char **sl_cli_script_files(const sl_cli *cli, const char *folder, int *count) {
  const char *dirs[SL_CLI_MAX_DIRS + 1];
  int dir_count = sl_cli_scripts_dirs(cli, dirs, SL_CLI_MAX_DIRS + 1);
  *count = 0;
  char **paths = calloc(256, sizeof *paths);
  for (int i = 0; paths && i < dir_count; i++) {
    char dir[4096];
    snprintf(dir, sizeof dir, "%s/%s", dirs[i], folder);
    if (cli_script_add_dir(dir, paths, count)) break;
  }
  if (paths) qsort(paths, (size_t)*count, sizeof *paths, cli_script_by_name);
  return paths;
}
