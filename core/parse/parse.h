/*
 * parse.h: parsing shared by every area plugin. The plugins reach these
 * through the host table (sendlens/plugin.h); the host passes its arena, so
 * every result lives until the load ends. Nothing here knows any area.
 */
#ifndef SL_PARSE_H
#define SL_PARSE_H

#include <stddef.h>

#include "../arena.h"
#include "../error.h"
#include "sendlens/plugin.h"

/* Bytes of a file as a document of lines: a UTF-8 byte-order mark removed,
 * CRLF and lone CR line ends made LF. Refuses NUL bytes and invalid UTF-8,
 * naming the line. Lines may be of any length. */
int sl_document_from_bytes(sl_arena *arena, const char *name, const char *bytes, size_t length,
                           sl_document *out, sl_error *error);

const char *sl_parse_date(sl_arena *arena, const char *text);
int sl_parse_revisit_letter(sl_arena *arena, const sl_document *document, sl_revisit_letter *out,
                            sl_error *error);
sl_strings sl_parse_cells(sl_arena *arena, const char *line);
const char *sl_parse_html_text(sl_arena *arena, const char *html);
sl_strings sl_parse_html_list_items(sl_arena *arena, const char *html);
const char *sl_parse_item_number(sl_arena *arena, const char *text, const char **rest);
int sl_parse_numbered_paragraphs(sl_arena *arena, const sl_document *document,
                                 const sl_paragraph **out, size_t *count, sl_error *error);
sl_strings sl_parse_references(sl_arena *arena, const char *text, const char *prefix);

#endif
