/*
 * organisation.c: the common kind of an organisation from the words a
 * document names it by ("CCG", "the Local Authority", "Health partners",
 * "NHS England", "SENDIASS"), for a role's organisation_kind. The host
 * applies it when a plugin leaves the kind unset, to the organisation as
 * written or, where that is a term of the area's glossary ("WCC"), to the
 * term's expansion ("Worcestershire County Council"). Words that say
 * nothing of the kind ("WCF", "FACE") give NULL: nothing is guessed.
 */
#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "parse.h"

/* One rule: a word or phrase, matched whole (not inside a longer word),
 * either exactly (abbreviations: "LA" is not "la") or in any case. The
 * first rule that matches wins, so the narrower come first ("NHS England"
 * before "NHS"). */
typedef struct organisation_rule {
  const char *words;
  int any_case;
  const char *kind;
} organisation_rule;

static const organisation_rule ORGANISATION_RULES[] = {
    {"NHS England", 1, "nhs_england"},
    {"Department for Education", 1, "dfe"},
    {"DfE", 0, "dfe"},
    {"DFE", 0, "dfe"},
    {"SENDIASS", 0, "sendiass"},
    {"Information Advice and Support", 1, "sendiass"},
    {"Parent Carer Forum", 1, "parent_carer_forum"},
    {"Parent and Carer Forum", 1, "parent_carer_forum"},
    {"PCF", 0, "parent_carer_forum"},
    {"CCG", 0, "health"},
    {"ICB", 0, "health"},
    {"NHS", 0, "health"},
    {"Clinical Commissioning", 1, "health"},
    {"Health", 1, "health"},
    {"CAMHS", 0, "health"},
    {"LA", 0, "council"},
    {"Local Authority", 1, "council"},
    {"Council", 1, "council"},
    {"School", 1, "education"},
    {"Schools", 1, "education"},
    {"Further Education", 1, "education"},
    {"College", 1, "education"},
    {"Colleges", 1, "education"},
};

static int organisation_word_char(char c) { return isalnum((unsigned char)c) || c == '_'; }

/* Whether words occur in text as whole words. */
static int organisation_has(const char *text, const organisation_rule *rule) {
  size_t length = strlen(rule->words);
  for (const char *at = text; *at; at++) {
    int same = rule->any_case ? strncasecmp(at, rule->words, length) == 0
                              : strncmp(at, rule->words, length) == 0;
    if (same && (at == text || !organisation_word_char(at[-1])) &&
        !organisation_word_char(at[length]))
      return 1;
  }
  return 0;
}

const char *sl_parse_organisation_kind(const char *text) {
  if (!text) return NULL;
  for (size_t i = 0; i < sizeof ORGANISATION_RULES / sizeof ORGANISATION_RULES[0]; i++)
    if (organisation_has(text, &ORGANISATION_RULES[i])) return ORGANISATION_RULES[i].kind;
  return NULL;
}
