/*
 * text.c: the small text helpers the Walsall readers share: the kinds of
 * line the document is made of (headings, bullets, section headings,
 * numbered paragraphs), a marker, a sentence, a number written as a word,
 * and sources. None knows anything of Walsall; white space and list items
 * come from the host table.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "walsall.h"

const char *walsall_line(const walsall *w, size_t n) {
  return n >= 1 && n <= w->doc->line_count ? w->doc->lines[n - 1] : "";
}

int walsall_blank(const char *line) { return *sl_skip_space(line) == '\0'; }

const char *walsall_copy(walsall *w, const char *start, const char *end) {
  return sl_copy_trimmed(w->host, start, end);
}

const char *walsall_find(const char *start, const char *end, const char *marker) {
  size_t length = strlen(marker);
  if (!end) end = start + strlen(start);
  for (const char *p = start; p + length <= end; p++)
    if ((p == start || !isalnum((unsigned char)p[-1])) && strncasecmp(p, marker, length) == 0)
      return p;
  return NULL;
}

const char *walsall_heading(const char *line) {
  const char *p = sl_skip_space(line);
  if (*p != '#') return NULL;
  while (*p == '#')
    p++;
  const char *title = sl_skip_space(p);
  return title != p && *title ? title : NULL;
}

int walsall_numbered(const char *text) {
  const char *p = text;
  if (!isdigit((unsigned char)*p)) return 0;
  while (isdigit((unsigned char)*p) || (*p == '.' && isdigit((unsigned char)p[1])))
    p++;
  return *p == '.';
}

int walsall_section(const char *line) {
  const char *p = walsall_heading(line);
  if (!p) p = sl_skip_space(line);
  if (!isdigit((unsigned char)*p)) return 0;
  char *end;
  long number = strtol(p, &end, 10);
  if (*end != '.' || sl_skip_space(end + 1) == end + 1 || number <= 0 || number > 999) return 0;
  return (int)number;
}

size_t walsall_section_find(const walsall *w, const char *marker, size_t *last) {
  size_t first = 0;
  for (size_t n = 1; n <= w->doc->line_count; n++) {
    const char *line = walsall_line(w, n);
    if (!walsall_section(line)) continue;
    if (first) {
      *last = n - 1;
      return first;
    }
    if (walsall_find(line, NULL, marker)) first = n;
  }
  *last = w->doc->line_count;
  return first;
}

const sl_paragraph *walsall_paragraph_with(const walsall *w, const char *marker) {
  for (size_t i = 0; i < w->paragraph_count; i++)
    if (walsall_find(w->paragraphs[i].text, NULL, marker)) return &w->paragraphs[i];
  return NULL;
}

const sl_paragraph *walsall_paragraph_at(const walsall *w, size_t n) {
  for (size_t i = 0; i < w->paragraph_count; i++)
    if (w->paragraphs[i].first_line <= n && n <= w->paragraphs[i].last_line)
      return &w->paragraphs[i];
  return NULL;
}

const char *walsall_paragraph_start(const walsall *w, const sl_paragraph *p, size_t n) {
  const char *line = walsall_line(w, n);
  const char *number = n == p->first_line ? strstr(line, p->number) : NULL;
  return number ? number : sl_skip_space(line);
}

size_t walsall_paragraph_line(const walsall *w, const sl_paragraph *p, const char *marker,
                              const char **at) {
  for (size_t n = p->first_line; n <= p->last_line; n++) {
    const char *found = walsall_find(walsall_paragraph_start(w, p, n), NULL, marker);
    if (found) {
      if (at) *at = found;
      return n;
    }
  }
  return 0;
}

size_t walsall_paragraph_last(const walsall *w, const sl_paragraph *p) {
  size_t n = p->last_line;
  while (n > p->first_line && walsall_blank(walsall_line(w, n)))
    n--;
  return n;
}

void walsall_sentence(walsall *w, const char *from, const char *at, const char **start,
                      const char **end) {
  sl_sentence(w->host, from, at, start, end);
}

const char *walsall_date_in(walsall *w, const char *start, const char *end) {
  const char *text = sl_copy(w->host, start, (size_t)(end - start));
  return text ? sl_parse_date(w->host, text) : NULL;
}

const char *walsall_date_near(walsall *w, const char *start, const char *end, const char *at,
                              const char *at_end) {
  const char *date = walsall_date_in(w, at_end, end);
  return date ? date : walsall_date_in(w, start, at);
}

int walsall_number(walsall *w, const char *word, size_t length) {
  return sl_parse_number(w->host, word, length);
}

static int text_word_char(char c) { return isalnum((unsigned char)c) || c == '-'; }

int walsall_number_before(walsall *w, const char *from, const char *at) {
  const char *end = sl_trim_end(from, at);
  const char *start = end;
  while (start > from && text_word_char(start[-1]))
    start--;
  return walsall_number(w, start, (size_t)(end - start));
}

int walsall_number_after(walsall *w, const char *at, const char **after) {
  const char *start = sl_skip_space(at);
  const char *end = start;
  while (text_word_char(*end))
    end++;
  if (after) *after = end;
  return walsall_number(w, start, (size_t)(end - start));
}

sl_source walsall_source(walsall *w, const char *number, size_t n, size_t last, const char *quote) {
  const char *lines =
      last > n ? sl_format(w->host, "lines %zu-%zu", n, last) : sl_format(w->host, "line %zu", n);
  const char *locator =
      number && lines ? sl_format(w->host, "paragraph %s, %s", number, lines) : lines;
  sl_source source = {WALSALL_DOCUMENT, locator, quote};
  return source;
}

sl_source walsall_paragraph_source(walsall *w, const sl_paragraph *p) {
  size_t last = walsall_paragraph_last(w, p);
  const char *start = walsall_paragraph_start(w, p, p->first_line);
  const char *quote = sl_copy(w->host, start, strlen(start));
  for (size_t n = p->first_line + 1; quote && n <= last; n++)
    quote = sl_format(w->host, "%s\n%s", quote, walsall_line(w, n));
  if (quote)
    quote = sl_copy(w->host, quote, (size_t)(sl_trim_end(quote, quote + strlen(quote)) - quote));
  return walsall_source(w, p->number, p->first_line, last, quote);
}

sl_source walsall_sentence_source(walsall *w, const char *number, size_t n, const char *from,
                                  const char *at) {
  const char *start, *end;
  walsall_sentence(w, from, at, &start, &end);
  return walsall_source(w, number, n, 0, walsall_copy(w, start, end));
}
