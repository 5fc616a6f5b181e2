/*
 * cmd_export.c: `sendlens export --format json [-o PATH]`, the interchange
 * document of schemas/model.schema.json, to stdout or a file, and `export
 * --format csv -o DIR [--bom]`, one CSV file per kind of record
 * (core/export_csv.c; --bom for Excel),
 * and `export --format xlsx -o FILE`, one workbook (core/export_xlsx.c).
 * A file is written beside its final name and renamed into place, so a
 * failed export never leaves half a file.
 */
#include <cjson/cJSON.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "export_csv.h"
#include "export_html.h"
#include "export_json.h"
#include "export_xlsx.h"

static int export_write(const char *path, const char *text) {
  if (!path || strcmp(path, "-") == 0) {
    if (fputs(text, stdout) < 0 || fputc('\n', stdout) < 0)
      return sl_cli_fail("export: cannot write to stdout");
    return SL_EXIT_OK;
  }
  size_t length = strlen(path) + 8;
  char *temporary = malloc(length);
  if (!temporary) return sl_cli_fail("export: out of memory");
  snprintf(temporary, length, "%s.tmp", path);
  FILE *file = fopen(temporary, "w");
  int failed = !file || fputs(text, file) < 0 || fputc('\n', file) < 0;
  if (file && fclose(file) != 0) failed = 1;
  if (failed || rename(temporary, path) != 0) {
    int saved = errno;
    remove(temporary);
    free(temporary);
    return sl_cli_fail("export: %s: cannot write: %s", path, strerror(saved));
  }
  free(temporary);
  return SL_EXIT_OK;
}

/* CSV is many files, so it needs a directory and has no stdout form. */
static int export_csv(sl_cli *cli, const char *dir, int bom) {
  if (!dir || strcmp(dir, "-") == 0)
    return sl_cli_usage_error(cli, "--format csv needs -o DIR (a directory for its files)");
  sl_store *store = sl_cli_open_store(cli, 0);
  if (!store) return SL_EXIT_FAILURE;
  sl_error error;
  int status = sl_export_csv(store, dir, bom, &error) == 0
                   ? SL_EXIT_OK
                   : sl_cli_fail("export: %s", error.message);
  sl_store_close(store);
  return status;
}

/* A workbook is a zip file, so it goes to a named file, never stdout. */
static int export_xlsx(sl_cli *cli, const char *path) {
  if (!path || strcmp(path, "-") == 0)
    return sl_cli_usage_error(cli, "--format xlsx needs -o FILE.xlsx");
  sl_store *store = sl_cli_open_store(cli, 0);
  if (!store) return SL_EXIT_FAILURE;
  sl_error error;
  int status = sl_export_xlsx(store, path, &error) == 0 ? SL_EXIT_OK
                                                        : sl_cli_fail("export: %s", error.message);
  sl_store_close(store);
  return status;
}

/* One self-contained page (core/export_html.c); stdout without -o. */
static int export_html(sl_cli *cli, const char *path) {
  sl_store *store = sl_cli_open_store(cli, 0);
  if (!store) return SL_EXIT_FAILURE;
  sl_error error;
  int written = !path || strcmp(path, "-") == 0 ? sl_export_html_write(store, stdout, &error)
                                                : sl_export_html(store, path, &error);
  sl_store_close(store);
  return written == 0 ? SL_EXIT_OK : sl_cli_fail("export: %s", error.message);
}

int sl_cmd_export(sl_cli *cli) {
  static const char *const flags[] = {"bom", NULL};
  static const char *const valued[] = {"format", "o", "output", NULL};
  sl_cli_options options;
  int status = sl_cli_parse(cli, flags, valued, 0, &options);
  if (status != SL_EXIT_OK || options.done) goto done;
  const char *format = sl_cli_value(&options, "format");
  const char *path = sl_cli_value(&options, "o");
  if (!path) path = sl_cli_value(&options, "output");
  int bom = sl_cli_flag(&options, "bom");
  if (!format) {
    status = sl_cli_usage_error(cli, "--format is required");
  } else if (bom && strcmp(format, "csv") != 0) {
    status = sl_cli_usage_error(cli, "--bom is for --format csv only");
  } else if (strcmp(format, "csv") == 0) {
    status = export_csv(cli, path, bom);
  } else if (strcmp(format, "xlsx") == 0) {
    status = export_xlsx(cli, path);
  } else if (strcmp(format, "html") == 0) {
    status = export_html(cli, path);
  } else if (strcmp(format, "json") != 0) {
    status = sl_cli_usage_error(
        cli, "unknown format '%s' (this build writes: json, csv, xlsx, html)", format);
  } else {
    sl_store *store = sl_cli_open_store(cli, 0);
    sl_error error;
    cJSON *document = store ? sl_export_document(store, &error) : NULL;
    char *text = document ? cJSON_Print(document) : NULL;
    if (!store)
      status = SL_EXIT_FAILURE;
    else if (!text)
      status = sl_cli_fail("export: %s", document ? "out of memory" : error.message);
    else
      status = export_write(path, text);
    cJSON_free(text);
    cJSON_Delete(document);
    sl_store_close(store);
  }
done:
  sl_cli_options_free(&options);
  return status;
}
