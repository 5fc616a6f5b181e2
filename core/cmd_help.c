/*
 * cmd_help.c: `sendlens help [COMMAND]`: the list of commands, or one
 * command's help, the same text as `sendlens COMMAND --help` since both are
 * made from the command table (core/main.c).
 */
#include "cli.h"

int sl_cmd_help(sl_cli *cli) {
  sl_cli_options options;
  int status = sl_cli_parse(cli, NULL, NULL, 1, &options);
  if (status != SL_EXIT_OK || options.done) goto done;
  if (options.positional_count == 0) {
    sl_cli_main_usage(stdout);
    goto done;
  }
  const sl_command *command = sl_cli_command(options.positional[0]);
  if (command)
    sl_cli_command_help(command, stdout);
  else
    status = sl_cli_usage_error(cli, "unknown command '%s' (see 'sendlens help')",
                                options.positional[0]);
done:
  sl_cli_options_free(&options);
  return status;
}
