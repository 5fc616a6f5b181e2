/*
 * roles.c: the people and bodies Worcestershire's plan names, as roles.
 *
 * The title cell runs on into labelled roles of the whole plan
 * ("Project Sponsors: A; B Business Lead: C Programme Lead: D"): a label
 * is the capitalised words before a colon, a sponsor's when it says
 * "Sponsor", a lead's when it says "Lead"; its value runs to the next
 * label, entries separated by "; ". Each workstream names its leads after
 * a "LEAD ...:" label and its members in a "Membership:" list
 * (workstream.c finds them; this file emits them). An action may name
 * its own lead: "<Body> to lead on this work" (action 3.6: commissioning
 * Families in Partnership to lead on it).
 *
 * An entry names a post and its organisation in one of three ways:
 * "Post (ORG)", "Post, ORG" (or "Post, Organisation (ORG)") and
 * "Post of ORG", where ORG is one word with capitals (an abbreviation of
 * the glossary: "WCF", "CCG"). Anything else ("Special Schools", "Parent
 * carer forum (FiP) and WAC and stakeholder groups") is kept whole as
 * the name, with no post or organisation guessed; the host judges a
 * body's kind from its name (core/roles.c).
 */
#include <ctype.h>
#include <string.h>

#include "worcestershire.h"

/* One word with at least two capitals and no space: "WCF", "HWHCT", "FiP". */
static int abbreviation(const char *start, const char *end) {
  int capitals = 0;
  if (start >= end || end - start > 12) return 0;
  for (const char *p = start; p < end; p++) {
    if (isspace((unsigned char)*p) || *p == '(' || *p == ')' || *p == ',') return 0;
    capitals += isupper((unsigned char)*p) != 0;
  }
  return capitals >= 2;
}

/* text without the brackets around all of it: "(CCG)" gives "CCG". */
static void unbracket(const char **start, const char **end) {
  if (*end - *start >= 2 && **start == '(' && (*end)[-1] == ')') (*start)++, (*end)--;
}

/* A trailing "(ORG)": its start, or NULL. */
static const char *trailing_abbreviation(const char *start, const char *end) {
  if (end - start < 4 || end[-1] != ')') return NULL;
  const char *open = end - 1;
  while (open > start && *open != '(')
    open--;
  return *open == '(' && abbreviation(open + 1, end - 1) ? open : NULL;
}

/* Split an entry into post and organisation by the three ways above;
 * both stay NULL when it is none of them. */
static void split_post(wo_load *w, const char *name, const char **post, const char **organisation) {
  const char *end = name + strlen(name), *comma = strstr(name, ", "), *cut = NULL, *org = NULL;
  *post = *organisation = NULL;
  if (comma) {
    const char *after = comma + 2, *trail = trailing_abbreviation(after, end);
    const char *a = after, *e = end;
    unbracket(&a, &e);
    if (abbreviation(a, e) || (trail && trail > after)) cut = comma, org = after;
  }
  if (!cut && (org = trailing_abbreviation(name, end))) cut = org;
  if (!cut) {
    const char *of = NULL;
    for (const char *p = strstr(name, " of "); p; p = strstr(p + 1, " of "))
      of = p;
    if (of && abbreviation(of + 4, end)) cut = of, org = of + 4;
  }
  if (!cut) return;
  const char *post_end = sl_trim_end(name, cut), *org_start = org, *org_end = end;
  unbracket(&org_start, &org_end);
  *post = sl_copy(w->host, name, (size_t)(post_end - name));
  *organisation = sl_copy(w->host, org_start, (size_t)(org_end - org_start));
}

int wo_role(wo_load *w, sl_id parent, const char *kind, const char *role, const char *name,
            int is_post, sl_source source) {
  sl_role_record record = {
      .parent = parent, .role = role, .kind = kind, .name = name, .source = source};
  split_post(w, name, &record.post, &record.organisation);
  if (!record.post && is_post) record.post = name;
  return sl_emit_role(w->host, &record, NULL);
}

/* ---- the title cell's labelled roles ---- */

