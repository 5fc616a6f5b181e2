/*
 * paths.c: the running executable decides where plugins and data are
 * (paths.h). Computed once; the CLI is single-threaded when it asks.
 */
#include "paths.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

typedef struct paths_state {
  int ready;
  int build_tree;
  char plugins[PATH_MAX];
  char data[PATH_MAX];
} paths_state;

static paths_state paths;

/* The folder of the running executable, from /proc/self/exe (symlinks
 * already resolved); 0, or -1 when the system does not say. */
static int paths_exe_dir(char *dir, size_t size) {
  ssize_t length = readlink("/proc/self/exe", dir, size - 1);
  if (length <= 0) return -1;
  dir[length] = '\0';
  char *slash = strrchr(dir, '/');
  if (!slash) return -1;
  *slash = '\0';
  return 0;
}

/* Same file system object: a build folder reached through a link counts. */
static int paths_same(const char *a, const char *b) {
  struct stat sa, sb;
  return stat(a, &sa) == 0 && stat(b, &sb) == 0 && sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

/* dir/relative, made canonical when it exists so listings read cleanly. */
static void paths_join(char *out, const char *dir, const char *relative) {
  char joined[PATH_MAX];
  int length = snprintf(joined, sizeof joined, "%s/%s", dir, relative);
  if (length < 0 || length >= (int)sizeof joined)
    *out = '\0'; /* too long to exist: nothing is found there */
  else if (!realpath(joined, out))
    memcpy(out, joined, (size_t)length + 1);
}

static void paths_init(void) {
  if (paths.ready) return;
  paths.ready = 1;
  char exe[PATH_MAX];
  if (paths_exe_dir(exe, sizeof exe) == 0 && paths_same(exe, SENDLENS_BUILD_DIR)) {
    paths.build_tree = 1;
    snprintf(paths.plugins, sizeof paths.plugins, "%s", SENDLENS_PLUGIN_BUILD_DIR);
    snprintf(paths.data, sizeof paths.data, "%s", SENDLENS_DATA_BUILD_DIR);
    return;
  }
  /* Without /proc, an installed program falls back to "." as its bin
   * folder: nothing is found rather than a build folder's files. */
  if (paths_exe_dir(exe, sizeof exe)) snprintf(exe, sizeof exe, ".");
  paths_join(paths.plugins, exe, SENDLENS_PLUGIN_FROM_BINDIR);
  paths_join(paths.data, exe, SENDLENS_DATA_FROM_BINDIR);
}

int sl_paths_in_build_tree(void) {
  paths_init();
  return paths.build_tree;
}

const char *sl_paths_plugin_dir(void) {
  paths_init();
  return paths.plugins;
}

const char *sl_paths_data_dir(void) {
  paths_init();
  return paths.data;
}
