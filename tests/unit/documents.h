/*
 * documents.h: reading a test's documents (inline text, or a file of the
 * source tree under $SENDLENS_SOURCE_DIR) into an sl_document, for the
 * parser tests.
 */
#ifndef SL_TEST_DOCUMENTS_H
#define SL_TEST_DOCUMENTS_H

#include <stdio.h>
#include <stdlib.h>

#include "arena.h"
#include "parse/parse.h"

static inline int test_document_of(sl_arena *arena, const char *name, const char *text,
                                   size_t length, sl_document *doc) {
  sl_error error;
  if (sl_document_from_bytes(arena, name, text, length, doc, &error) == 0) return 0;
  fprintf(stderr, "%s\n", error.message);
  return -1;
}

static inline int test_document_read(sl_arena *arena, const char *relative, sl_document *doc) {
  const char *root = getenv("SENDLENS_SOURCE_DIR");
  char path[4096];
  snprintf(path, sizeof path, "%s/%s", root ? root : ".", relative);
  FILE *file = fopen(path, "rb");
  if (!file) {
    fprintf(stderr, "cannot open %s (is SENDLENS_SOURCE_DIR set?)\n", path);
    return -1;
  }
  char *bytes = NULL;
  size_t length = 0, room = 0, got;
  do {
    if (length == room) {
      char *grown = realloc(bytes, room = room * 2 + 65536);
      if (!grown) break;
      bytes = grown;
    }
    got = fread(bytes + length, 1, room - length, file);
    length += got;
  } while (got);
  fclose(file);
  int result = bytes ? test_document_of(arena, relative, bytes, length, doc) : -1;
  free(bytes);
  return result;
}

#endif
