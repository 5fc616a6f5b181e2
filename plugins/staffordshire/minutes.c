/*
 * minutes.c: the county council committee's minutes on the revisit and on
 * the APP's six-month review. From them: the revisit's dates and its
 * publication as the minutes state them (claims beside the letter's and the
 * APP's), their wording of the concerns (claims on the concerns' titles),
 * and the APP's reviews: those named "N-month review", with when they were
 * held or are due, who held them, and the findings listed under a held one.
 */
#include <string.h>

#include "staffordshire.h"

/* Markers of where a fact is said. */
static const char VISIT[] = "taken place between ";
static const char PUBLISHED[] = "published in ";
static const char AREAS[] = "requiring improvement";
static const char PROGRESS_MADE[] = "progress had been made in addressing ";
static const char WEAKNESSES[] = "weaknesses";
static const char REVIEW[] = "-month review";
static const char DATE_IN[] = " in ";

/* Verbs that say a review has taken place (its date is when it was held;
 * otherwise the date is when it is due). */
static const char *const HELD[] = {"conducted", "held", "carried out", "undertook", NULL};

/* "September 2022", "18 and 20 January 2022": dates are short; a year
 * further on belongs to other prose. */
enum { DATE_MAX = 24, RANGE_MAX = 40, MENTIONS_MAX = 16 };

/* One mention of a review: "conducted a six-month review of progress
 * against the APP in September 2022". */
typedef struct mention {
  int months;
  const char *label; /* "six-month review" */
  size_t line;
  const char *quote; /* the sentence */
  const char *held, *due, *by;
  int lists_findings; /* the sentence ends in ":" and findings follow */
} mention;

static sl_source minutes_source(staffs *s, size_t n, const char *quote) {
  return staffs_source(s, s->minutes, n, 0, quote);
}

static int minutes_claim(staffs *s, sl_id id, const char *field, const char *value, size_t n,
                         const char *quote) {
  sl_source source = minutes_source(s, n, quote);
  return sl_add_claim(s->host, id, field, value, &source);
}

/* Text of a listed item without its quotation marks and list punctuation. */
static const char *minutes_item(staffs *s, const char *start, const char *end) {
  static const char *const opening[] = {"\xE2\x80\x98", "\xE2\x80\x9C", "'", "\"", NULL};
  static const char *const closing[] = {
      "\xE2\x80\x99", "\xE2\x80\x9D", "'", "\"", ";", ".", ",", " ", NULL};
  for (int i = 0; opening[i]; i++)
    if (strncmp(start, opening[i], strlen(opening[i])) == 0) start += strlen(opening[i]);
  for (int trimmed = 1; trimmed;) {
    trimmed = 0;
    for (int i = 0; closing[i]; i++) {
      size_t length = strlen(closing[i]);
      if ((size_t)(end - start) >= length && strncmp(end - length, closing[i], length) == 0) {
        end -= length;
        trimmed = 1;
      }
    }
  }
  return staffs_copy(s, start, end);
}

/* ---- the revisit, as the minutes state it ---- */

static int minutes_visit_claims(staffs *s) {
  size_t n = staffs_find(s->minutes, 1, 0, VISIT);
  if (!n) return 0;
  const char *line = staffs_line(s->minutes, n), *at = strstr(line, VISIT);
  const char *dates = at + strlen(VISIT), *end = staffs_year_end(dates), *from, *to;
  if (!end || end - dates > RANGE_MAX)
    return sl_fail(s->host, STAFFS_MINUTES, n, "no dates after \"%s\"", VISIT);
  staffs_date_range(s, dates, end, &from, &to);
  if (!from) return sl_fail(s->host, STAFFS_MINUTES, n, "no dates after \"%s\"", VISIT);
  const char *quote = sl_copy(s->host, at, (size_t)(end - at));
  if (minutes_claim(s, s->revisit, "started", from, n, quote) ||
      (to && minutes_claim(s, s->revisit, "ended", to, n, quote)))
    return -1;
  return 0;
}

/* "significant progress had been made in addressing six out of the eight
 * original weaknesses": the minutes' word on the outcome, from the word
 * before the marker to the end of "weaknesses". The letter says
 * "sufficient": a claim beside its own. */
