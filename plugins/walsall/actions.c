/*
 * actions.c: the improvement-plan actions the document cites. The plan
 * itself is not among the documents; the paragraphs cite its actions in
 * brackets ("(APP 1.2.2 1.2.4)", "(APP 2.1.1 – 2.1.5)"). Each action cited
 * is kept once, by its ref, with one source per paragraph citing it. It
 * belongs to the area of concern under whose heading its first citing
 * paragraph stands.
 *
 * Some citations describe their action: a bracket citing one action
 * alone closes the words naming it ("the implementation of the family
 * link officer model (APP 1.1.1)"), which are its text; a bracket citing
 * several names none of them alone, so they keep no text. A sentence
 * saying its work is under way ("is underway", "significant progress
 * against") gives every action it cites that status. What no citation
 * says stays unknown; two citations saying different things are kept as
 * claims, so the disagreement is reported.
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

/* Words saying a sentence's work is under way, and the status they give.
 * A description holding one ends before it ("The Corporate transformation
 * of the web platform is underway ..."). */
static const struct {
  const char *words;
  const char *status;
} STATUSES[] = {
    {"is underway", "in_progress"},        {"are underway", "in_progress"},
    {"is under way", "in_progress"},       {"are under way", "in_progress"},
    {"is being addressed", "in_progress"}, {"significant progress against", "in_progress"},
};

/* The word after which a list of described actions begins. */
static const char LIST_START[] = "including";

/* One action cited by one paragraph, with what the citation says of it. */
typedef struct citation {
  const char *ref;
  const sl_paragraph *paragraph;
  size_t concern; /* index, or NO_CONCERN */
  sl_source source;
  const char *text;   /* the words a bracket citing it alone closes, or NULL */
  const char *status; /* the status its sentence states, or NULL */
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

/* The status the sentence [start, end) states, and where its words begin
 * (in *at); NULL if none. */
static const char *status_in(const char *start, const char *end, const char **at) {
  for (size_t i = 0; i < sizeof STATUSES / sizeof STATUSES[0]; i++) {
    const char *found = walsall_find(start, end, STATUSES[i].words);
    if (found) {
      if (at) *at = found;
      return STATUSES[i].status;
    }
  }
  return NULL;
}

/* The words a bracket at open closes: from the sentence's start, the end
 * of the bracket before it or the word after LIST_START, whichever is
 * last, without a leading "and", to the bracket or the status words. */
static const char *described(walsall *w, const char *start, const char *open) {
  for (const char *p = start; p < open; p++)
    if (*p == ')') start = p + 1;
  const char *list = walsall_find(start, open, LIST_START);
  if (list) start = list + strlen(LIST_START);
  while (start < open && (*start == ',' || *start == ' '))
    start++;
  const char *and = walsall_find(start, open, "and ");
  if (and == start) start += strlen("and ");
  const char *verb = NULL;
  if (status_in(start, open, &verb)) open = verb;
  const char *text = walsall_copy(w, start, open);
  return text && *text ? text : NULL;
}

/* The citation of ref by paragraph p, or NULL. */
static citation *citation_of(citations *c, const sl_paragraph *p, const char *ref) {
  for (size_t k = 0; k < c->count; k++)
    if (c->items[k].paragraph == p && strcmp(c->items[k].ref, ref) == 0) return &c->items[k];
  return NULL;
}

/* What the brackets of line n of paragraph p say of the actions they
 * cite: a bracket within one line, its sentence the line's. */
static void line_describe(walsall *w, citations *c, const sl_paragraph *p, size_t n) {
  const char *from = walsall_paragraph_start(w, p, n);
  for (const char *open = strchr(from, '('); open; open = strchr(open + 1, '(')) {
    const char *close = strchr(open, ')');
    if (!close) return;
    sl_strings refs =
        sl_references(w->host, sl_copy(w->host, open, (size_t)(close - open + 1)), PREFIX);
    if (!refs.count) continue;
    const char *start, *end;
    walsall_sentence(w, from, open, &start, &end);
    const char *status = status_in(start, end, NULL);
    const char *text = refs.count == 1 ? described(w, start, open) : NULL;
    for (size_t j = 0; j < refs.count; j++) {
      citation *item = citation_of(c, p, refs.items[j]);
      if (!item) continue;
      if (!item->status) item->status = status;
      if (!item->text) item->text = text;
    }
  }
}

static void citations_describe(walsall *w, citations *c) {
  for (size_t i = 0; i < w->paragraph_count; i++)
    for (size_t n = w->paragraphs[i].first_line; n <= w->paragraphs[i].last_line; n++)
      line_describe(w, c, &w->paragraphs[i], n);
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

/* The two fields a citation may say of its action. */
typedef enum { SAID_TEXT, SAID_STATUS } said_field;
static const char *const SAID_NAMES[] = {"text", "status"};

static const char *said(const citation *item, said_field field) {
  return field == SAID_STATUS ? item->status : item->text;
}

/* The value of a field the first of an action's citations saying it
 * gives; *differs when another says otherwise. */
static const char *action_field(const citations *c, const action *act, said_field field,
                                int *differs) {
  const char *value = NULL;
  *differs = 0;
  for (size_t k = act->first; k < c->count; k++) {
    const char *said_here = said(&c->items[k], field);
    if (strcmp(c->items[k].ref, act->ref) != 0 || !said_here) continue;
    if (value && strcmp(value, said_here) != 0) *differs = 1;
    if (!value) value = said_here;
  }
  return value;
}

/* Where the citations of an action disagree on a field, each one's word
 * is a claim with its source. */
static int action_claims(walsall *w, const citations *c, const action *act, sl_id id,
                         said_field field) {
  for (size_t k = act->first; k < c->count; k++) {
    const char *said_here = said(&c->items[k], field);
    if (strcmp(c->items[k].ref, act->ref) == 0 && said_here &&
        sl_add_claim(w->host, id, SAID_NAMES[field], said_here, &c->items[k].source))
      return -1;
  }
  return 0;
}

static int actions_emit(walsall *w, citations *c) {
  qsort(c->actions, c->action_count, sizeof c->actions[0], action_compare);
  for (size_t a = 0; a < c->action_count; a++) {
    const action *act = &c->actions[a];
    int text_differs, status_differs;
    sl_action_record record = {.concern = w->concerns[act->concern].id,
                               .ref = act->ref,
                               .text = action_field(c, act, SAID_TEXT, &text_differs),
                               .status = action_field(c, act, SAID_STATUS, &status_differs),
                               .source = c->items[act->first].source};
    sl_id id;
    if (sl_emit_action(w->host, &record, &id)) return -1;
    for (size_t k = act->first + 1; k < c->count; k++)
      if (strcmp(c->items[k].ref, act->ref) == 0 && sl_add_source(w->host, id, &c->items[k].source))
        return -1;
    if ((text_differs && action_claims(w, c, act, id, SAID_TEXT)) ||
        (status_differs && action_claims(w, c, act, id, SAID_STATUS)))
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
      citations_describe(w, c);
      actions_gather(c);
      result = actions_emit(w, c);
    }
  }
  free(c);
  return result;
}
