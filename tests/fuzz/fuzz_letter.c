/*
 * fuzz_letter.c: a file's bytes made a document (sl_document_from_bytes:
 * UTF-8 check, BOM, CR and CRLF) and read as an Ofsted/CQC revisit letter
 * (sl_parse_revisit_letter), the parser with the most state.
 */
#include "fuzz.h"

/* A span found must point into the document and hold text. */
static void check_span(const sl_span *span, const sl_document *document) {
  if (!span->value) return;
  FUZZ_ASSERT(span->line >= 1 && span->line <= document->line_count);
  FUZZ_ASSERT(span->quote && strlen(span->quote) > 0);
  (void)strlen(span->value);
}

static void check_letter(const sl_revisit_letter *letter, const sl_document *document) {
  check_span(&letter->letter_date, document);
  check_span(&letter->visit_from, document);
  check_span(&letter->visit_to, document);
  check_span(&letter->initial_published, document);
  check_span(&letter->statement_fit, document);
  FUZZ_ASSERT(letter->weakness_count == 0 || letter->weaknesses);
  for (size_t i = 0; i < letter->weakness_count; i++) {
    const sl_letter_weakness *weakness = &letter->weaknesses[i];
    check_span(&weakness->statement, document);
    check_span(&weakness->judgement, document);
    FUZZ_ASSERT(weakness->last_line <= document->line_count);
  }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  sl_arena *arena = sl_arena_new();
  sl_document document;
  sl_revisit_letter letter;
  sl_error error;
  if (arena && fuzz_document(arena, data, size, &document) &&
      sl_parse_revisit_letter(arena, &document, &letter, &error) == 0)
    check_letter(&letter, &document);
  sl_arena_free(arena);
  return 0;
}
