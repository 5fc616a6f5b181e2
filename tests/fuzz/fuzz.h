/*
 * fuzz.h: what the fuzz targets share. Each target is one libFuzzer entry
 * (LLVMFuzzerTestOneInput); the same file also builds, in the normal build,
 * with replay.c as main, so a crash once found is replayed by ctest for good.
 */
#ifndef SL_FUZZ_H
#define SL_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "parse/parse.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A broken invariant is a finding: abort, so libFuzzer (or the replay)
 * reports it with the input, like a crash. */
#define FUZZ_ASSERT(condition)                                                                     \
  do {                                                                                             \
    if (!(condition)) {                                                                            \
      fprintf(stderr, "%s:%d: invariant broken: %s\n", __FILE__, __LINE__, #condition);            \
      abort();                                                                                     \
    }                                                                                              \
  } while (0)

/* The input as the host hands it to parsers: a document of checked lines.
 * Parsers may assume valid UTF-8 without NUL or CR, so input that the host
 * would refuse is refused here too (0 means refused). */
static inline int fuzz_document(sl_arena *arena, const uint8_t *data, size_t size,
                                sl_document *document) {
  sl_error error;
  if (sl_document_from_bytes(arena, "fuzz.txt", (const char *)data, size, document, &error))
    return 0;
  for (size_t i = 0; i < document->line_count; i++)
    FUZZ_ASSERT(document->lines[i] && !strchr(document->lines[i], '\r'));
  return 1;
}

/* Write bytes to path; 0 on success. The harness, not the input, failed
 * when this does, so callers abort. */
static inline int fuzz_write_file(const char *path, const void *bytes, size_t size) {
  FILE *file = fopen(path, "wb");
  if (!file) return -1;
  size_t written = size ? fwrite(bytes, 1, size, file) : 0;
  return (fclose(file) != 0 || written != size) ? -1 : 0;
}

#endif
