/*
 * replay.c: main() for a fuzz target in the normal build. Runs the target's
 * entry once on every file of the folders given, so inputs that once
 * crashed (regressions/<target>/) are checked by ctest with every build,
 * without clang or libFuzzer.
 *
 *   replay_<target> SEEDS [REGRESSIONS...]
 *
 * SEEDS, the seed corpus, must hold at least one file: a replay that ran
 * nothing (a corpus not generated, a wrong path) must not pass as green.
 * The regression folders may be empty or missing.
 */
#include <dirent.h>

#include "fuzz.h"
#include "themes.h"

static int replay_file(const char *path) {
  size_t size = 0;
  sl_error error;
  char *bytes = sl_read_file(path, &size, &error);
  if (!bytes) {
    fprintf(stderr, "%s\n", error.message);
    return -1;
  }
  LLVMFuzzerTestOneInput((const uint8_t *)bytes, size);
  free(bytes);
  return 0;
}

static int replay_name_compare(const struct dirent **a, const struct dirent **b) {
  return strcmp((*a)->d_name, (*b)->d_name);
}

static int replay_visible(const struct dirent *entry) { return entry->d_name[0] != '.'; }

/* Replay each file of folder, in name order; the count, or -1. */
static long replay_folder(const char *folder) {
  struct dirent **entries;
  int count = scandir(folder, &entries, replay_visible, replay_name_compare);
  if (count < 0) return 0;
  long replayed = 0;
  for (int i = 0; i < count; i++) {
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", folder, entries[i]->d_name);
    if (replayed >= 0) replayed = replay_file(path) == 0 ? replayed + 1 : -1;
    free(entries[i]);
  }
  free(entries);
  return replayed;
}

int main(int argc, char **argv) {
  if (argc < 2) {
    fprintf(stderr, "usage: %s SEEDS [REGRESSIONS...]\n", argv[0]);
    return 2;
  }
  int status = 0;
  for (int i = 1; i < argc; i++) {
    long replayed = replay_folder(argv[i]);
    printf("%s: %ld inputs replayed from %s\n", argv[0], replayed, argv[i]);
    if (replayed < 0 || (i == 1 && replayed == 0)) status = 1;
  }
  if (status) fprintf(stderr, "%s: replay failed (an unreadable input, or no seeds)\n", argv[0]);
  return status;
}
