/*
 * fuzz_paragraphs.c: the input as a plan of numbered paragraphs
 * (Staffordshire's), each searched for "APP 1.2.2" references, dates,
 * counts written as words and the sentence around each full stop.
 */
#include "fuzz.h"

static void fuzz_words(const char *text) {
  const char *p = text;
  while (*p) {
    size_t length = strcspn(p, " \t");
    (void)sl_parse_number(p, length);
    p += length;
    p += strspn(p, " \t");
  }
}

/* The sentence around every stop, and around the start and the end. */
static void fuzz_sentences(const char *text) {
  size_t length = strlen(text);
  for (size_t i = 0; i <= length; i++) {
    if (i != 0 && i != length && text[i] != '.') continue;
    const char *start = NULL, *end = NULL;
    sl_parse_sentence(text, text + i, &start, &end);
    FUZZ_ASSERT(start && end && start >= text && end <= text + length);
  }
}

static void fuzz_text(sl_arena *arena, const char *text) {
  sl_strings references = sl_parse_references(arena, text, "APP");
  for (size_t i = 0; i < references.count; i++)
    FUZZ_ASSERT(references.items[i] && *references.items[i]);
  const char *date = sl_parse_date(arena, text);
  if (date) FUZZ_ASSERT(strlen(date) >= 4);
  fuzz_words(text);
  fuzz_sentences(text);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  sl_arena *arena = sl_arena_new();
  sl_document document;
  const sl_paragraph *paragraphs = NULL;
  size_t count = 0;
  sl_error error;
  if (arena && fuzz_document(arena, data, size, &document)) {
    for (size_t i = 0; i < document.line_count; i++)
      fuzz_text(arena, document.lines[i]);
    if (sl_parse_numbered_paragraphs(arena, &document, &paragraphs, &count, &error) == 0)
      for (size_t i = 0; i < count; i++) {
        FUZZ_ASSERT(paragraphs[i].number && paragraphs[i].text);
        FUZZ_ASSERT(paragraphs[i].first_line <= paragraphs[i].last_line);
        FUZZ_ASSERT(paragraphs[i].last_line <= document.line_count);
        fuzz_text(arena, paragraphs[i].text);
      }
  }
  sl_arena_free(arena);
  return 0;
}
