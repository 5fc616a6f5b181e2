/*
 * fuzz_table.c: every line of the input as a row of a tab-separated table
 * whose cells hold HTML, read as Walsall's and Worcestershire's plugins
 * read theirs: cells, their plain text, the items of their lists, and a
 * leading item number.
 */
#include "fuzz.h"

static void check_text(const char *text) {
  FUZZ_ASSERT(text);
  (void)strlen(text);
}

static void fuzz_cell(sl_arena *arena, const char *cell) {
  const char *text = sl_parse_html_text(arena, cell);
  check_text(text);
  sl_strings items = sl_parse_html_list_items(arena, cell);
  for (size_t i = 0; i < items.count; i++)
    check_text(items.items[i]);
  const char *rest = NULL;
  const char *number = sl_parse_item_number(arena, text, &rest);
  FUZZ_ASSERT(rest && rest >= text && rest <= text + strlen(text));
  if (number) FUZZ_ASSERT(*number);
  (void)sl_parse_item_number(arena, cell, NULL);
}

static void fuzz_line(sl_arena *arena, const char *line) {
  sl_strings cells = sl_parse_cells(arena, line);
  size_t tabs = 0;
  for (const char *p = line; *p; p++)
    tabs += *p == '\t';
  FUZZ_ASSERT(cells.count == tabs + 1);
  for (size_t i = 0; i < cells.count; i++)
    fuzz_cell(arena, cells.items[i]);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  sl_arena *arena = sl_arena_new();
  sl_document document;
  if (arena && fuzz_document(arena, data, size, &document))
    for (size_t i = 0; i < document.line_count; i++)
      fuzz_line(arena, document.lines[i]);
  sl_arena_free(arena);
  return 0;
}
