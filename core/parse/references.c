/*
 * references.c: citations of numbered items ("APP 1.2.2") in running text.
 *
 * After the prefix comes a list of numbers: "APP 1.2.6, APP 1.3.2 and APP
 * 1.3.3", "APP 1.2.2 1.2.4" (two references, no range). A number joins the
 * list without the prefix only if it has as many parts as the first, so
 * "APP 1.2 in 2022" does not cite a "2022". A dash (hyphen, en or em dash)
 * between two numbers that differ only in their last part is a range and
 * gives every number of it: "APP 2.1.1 – 2.1.5" is 2.1.1, 2.1.2, ... 2.1.5.
 * A range written backwards, with a leading zero, of RANGE_MAX numbers or
 * more, or past the budget gives just its two ends: the budget
 * (RANGE_BUDGET numbers made from ranges in one text) keeps hostile text
 * from asking for billions of strings.
 * Each reference is given once, in the order it is first cited. The
 * prefix is matched as written (case counts) as a whole word; an empty
 * prefix cites nothing.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "internal.h"
#include "parse.h"

enum { PART_DIGITS_MAX = 9, PARTS_MAX = 16, RANGE_MAX = 1000, RANGE_BUDGET = 10000 };

/* The references found so far, kept once each: a list for the order and an
 * open-addressed hash set for the test of "seen". */
typedef struct refs {
  sl_arena *arena;
  sl_arena_list list;
  const char **slots;
  size_t slot_count;
  int range_budget;
  int failed;
} refs;

static uint64_t hash_text(const char *text, size_t length) {
  uint64_t hash = 1469598103934665603u; /* FNV-1a */
  for (size_t i = 0; i < length; i++)
    hash = (hash ^ (unsigned char)text[i]) * 1099511628211u;
  return hash;
}

static int refs_grow(refs *r) {
  size_t count = r->slot_count ? r->slot_count * 2 : 64;
  const char **slots = sl_arena_alloc(r->arena, count * sizeof *slots);
  if (!slots) return -1;
  for (size_t i = 0; i < r->list.count; i++) {
    const char *item = r->list.items[i];
    size_t at = hash_text(item, strlen(item)) & (count - 1);
    while (slots[at])
      at = (at + 1) & (count - 1);
    slots[at] = item;
  }
  r->slots = slots;
  r->slot_count = count;
  return 0;
}

/* Add text[0, length) unless it is there already. */
static void refs_add(refs *r, const char *text, size_t length) {
  if (r->failed) return;
  if ((r->list.count + 1) * 2 > r->slot_count && refs_grow(r)) {
    r->failed = 1;
    return;
  }
  size_t at = hash_text(text, length) & (r->slot_count - 1);
  for (; r->slots[at]; at = (at + 1) & (r->slot_count - 1))
    if (strncmp(r->slots[at], text, length) == 0 && r->slots[at][length] == '\0') return;
  const char *copy = sl_arena_copy(r->arena, text, length);
  if (!copy || sl_arena_list_push(&r->list, copy)) {
    r->failed = 1;
    return;
  }
  r->slots[at] = copy;
}

/* A number "2.1.5": where it starts and ends, its count of parts and
 * where its last part begins. */
typedef struct number {
  const char *start, *end, *last_part;
  int parts;
} number;

/* The number at p into out; 0 if p holds none (or one glued to a letter). */
static int read_ref_number(const char *p, number *out) {
  out->start = p;
  out->parts = 0;
  for (;;) {
    int digits = 0;
    while (sl_text_is_digit(p[digits]))
      digits++;
    if (digits < 1 || digits > PART_DIGITS_MAX || ++out->parts > PARTS_MAX) return 0;
    out->last_part = p;
    p += digits;
    if (p[0] != '.' || !sl_text_is_digit(p[1])) break;
    p++;
  }
  if (sl_text_is_letter(*p) || sl_text_is_digit(*p)) return 0; /* "1.2a", "1.2x3" */
  out->end = p;
  return 1;
}

static long part_value(const char *p, const char *end) {
  long value = 0;
  for (; p < end; p++)
    value = value * 10 + (*p - '0');
  return value;
}

