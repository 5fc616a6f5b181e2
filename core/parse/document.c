/*
 * document.c: a file's bytes as a document of lines. Every parser after
 * this one may assume lines of valid UTF-8 without NUL or CR, so this is
 * where hostile bytes are refused, each with the line it sits on.
 */
#include <stdint.h>
#include <string.h>

#include "parse.h"
#include "utf8.h"

static const char BOM[] = "\xEF\xBB\xBF";

/* Check the text and count its lines: a line per line end, and one more
 * for text after the last line end. */
static int document_check(const char *name, const unsigned char *p, size_t length, size_t *lines,
                          sl_error *error) {
  size_t line = 1, i = 0;
  *lines = 0;
  while (i < length) {
    unsigned char c = p[i];
    if (c == '\0') return sl_error_set(error, "%s: line %zu: NUL byte", name, line);
    if (c == '\n' || c == '\r') {
      i += c == '\r' && i + 1 < length && p[i + 1] == '\n' ? 2 : 1;
      line++;
      continue;
    }
    size_t n = sl_utf8_sequence(p + i, length - i);
    if (!n) return sl_error_set(error, "%s: line %zu: not UTF-8 text (byte 0x%02x)", name, line, c);
    i += n;
  }
  *lines = line - (length == 0 || p[length - 1] == '\n' || p[length - 1] == '\r');
  return 0;
}

/* Split the copy in place: each line end becomes the NUL of its line. */
static void document_split(char *text, size_t length, const char **lines) {
  size_t count = 0, start = 0, i = 0;
  while (i < length) {
    if (text[i] != '\n' && text[i] != '\r') {
      i++;
      continue;
    }
    size_t end = i;
    i += text[i] == '\r' && i + 1 < length && text[i + 1] == '\n' ? 2 : 1;
    text[end] = '\0';
    lines[count++] = text + start;
    start = i;
  }
  if (start < length) lines[count] = text + start;
}

int sl_document_from_bytes(sl_arena *arena, const char *name, const char *bytes, size_t length,
                           sl_document *out, sl_error *error) {
  memset(out, 0, sizeof *out);
  if (!name) name = "document";
  if (!bytes) length = 0;
  if (length >= 3 && memcmp(bytes, BOM, 3) == 0) {
    bytes += 3;
    length -= 3;
  }
  size_t count;
  if (document_check(name, (const unsigned char *)bytes, length, &count, error)) return -1;
  const char *copy_name = sl_arena_strdup(arena, name);
  char *text = sl_arena_copy(arena, length ? bytes : "", length);
  const char **lines = count < SIZE_MAX / sizeof *lines - 1
                           ? sl_arena_alloc(arena, (count + 1) * sizeof *lines)
                           : NULL;
  if (!copy_name || !text || !lines) return sl_error_set(error, "%s: out of memory", name);
  document_split(text, length, lines);
  out->name = copy_name;
  out->lines = lines;
  out->line_count = count;
  return 0;
}
