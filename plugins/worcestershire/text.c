/*
 * text.c: small helpers over the raw cells of the table export: trimming
 * tags off a span so it can be quoted, finding a marker, and walking the
 * <li> items of a list as written. The host's html_text and
 * html_list_items give an item's plain text; quoting needs the item's span
 * in the document, which they do not give (a candidate for the core).
 */
#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "worcestershire.h"

const char *wo_cell(const wo_row *row, size_t n) {
  return n >= 1 && n <= row->cells.count ? row->cells.items[n - 1] : "";
}

const char *wo_text(wo_load *w, const char *raw) {
  const char *text = sl_html_text(w->host, raw);
  return text ? text : "";
}

int wo_cell_blank(wo_load *w, const char *raw) { return *wo_text(w, raw) == '\0'; }

int wo_cell_is(wo_load *w, const wo_row *row, size_t n, const char *marker) {
  return strcmp(wo_text(w, wo_cell(row, n)), marker) == 0;
}

const char *wo_find(const char *start, const char *end, const char *needle) {
  size_t length = strlen(needle);
  for (const char *p = start; p + length <= end; p++)
    if (strncasecmp(p, needle, length) == 0) return p;
  return NULL;
}

const char *wo_find_exact(const char *start, const char *end, const char *needle) {
  size_t length = strlen(needle);
  for (const char *p = start; p + length <= end; p++)
    if (strncmp(p, needle, length) == 0) return p;
  return NULL;
}

int wo_starts(const char *text, const char *prefix) {
  return strncasecmp(text, prefix, strlen(prefix)) == 0;
}

/* Does a tag start at p: '<' then a letter or '/'? ("a < b" is text.) */
static int tag_start(const char *p, const char *end) {
  return end - p >= 2 && p[0] == '<' && (isalpha((unsigned char)p[1]) || p[1] == '/');
}

/* Space, tab or no-break space at p (before end): its length, or 0. */
static size_t space_at(const char *p, const char *end) {
  if (p < end && (*p == ' ' || *p == '\t')) return 1;
  if (end - p >= 2 && (unsigned char)p[0] == 0xC2 && (unsigned char)p[1] == 0xA0) return 2;
  return 0;
}

static size_t space_before(const char *start, const char *end) {
  if (end > start && (end[-1] == ' ' || end[-1] == '\t')) return 1;
  if (end - start >= 2 && (unsigned char)end[-2] == 0xC2 && (unsigned char)end[-1] == 0xA0)
    return 2;
  return 0;
}

void wo_trim(const char **start, const char **end) {
  const char *s = *start, *e = *end;
  for (;;) {
    size_t n;
    const char *close;
    if ((n = space_at(s, e)))
      s += n;
    else if (tag_start(s, e) && (close = memchr(s, '>', (size_t)(e - s))))
      s = close + 1;
    else
      break;
  }
  for (;;) {
    size_t n;
    if ((n = space_before(s, e))) {
      e -= n;
    } else if (e > s && e[-1] == '>') {
      const char *open = e - 1;
      while (open > s && *open != '<')
        open--;
      if (!tag_start(open, e)) break;
      e = open;
    } else {
      break;
    }
  }
  *start = s;
  *end = e;
}

const char *wo_copy(wo_load *w, const char *start, const char *end) {
  return sl_copy(w->host, start, end > start ? (size_t)(end - start) : 0);
}

/* Is p the start of the tag `<name` (followed by '>', '/' or space)? */
static int tag_at(const char *p, const char *end, const char *name) {
  size_t length = strlen(name);
  if (end - p < (ptrdiff_t)length + 2 || p[0] != '<' || strncasecmp(p + 1, name, length) != 0)
    return 0;
  char next = p[length + 1];
  return next == '>' || next == '/' || next == ' ' || next == '\t';
}

const char *wo_list_item(const char *p, const char *end, const char **inner,
                         const char **inner_end) {
  for (; p < end; p++) {
    if (!tag_at(p, end, "li")) continue;
    const char *open_end = memchr(p, '>', (size_t)(end - p));
    if (!open_end) return NULL;
    const char *s = open_end + 1;
    /* The item ends at its closing tag, or (unclosed) at the next item or
     * the list's end, as an HTML reader would take it. */
    const char *e = s;
    while (e < end && !tag_at(e, end, "/li") && !tag_at(e, end, "li") && !tag_at(e, end, "/ul") &&
           !tag_at(e, end, "/ol"))
      e++;
    const char *next = e;
    wo_trim(&s, &e);
    *inner = s;
    *inner_end = e;
    return next;
  }
  return NULL;
}

sl_source wo_source(wo_load *w, size_t line, size_t cell, size_t item, const char *quote) {
  const char *locator = item ? sl_format(w->host, "line %zu cell %zu item %zu", line, cell, item)
                             : sl_format(w->host, "line %zu cell %zu", line, cell);
  return (sl_source){WO_APP, locator, quote};
}
