/*
 * paths.h: where this program's plugins and data (scripts, schemas) are.
 * A `sendlens` run from its build folder uses that build's plugins and the
 * source tree's data; any other copy is an install, and finds both relative
 * to its own executable (bin/../lib/sendlens/plugins, bin/../share/sendlens),
 * so `cmake --install --prefix P` and a moved install both work, and an
 * installed program never looks into a build folder.
 */
#ifndef SL_PATHS_H
#define SL_PATHS_H

/* 1 when the running executable is the one in its build folder. */
int sl_paths_in_build_tree(void);
/* The bundled plugins' folder: the build's plugins/ or the installed one. */
const char *sl_paths_plugin_dir(void);
/* The folder holding schemas/ and scripts/: the source tree or the
 * installed share/sendlens. */
const char *sl_paths_data_dir(void);

#endif