static int minutes_outcome_claim(staffs *s) {
  for (size_t n = staffs_find(s->minutes, 1, 0, PROGRESS_MADE); n;
       n = staffs_find(s->minutes, n + 1, 0, PROGRESS_MADE)) {
    const char *line = staffs_line(s->minutes, n);
    for (const char *at = strstr(line, PROGRESS_MADE); at; at = strstr(at + 1, PROGRESS_MADE)) {
      const char *start = at, *end = strstr(at, WEAKNESSES), *stop = strstr(at, ". ");
      if (!end || (stop && stop < end)) continue;    /* "... weakness as detailed in ..." */
      if (start > line && start[-1] == ' ') start--; /* back to the word "significant" */
      while (start > line && start[-1] != ' ')
        start--;
      end += strlen(WEAKNESSES);
      const char *quote = sl_copy(s->host, start, (size_t)(end - start));
      return minutes_claim(s, s->revisit, "outcome", quote, n, quote);
    }
  }
  return 0;
}

static int minutes_published_claim(staffs *s) {
  size_t n = staffs_find(s->minutes, 1, 0, PUBLISHED);
  if (!n) return 0;
  const char *line = staffs_line(s->minutes, n), *at = strstr(line, PUBLISHED);
  const char *date_start = at + strlen(PUBLISHED), *end = staffs_year_end(date_start);
  const char *date = end && end - date_start <= DATE_MAX
                         ? sl_parse_date(s->host, staffs_copy(s, date_start, end))
                         : NULL;
  if (!date) return sl_fail(s->host, STAFFS_MINUTES, n, "no date after \"%s\"", PUBLISHED);
  return minutes_claim(s, s->revisit, "published", date, n,
                       sl_copy(s->host, at, (size_t)(end - at)));
}

/* The areas still requiring improvement, listed after the sentence that
 * says so: the minutes' wording of each concern's title, another wording
 * of the same concern (a source, not a claim that disagrees). */
static int minutes_concern_claims(staffs *s) {
  size_t n = staffs_find(s->minutes, 1, 0, AREAS);
  for (size_t m = n ? n + 1 : s->minutes->line_count + 1; m <= s->minutes->line_count; m++) {
    const char *line = staffs_line(s->minutes, m);
    if (staffs_blank(line)) continue;
    const char *item = sl_list_item(line);
    if (!item) break;
    const char *end = sl_trim_end(item, item + strlen(item));
    const char *wording = minutes_item(s, item, end);
    staffs_concern *concern = staffs_concern_for(s, wording);
    if (!concern) {
      sl_log(s->host, SL_LOG_WARN, "%s: line %zu: '%s' matches no concern of the APP",
             STAFFS_MINUTES, m, wording);
      continue;
    }
    sl_source source = minutes_source(s, m, sl_copy(s->host, item, (size_t)(end - item)));
    if (sl_add_source(s->host, concern->id, &source)) return -1;
  }
  return 0;
}

/* ---- the reviews ---- */

/* The date a review is set to, " in September 2022" after it in its
 * sentence; NULL if none. */
static const char *mention_date(staffs *s, const char *after, const char *end) {
  for (const char *in = strstr(after, DATE_IN); in && in < end; in = strstr(in + 1, DATE_IN)) {
    const char *start = in + strlen(DATE_IN), *year_end = staffs_year_end(start);
    if (!year_end || year_end > end || year_end - start > DATE_MAX) continue;
    const char *date = sl_parse_date(s->host, staffs_copy(s, start, year_end));
    if (date) return date;
  }
  return NULL;
}

/* Held or due: held if a verb of HELD comes before the review in its
 * sentence, and then who held it is the sentence's subject. */
static void mention_when(staffs *s, mention *m, const char *start, const char *at,
                         const char *date) {
  for (int i = 0; HELD[i]; i++) {
    const char *verb = strstr(start, HELD[i]);
    if (!verb || verb >= at || !staffs_has_word(start, at, HELD[i])) continue;
    m->held = date;
    const char *by = staffs_copy(s, start, verb);
    m->by = *by ? by : NULL;
    return;
  }
  m->due = date;
}

