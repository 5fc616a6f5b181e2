/*
 * cmd_import_cases.c: `sendlens import-cases AREA FILE`, one area's
 * person-level EHC records (core/cases.c). A progress bar is drawn on
 * stderr once an import has run for a second, and only when stderr is a
 * terminal, so logs and pipes never see one.
 */
#include <stdio.h>
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

/* Redraw at most five times a second, from the first second on. */
static void bar_update(void *context, uint64_t done, uint64_t total) {
  import_bar *bar = context;
  if (!bar->terminal || total == 0) return;
  struct timespec now;
  clock_gettime(CLOCK_MONOTONIC, &now);
  if (bar_seconds(&bar->started, &now) < 1.0) return;
  if (bar->shown && done < total && bar_seconds(&bar->drawn, &now) < 0.2) return;
  if (done > total) done = total;
  int filled = (int)(done * BAR_WIDTH / total);
  char cells[BAR_WIDTH + 1];
  for (int i = 0; i < BAR_WIDTH; i++)
    cells[i] = i < filled ? '#' : '.';
  cells[BAR_WIDTH] = '\0';
  fprintf(stderr, "\rimporting [%s] %3d%%", cells, (int)(done * 100 / total));
  fflush(stderr);
  bar->drawn = now;
  bar->shown = 1;
}

static void bar_finish(import_bar *bar) {
  if (bar->shown) fputc('\n', stderr);
}

/* What --help adds to the usage line. */
static const char IMPORT_CASES_HELP[] =
    "AREA is a loaded area (code or plugin name) or an area's GSS code. FILE is a\n"
    "CSV file of EHC requests and annual reviews with exactly the 15 columns of\n"
    "docs/data-model.md (\"Case records\"), shaped on the DfE SEN2 return. PersonID\n"
    "and RequestID are replaced by keyed hashes under a secret salt kept in the\n"
    "database; no other identifying column is accepted. The import is one\n"
    "transaction and replaces the area's earlier one; a bad row stops it with\n"
    "FILE:LINE:COLUMN: what is wrong, and nothing is stored. A progress bar is\n"
    "drawn on stderr when the import takes over a second and stderr is a terminal.\n";

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

int sl_cmd_import_cases(sl_cli *cli) {
  sl_cli_options options;
  int status = sl_cli_parse(cli, NULL, NULL, 2, &options);
  if (options.done) printf("\n%s", IMPORT_CASES_HELP);
  if (status != SL_EXIT_OK || options.done) goto done;
  if (options.positional_count != 2) {
    status = sl_cli_usage_error(cli, "AREA and FILE are required");
    goto done;
  }
  sl_store *store = sl_cli_open_store(cli, 1);
  if (!store || import_private(sl_store_path(store))) {
    sl_store_close(store);
    status = SL_EXIT_FAILURE;
    goto done;
  }
  import_bar bar = {.terminal = isatty(STDERR_FILENO)};
  clock_gettime(CLOCK_MONOTONIC, &bar.started);
  char area[16];
  sl_cases_counts counts;
  sl_error error;
  const char *path = options.positional[1];
  if (sl_cases_area(store, options.positional[0], area, &error) ||
      sl_cases_import(store, area, path, bar_update, &bar, &counts, &error)) {
    bar_finish(&bar);
    status = sl_cli_fail("import-cases: %s", error.message);
  } else {
    bar_finish(&bar);
    printf("imported %s for %s: %zu rows (%zu requests, %zu reviews); run 'sendlens indicators' "
           "to compute the indicators\n",
           path, area, counts.rows, counts.requests, counts.reviews);
  }
  sl_store_close(store);
done:
  sl_cli_options_free(&options);
  return status;
}
