/*
 * cmd_import_cases.c: `sendlens import-cases AREA FILE [AREA FILE...]`,
 * areas' person-level EHC records (core/cases.c). A progress bar is drawn on
 * stderr once an import has run for a second, and only when stderr is a
 * terminal, so logs and pipes never see one.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cases.h"
#include "cli.h"

enum { BAR_WIDTH = 40 };

typedef struct import_bar {
  int terminal;
  struct timespec started, drawn;
  int shown;
} import_bar;

static double bar_seconds(const struct timespec *from, const struct timespec *to) {
  return (double)(to->tv_sec - from->tv_sec) + (double)(to->tv_nsec - from->tv_nsec) / 1e9;
}

/* Redraw at most five times a second, from the first second on: the share
 * done, or the bytes read when the size is unknown (a pipe, such as the
 * /dev/fd/N of a shell's <(zcat file.gz)). */
static void bar_update(void *context, uint64_t done, uint64_t total) {
  import_bar *bar = context;
  if (!bar->terminal) return;
  struct timespec now;
  clock_gettime(CLOCK_MONOTONIC, &now);
  if (bar_seconds(&bar->started, &now) < 1.0) return;
  if (bar->shown && (total == 0 || done < total) && bar_seconds(&bar->drawn, &now) < 0.2) return;
  if (total == 0) {
    fprintf(stderr, "\rimporting: %.1f MB read", (double)done / 1e6);
  } else {
    if (done > total) done = total;
    int filled = (int)(done * BAR_WIDTH / total);
    char cells[BAR_WIDTH + 1];
    for (int i = 0; i < BAR_WIDTH; i++)
      cells[i] = i < filled ? '#' : '.';
    cells[BAR_WIDTH] = '\0';
    fprintf(stderr, "\rimporting [%s] %3d%%", cells, (int)(done * 100 / total));
  }
  fflush(stderr);
  bar->drawn = now;
  bar->shown = 1;
}

static void bar_finish(import_bar *bar) {
  if (bar->shown) fputc('\n', stderr);
}

/* What --help adds to the usage line (the command table, core/main.c). */
const char sl_import_cases_help[] =
    "AREA is a loaded area (code or plugin name) or an area's GSS code. FILE is a\n"
    "CSV file of EHC requests and annual reviews with exactly the 15 columns of\n"
    "docs/data-model.md (\"Case records\"), shaped on the DfE SEN2 return. PersonID\n"
    "and RequestID are replaced by keyed hashes under a secret salt kept in the\n"
    "database; no other identifying column is accepted. Give several AREA FILE\n"
    "pairs to import several areas at once (each area once). The import is one\n"
    "transaction, all files together, and replaces each area's earlier import; a\n"
    "bad row stops it with FILE:LINE:COLUMN: what is wrong, and nothing is stored.\n"
    "A progress bar is drawn on stderr when the import takes over a second and\n"
    "stderr is a terminal (the megabytes read, for a pipe).\n"
    "A file whose leading comment line starts with '# SYNTHETIC' (as tools/gen-cases\n"
    "writes) is kept marked synthetic, and every output of figures counted from it\n"
    "says so.\n";

/* Children's records go only into a database its owner alone can read:
 * sendlens creates it so, but an older or copied file may be wider open. */
static int import_private(const char *path) {
  struct stat info;
  if (strcmp(path, ":memory:") == 0 || stat(path, &info) != 0 || (info.st_mode & 077) == 0)
    return 0;
  sl_cli_fail("import-cases: %s: readable or writable by other users (mode %04o); person-level "
              "records are only stored in a database its owner alone can read: chmod 600 %s",
              path, (unsigned)(info.st_mode & 07777), path);
  return -1;
}

/* The AREA FILE pairs as files to import: areas resolved to their codes
 * (held in codes, 16 bytes each). */
static int import_files(sl_store *store, char **positional, size_t count, sl_cases_file *files,
                        char (*codes)[16]) {
  sl_error error;
  for (size_t i = 0; i < count; i++) {
    if (sl_cases_area(store, positional[2 * i], codes[i], &error))
      return sl_cli_fail("import-cases: %s", error.message);
    files[i] = (sl_cases_file){.area = codes[i], .path = positional[2 * i + 1]};
  }
  return SL_EXIT_OK;
}

static int import_run(sl_store *store, sl_cases_file *files, size_t count) {
  import_bar bar = {.terminal = isatty(STDERR_FILENO)};
  clock_gettime(CLOCK_MONOTONIC, &bar.started);
  sl_error error;
  int failed = sl_cases_import(store, files, count, bar_update, &bar, &error);
  bar_finish(&bar);
  if (failed) return sl_cli_fail("import-cases: %s", error.message);
  for (size_t i = 0; i < count; i++)
    printf("imported %s for %s: %zu rows (%zu requests, %zu reviews)%s\n", files[i].path,
           files[i].area, files[i].counts.rows, files[i].counts.requests, files[i].counts.reviews,
           files[i].counts.synthetic ? "; the file says it is SYNTHETIC: every output marks "
                                       "its figures so"
                                     : "");
  printf("run 'sendlens indicators' to compute the indicators\n");
  return SL_EXIT_OK;
}

int sl_cmd_import_cases(sl_cli *cli) {
  sl_cli_options options;
  int status = sl_cli_parse(cli, NULL, NULL, -1, &options);
  if (status != SL_EXIT_OK || options.done) goto done;
  if (options.positional_count < 2 || options.positional_count % 2 != 0) {
    status = sl_cli_usage_error(cli, options.positional_count < 2
                                         ? "AREA and FILE are required"
                                         : "AREA FILE pairs are required: a FILE is missing");
    goto done;
  }
  size_t count = (size_t)options.positional_count / 2;
  sl_cases_file *files = calloc(count, sizeof *files);
  char(*codes)[16] = calloc(count, sizeof *codes);
  sl_store *store = files && codes ? sl_cli_open_store(cli, 1) : NULL;
  if (!store || import_private(sl_store_path(store)))
    status = files && codes ? SL_EXIT_FAILURE : sl_cli_fail("import-cases: out of memory");
  else if ((status = import_files(store, options.positional, count, files, codes)) == SL_EXIT_OK)
    status = import_run(store, files, count);
  sl_store_close(store);
  free(files);
  free(codes);
done:
  sl_cli_options_free(&options);
  return status;
}
