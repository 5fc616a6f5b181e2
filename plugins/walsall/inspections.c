/*
 * inspections.c: what the overview says of the inspections: the initial
 * inspection (when, how many areas of significant concern), the Written
 * Statement of Action it directed, and the re-inspection (when, how many
 * of those areas made sufficient progress, and the outcome in the words
 * of the sentence judging it). Each is read from the sentences that state
 * it; what they do not state stays unknown.
 */
#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "walsall.h"

/* Markers: the initial inspection's sentence, its count of weaknesses, the
 * plan it directed, the revisit's judgement and its name. */
static const char INSPECTED[] = "was inspected";
static const char FOUND[] = "areas of significant concern";
static const char WSOA[] = "Written Statement of Action";
static const char JUDGED[] = "sufficient progress against";
static const char REVISIT[] = "re-inspection";

/* A date the document gives the re-inspection, with where it says so. */
typedef struct revisit_date {
  const char *date;
  const sl_paragraph *paragraph; /* NULL for a line outside them */
  sl_source source;
} revisit_date;

enum { REVISIT_DATES_MAX = 8 };

/* The date the sentence around a marker of length bytes at `at` gives
 * (the sentence starting no earlier than from), or NULL. */
static const char *sentence_date(walsall *w, const char *from, const char *at, size_t length) {
  const char *start, *end;
  walsall_sentence(w, from, at, &start, &end);
  return walsall_date_near(w, start, end, at, at + length);
}

static int initial_load(walsall *w) {
  const sl_paragraph *p = walsall_paragraph_with(w, INSPECTED);
  const char *at = NULL, *count_at = NULL;
  size_t n = p ? walsall_paragraph_line(w, p, INSPECTED, &at) : 0;
  if (!n)
    return sl_fail(w->host, WALSALL_DOCUMENT, 0,
                   "no paragraph says when the area \"%s\" (the initial inspection)", INSPECTED);
  const char *date = sentence_date(w, walsall_paragraph_start(w, p, n), at, strlen(INSPECTED));
  size_t m = walsall_paragraph_line(w, p, FOUND, &count_at);
  int found = m ? walsall_number_before(w, walsall_paragraph_start(w, p, m), count_at) : -1;
  sl_inspection_record in = {.kind = "initial",
                             .started = date,
                             .weaknesses_found = found,
                             .weaknesses_sufficient = -1,
                             .source = walsall_paragraph_source(w, p)};
  return sl_emit_inspection(w->host, &in, NULL);
}

/* The WSOA the initial inspection directed: the plan exists, its dates
 * are not given. */
static int wsoa_load(walsall *w) {
  const sl_paragraph *p = walsall_paragraph_with(w, WSOA);
  const char *at = NULL;
  size_t n = p ? walsall_paragraph_line(w, p, WSOA, &at) : 0;
  if (!n) return 0;
  sl_plan_record plan = {
      .kind = "WSOA",
      .source = walsall_sentence_source(w, p->number, n, walsall_paragraph_start(w, p, n), at)};
  return sl_emit_plan(w->host, &plan, NULL);
}

/* The text after p's spaces, past word if p's next word is word; else
 * NULL. */
static const char *skip_word(const char *p, const char *word) {
  size_t length = strlen(word);
  p = sl_skip_space(p);
  if (strncasecmp(p, word, length) != 0 || isalnum((unsigned char)p[length])) return NULL;
  return p + length;
}

/* The JUDGED phrase followed by "N of the M" (numbers as words or
 * digits): the two counts, both -1 unless the phrase reads so. */
static void revisit_counts(walsall *w, const char *at, int *sufficient, int *found) {
  const char *p = at + strlen(JUDGED), *of;
  int judged = walsall_number_after(w, p, &p);
  *sufficient = *found = -1;
  if (judged < 0 || !(of = skip_word(p, "of"))) return;
  const char *the = skip_word(of, "the");
  int total = walsall_number_after(w, the ? the : of, NULL);
  if (total < 0) return;
  *sufficient = judged;
  *found = total;
}

/* The outcome in the document's own words: the sentence stating the
 * judgement ("... made sufficient progress against seven of the nine
 * areas of concern."), quoted by the revisit's paragraph source. */
static const char *revisit_outcome(walsall *w, const char *from, const char *at) {
  const char *start, *end;
  walsall_sentence(w, from, at, &start, &end);
  const char *outcome = walsall_copy(w, start, end);
  return outcome && *outcome ? outcome : NULL;
}

/* Every sentence naming the re-inspection with a date, in document
 * order. */
static size_t revisit_dates(walsall *w, revisit_date *dates) {
  size_t count = 0;
  for (size_t n = 1; n <= w->doc->line_count && count < REVISIT_DATES_MAX; n++) {
    const sl_paragraph *p = walsall_paragraph_at(w, n);
    const char *from = p ? walsall_paragraph_start(w, p, n) : walsall_line(w, n);
    for (const char *at = walsall_find(from, NULL, REVISIT); at && count < REVISIT_DATES_MAX;
         at = walsall_find(at + 1, NULL, REVISIT)) {
      const char *date = sentence_date(w, from, at, strlen(REVISIT));
      if (!date) continue;
      revisit_date *d = &dates[count++];
      d->date = date;
      d->paragraph = p;
      d->source = walsall_sentence_source(w, p ? p->number : NULL, n, from, at);
    }
  }
  return count;
}

/* The re-inspection: counts from the judgement, the date from its
 * sentence in the same paragraph or else the first other sentence dating
 * it. Every dated sentence is a claim on the date, and a source. */
static int revisit_load(walsall *w) {
  const sl_paragraph *p = walsall_paragraph_with(w, JUDGED);
  const char *at = NULL;
  size_t n = p ? walsall_paragraph_line(w, p, JUDGED, &at) : 0;
  if (!n)
    return sl_fail(w->host, WALSALL_DOCUMENT, 0,
                   "no paragraph gives the re-inspection's judgement (\"%s N of the M\")", JUDGED);
  sl_inspection_record in = {.kind = "revisit", .source = walsall_paragraph_source(w, p)};
  revisit_counts(w, at, &in.weaknesses_sufficient, &in.weaknesses_found);
  in.outcome = revisit_outcome(w, walsall_paragraph_start(w, p, n), at);
  revisit_date dates[REVISIT_DATES_MAX];
  size_t count = revisit_dates(w, dates);
  for (size_t i = 0; i < count && !in.started; i++)
    if (dates[i].paragraph == p) in.started = dates[i].date;
  if (!in.started && count) in.started = dates[0].date;
  if (sl_emit_inspection(w->host, &in, &w->revisit)) return -1;
  for (size_t i = 0; i < count; i++) {
    if (dates[i].paragraph != p && sl_add_source(w->host, w->revisit, &dates[i].source)) return -1;
    if (count > 1 && sl_add_claim(w->host, w->revisit, "started", dates[i].date, &dates[i].source))
      return -1;
  }
  return 0;
}

int walsall_inspections_load(walsall *w) {
  return initial_load(w) || wsoa_load(w) || revisit_load(w) ? -1 : 0;
}
