/*
 * text.c: the small text primitives the parsers share. Documents come from
 * Word and PDF exports, so white space includes the no-break space, and
 * marker phrases are matched case-blind over any run of white space.
 */
#include <string.h>

#include "internal.h"

size_t sl_text_space(const char *p) {
  switch (*p) {
  case ' ':
  case '\t':
  case '\n':
  case '\r':
  case '\f':
  case '\v':
    return 1;
  case '\xC2':
    return p[1] == '\xA0' ? 2 : 0;
  default:
    return 0;
  }
}

const char *sl_text_skip_space(const char *p) {
  size_t n;
  while ((n = sl_text_space(p)))
    p += n;
  return p;
}

const char *sl_text_trim_end(const char *start, const char *end) {
  while (end > start) {
    char c = end[-1];
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v')
      end--;
    else if (end - start >= 2 && end[-2] == '\xC2' && c == '\xA0')
      end -= 2;
    else
      break;
  }
  return end;
}

int sl_text_blank(const char *line) { return *sl_text_skip_space(line) == '\0'; }

int sl_text_is_letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

int sl_text_is_digit(char c) { return c >= '0' && c <= '9'; }

char *sl_text_clean(sl_arena *arena, const char *start, const char *end) {
  char *copy = sl_arena_alloc(arena, (size_t)(end - start) + 1);
  if (!copy) return NULL;
  char *out = copy;
  const char *p = start;
  while (p < end) {
    size_t n = sl_text_space(p);
    if (n && p + n <= end) {
      while (p < end && (n = sl_text_space(p)) && p + n <= end)
        p += n;
      if (out > copy && p < end) *out++ = ' ';
    } else {
      *out++ = *p++;
    }
  }
  *out = '\0';
  return copy;
}

static char lower(char c) { return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c; }

const char *sl_text_phrase_at(const char *p, const char *phrase) {
  if (!*phrase) return p;
  for (; *phrase; phrase++) {
    if (*phrase == ' ') {
      const char *after = sl_text_skip_space(p);
      if (after == p) return NULL;
      p = after;
      continue;
    }
    if (lower(*p) != lower(*phrase)) return NULL;
    p++;
  }
  return sl_text_is_letter(phrase[-1]) && sl_text_is_letter(*p) ? NULL : p;
}

const char *sl_text_phrase_find(const char *text, const char *phrase, const char **end) {
  for (const char *p = text; *p; p++) {
    if (p > text && sl_text_is_letter(phrase[0]) && sl_text_is_letter(p[-1])) continue;
    const char *after = sl_text_phrase_at(p, phrase);
    if (after) {
      if (end) *end = after;
      return p;
    }
  }
  return NULL;
}

const char *sl_text_after_bullet(const char *p) {
  p = sl_text_skip_space(p);
  size_t mark = 0;
  if (*p == '-' || *p == '*')
    mark = 1;
  else if (strncmp(p, "\xC2\xB7", 2) == 0) /* · */
    mark = 2;
  else if (strncmp(p, "\xE2\x80\xA2", 3) == 0) /* • */
    mark = 3;
  if (!mark || !sl_text_space(p + mark)) return NULL;
  return sl_text_skip_space(p + mark);
}

const char *sl_text_sentence_end(const char *p) {
  for (; *p; p++) {
    if (*p != '.' && *p != '!' && *p != '?') continue;
    const char *after = p + 1;
    while (*after == ')' || *after == '"' || *after == '\'' || *after == ']')
      after++;
    /* ’ and ” close a quotation in Word's typography. */
    while (strncmp(after, "\xE2\x80\x99", 3) == 0 || strncmp(after, "\xE2\x80\x9D", 3) == 0)
      after += 3;
    if (*after == '\0' || sl_text_space(after)) return after;
  }
  return NULL;
}
