/*
 * html.c: tables exported as tab-separated lines whose cells hold HTML
 * fragments (<b>, <ul><li>, &amp;). Cells are split as written; the text
 * of a fragment is what a reader sees: tags gone, entities decoded, white
 * space collapsed. This reads fragments, not pages: no scripts, no DOM.
 */
#include <string.h>

#include "internal.h"
#include "parse.h"

static const sl_strings NO_STRINGS = {NULL, 0};

static char lower(char c) { return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c; }

static sl_strings strings_of(const sl_arena_list *list) {
  return (sl_strings){(const char *const *)list->items, list->count};
}

sl_strings sl_parse_cells(sl_arena *arena, const char *line) {
  sl_arena_list cells;
  sl_arena_list_init(&cells, arena);
  const char *start = line ? line : "";
  for (;;) {
    const char *tab = strchr(start, '\t');
    size_t length = tab ? (size_t)(tab - start) : strlen(start);
    const char *cell = sl_arena_copy(arena, start, length);
    if (!cell || sl_arena_list_push(&cells, cell)) return NO_STRINGS;
    if (!tab) break;
    start = tab + 1;
  }
  return strings_of(&cells);
}

/* ---- tags ---- */

/* Is p a tag "<name" or "</name" (any case) with name ending there? */
static int tag_named(const char *p, const char *name) {
  if (*p++ != '<') return 0;
  if (*p == '/') p++;
  for (; *name; name++, p++)
    if (lower(*p) != *name) return 0;
  return !sl_text_is_letter(*p) && !sl_text_is_digit(*p);
}

/* Tags that separate words where a browser would break the line. */
static int tag_breaks(const char *p) {
  static const char *const BLOCKS[] = {
      "br", "p",  "div", "li", "ul", "ol", "tr", "td", "th",         "table",   "h1", "h2",
      "h3", "h4", "h5",  "h6", "hr", "dl", "dt", "dd", "blockquote", "section", NULL};
  for (int i = 0; BLOCKS[i]; i++)
    if (tag_named(p, BLOCKS[i])) return 1;
  return 0;
}

/* Just past the tag or comment at p, or NULL when p is a plain '<' ("a < b",
 * or a tag never closed). A tag ends at the first '>' and holds no '<': the
 * fragments read here quote no '>' in attributes, and a scan that stops at
 * the next '<' keeps hostile text ("<a<a<a...") linear. */
static const char *tag_end(const char *p) {
  char next = p[1];
  if (!sl_text_is_letter(next) && next != '/' && next != '!' && next != '?') return NULL;
  for (p += 1; *p && *p != '<'; p++)
    if (*p == '>') return p + 1;
  return NULL;
}

/* ---- entities ---- */

typedef struct named_entity {
  const char *name;
  const char *text;
} named_entity;

/* The entities Word and spreadsheet exports write; others stay as written. */
static const named_entity ENTITIES[] = {
    {"amp", "&"},
    {"lt", "<"},
    {"gt", ">"},
    {"quot", "\""},
    {"apos", "'"},
    {"nbsp", " "},
    {"ndash", "\xE2\x80\x93"},
    {"mdash", "\xE2\x80\x94"},
    {"lsquo", "\xE2\x80\x98"},
    {"rsquo", "\xE2\x80\x99"},
    {"ldquo", "\xE2\x80\x9C"},
    {"rdquo", "\xE2\x80\x9D"},
    {"hellip", "\xE2\x80\xA6"},
    {"bull", "\xE2\x80\xA2"},
    {"middot", "\xC2\xB7"},
    {"pound", "\xC2\xA3"},
    {"euro", "\xE2\x82\xAC"},
    {"copy", "\xC2\xA9"},
    {"shy", ""},
    {NULL, NULL},
};

static size_t utf8_encode(unsigned long code, char *out) {
  if (code == 0 || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF))
    code = 0xFFFD; /* the replacement character, as browsers do */
  if (code < 0x80) {
    out[0] = (char)code;
    return 1;
  }
  if (code < 0x800) {
    out[0] = (char)(0xC0 | (code >> 6));
    out[1] = (char)(0x80 | (code & 0x3F));
    return 2;
  }
  if (code < 0x10000) {
    out[0] = (char)(0xE0 | (code >> 12));
    out[1] = (char)(0x80 | ((code >> 6) & 0x3F));
    out[2] = (char)(0x80 | (code & 0x3F));
    return 3;
  }
  out[0] = (char)(0xF0 | (code >> 18));
  out[1] = (char)(0x80 | ((code >> 12) & 0x3F));
  out[2] = (char)(0x80 | ((code >> 6) & 0x3F));
  out[3] = (char)(0x80 | (code & 0x3F));
  return 4;
}