/* Where the label whose colon is at colon starts: up to three capitalised
 * words back; NULL if the colon has none before it. */
static const char *label_start(const char *text, const char *colon) {
  const char *start = NULL, *p = colon;
  for (int words = 0; words < 3; words++) {
    const char *word_end = p;
    while (word_end > text && word_end[-1] == ' ')
      word_end--;
    const char *word = word_end;
    while (word > text && isalpha((unsigned char)word[-1]))
      word--;
    if (word == word_end || !isupper((unsigned char)*word)) break;
    if (word > text && word[-1] != ' ') break;
    start = p = word;
  }
  return start;
}

/* The kind a label names, or NULL for a label naming none. */
static const char *label_kind(const char *start, const char *end) {
  if (wo_find(start, end, "Sponsor")) return "sponsor";
  if (wo_find(start, end, "Lead")) return "lead";
  return NULL;
}

/* The entries of one label's value [start, end), "; " between them. */
static int title_entries(wo_load *w, size_t line, const char *kind, const char *role,
                         const char *start, const char *end) {
  while (start < end) {
    const char *semicolon = wo_find_exact(start, end, ";");
    const char *entry_end = semicolon ? semicolon : end, *s = start, *e = entry_end;
    wo_trim(&s, &e);
    if (s < e) {
      const char *quote = wo_copy(w, s, e);
      if (wo_role(w, w->plan, kind, role, wo_text(w, quote), 1, wo_source(w, line, 1, 0, quote)))
        return -1;
    }
    start = semicolon ? semicolon + 1 : end;
  }
  return 0;
}

int wo_title_roles(wo_load *w, size_t line, const char *from, const char *end) {
  const char *label = NULL, *label_end = NULL;
  for (const char *p = from;; p++) {
    const char *colon = p < end ? memchr(p, ':', (size_t)(end - p)) : NULL;
    const char *next = colon ? label_start(from, colon) : NULL;
    if (colon && !next) {
      p = colon;
      continue;
    }
    if (label) {
      const char *kind = label_kind(label, label_end);
      const char *role = wo_copy(w, label, label_end);
      if (kind && title_entries(w, line, kind, role, label_end + 1, next ? next : end)) return -1;
    }
    if (!colon) return 0;
    label = next;
    label_end = colon;
    p = colon;
  }
}

/* ---- an action's own lead ---- */

static const char LEAD_ON[] = " to lead on";

/* Words a body's name may hold between its capitalised words. */
static int joining_word(const char *start, const char *end) {
  static const char *const WORDS[] = {"in", "and", "of", "for", NULL};
  for (const char *const *word = WORDS; *word; word++)
    if ((size_t)(end - start) == strlen(*word) && strncmp(start, *word, strlen(*word)) == 0)
      return 1;
  return 0;
}

/* The capitalised name ending at end: its start, or end if none. */
static const char *name_before(const char *text, const char *end) {
  const char *start = end, *p = end;
  while (p > text) {
    const char *word_end = p;
    while (word_end > text && word_end[-1] == ' ')
      word_end--;
    const char *word = word_end;
    while (word > text && isalpha((unsigned char)word[-1]))
      word--;
    if (word == word_end) break;
    if (isupper((unsigned char)*word))
      start = word;
    else if (!joining_word(word, word_end))
      break;
    p = word;
  }
  return start;
}

int wo_action_roles(wo_load *w, sl_id action, const char *text, size_t line, size_t cell) {
  const char *at = strstr(text, LEAD_ON);
  if (!at) return 0;
  const char *start = name_before(text, at);
  if (start == at) return 0;
  const char *end = at + strcspn(at, ".;");
  const char *name = wo_copy(w, start, at), *quote = wo_copy(w, start, end);
  sl_role_record role = {.parent = action,
                         .role = wo_copy(w, at + 1, end),
                         .kind = "lead",
                         .name = name,
                         .organisation = name,
                         .source = wo_source(w, line, cell, 0, quote)};
  return sl_emit_role(w->host, &role, NULL);
}
