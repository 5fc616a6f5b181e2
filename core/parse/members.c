/*
 * members.c: a group and the bodies it draws its members from, as plans
 * write them in a sentence:
 *
 *   "a Local Offer Steering Group, with members from the PCF, SENDIASS,
 *    Schools, the Local Authority and Health partners which will ..."
 *   "The Local Area Improvement Board (LAIB) ... has representation from
 *    FACE, SENDIASS, Education, ..."
 *   "a 'Task and Finish Group' approach. The group included
 *    representatives from the PCF, SENDIASS, schools, CCG, ..."
 *
 * The list follows "members from", "has representation from" or
 * "representatives from" and runs to the sentence's end or to "which",
 * "who" or "to" after it. Its items are split at commas and "and"; an item
 * naming where it comes from ("Health partners from the ICB, Health
 * Trust and Mental Health Trust") keeps the rest of the list, whose commas
 * are its own. The group is the nearest name before the list that ends in
 * a word such as Group or Board (with an abbreviation in brackets after
 * it), without a leading article; NULL when there is none.
 */
#include <ctype.h>
#include <string.h>

#include "parse.h"

/* "representation from" only after "has": "we have secured representation
 * from a steering group" names who represents, not a group's members. */
static const char *const LIST_MARKERS[] = {" members from ", " has representation from ",
                                           " representatives from ", NULL};
/* Where a list stops before its sentence ends. */
static const char *const LIST_ENDS[] = {" which ", " who ", " to ", NULL};
/* The last word of a group's name. */
static const char *const GROUP_WORDS[] = {"Group",       "Board",    "Forum",     "Team",
                                          "Partnership", "Alliance", "Committee", NULL};
/* Words a name may hold between its capitalised words. */
static const char *const JOINING_WORDS[] = {"and", "of", "for", "&", NULL};
static const char *const ARTICLES[] = {"The ", "A ", "An ", NULL};

static int members_is_word(const char *start, const char *end, const char *word) {
  return (size_t)(end - start) == strlen(word) && strncmp(start, word, (size_t)(end - start)) == 0;
}

static int members_word_in(const char *start, const char *end, const char *const *words) {
  for (; *words; words++)
    if (members_is_word(start, end, *words)) return 1;
  return 0;
}

/* The word ending at end (letters, '&' and '-'): its start. */
static const char *members_word_before(const char *text, const char *end) {
  const char *p = end;
  while (p > text && (isalpha((unsigned char)p[-1]) || p[-1] == '&' || p[-1] == '-'))
    p--;
  return p;
}

/* The name ending with the group word [word, word_end): back over
 * capitalised and joining words, an article dropped. */
static const char *members_group_start(const char *text, const char *word) {
  const char *start = word, *p = word;
  while (p > text && p[-1] == ' ') {
    const char *end = p - 1, *before = members_word_before(text, end);
    if (before == end) break;
    if (isupper((unsigned char)*before)) {
      start = p = before;
      continue;
    }
    if (!members_word_in(before, end, JOINING_WORDS)) break;
    p = before; /* kept only if a capitalised word comes before it */
  }
  for (const char *const *article = ARTICLES; *article; article++)
    if (strncmp(start, *article, strlen(*article)) == 0 && start + strlen(*article) < word)
      start += strlen(*article);
  return start;
}

/* The group named nearest before at, as written, or NULL. */
static const char *members_group(sl_arena *arena, const char *text, const char *at) {
  for (const char *p = at; p > text; p--) {
    const char *word = members_word_before(text, p);
    if (word == p || (word > text && isalpha((unsigned char)word[-1]))) continue;
    if (!members_word_in(word, p, GROUP_WORDS)) {
      if (word == text) break;
      p = word; /* the loop steps back past it */
      continue;
    }
    const char *start = members_group_start(text, word), *end = p;
    if (end[0] == ' ' && end[1] == '(') {
      const char *close = strchr(end, ')');
      if (close && close < at) end = close + 1;
    }
    return sl_arena_copy(arena, start, (size_t)(end - start));
  }
  return NULL;
}

/* Where the list starting at list ends. */
static const char *members_list_end(const char *list) {
  const char *end = list + strcspn(list, ".;");
  for (const char *const *stop = LIST_ENDS; *stop; stop++) {
    const char *at = strstr(list, *stop);
    if (at && at < end) end = at;
  }
  return sl_text_trim_end(list, end);
}

/* The next item of [p, end): its end, and where the one after starts. An
 * item that says "from" before the next separator keeps the rest. */
static const char *members_item_end(const char *p, const char *end, const char **next) {
  static const char *const SEPARATORS[] = {", and ", ", ", " and ", NULL};
  const char *best = end;
  *next = end;
  for (const char *const *sep = SEPARATORS; *sep; sep++) {
    const char *at = strstr(p, *sep);
    if (at && at < best) best = at, *next = at + strlen(*sep);
  }
  const char *from = strstr(p, " from ");
  if (from && from < best) best = *next = end;
  return best;
}

int sl_parse_group_members(sl_arena *arena, const char *text, sl_group_members *out) {
  const char *at = NULL, *list = NULL;
  for (const char *const *marker = LIST_MARKERS; *marker; marker++) {
    const char *found = strstr(text, *marker);
    if (found && (!at || found < at)) at = found, list = found + strlen(*marker);
  }
  if (!at) return -1;
  const char *end = members_list_end(list);
  sl_arena_list items;
  sl_arena_list_init(&items, arena);
  for (const char *p = list, *next; p < end; p = next) {
    const char *item_end = members_item_end(p, end, &next);
    const char *item = sl_arena_copy(arena, p, (size_t)(item_end - p));
    if (!item || (*item && sl_arena_list_push(&items, item))) return -1;
  }
  if (!items.count) return -1;
  out->group = members_group(arena, text, at);
  out->list = sl_arena_copy(arena, list, (size_t)(end - list));
  out->members = (sl_strings){(const char *const *)items.items, items.count};
  out->rest = end;
  return out->list ? 0 : -1;
}
