/*
 * actions.c: the improvement-plan actions the document cites. The plan
 * itself is not among the documents; the paragraphs cite its actions in
 * brackets ("(APP 1.2.2 1.2.4)", "(APP 2.1.1 – 2.1.5)"). Each action cited
 * is kept once, by its ref, with no text (the document never states it)
 * and one source per paragraph citing it. It belongs to the area of
 * concern under whose heading its first citing paragraph stands.
 *
 * The concerns' refs come from here too: the plan numbers its actions by
 * area ("1.x.x" are cited only under the first area, "2.x.x" only under
 * the second), so a concern whose cited actions all share a leading number
 * has that number as its ref.
 */
#include <stdlib.h>
#include <string.h>

#include "walsall.h"

/* The word before an action's number. */
static const char PREFIX[] = "APP";

/* A document cites a few dozen actions; more means we misread it. */
enum { CITATIONS_MAX = 512, NO_CONCERN = WALSALL_CONCERNS_MAX };

/* One action cited by one paragraph. */
typedef struct citation {
  const char *ref;
  const sl_paragraph *paragraph;
  size_t concern; /* index, or NO_CONCERN */
  sl_source source;
} citation;

/* One action: its ref, its concern, its citations (in document order). */
typedef struct action {
  const char *ref;
  size_t concern;
  size_t first; /* index of its first citation */
} action;

typedef struct citations {
  citation items[CITATIONS_MAX];
  size_t count;
  action actions[CITATIONS_MAX];
  size_t action_count;
} citations;

static int has(sl_strings list, const char *ref) {
  for (size_t i = 0; i < list.count; i++)
    if (strcmp(list.items[i], ref) == 0) return 1;
  return 0;
}

/* The area of concern whose heading line n stands under, or NO_CONCERN. */
static size_t concern_at(const walsall *w, size_t n) {
  size_t found = NO_CONCERN;
  if (n > w->statement_last) return found;
  for (size_t i = 0; i < w->concern_count; i++)
    if (w->concerns[i].line < n) found = i;
  return found;
}

/* Where paragraph p cites ref: the line whose own references hold it, or
 * the whole paragraph if the citation runs over lines. */
static sl_source citation_source(walsall *w, const sl_paragraph *p, const char *ref) {
  for (size_t n = p->first_line; n <= p->last_line; n++) {
    const char *start = walsall_paragraph_start(w, p, n);
    if (has(sl_references(w->host, start, PREFIX), ref))
      return walsall_source(w, p->number, n, 0, walsall_copy(w, start, start + strlen(start)));
  }
  return walsall_paragraph_source(w, p);
}

static int citations_collect(walsall *w, citations *c) {
  for (size_t i = 0; i < w->paragraph_count; i++) {
    const sl_paragraph *p = &w->paragraphs[i];
    sl_strings refs = sl_references(w->host, p->text, PREFIX);
    for (size_t j = 0; j < refs.count; j++) {
      if (has((sl_strings){refs.items, j}, refs.items[j])) continue; /* cited twice here */
      if (c->count == CITATIONS_MAX)
        return sl_fail(w->host, WALSALL_DOCUMENT, p->first_line,
                       "more than %d citations of %s actions", CITATIONS_MAX, PREFIX);
      citation *item = &c->items[c->count++];
      item->ref = refs.items[j];
      item->paragraph = p;
      item->concern = concern_at(w, p->first_line);
      item->source = citation_source(w, p, item->ref);
    }
  }
  return 0;
}

/* The leading number of a ref ("1" of "1.2.2"), host-owned. */
static const char *leading(walsall *w, const char *ref) {
  const char *dot = strchr(ref, '.');
  return sl_copy(w->host, ref, dot ? (size_t)(dot - ref) : strlen(ref));
}

/* Each concern's ref: the leading number all its cited actions share. */
static void concern_refs(walsall *w, const citations *c) {
  for (size_t i = 0; i < w->concern_count; i++) {
    const char *ref = NULL;
    int mixed = 0;
    for (size_t k = 0; k < c->count; k++) {
      if (c->items[k].concern != i) continue;
      const char *lead = leading(w, c->items[k].ref);
      if (ref && strcmp(ref, lead) != 0) mixed = 1;
      ref = lead;
    }
    w->concerns[i].ref = mixed ? NULL : ref;
  }
}

/* A citation outside every area's heading goes to the area whose actions
 * carry its leading number; with none, the document cannot be read. */
static int citations_place(walsall *w, citations *c) {
  for (size_t k = 0; k < c->count; k++) {
    citation *item = &c->items[k];
    if (item->concern != NO_CONCERN) continue;
    const char *lead = leading(w, item->ref);
    for (size_t i = 0; i < w->concern_count && item->concern == NO_CONCERN; i++)
      if (w->concerns[i].ref && strcmp(w->concerns[i].ref, lead) == 0) item->concern = i;
    if (item->concern == NO_CONCERN)
      return sl_fail(w->host, WALSALL_DOCUMENT, item->paragraph->first_line,
                     "paragraph %s cites %s %s outside every area of concern, and no "
                     "area's actions are numbered %s.x",
                     item->paragraph->number, PREFIX, item->ref, lead);
  }
  return 0;
}

/* Distinct actions, each owned by its first citation's concern. */
static void actions_gather(citations *c) {
  for (size_t k = 0; k < c->count; k++) {
    size_t a = 0;
    while (a < c->action_count && strcmp(c->actions[a].ref, c->items[k].ref) != 0)
      a++;
    if (a < c->action_count) continue;
    c->actions[c->action_count++] = (action){c->items[k].ref, c->items[k].concern, k};
  }
}

/* Refs in the plan's order: number by number ("1.2.10" after "1.2.9"). */
static int ref_compare(const char *a, const char *b) {
  while (*a && *b) {
    char *end_a, *end_b;
    long x = strtol(a, &end_a, 10), y = strtol(b, &end_b, 10);
    if (end_a == a || end_b == b) return strcmp(a, b);
    if (x != y) return x < y ? -1 : 1;
    a = *end_a ? end_a + 1 : end_a;
    b = *end_b ? end_b + 1 : end_b;
  }
  return *a ? 1 : *b ? -1 : 0;
}

static int action_compare(const void *left, const void *right) {
  const action *a = left, *b = right;
  if (a->concern != b->concern) return a->concern < b->concern ? -1 : 1;
  return ref_compare(a->ref, b->ref);
}

static int actions_emit(walsall *w, citations *c) {
  qsort(c->actions, c->action_count, sizeof c->actions[0], action_compare);
  for (size_t a = 0; a < c->action_count; a++) {
    const action *act = &c->actions[a];
    sl_action_record record = {.concern = w->concerns[act->concern].id,
                               .ref = act->ref,
                               .source = c->items[act->first].source};
    sl_id id;
    if (sl_emit_action(w->host, &record, &id)) return -1;
    for (size_t k = act->first + 1; k < c->count; k++)
      if (strcmp(c->items[k].ref, act->ref) == 0 && sl_add_source(w->host, id, &c->items[k].source))
        return -1;
  }
  return 0;
}

int walsall_actions_load(walsall *w) {
  citations *c = calloc(1, sizeof *c);
  if (!c) return sl_fail(w->host, WALSALL_DOCUMENT, 0, "out of memory");
  int result = -1;
  if (citations_collect(w, c) == 0) {
    concern_refs(w, c);
    if (citations_place(w, c) == 0 && walsall_concerns_emit(w) == 0) {
      actions_gather(c);
      result = actions_emit(w, c);
    }
  }
  free(c);
  return result;
}
