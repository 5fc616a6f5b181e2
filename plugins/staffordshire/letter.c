/*
 * letter.c: the Ofsted/CQC revisit letter. The core reads its standard
 * shape (parse_revisit_letter): its dates, the summary's counts, each
 * weakness with its judgement. From it come the initial inspection, the
 * written statement of action (WSOA) and the revisit with its weaknesses.
 * The letter is the revisit's own record, so its dates are also claims
 * beside those the APP and the minutes make (app.c, minutes.c).
 */
#include <string.h>

#include "staffordshire.h"

/* How the letter counts what the initial inspection found: "the eight
 * significant weaknesses identified at the initial inspection". */
static const char INITIAL_COUNT[] = "significant weaknesses identified at the initial inspection";

/* Where the judgement of progress is said in the closing summary. */
static const char PROGRESS[] = "sufficient progress";

static sl_source span_source(staffs *s, const sl_span *span, size_t last) {
  return staffs_source(s, s->letter, span->line, last, span->quote);
}

/* The number of weaknesses the initial inspection found, and where the
 * letter says it; -1 if it does not (a line saying "six of the
 * significant weaknesses" names no total and is passed over). */
static int letter_initial_count(staffs *s, sl_span *where) {
  const sl_document *doc = s->letter;
  for (size_t n = staffs_find(doc, 1, 0, INITIAL_COUNT); n;
       n = staffs_find(doc, n + 1, 0, INITIAL_COUNT)) {
    const char *line = staffs_line(doc, n);
    const char *at = strstr(line, INITIAL_COUNT);
    const char *word;
    int count = staffs_number_before(s, line, at, &word);
    if (count > 0) {
      where->line = n;
      where->quote = sl_copy(s->host, word, (size_t)(at - word) + strlen(INITIAL_COUNT));
      where->value = sl_format(s->host, "%d", count);
      return count;
    }
  }
  return -1;
}

/* The closing summary's sentence on progress, after the last judgement:
 * the revisit's outcome in the letter's words. value NULL if none. */
static void letter_outcome(staffs *s, const sl_revisit_letter *letter, sl_span *out) {
  const sl_letter_weakness *last = &letter->weaknesses[letter->weakness_count - 1];
  size_t after = last->judgement.value ? last->judgement.line : last->last_line;
  size_t n = staffs_find(s->letter, after + 1, 0, PROGRESS);
  memset(out, 0, sizeof *out);
  if (!n) return;
  const char *line = staffs_line(s->letter, n), *start, *end;
  staffs_sentence(s, line, strstr(line, PROGRESS), &start, &end);
  out->value = out->quote = sl_copy(s->host, start, (size_t)(end - start));
  out->line = n;
}

static int letter_initial(staffs *s, const sl_revisit_letter *letter, int found,
                          const sl_span *count) {
  const sl_span *published = &letter->initial_published;
  if (!published->value && found < 0) {
    sl_log(s->host, SL_LOG_WARN, "%s: names no initial inspection", STAFFS_LETTER);
    return 0;
  }
  const sl_span *first = published->value ? published : count;
  sl_inspection_record initial = {.kind = "initial",
                                  .published = published->value,
                                  .weaknesses_found = found,
                                  .weaknesses_sufficient = -1,
                                  .source = span_source(s, first, 0)};
  sl_id id;
  if (sl_emit_inspection(s->host, &initial, &id)) return -1;
  if (first == count || found < 0) return 0;
  sl_source said = span_source(s, count, 0);
  return sl_add_source(s->host, id, &said);
}

static int letter_statement_of_action(staffs *s, const sl_revisit_letter *letter) {
  const sl_span *fit = &letter->statement_fit;
  if (!fit->value) {
    sl_log(s->host, SL_LOG_WARN, "%s: no written statement of action declared fit for purpose",
           STAFFS_LETTER);
    return 0;
  }
  sl_plan_record wsoa = {.kind = "WSOA", .approved = fit->value, .source = span_source(s, fit, 0)};
  return sl_emit_plan(s->host, &wsoa, NULL);
}

static int letter_weaknesses(staffs *s, const sl_revisit_letter *letter) {
  for (size_t i = 0; i < letter->weakness_count; i++) {
    const sl_letter_weakness *w = &letter->weaknesses[i];
    sl_weakness_record weakness = {.inspection = s->revisit,
                                   .ref = sl_format(s->host, "%zu", i + 1),
                                   .text = w->statement.value,
                                   .progress = w->progress,
                                   .source = span_source(s, &w->statement, w->last_line)};
    sl_id id;
    if (sl_emit_weakness(s->host, &weakness, &id)) return -1;
    if (!w->judgement.value) continue;
    sl_source judged = span_source(s, &w->judgement, 0);
    if (sl_add_source(s->host, id, &judged)) return -1;
  }
  return 0;
}

