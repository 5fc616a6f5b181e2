/*
 * cmd_template.c: `sendlens template progress AREA -o FILE.xlsx`, a
 * progress return to fill in and give back to import-progress
 * (core/progress_template.c).
 */
#include <string.h>

#include "cli.h"
#include "progress_template.h"

int sl_cmd_template(sl_cli *cli) {
  static const char *const valued[] = {"o", "output", NULL};
  sl_cli_options options;
  int status = sl_cli_parse(cli, NULL, valued, 2, &options);
  if (status != SL_EXIT_OK || options.done) goto done;
  const char *path = sl_cli_value(&options, "o");
  if (!path) path = sl_cli_value(&options, "output");
  if (options.positional_count != 2 || strcmp(options.positional[0], "progress") != 0) {
    status = sl_cli_usage_error(cli, "the template is 'progress AREA'");
  } else if (!path || strcmp(path, "-") == 0) {
    status = sl_cli_usage_error(cli, "-o FILE.xlsx is required");
  } else {
    sl_store *store = sl_cli_open_store(cli, 0);
    sl_error error;
    if (!store)
      status = SL_EXIT_FAILURE;
    else if (sl_progress_template(store, options.positional[1], path, &error) != 0)
      status = sl_cli_fail("template: %s", error.message);
    else
      status = SL_EXIT_OK;
    sl_store_close(store);
  }
done:
  sl_cli_options_free(&options);
  return status;
}