static void refs_range(refs *r, const number *from, const number *to) {
  size_t stem = (size_t)(from->last_part - from->start);
  int same_stem = from->parts == to->parts && (size_t)(to->last_part - to->start) == stem &&
                  strncmp(from->start, to->start, stem) == 0;
  long low = part_value(from->last_part, from->end), high = part_value(to->last_part, to->end);
  int zero_led = (from->last_part[0] == '0' && from->end - from->last_part > 1) ||
                 (to->last_part[0] == '0' && to->end - to->last_part > 1);
  refs_add(r, from->start, (size_t)(from->end - from->start));
  if (same_stem && !zero_led && low < high && high - low < RANGE_MAX &&
      high - low - 1 <= r->range_budget) {
    r->range_budget -= (int)(high - low - 1);
    for (long value = low + 1; value < high; value++) {
      char text[PARTS_MAX * (PART_DIGITS_MAX + 1) + 1];
      int length = snprintf(text, sizeof text, "%.*s%ld", (int)stem, from->start, value);
      if (length > 0 && (size_t)length < sizeof text) refs_add(r, text, (size_t)length);
    }
  }
  refs_add(r, to->start, (size_t)(to->end - to->start));
}

/* A dash between two numbers: hyphen, en dash or em dash, with or without
 * white space around it. */
static const char *read_dash(const char *p) {
  p = sl_text_skip_space(p);
  if (*p == '-') return sl_text_skip_space(p + 1);
  if (strncmp(p, "\xE2\x80\x93", 3) == 0 || strncmp(p, "\xE2\x80\x94", 3) == 0)
    return sl_text_skip_space(p + 3);
  return NULL;
}

/* The prefix at p as a whole word, then optional white space; NULL if not. */
static const char *read_prefix(const char *text, const char *p, const char *prefix,
                               size_t prefix_length) {
  if (strncmp(p, prefix, prefix_length) != 0) return NULL;
  if (p > text && (sl_text_is_letter(p[-1]) || sl_text_is_digit(p[-1]))) return NULL;
  const char *after = p + prefix_length;
  if (sl_text_is_letter(prefix[prefix_length - 1]) && sl_text_is_letter(*after)) return NULL;
  return sl_text_skip_space(after);
}

/* What may stand between two references of a list: a comma, "and", "&",
 * "/" or white space alone; then perhaps the prefix again. */
static const char *read_separator(const char *text, const char *p, const char *prefix,
                                  size_t prefix_length, int *prefixed) {
  const char *q = sl_text_skip_space(p);
  if (*q == ',' || *q == '&' || *q == '/' || *q == ';')
    q = sl_text_skip_space(q + 1);
  else if (sl_text_phrase_at(q, "and "))
    q = sl_text_phrase_at(q, "and ");
  else if (q == p)
    return NULL;
  const char *after = read_prefix(text, q, prefix, prefix_length);
  *prefixed = after != NULL;
  return after ? after : q;
}

/* The list of references after one prefix; returns where it ends. */
static const char *refs_list(refs *r, const char *text, const char *p, const char *prefix,
                             size_t prefix_length) {
  number first, current, next;
  if (!read_ref_number(p, &first)) return p;
  current = first;
  for (;;) {
    p = current.end;
    const char *q = read_dash(p), *after;
    if (q &&
        read_ref_number((after = read_prefix(text, q, prefix, prefix_length)) ? after : q, &next)) {
      refs_range(r, &current, &next);
      p = next.end;
    } else {
      refs_add(r, current.start, (size_t)(current.end - current.start));
    }
    int prefixed = 0;
    q = read_separator(text, p, prefix, prefix_length, &prefixed);
    if (!q || !read_ref_number(q, &next) || (!prefixed && next.parts != first.parts)) return p;
    current = next;
  }
}

sl_strings sl_parse_references(sl_arena *arena, const char *text, const char *prefix) {
  refs r = {.arena = arena, .range_budget = RANGE_BUDGET};
  sl_arena_list_init(&r.list, arena);
  size_t prefix_length = prefix ? strlen(prefix) : 0;
  if (!text || !prefix_length) return (sl_strings){NULL, 0};
  const char *p = text;
  while (!r.failed && (p = strstr(p, prefix))) {
    const char *after = read_prefix(text, p, prefix, prefix_length);
    p = after ? refs_list(&r, text, after, prefix, prefix_length) : p + 1;
  }
  if (r.failed) return (sl_strings){NULL, 0};
  return (sl_strings){(const char *const *)r.list.items, r.list.count};
}