static int mention_read(staffs *s, size_t n, const char *at, mention *m) {
  const char *line = staffs_line(s->minutes, n), *word, *start, *end;
  int months = staffs_number_before(s, line, at, &word);
  if (months <= 0) return 0;
  staffs_sentence(s, line, at, &start, &end);
  memset(m, 0, sizeof *m);
  m->months = months;
  m->label = sl_copy(s->host, word, (size_t)(at + strlen(REVIEW) - word));
  m->line = n;
  m->quote = sl_copy(s->host, start, (size_t)(end - start));
  const char *date = mention_date(s, at + strlen(REVIEW), end);
  if (date) mention_when(s, m, start, at, date);
  size_t length = strlen(m->quote);
  m->lists_findings =
      m->held && length &&
      (m->quote[length - 1] == ':' || (length >= 2 && strcmp(m->quote + length - 2, ":-") == 0));
  return 1;
}

/* Every "N-month review" the minutes mention, in order. */
static size_t minutes_mentions(staffs *s, mention out[MENTIONS_MAX]) {
  size_t count = 0;
  for (size_t n = staffs_find(s->minutes, 1, 0, REVIEW); n && count < MENTIONS_MAX;
       n = staffs_find(s->minutes, n + 1, 0, REVIEW)) {
    const char *line = staffs_line(s->minutes, n);
    for (const char *at = strstr(line, REVIEW); at && count < MENTIONS_MAX;
         at = strstr(at + 1, REVIEW))
      count += (size_t)mention_read(s, n, at, &out[count]);
  }
  return count;
}

/* The mention that says most of the review of so many months: the first
 * with a date, else the first. NULL if none mentions it. */
static const mention *mention_main(const mention *mentions, size_t count, int months) {
  const mention *first = NULL;
  for (size_t i = 0; i < count; i++) {
    if (mentions[i].months != months) continue;
    if (mentions[i].held || mentions[i].due) return &mentions[i];
    if (!first) first = &mentions[i];
  }
  return first;
}

/* The bulleted findings after a held review's sentence; a line ending in
 * ":" between lists ("In addition, they were encouraged that:-") goes on. */
static int minutes_findings(staffs *s, sl_id review, size_t from) {
  for (size_t n = from + 1; n <= s->minutes->line_count; n++) {
    const char *line = staffs_line(s->minutes, n);
    if (staffs_blank(line)) continue;
    const char *item = sl_list_item(line);
    const char *end = sl_trim_end(line, line + strlen(line));
    if (!item) {
      if (end > line && (end[-1] == ':' || (end - line >= 2 && strncmp(end - 2, ":-", 2) == 0)))
        continue;
      return 0;
    }
    const char *quote = sl_copy(s->host, item, (size_t)(end - item));
    sl_finding_record finding = {.review = review,
                                 .text = minutes_item(s, item, end),
                                 .source = minutes_source(s, n, quote)};
    if (sl_emit_finding(s->host, &finding, NULL)) return -1;
  }
  return 0;
}

/* One review: the main mention's facts, every other mention as a source,
 * and its findings. */
static int minutes_review(staffs *s, const mention *best, const mention *mentions, size_t count) {
  sl_review_record review = {.plan = s->plan,
                             .label = best->label,
                             .due = best->due,
                             .held = best->held,
                             .by = best->by,
                             .source = minutes_source(s, best->line, best->quote)};
  sl_id id;
  if (sl_emit_review(s->host, &review, &id)) return -1;
  for (size_t i = 0; i < count; i++) {
    sl_source also = minutes_source(s, mentions[i].line, mentions[i].quote);
    if (&mentions[i] != best && mentions[i].months == best->months &&
        sl_add_source(s->host, id, &also))
      return -1;
  }
  return best->lists_findings ? minutes_findings(s, id, best->line) : 0;
}

/* The reviews the minutes name ("six-month review"), in the order first
 * named. "the improvements expected to be delivered in the next 3, 6 and
 * 12 months" is an expectation of the APP, not a review held or set, so
 * it makes none. */
static int minutes_reviews(staffs *s) {
  mention mentions[MENTIONS_MAX];
  size_t count = minutes_mentions(s, mentions);
  for (size_t i = 0; i < count; i++)
    if (mention_main(mentions, count, mentions[i].months) == &mentions[i] &&
        minutes_review(s, &mentions[i], mentions, count))
      return -1;
  return 0;
}

int staffs_minutes_load(staffs *s) {
  if (s->revisit &&
      (minutes_visit_claims(s) || minutes_published_claim(s) || minutes_outcome_claim(s)))
    return -1;
  if (minutes_concern_claims(s)) return -1;
  if (!s->plan) return 0;
  return minutes_reviews(s);
}
