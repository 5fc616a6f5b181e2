/*
 * roles.c: the people Staffordshire's APP names in its Annex A table, as
 * roles of the plan. A row whose label names accountable officers or
 * advisers (the label's role word, matched by ROLE_LABELS below) holds
 * their names, joined by "&" or "and". The label names their
 * organisations in the same order ("from A and B", or "A and B" before the
 * role word); where there are as many organisations as names, each name
 * takes the one in its place, as the sentence reads, else none is given.
 * An organisation that is no body (a field of work named before the role
 * word, not who employs the person) is kept as written, and the host
 * judges its kind from its words (core/roles.c), which leaves it unknown.
 *
 * The supporting statement names the group that wrote the plan and the
 * bodies it drew its members from (a sentence listing representatives),
 * read by the host's group_members: members of the plan's group, each a
 * body.
 */
#include <string.h>
#include <strings.h>

#include "staffordshire.h"

/* The label words of each kind, ignoring case. */
typedef struct role_label {
  const char *words;
  const char *kind;
} role_label;

static const role_label ROLE_LABELS[] = {
    {"Accountable Officer", "accountable_officer"},
    {"Adviser", "adviser"},
    {"Advisor", "adviser"},
};

enum { ROLES_MAX = 8 };

/* words in text, ignoring ASCII case, or NULL. */
static const char *find_words(const char *text, const char *words) {
  size_t length = strlen(words);
  for (const char *at = text; *at; at++)
    if (strncasecmp(at, words, length) == 0) return at;
  return NULL;
}

/* Split [start, end) at each separator in seps (", " is not one: a name
 * may not hold it, but an organisation might), trimmed; returns how many,
 * at most ROLES_MAX. */
static size_t split(staffs *s, const char *start, const char *end, const char *const *seps,
                    const char **out) {
  size_t count = 0;
  while (start < end && count < ROLES_MAX) {
    const char *cut = end, *next = end;
    for (const char *const *sep = seps; *sep; sep++) {
      const char *at = strstr(start, *sep);
      if (at && at < cut) cut = at, next = at + strlen(*sep);
    }
    const char *item = staffs_copy(s, start, cut);
    if (*item) out[count++] = item;
    start = next;
  }
  return count;
}

/* The organisations a label names: after " from " (without "the "), or
 * before the role's words. */
static size_t label_organisations(staffs *s, const char *label, const char *words,
                                  const char **out) {
  static const char *const AND[] = {" and ", " & ", NULL};
  const char *from = strstr(label, " from "), *start, *end;
  if (from) {
    start = from + strlen(" from ");
    if (strncasecmp(start, "the ", 4) == 0) start += 4;
    end = label + strlen(label);
  } else {
    start = label;
    end = words;
  }
  return start < end ? split(s, start, end, AND, out) : 0;
}

static int row_roles(staffs *s, size_t n, const char *label, const char *value, const char *kind,
                     const char *words) {
  static const char *const NAMES[] = {" & ", " and ", NULL};
  const char *names[ROLES_MAX], *organisations[ROLES_MAX];
  size_t count = split(s, value, value + strlen(value), NAMES, names);
  size_t orgs = label_organisations(s, label, words, organisations);
  sl_source source = staffs_source(s, s->app, n, 0, staffs_line(s->app, n));
  for (size_t i = 0; i < count; i++) {
    sl_role_record role = {.parent = s->plan,
                           .role = label,
                           .kind = kind,
                           .name = names[i],
                           .person = names[i],
                           .organisation = orgs == count ? organisations[i] : NULL,
                           .source = source};
    if (sl_emit_role(s->host, &role, NULL)) return -1;
  }
  return 0;
}

/* The members of a group line n names, as roles of the plan. */
static int group_roles(staffs *s, size_t n) {
  sl_group_members group;
  for (const char *text = staffs_line(s->app, n);
       sl_group_members_in(s->host, text, &group) == SL_OK; text = group.rest) {
    sl_source source = staffs_source(s, s->app, n, 0, group.list);
    for (size_t i = 0; i < group.members.count; i++) {
      const char *name = group.members.items[i];
      sl_role_record role = {.parent = s->plan,
                             .role = group.group ? group.group : "members",
                             .kind = "member",
                             .name = name,
                             .organisation = strncmp(name, "the ", 4) == 0 ? name + 4 : name,
                             .source = source};
      if (sl_emit_role(s->host, &role, NULL)) return -1;
    }
  }
  return 0;
}

int staffs_app_roles(staffs *s) {
  for (size_t n = 1; n <= s->app->line_count; n++) {
    if (group_roles(s, n)) return -1;
    sl_strings cells = sl_split_cells(s->host, staffs_line(s->app, n));
    if (cells.count != 2) continue;
    const char *label = staffs_copy(s, cells.items[0], cells.items[0] + strlen(cells.items[0]));
    const char *value = staffs_copy(s, cells.items[1], cells.items[1] + strlen(cells.items[1]));
    for (size_t i = 0; i < sizeof ROLE_LABELS / sizeof ROLE_LABELS[0]; i++) {
      const char *words = find_words(label, ROLE_LABELS[i].words);
      if (!words || !*value) continue;
      if (row_roles(s, n, label, value, ROLE_LABELS[i].kind, words)) return -1;
      break;
    }
  }
  return 0;
}
