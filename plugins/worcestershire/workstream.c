/*
 * workstream.c: a key-concern workstream's heading cell:
 *
 *   <b>1: TITLE</b>  <i>LEAD WCF AND HEALTH:</i> Post (WCF), Post (CCG)
 *   <b>Membership:</b> <ul><li>member</li>...</ul>
 *
 * gives the concern (ref and title from the bold text), its leads (the
 * text after the LEAD label, one per "), " boundary) and its members (the
 * list items). A later row may continue the membership list (wo_members).
 */
#include <ctype.h>
#include <string.h>

#include "worcestershire.h"

/* The label before the leads starts with this word, in capitals ("Lead
 * for Children" is a lead, not the label), and ends with ':'. */
static const char MARK_LEAD[] = "LEAD";
static const char MARK_MEMBERSHIP[] = "Membership:";
/* A member's role as written: the list's label. */
static const char MEMBERSHIP_ROLE[] = "Membership";
/* Leads are posts with their organisation in brackets, so a lead ends at
 * a closing bracket followed by a comma; a bare comma may be inside a post
 * ("Lead for Children and Maternity, (CCG)"). */
static const char LEAD_SEPARATOR[] = "), ";

/* The bold heading at the start of raw: [*start, *end) between <b> and
 * </b>. */
static int heading_span(const char *raw, const char **start, const char **end) {
  const char *p = raw;
  while (*p == ' ' || *p == '\t')
    p++;
  if (!wo_starts(p, "<b>")) return 0;
  *start = p + 3;
  *end = wo_find(*start, *start + strlen(*start), "</b>");
  return *end != NULL;
}

/* "1: TITLE": the number before the colon, and where the title starts. */
static const char *heading_number(wo_load *w, const char *text, const char **title) {
  const char *p = text;
  while (isdigit((unsigned char)*p))
    p++;
  if (p == text || *p != ':') return NULL;
  const char *number = wo_copy(w, text, p);
  for (p++; *p == ' '; p++)
    ;
  *title = p;
  return number;
}

int wo_is_workstream(wo_load *w, const char *raw) {
  const char *start, *end, *title;
  if (!heading_span(raw, &start, &end)) return 0;
  return heading_number(w, wo_text(w, wo_copy(w, start, end)), &title) != NULL;
}

/* Emit one lead: [start, end) of the raw cell, as written. */
static int emit_lead(wo_load *w, size_t line, const char *start, const char *end) {
  wo_trim(&start, &end);
  if (start >= end) return 0; /* "(A), , (B)": nothing between */
  const char *quote = wo_copy(w, start, end);
  return wo_role(w, w->concern, "lead", w->lead_label, wo_text(w, quote), 1,
                 wo_source(w, line, 1, 0, quote));
}

/* The leads in [start, end): the raw text between the label and
 * Membership:. */
static int leads(wo_load *w, size_t line, const char *start, const char *end) {
  const char *p = start, *cut;
  while ((cut = wo_find(p, end, LEAD_SEPARATOR))) {
    if (emit_lead(w, line, p, cut + 1)) return -1;
    p = cut + strlen(LEAD_SEPARATOR);
  }
  return emit_lead(w, line, p, end);
}

int wo_members(wo_load *w, const char *raw, size_t line, size_t cell) {
  sl_strings names = sl_html_list_items(w->host, raw);
  const char *end = raw + strlen(raw), *p = raw, *s, *e;
  size_t k = 0;
  while ((p = wo_list_item(p, end, &s, &e))) {
    if (k >= names.count) break;
    const char *quote = wo_copy(w, s, e);
    sl_source source = wo_source(w, line, cell, k + 1, quote);
    if (wo_role(w, w->concern, "member", MEMBERSHIP_ROLE, names.items[k], 0, source)) return -1;
    k++;
  }
  if (p || k != names.count)
    return sl_fail(w->host, WO_APP, line, "cell %zu: the membership list's items are unreadable",
                   cell);
  if (k == 0) return sl_fail(w->host, WO_APP, line, "cell %zu: a membership with no items", cell);
  return 0;
}

/* After the heading: the LEAD label, the leads, then the membership. */
static int leads_and_members(wo_load *w, size_t line, const char *after) {
  const char *end = after + strlen(after);
  const char *label = wo_find_exact(after, end, MARK_LEAD);
  const char *colon = label ? memchr(label, ':', (size_t)(end - label)) : NULL;
  const char *membership = colon ? wo_find(colon, end, MARK_MEMBERSHIP) : NULL;
  if (!label || !colon)
    return sl_fail(w->host, WO_APP, line, "workstream %s: no \"%s ...:\" label naming its leads",
                   w->concern_ref, MARK_LEAD);
  if (!membership)
    return sl_fail(w->host, WO_APP, line, "workstream %s: no \"%s\" after its leads",
                   w->concern_ref, MARK_MEMBERSHIP);
  const char *from = colon + 1, *to = membership;
  wo_trim(&from, &to);
  if (from >= to)
    return sl_fail(w->host, WO_APP, line, "workstream %s: no leads after its label",
                   w->concern_ref);
  const char *label_end = colon;
  const char *label_start = label;
  wo_trim(&label_start, &label_end);
  w->lead_label = wo_text(w, wo_copy(w, label_start, label_end));
  if (leads(w, line, from, to)) return -1;
  return wo_members(w, wo_copy(w, membership, end), line, 1);
}

int wo_workstream(wo_load *w, const wo_row *row) {
  const char *raw = wo_cell(row, 1), *start, *end, *title;
  if (!heading_span(raw, &start, &end))
    return sl_fail(w->host, WO_APP, row->line, "cell 1: not a workstream heading");
  wo_trim(&start, &end);
  const char *quote = wo_copy(w, start, end);
  const char *ref = heading_number(w, wo_text(w, quote), &title);
  if (!ref || !*title)
    return sl_fail(w->host, WO_APP, row->line, "cell 1: a workstream heading without \"N: title\"");
  sl_concern_record concern = {
      .plan = w->plan, .ref = ref, .title = title, .source = wo_source(w, row->line, 1, 0, quote)};
  if (sl_emit_concern(w->host, &concern, &w->concern)) return -1;
  w->concern_ref = ref;
  w->concern_line = row->line;
  w->action_count = 0;
  w->last_action = 0;
  return leads_and_members(w, row->line, end);
}
