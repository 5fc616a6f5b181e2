/*
 * cmd_export.c: `sendlens export --format json [-o PATH]`, the interchange
 * document of schemas/model.schema.json, to stdout or a file, and `export
 * --format csv -o DIR [--bom]`, one CSV file per kind of record
 * (core/export_csv.c; --bom for Excel),
 * and `export --format xlsx -o FILE`, one workbook (core/export_xlsx.c),
 * and `export --format html [--board-pack]`, one page (core/export_html.c).
 * A file is written beside its final name and renamed into place, so a
 * failed export never leaves half a file. Every format carries the same
 * publication metadata (core/publication.h), from --title, --publisher and
 * --date.
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
#include "publication.h"

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
static int export_csv(sl_cli *cli, const sl_publication_options *options, const char *dir,
                      int bom) {
  if (!dir || strcmp(dir, "-") == 0)
    return sl_cli_usage_error(cli, "--format csv needs -o DIR (a directory for its files)");
  sl_store *store = sl_cli_open_store(cli, 0);
  if (!store) return SL_EXIT_FAILURE;
  sl_error error;
  cJSON *publication = sl_publication_build(store, options, &error);
  int status = publication && sl_export_csv(store, publication, dir, bom, &error) == 0
                   ? SL_EXIT_OK
                   : sl_cli_fail("export: %s", error.message);
  cJSON_Delete(publication);
  sl_store_close(store);
  return status;
}

/* A workbook is a zip file, so it goes to a named file, never stdout. */
static int export_xlsx(sl_cli *cli, const sl_publication_options *options, const char *path) {
  if (!path || strcmp(path, "-") == 0)
    return sl_cli_usage_error(cli, "--format xlsx needs -o FILE.xlsx");
  sl_store *store = sl_cli_open_store(cli, 0);
  if (!store) return SL_EXIT_FAILURE;
  sl_error error;
  cJSON *publication = sl_publication_build(store, options, &error);
  int status = publication && sl_export_xlsx(store, publication, path, &error) == 0
                   ? SL_EXIT_OK
                   : sl_cli_fail("export: %s", error.message);
  cJSON_Delete(publication);
  sl_store_close(store);
  return status;
}

/* One self-contained page (core/export_html.c); stdout without -o. */
static int export_html(sl_cli *cli, const sl_publication_options *options, const char *path,
                       int board_pack) {
  sl_store *store = sl_cli_open_store(cli, 0);
  if (!store) return SL_EXIT_FAILURE;
  sl_error error;
  cJSON *publication = sl_publication_build(store, options, &error);
  sl_html_options html = {.board_pack = board_pack, .publication = publication};
  int written = !publication ? -1
                : !path || strcmp(path, "-") == 0
                    ? sl_export_html_write(store, stdout, &html, &error)
                    : sl_export_html(store, path, &html, &error);
  cJSON_Delete(publication);
  sl_store_close(store);
  return written == 0 ? SL_EXIT_OK : sl_cli_fail("export: %s", error.message);
}

/* The interchange document with the publication metadata at its top. */
static cJSON *export_json(sl_store *store, const sl_publication_options *options, sl_error *error) {
  cJSON *publication = sl_publication_build(store, options, error);
  cJSON *document = publication ? sl_export_document(store, error) : NULL;
  if (document)
    cJSON_AddItemToObject(document, "publication", publication);
  else
    cJSON_Delete(publication);
  return document;
}

/* The export's options (--title, --publisher, --date) for the publication
 * metadata, checked before any store is opened. */
static int export_options(sl_cli *cli, const sl_cli_options *parsed,
                          sl_publication_options *options) {
  sl_error error;
  options->title = sl_cli_value(parsed, "title");
  options->publisher = sl_cli_value(parsed, "publisher");
  options->date = sl_cli_value(parsed, "date");
  if (sl_publication_check(options, &error) != 0)
    return sl_cli_usage_error(cli, "%s", error.message);
  return SL_EXIT_OK;
}

int sl_cmd_export(sl_cli *cli) {
  static const char *const flags[] = {"board-pack", "bom", NULL};
  static const char *const valued[] = {"format", "o", "output", "title", "publisher", "date", NULL};
  sl_publication_options publication;
  sl_cli_options options;
  int status = sl_cli_parse(cli, flags, valued, 0, &options);
  if (status != SL_EXIT_OK || options.done) goto done;
  if ((status = export_options(cli, &options, &publication)) != SL_EXIT_OK) goto done;
  const char *format = sl_cli_value(&options, "format");
  const char *path = sl_cli_value(&options, "o");
  if (!path) path = sl_cli_value(&options, "output");
  int board_pack = sl_cli_flag(&options, "board-pack");
  int bom = sl_cli_flag(&options, "bom");
  if (!format) {
    status = sl_cli_usage_error(cli, "--format is required");
  } else if (board_pack && strcmp(format, "html") != 0) {
    status = sl_cli_usage_error(cli, "--board-pack is an HTML page: use it with --format html");
  } else if (bom && strcmp(format, "csv") != 0) {
    status = sl_cli_usage_error(cli, "--bom is for --format csv only");
  } else if (strcmp(format, "csv") == 0) {
    status = export_csv(cli, &publication, path, bom);
  } else if (strcmp(format, "xlsx") == 0) {
    status = export_xlsx(cli, &publication, path);
  } else if (strcmp(format, "html") == 0) {
    status = export_html(cli, &publication, path, board_pack);
  } else if (strcmp(format, "json") != 0) {
    status = sl_cli_usage_error(
        cli, "unknown format '%s' (this build writes: json, csv, xlsx, html)", format);
  } else {
    sl_store *store = sl_cli_open_store(cli, 0);
    sl_error error;
    cJSON *document = store ? export_json(store, &publication, &error) : NULL;
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
