/*
 * themes.h: the common taxonomy (schemas/themes.json) kept in the store, so
 * that assignments can reference it and exports can list it.
 */
#ifndef SL_THEMES_H
#define SL_THEMES_H

#include "error.h"
#include "store.h"

/* Read DATA_DIR/schemas/themes.json and make the theme table match it. */
int sl_themes_sync(sl_store *store, const char *data_dir, sl_error *error);

/* Read a whole file into a malloc'd NUL-terminated buffer (owned by the
 * caller); NULL with error set. */
char *sl_read_file(const char *path, size_t *length, sl_error *error);

#endif
