/*
 * roles.c: the people and bodies Walsall's supporting document names, as
 * roles, each quoted from the line that states it.
 *
 * - "a <post> has been appointed ... to lead" in the supporting statement:
 *   the lead of the area of concern whose heading the paragraph sits
 *   under (2.11: the Local Offer Co-ordinator). The post may begin on an
 *   earlier line of the paragraph and break at a hyphen ("Co-" /
 *   "ordinator"): it is read from the paragraph's joined text, the line
 *   break's space after a hyphen removed.
 * - "chaired independently by <person>" and "co-chaired by <person> from
 *   <organisation>": chairs of the board that leads the plan (5.2).
 * - "our <A> and <B> advisors": advisers of the plan, one per
 *   organisation, no person named (5.6).
 * - a group's members ("a Local Offer Steering Group, with members from
 *   the PCF, ...", "The Local Area Improvement Board (LAIB) ... has
 *   representation from FACE, ..."), read by the host's group_members:
 *   members of the group, each a body (its name as written, its
 *   organisation without a leading "the").
 *
 * A role in the supporting statement belongs to the area of concern whose
 * heading the paragraph sits under; elsewhere (governance, support and
 * challenge) to the plan.
 */
#include <ctype.h>
#include <string.h>

#include "walsall.h"

static const char APPOINTED[] = " has been appointed";
static const char TO_LEAD[] = "to lead";
static const char CHAIRED[] = "chaired ";
static const char BY[] = "by ";
static const char FROM[] = " from ";
static const char ADVISORS[] = " advisors";
static const char OUR[] = "our ";

/* The line of paragraph p on which text (found in the line) occurs; 0 if none. */
static size_t line_with(const walsall *w, const sl_paragraph *p, const char *text) {
  for (size_t n = p->first_line; n <= p->last_line; n++)
    if (strstr(walsall_line(w, n), text)) return n;
  return 0;
}

/* The area of concern whose heading comes last before line n, or 0. */
static sl_id concern_before(const walsall *w, size_t n) {
  sl_id id = 0;
  for (size_t i = 0; i < w->concern_count; i++)
    if (w->concerns[i].line < n) id = w->concerns[i].id;
  return id;
}

/* What a role in paragraph p belongs to: its area of concern inside the
 * supporting statement, else the plan. */
static sl_id owner(const walsall *w, const sl_paragraph *p) {
  int statement = p->first_line >= w->statement_first && p->first_line <= w->statement_last;
  sl_id concern = statement ? concern_before(w, p->first_line) : 0;
  return concern ? concern : w->app;
}

/* The post before " has been appointed" in text: after the last " a " or
 * " an ", with "- " (a hyphen broken at a line end) closed up. */
static const char *appointed_post(walsall *w, const char *text, const char *at) {
  const char *start = NULL;
  for (const char *p = text; p < at; p++)
    if ((strncmp(p, " a ", 3) == 0 || strncmp(p, " an ", 4) == 0))
      start = p + (p[2] == ' ' ? 3 : 4);
  if (!start) return NULL;
  char *post = (char *)walsall_copy(w, start, at);
  char *out = post;
  for (const char *in = post; *in; in++) {
    *out++ = *in;
    if (*in == '-' && in[1] == ' ')
      while (in[1] == ' ')
        in++;
  }
  *out = '\0';
  return post;
}

static int appointed_leads(walsall *w, const sl_paragraph *p) {
  const char *at = strstr(p->text, APPOINTED);
  if (!at || !strstr(at, TO_LEAD)) return 0;
  const char *post = appointed_post(w, p->text, at);
  size_t n = line_with(w, p, APPOINTED);
  sl_id concern = owner(w, p);
  if (!post || !n || concern == w->app) return 0; /* a lead of a concern only */
  const char *line = walsall_line(w, n), *start = strstr(line, APPOINTED);
  while (start > line && start[-1] != ' ' && start[-1] != '\t')
    start--; /* the word before: the post's last, as the line has it */
  const char *end = strstr(start, TO_LEAD) + strlen(TO_LEAD);
  const char *quote = walsall_copy(w, start, end);
  sl_role_record role = {.parent = concern,
                         .role = walsall_copy(w, at + 1, strstr(at, TO_LEAD) + strlen(TO_LEAD)),
                         .kind = "lead",
                         .name = post,
                         .post = post,
                         .source = walsall_source(w, p->number, n, n, quote)};
  return sl_emit_role(w->host, &role, NULL);
}

