/*
 * glossary.c: the plan's glossary, one "TERM - Expansion" per cell, the
 * dash a hyphen or an en dash as the export happened to write it:
 * "AP – Alternative Provision", "APP - Accelerated Progress Plan".
 */
#include <string.h>

#include "worcestershire.h"

/* Between term and expansion: a spaced hyphen, en dash or em dash. */
static const char *const SEPARATORS[] = {" - ", " \xE2\x80\x93 ", " \xE2\x80\x94 ", NULL};

/* The earliest separator in text: its start, and its length in *length. */
static const char *separator(const char *text, size_t *length) {
  const char *best = NULL;
  for (const char *const *s = SEPARATORS; *s; s++) {
    const char *at = strstr(text, *s);
    if (at && (!best || at < best)) best = at, *length = strlen(*s);
  }
  return best;
}

int wo_glossary_cell(wo_load *w, const wo_row *row, size_t cell) {
  const char *raw = wo_cell(row, cell), *start = raw, *end = raw + strlen(raw);
  wo_trim(&start, &end);
  const char *quote = wo_copy(w, start, end);
  const char *text = wo_text(w, quote);
  size_t length = 0;
  const char *at = separator(text, &length);
  if (!at || at == text || !at[length])
    return sl_fail(w->host, WO_APP, row->line, "cell %zu: \"%s\" is not \"TERM - Expansion\"", cell,
                   text);
  sl_term_record term = {.term = wo_copy(w, text, at),
                         .expansion = at + length,
                         .source = wo_source(w, row->line, cell, 0, quote)};
  return sl_emit_term(w->host, &term, NULL);
}
