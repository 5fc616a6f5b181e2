/* test_parse_document.c: bytes to lines: BOM, CRLF and CR, the last line
 * without a newline, and the hostile bytes a document must be refused for
 * (NUL, invalid UTF-8) with the line named; a 10 MB line reads whole. */
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "check.h"
#include "parse/parse.h"

static sl_arena *arena;

/* Read bytes as a document named "doc.txt"; 0 or -1 as the parser says. */
static int read_bytes(const char *bytes, size_t length, sl_document *out, sl_error *error) {
  error->message[0] = '\0';
  return sl_document_from_bytes(arena, "doc.txt", bytes, length, out, error);
}

#define READ(literal, out, error) read_bytes(literal, sizeof literal - 1, out, error)

static void test_line_ends(void) {
  sl_document doc;
  sl_error error;
  CHECK(READ("one\ntwo\nthree", &doc, &error) == 0);
  CHECK(doc.line_count == 3);
  CHECK_STR(doc.name, "doc.txt");
  CHECK_STR(doc.lines[0], "one");
  CHECK_STR(doc.lines[2], "three"); /* the last line has no newline, and counts */

  CHECK(READ("one\ntwo\n", &doc, &error) == 0);
  CHECK(doc.line_count == 2);
  CHECK_STR(doc.lines[1], "two");

  /* A byte-order mark goes; CRLF and lone CR end lines like LF. */
  CHECK(READ("\xEF\xBB\xBFJoint area\r\nSEND\r\n\r\nrevisit\rletter\r\n", &doc, &error) == 0);
  CHECK(doc.line_count == 5);
  CHECK_STR(doc.lines[0], "Joint area");
  CHECK_STR(doc.lines[1], "SEND");
  CHECK_STR(doc.lines[2], "");
  CHECK_STR(doc.lines[3], "revisit");
  CHECK_STR(doc.lines[4], "letter");

  /* Only one BOM is a mark; a second is text (U+FEFF is valid UTF-8). */
  CHECK(READ("\xEF\xBB\xBF\xEF\xBB\xBFx", &doc, &error) == 0);
  CHECK(doc.line_count == 1 && strcmp(doc.lines[0], "\xEF\xBB\xBFx") == 0);

  CHECK(READ("\n", &doc, &error) == 0);
  CHECK(doc.line_count == 1);
  CHECK_STR(doc.lines[0], "");
  CHECK(READ("\r", &doc, &error) == 0);
  CHECK(doc.line_count == 1);
}

static void test_empty(void) {
  sl_document doc;
  sl_error error;
  CHECK(READ("", &doc, &error) == 0);
  CHECK(doc.line_count == 0);
  CHECK(READ("\xEF\xBB\xBF", &doc, &error) == 0);
  CHECK(doc.line_count == 0);
  CHECK(read_bytes(NULL, 0, &doc, &error) == 0);
  CHECK(doc.line_count == 0);
}

static void test_refused(void) {
  sl_document doc;
  sl_error error;
  CHECK(READ("first\nsec\0ond\n", &doc, &error) == -1);
  CHECK_STR(error.message, "doc.txt: line 2: NUL byte");
  CHECK(READ("\0", &doc, &error) == -1);
  CHECK_STR(error.message, "doc.txt: line 1: NUL byte");
  /* Latin-1 "café" on line 3, after CRLF ends. */
  CHECK(READ("a\r\nb\r\ncaf\xE9\r\n", &doc, &error) == -1);
  CHECK_STR(error.message, "doc.txt: line 3: not UTF-8 text (byte 0xe9)");
  /* A lone continuation byte, an overlong "/", a surrogate, a code point
   * past U+10FFFF, and a sequence cut short by the end of the file. */
  CHECK(READ("\x80", &doc, &error) == -1);
  CHECK_STR(error.message, "doc.txt: line 1: not UTF-8 text (byte 0x80)");
  CHECK(READ("x\n\xC0\xAF", &doc, &error) == -1);
  CHECK_STR(error.message, "doc.txt: line 2: not UTF-8 text (byte 0xc0)");
  CHECK(READ("\xED\xA0\x80", &doc, &error) == -1);
  CHECK_STR(error.message, "doc.txt: line 1: not UTF-8 text (byte 0xed)");
  CHECK(READ("\xF4\x90\x80\x80", &doc, &error) == -1);
  CHECK_STR(error.message, "doc.txt: line 1: not UTF-8 text (byte 0xf4)");
  CHECK(READ("end \xE2\x80", &doc, &error) == -1);
  CHECK_STR(error.message, "doc.txt: line 1: not UTF-8 text (byte 0xe2)");
  /* Valid multi-byte text passes: en dash, curly quote, emoji. */
  CHECK(READ("2.1.1 \xE2\x80\x93 2.1.5 young people\xE2\x80\x99s \xF0\x9F\x98\x80", &doc, &error) ==
        0);
  CHECK(doc.line_count == 1);
}

static void test_long_line(void) {
  size_t length = 10u * 1024 * 1024;
  char *bytes = malloc(length + 2);
  CHECK(bytes != NULL);
  if (!bytes) return;
  memset(bytes, 'x', length);
  bytes[length] = '\n';
  bytes[length + 1] = 'y';
  sl_document doc;
  sl_error error;
  CHECK(read_bytes(bytes, length + 2, &doc, &error) == 0);
  CHECK(doc.line_count == 2);
  CHECK(doc.line_count == 2 && strlen(doc.lines[0]) == length);
  CHECK(doc.line_count == 2 && strcmp(doc.lines[1], "y") == 0);
  /* The same line with a NUL at its very end is refused on line 1. */
  bytes[length - 1] = '\0';
  CHECK(read_bytes(bytes, length + 2, &doc, &error) == -1);
  CHECK_STR(error.message, "doc.txt: line 1: NUL byte");
  free(bytes);
}

int main(void) {
  arena = sl_arena_new();
  test_line_ends();
  test_empty();
  test_refused();
  test_long_line();
  sl_arena_free(arena);
  return CHECK_DONE();
}