/* A person's name: capitalised words (hyphens kept), [start, *end). */
static const char *name_at(walsall *w, const char *start, const char **end) {
  const char *p = start;
  while (isupper((unsigned char)*p)) {
    while (isalpha((unsigned char)*p) || *p == '-' || *p == '\'')
      p++;
    if (*p != ' ' || !isupper((unsigned char)p[1])) break;
    p++;
  }
  *end = p;
  return p > start ? walsall_copy(w, start, p) : NULL;
}

static int chairs(walsall *w, const sl_paragraph *p) {
  for (const char *at = strstr(p->text, CHAIRED); at; at = strstr(at + 1, CHAIRED)) {
    const char *by = strstr(at, BY), *end;
    if (!by || strchr(at, '.') < by) continue;
    const char *person = name_at(w, by + strlen(BY), &end);
    if (!person) continue;
    const char *word = at; /* the role's first word: "chaired", "co-chaired" */
    while (word > p->text && word[-1] != ' ')
      word--;
    const char *organisation = NULL, *quote_end = end;
    if (strncmp(end, FROM, strlen(FROM)) == 0) {
      const char *org = end + strlen(FROM), *org_end = org;
      while (*org_end && *org_end != '.' && *org_end != ',' && *org_end != ' ')
        org_end++;
      organisation = walsall_copy(w, org, org_end);
      quote_end = org_end;
    }
    const char *quote = walsall_copy(w, word, quote_end);
    size_t n = line_with(w, p, quote);
    if (!n) continue; /* across lines: not quotable, not read */
    sl_role_record role = {.parent = w->app,
                           .role = walsall_copy(w, word, by - 1),
                           .kind = "chair",
                           .name = person,
                           .person = person,
                           .organisation = organisation,
                           .source = walsall_source(w, p->number, n, n, quote)};
    if (sl_emit_role(w->host, &role, NULL)) return -1;
  }
  return 0;
}

static int advisers(walsall *w, const sl_paragraph *p) {
  const char *at = strstr(p->text, ADVISORS);
  if (!at) return 0;
  const char *our = NULL;
  for (const char *q = strstr(p->text, OUR); q && q < at; q = strstr(q + 1, OUR))
    our = q;
  if (!our) return 0;
  const char *start = our + strlen(OUR);
  const char *quote = walsall_copy(w, our, at + strlen(ADVISORS));
  size_t n = line_with(w, p, quote);
  if (!n) return 0;
  const char *and = strstr(start, " and ");
  const char *organisations[2] = {walsall_copy(w, start, and&&and < at ? and : at),
                                  and&&and < at ? walsall_copy(w, and+5, at) : NULL};
  for (size_t i = 0; i < 2 && organisations[i]; i++) {
    sl_role_record role = {.parent = w->app,
                           .role = walsall_copy(w, start, at + strlen(ADVISORS)),
                           .kind = "adviser",
                           .name = walsall_copy(w, start, at + strlen(ADVISORS)),
                           .organisation = organisations[i],
                           .source = walsall_source(w, p->number, n, n, quote)};
    if (sl_emit_role(w->host, &role, NULL)) return -1;
  }
  return 0;
}

static int group_members(walsall *w, const sl_paragraph *p) {
  sl_group_members group;
  for (const char *text = p->text; sl_group_members_in(w->host, text, &group) == SL_OK;
       text = group.rest) {
    size_t n = line_with(w, p, group.list);
    if (!n) continue; /* a list broken across lines: not quotable, not read */
    for (size_t i = 0; i < group.members.count; i++) {
      const char *name = group.members.items[i];
      const char *organisation = strncmp(name, "the ", 4) == 0 ? name + 4 : name;
      sl_role_record role = {.parent = owner(w, p),
                             .role = group.group ? group.group : "members",
                             .kind = "member",
                             .name = name,
                             .organisation = organisation,
                             .source = walsall_source(w, p->number, n, n, group.list)};
      if (sl_emit_role(w->host, &role, NULL)) return -1;
    }
  }
  return 0;
}

int walsall_roles_load(walsall *w) {
  for (size_t i = 0; i < w->paragraph_count; i++) {
    const sl_paragraph *p = &w->paragraphs[i];
    if (appointed_leads(w, p) || chairs(w, p) || advisers(w, p) || group_members(w, p)) return -1;
  }
  return 0;
}
