/*
 * paragraphs.c: numbered text. A plan's supporting statement numbers its
 * paragraphs "2.4." (as a list item "- 2.4. " in exports); a table numbers
 * its actions "3. Provide ...". Both keep the document's own numbering,
 * which plans cite ("APP 1.2.2", "paragraph 2.11").
 *
 * A paragraph runs from its numbered line over the lines that continue it,
 * blank lines and page breaks included (a PDF export breaks a paragraph
 * wherever the page ends), and stops before the next numbered paragraph, a
 * heading ("# ..." or a bare section number "4. Parent ..."), or a bullet.
 * A bullet is a list of its own: the lines after a paragraph's "These
 * include:" are the plugin's to read, from last_line + 1.
 *
 * The joined text has one space between lines, except where a line ends in
 * a word broken at a hyphen and the next begins in lower case ("Co-" /
 * "ordinator"): those join without a space, keeping the hyphen
 * ("Co-ordinator"), as the line break split one word.
 */
#include <string.h>

#include "internal.h"
#include "parse.h"

enum { NUMBER_DIGITS_MAX = 3, NUMBER_PARTS_MAX = 8 };

/* A number "2", "2.4" or "1.2.2" at p with at most NUMBER_PARTS_MAX parts
 * of up to NUMBER_DIGITS_MAX digits: its end and the count of parts, or
 * NULL. The end is before a '.' that is not followed by a digit. */
static const char *read_number(const char *p, int *parts) {
  *parts = 0;
  for (;;) {
    int digits = 0;
    while (sl_text_is_digit(p[digits]))
      digits++;
    if (digits < 1 || digits > NUMBER_DIGITS_MAX || ++*parts > NUMBER_PARTS_MAX) return NULL;
    p += digits;
    if (p[0] != '.' || !sl_text_is_digit(p[1])) return p;
    p++;
  }
}

/* A numbered paragraph's line: "2.4. text" or "- 2.4. text", the number of
 * two or more parts ending in '.', then white space or the line's end. */
static const char *paragraph_number(const char *line, const char **number_end) {
  const char *bullet = sl_text_after_bullet(line);
  const char *p = bullet ? bullet : sl_text_skip_space(line);
  int parts;
  const char *end = read_number(p, &parts);
  if (!end || parts < 2 || *end != '.' || (end[1] && !sl_text_space(end + 1))) return NULL;
  *number_end = end;
  return p;
}

/* A line that ends any paragraph before it: a heading, a bullet, or a
 * section's own number ("4. Parent, carer ..."). */
static int paragraph_stops(const char *line) {
  const char *p = sl_text_skip_space(line);
  if (*p == '#' || sl_text_after_bullet(line)) return 1;
  int parts;
  const char *end = read_number(p, &parts);
  return end && *end == '.' && sl_text_space(end + 1);
}

/* Does the text so far end in a word broken at a hyphen ("Co-") that the
 * next line ("ordinator") finishes? */
static int joins_word(const char *text, size_t length, const char *next) {
  return length >= 2 && text[length - 1] == '-' && sl_text_is_letter(text[length - 2]) &&
         *next >= 'a' && *next <= 'z';
}

/* The text of lines [first, last] of the document, the first from `start`,
 * each trimmed, joined as the file comment says, white space collapsed. */
static const char *paragraph_text(sl_arena *arena, const sl_document *document, size_t first,
                                  size_t last, const char *start) {
  size_t room = 1;
  for (size_t n = first; n <= last; n++)
    room += strlen(document->lines[n - 1]) + 1;
  char *joined = sl_arena_alloc(arena, room);
  if (!joined) return NULL;
  size_t length = 0;
  for (size_t n = first; n <= last; n++) {
    const char *p = sl_text_skip_space(n == first ? start : document->lines[n - 1]);
    const char *end = sl_text_trim_end(p, p + strlen(p));
    if (p == end) continue;
    if (length && !joins_word(joined, length, p)) joined[length++] = ' ';
    memcpy(joined + length, p, (size_t)(end - p));
    length += (size_t)(end - p);
  }
  return sl_text_clean(arena, joined, joined + length);
}

/* The paragraph numbered on line `first`; returns the line after it. */
static size_t paragraph_read(sl_arena *arena, const sl_document *document, size_t first,
                             sl_paragraph *paragraph) {
  const char *line = document->lines[first - 1], *number_end;
  const char *number = paragraph_number(line, &number_end);
  size_t last = first, n;
  for (n = first + 1; n <= document->line_count; n++) {
    const char *next = document->lines[n - 1], *ignored;
    if (paragraph_number(next, &ignored) || paragraph_stops(next)) break;
    if (!sl_text_blank(next)) last = n;
  }
  paragraph->number = sl_arena_copy(arena, number, (size_t)(number_end - number));
  paragraph->text = paragraph_text(arena, document, first, last, number_end + 1);
  paragraph->first_line = first;
  paragraph->last_line = last;
  return n;
}

int sl_parse_numbered_paragraphs(sl_arena *arena, const sl_document *document,
                                 const sl_paragraph **out, size_t *count, sl_error *error) {
  const char *name = document && document->name ? document->name : "document";
  sl_arena_list found;
  sl_arena_list_init(&found, arena);
  *out = NULL;
  *count = 0;
  size_t n = 1;
  while (document && n <= document->line_count) {
    const char *ignored;
    if (!paragraph_number(document->lines[n - 1], &ignored)) {
      n++;
      continue;
    }
    sl_paragraph *paragraph = sl_arena_alloc(arena, sizeof *paragraph);
    if (!paragraph) return sl_error_set(error, "%s: line %zu: out of memory", name, n);
    size_t next = paragraph_read(arena, document, n, paragraph);
    if (!paragraph->number || !paragraph->text || sl_arena_list_push(&found, paragraph))
      return sl_error_set(error, "%s: line %zu: out of memory", name, n);
    n = next;
  }
  sl_paragraph *paragraphs = sl_arena_alloc(arena, (found.count + 1) * sizeof *paragraphs);
  if (!paragraphs) return sl_error_set(error, "%s: out of memory", name);
  for (size_t i = 0; i < found.count; i++)
    paragraphs[i] = *(const sl_paragraph *)found.items[i];
  *out = paragraphs;
  *count = found.count;
  return 0;
}

/* ---- item numbers ---- */

const char *sl_parse_item_number(sl_arena *arena, const char *text, const char **rest) {
  if (rest) *rest = text;
  if (!text) return NULL;
  const char *p = sl_text_skip_space(text);
  int parts;
  const char *end = read_number(p, &parts);
  /* "3." or "3)" then white space, a letter or the end: "8. 0-25 SEND" is
   * item 8, "0-25 SEND" and "1.5 million" are not items. */
  if (!end || (*end != '.' && *end != ')')) return NULL;
  const char *after = end + 1;
  if (*after && !sl_text_space(after) && !(*end == '.' && sl_text_is_letter(*after))) return NULL;
  const char *number = sl_arena_copy(arena, p, (size_t)(end - p));
  if (number && rest) *rest = sl_text_skip_space(after);
  return number;
}