/* The letter's own word on the revisit, kept beside the other documents'.
 * Its date is when the letter was written, not when the report was
 * published: the claim names that role ("published:letter dated", see
 * plugin.h), so the conflict on the publication shows it for what it is.
 * Its closing summary is its word on the outcome, which the minutes
 * restate differently. */
static int letter_claims(staffs *s, const sl_revisit_letter *letter, const sl_span *outcome) {
  static const char *const fields[] = {"started", "ended", "published:letter dated", "outcome"};
  const sl_span *spans[] = {&letter->visit_from, &letter->visit_to, &letter->letter_date, outcome};
  for (int i = 0; i < 4; i++) {
    if (!spans[i]->value) continue;
    sl_source source = span_source(s, spans[i], 0);
    if (sl_add_claim(s->host, s->revisit, fields[i], spans[i]->value, &source)) return -1;
  }
  return 0;
}

static size_t letter_judged_sufficient(const sl_revisit_letter *letter) {
  size_t count = 0;
  for (size_t i = 0; i < letter->weakness_count; i++)
    if (letter->weaknesses[i].progress && strcmp(letter->weaknesses[i].progress, "sufficient") == 0)
      count++;
  return count;
}

/* The revisit's counts: the stated number of weaknesses and the summary's
 * sufficient ones; where the letter's parts disagree, say so and keep the
 * stated figures (the judgements are kept one by one on the weaknesses). */
static int letter_counts(staffs *s, const sl_revisit_letter *letter, int found, int *sufficient) {
  int judged = (int)letter_judged_sufficient(letter);
  *sufficient = letter->sufficient_count >= 0 ? letter->sufficient_count : judged;
  if ((size_t)found != letter->weakness_count)
    sl_log(s->host, SL_LOG_WARN, "%s: counts %d significant weaknesses but judges %zu",
           STAFFS_LETTER, found, letter->weakness_count);
  if (letter->sufficient_count >= 0 && letter->sufficient_count != judged)
    sl_log(s->host, SL_LOG_WARN,
           "%s: the summary says %d weaknesses made sufficient progress, the judgements %d",
           STAFFS_LETTER, letter->sufficient_count, judged);
  if (*sufficient > found)
    return sl_fail(s->host, STAFFS_LETTER, 0,
                   "says %d weaknesses made sufficient progress, of only %d", *sufficient, found);
  return 0;
}

static int letter_revisit(staffs *s, const sl_revisit_letter *letter, int found) {
  const sl_span *from = &letter->visit_from, *date = &letter->letter_date;
  const sl_span *first = from->value ? from : date->value ? date : NULL;
  if (!first)
    return sl_fail(s->host, STAFFS_LETTER, 0, "neither the visit's dates nor the letter's found");
  if (found < 0)
    found = letter->sufficient_count >= 0 && letter->insufficient_count >= 0
                ? letter->sufficient_count + letter->insufficient_count
                : (int)letter->weakness_count;
  int sufficient;
  if (letter_counts(s, letter, found, &sufficient)) return -1;
  sl_span outcome;
  letter_outcome(s, letter, &outcome);
  sl_inspection_record revisit = {.kind = "revisit",
                                  .started = from->value,
                                  .ended = letter->visit_to.value,
                                  .outcome = outcome.value,
                                  .weaknesses_found = found,
                                  .weaknesses_sufficient = sufficient,
                                  .source = span_source(s, first, 0)};
  if (sl_emit_inspection(s->host, &revisit, &s->revisit)) return -1;
  sl_source dated = span_source(s, date, 0), summary = span_source(s, &outcome, 0);
  if ((first != date && date->value && sl_add_source(s->host, s->revisit, &dated)) ||
      (outcome.value && sl_add_source(s->host, s->revisit, &summary)))
    return -1;
  return letter_claims(s, letter, &outcome) || letter_weaknesses(s, letter) ? -1 : 0;
}

int staffs_letter_load(staffs *s) {
  sl_revisit_letter letter;
  if (sl_parse_revisit_letter(s->host, s->letter, &letter)) return -1;
  if (letter.weakness_count == 0)
    return sl_fail(s->host, STAFFS_LETTER, 0,
                   "no significant weakness found (a bold statement after \"At the initial "
                   "inspection\", then its judgement)");
  sl_span count;
  int found = letter_initial_count(s, &count);
  if (letter_initial(s, &letter, found, &count) || letter_statement_of_action(s, &letter))
    return -1;
  return letter_revisit(s, &letter, found);
}