static int hex_value(char c) {
  if (sl_text_is_digit(c)) return c - '0';
  c = lower(c);
  return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

/* "&#38;" or "&#x26;": the code point in out; the end, or NULL. */
static const char *numeric_entity(const char *p, unsigned long *code) {
  int hex = p[2] == 'x' || p[2] == 'X';
  const char *q = p + 2 + hex;
  unsigned long value = 0;
  int digits = 0;
  for (int d; (d = hex ? hex_value(*q) : (sl_text_is_digit(*q) ? *q - '0' : -1)) >= 0; q++) {
    if (++digits > 8) return NULL;
    value = value * (hex ? 16 : 10) + (unsigned long)d;
  }
  if (!digits || *q != ';') return NULL;
  *code = value;
  return q + 1;
}

/* The entity at p (p[0] == '&') decoded into out (room for 4 bytes); its
 * end, or NULL if p is not an entity this reads. */
static const char *entity(const char *p, char *out, size_t *length) {
  if (p[1] == '#') {
    unsigned long code;
    const char *end = numeric_entity(p, &code);
    if (end) *length = utf8_encode(code, out);
    return end;
  }
  if (!sl_text_is_letter(p[1])) return NULL;
  for (const named_entity *e = ENTITIES; e->name; e++) {
    size_t n = strlen(e->name);
    if (strncmp(p + 1, e->name, n) == 0 && p[1 + n] == ';') {
      *length = strlen(e->text);
      memcpy(out, e->text, *length);
      return p + 2 + n;
    }
  }
  return NULL;
}

/* ---- text ---- */

/* The text being written: a space is owed between words and written only
 * when a word follows, so the result is collapsed and trimmed. */
typedef struct text_out {
  char *start, *end;
  int space_owed;
} text_out;

static void out_bytes(text_out *out, const char *bytes, size_t length) {
  if (!length) return;
  if (out->space_owed && out->end > out->start) *out->end++ = ' ';
  out->space_owed = 0;
  memcpy(out->end, bytes, length);
  out->end += length;
}

/* A decoded character: white space and controls separate words. */
static void out_decoded(text_out *out, const char *bytes, size_t length) {
  if (!length) return;
  unsigned char c = (unsigned char)bytes[0];
  if ((length == 1 && (c <= 0x20 || c == 0x7F)) || sl_text_space(bytes) == length)
    out->space_owed = 1;
  else
    out_bytes(out, bytes, length);
}

/* The text of the fragment [p, end). Every byte read yields at most one
 * byte written, so the copy needs no more room than the fragment. */
static char *html_text_range(sl_arena *arena, const char *p, const char *end) {
  text_out out = {sl_arena_alloc(arena, (size_t)(end - p) + 1), NULL, 0};
  if (!out.start) return NULL;
  out.end = out.start;
  while (p < end) {
    size_t space = sl_text_space(p);
    const char *after;
    char decoded[4];
    size_t length = 0;
    if (space && p + space <= end) {
      out.space_owed = 1;
      p += space;
    } else if (*p == '<' && (after = tag_end(p)) && after <= end) {
      if (tag_breaks(p)) out.space_owed = 1;
      p = after;
    } else if (*p == '&' && (after = entity(p, decoded, &length)) && after <= end) {
      out_decoded(&out, decoded, length);
      p = after;
    } else {
      out_bytes(&out, p, 1);
      p++;
    }
  }
  *out.end = '\0';
  return out.start;
}

const char *sl_parse_html_text(sl_arena *arena, const char *html) {
  if (!html) html = "";
  return html_text_range(arena, html, html + strlen(html));
}

/* Where an item's own text ends: its close, the next item, or a list
 * opening or closing inside or after it. */
static const char *item_end(const char *p) {
  for (; *p; p++)
    if (*p == '<' && (tag_named(p, "li") || tag_named(p, "ul") || tag_named(p, "ol"))) return p;
  return p;
}

sl_strings sl_parse_html_list_items(sl_arena *arena, const char *html) {
  sl_arena_list items;
  sl_arena_list_init(&items, arena);
  const char *p = html ? html : "";
  while ((p = strchr(p, '<'))) {
    const char *after = tag_end(p);
    if (!after) {
      p++;
      continue;
    }
    if (p[1] == '/' || !tag_named(p, "li")) {
      p = after;
      continue;
    }
    const char *end = item_end(after);
    const char *text = html_text_range(arena, after, end);
    if (!text) return NO_STRINGS;
    if (*text && sl_arena_list_push(&items, text)) return NO_STRINGS;
    p = end;
  }
  return strings_of(&items);
}
