/*
 * app.c: the Accelerated Progress Plan (APP). From its cover: the title,
 * the date and the draft mark. From Annex A: the board that oversees it and
 * the revisit's dates as the APP restates them (claims beside the letter's).
 * From Annex B, the supporting statement: the concerns (the areas it says
 * were not sufficiently improved, one section each), the actions it names
 * as the APP's. Its
 * "How we will measure our impact" section only explains the kinds its
 * measures will take (interval and nominal, each with an example): that
 * names no measure, so none is stored. The APP's action tracker and
 * its KPIs were an Excel workbook that is not among the documents, so
 * numbered actions, leads, due dates and measures are not known.
 */
#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "staffordshire.h"

/* Markers: words of the DfE APP template and of the plan's own prose that
 * say where a fact is, never the fact itself. */
static const char TITLE[] = "Accelerated Progress Plan";
static const char DRAFT[] = "DRAFT";
static const char BOARD[] = " will oversee";
static const char ANNEX_B[] = "Annex B";
static const char ROW_VISIT[] = "Date of Inspection";
static const char ROW_PUBLISHED[] = "Date of Publication of the revisit report";
static const char INSUFFICIENT[] = "not made sufficient progress";
static const char *const ACTION_MARKERS[] = {"key action", "key task", NULL};
/* Inside a concern's own section the plan also names its improvements in
 * prose: "A key component of this work will be ...", "We will work towards
 * ...", "We have also made structural changes ...". */
static const char *const SECTION_ACTION_MARKERS[] = {"key component", "We will",
                                                     "structural changes", NULL};
static const char PLAN_WORD[] = "APP";

/* A date line under the title holds the date alone. */
enum { DATE_LINE_MAX = 40, LIST_MAX = STAFFS_CONCERNS_MAX };

static size_t next_heading(const staffs *s, size_t from) {
  for (size_t n = from; n <= s->app->line_count; n++)
    if (staffs_heading(s->app, n)) return n;
  return 0;
}

static const char *whole_line(staffs *s, size_t n) {
  const char *line = staffs_line(s->app, n);
  return staffs_copy(s, line, line + strlen(line));
}

static int add_source(staffs *s, sl_id id, size_t n, const char *quote) {
  sl_source source = staffs_source(s, s->app, n, 0, quote);
  return sl_add_source(s->host, id, &source);
}

/* ---- the plan ---- */

/* The date under the title: the next line that is not blank, if it is a
 * date alone. */
static size_t app_dated(staffs *s, size_t title, const char **date) {
  *date = NULL;
  for (size_t n = title + 1; n <= s->app->line_count; n++) {
    const char *line = staffs_line(s->app, n);
    if (staffs_blank(line)) continue;
    if (strlen(line) > DATE_LINE_MAX) return 0;
    *date = sl_parse_date(s->host, line);
    return *date ? n : 0;
  }
  return 0;
}

/* A line that is the draft mark alone. */
static size_t app_draft(staffs *s) {
  for (size_t n = 1; n <= s->app->line_count; n++) {
    const char *text = sl_skip_space(staffs_line(s->app, n));
    if (strncasecmp(text, DRAFT, strlen(DRAFT)) == 0 && staffs_blank(text + strlen(DRAFT)))
      return n;
  }
  return 0;
}

/* "..., the SEND Partnership Group will oversee the implementation of the
 * Accelerated Progress Plan.": the board is the clause's subject. */
static const char *app_board(staffs *s, size_t *n, const char **quote) {
  if (!(*n = staffs_find(s->app, 1, 0, BOARD))) return NULL;
  const char *line = staffs_line(s->app, *n), *at = strstr(line, BOARD), *start, *end;
  staffs_sentence(s, line, at, &start, &end);
  const char *subject = at;
  while (subject > start && !(subject - start >= 2 && subject[-2] == ',' && subject[-1] == ' '))
    subject--;
  subject = sl_skip_space(subject);
  if (strncasecmp(subject, "the ", 4) == 0) subject += 4;
  *quote = sl_copy(s->host, start, (size_t)(end - start));
  const char *board = staffs_copy(s, subject, at);
  return *board ? board : NULL;
}

static int app_plan(staffs *s) {
  size_t title = staffs_find(s->app, 1, 0, TITLE);
  if (!title) return sl_fail(s->host, STAFFS_APP, 0, "no title (a line naming the %s)", TITLE);
  const char *date, *board_quote = NULL;
  size_t dated = app_dated(s, title, &date), draft = app_draft(s), board_line;
  const char *board = app_board(s, &board_line, &board_quote);
  sl_plan_record plan = {.kind = "APP",
                         .title = whole_line(s, title),
                         .version = draft ? whole_line(s, draft) : NULL,
                         .dated = date,
                         .board = board,
                         .source = staffs_source(s, s->app, title, 0, whole_line(s, title))};
  if (sl_emit_plan(s->host, &plan, &s->plan)) return -1;
  if ((dated && add_source(s, s->plan, dated, whole_line(s, dated))) ||
      (draft && add_source(s, s->plan, draft, whole_line(s, draft))) ||
      (board && add_source(s, s->plan, board_line, board_quote)))
    return -1;
  return 0;
}

/* ---- Annex A: the revisit as the APP restates it ---- */

/* The value cell of the table row labelled label; 0 if there is none. */
static size_t app_row(staffs *s, const char *label, const char **value) {
  for (size_t n = staffs_find(s->app, 1, 0, label); n; n = staffs_find(s->app, n + 1, 0, label)) {
    sl_strings cells = sl_split_cells(s->host, staffs_line(s->app, n));
    if (cells.count < 2) continue;
    if (strcmp(staffs_copy(s, cells.items[0], cells.items[0] + strlen(cells.items[0])), label))
      continue;
    *value = cells.items[1];
    return n;
  }
  return 0;
}

static int app_claim(staffs *s, const char *field, const char *value, size_t n) {
  sl_source source = staffs_source(s, s->app, n, 0, whole_line(s, n));
  return sl_add_claim(s->host, s->revisit, field, value, &source);
}

static int app_revisit_claims(staffs *s) {
  const char *value, *from, *to;
  size_t n = app_row(s, ROW_VISIT, &value);
  if (n) {
    staffs_date_range(s, value, value + strlen(value), &from, &to);
    if (!from) return sl_fail(s->host, STAFFS_APP, n, "'%s' holds no date", ROW_VISIT);
    if (app_claim(s, "started", from, n) || (to && app_claim(s, "ended", to, n))) return -1;
  }
  if ((n = app_row(s, ROW_PUBLISHED, &value))) {
    const char *date = sl_parse_date(s->host, value);
    if (!date) return sl_fail(s->host, STAFFS_APP, n, "'%s' holds no date", ROW_PUBLISHED);
    if (app_claim(s, "published", date, n)) return -1;
  }
  return 0;
}

/* ---- Annex B: the concerns ---- */

/* "The ... revisit inspection identified two areas in which we have not
 * made sufficient progress: quality of EHCPs and coproduction." */
typedef struct insufficient {
  size_t line;
  const char *sentence;        /* the quote */
  const char *list;            /* the text after the colon */
  int count;                   /* the number the sentence gives, or -1 */
  const char *items[LIST_MAX]; /* the list split at ", " and " and " */
  size_t item_count;
} insufficient;

static void split_list(staffs *s, const char *start, const char *end, insufficient *out) {
  static const char *const separators[] = {", ", " and ", NULL};
  while (start < end && out->item_count < LIST_MAX) {
    const char *next = end;
    size_t skip = 0;
    for (int i = 0; separators[i]; i++) {
      const char *hit = strstr(start, separators[i]);
      if (hit && hit < next) next = hit, skip = strlen(separators[i]);
    }
    const char *item = staffs_copy(s, start, next);
    if (*item) out->items[out->item_count++] = item;
    start = next + skip;
  }
}

static int find_insufficient(staffs *s, size_t annex, insufficient *out) {
  memset(out, 0, sizeof *out);
  for (size_t n = staffs_find(s->app, annex, 0, INSUFFICIENT); n;
       n = staffs_find(s->app, n + 1, 0, INSUFFICIENT)) {
    const char *line = staffs_line(s->app, n), *at = strstr(line, INSUFFICIENT), *start, *end;
    staffs_sentence(s, line, at, &start, &end);
    const char *colon = memchr(at, ':', (size_t)(end - at));
    if (!colon) continue;
    const char *list_end = end[-1] == '.' ? end - 1 : end;
    out->line = n;
    out->sentence = sl_copy(s->host, start, (size_t)(end - start));
    out->list = staffs_copy(s, colon + 1, list_end);
    out->count = -1;
    for (const char *p = start; p < at && out->count < 0; p++)
      if (p == start || p[-1] == ' ') {
        const char *word_end = p;
        while (isalnum((unsigned char)*word_end))
          word_end++;
        out->count = staffs_number(s, p, (size_t)(word_end - p));
      }
    split_list(s, colon + 1, list_end, out);
    return 0;
  }
  return sl_fail(s->host, STAFFS_APP, annex,
                 "no sentence naming the areas that had \"%s:\" after it", INSUFFICIENT);
}

static int app_concern(staffs *s, size_t heading, const insufficient *list) {
  staffs_concern *concern = &s->concerns[s->concern_count];
  size_t next = next_heading(s, heading + 1);
  concern->title = whole_line(s, heading);
  concern->first_line = heading;
  concern->last_line = next ? next - 1 : s->app->line_count;
  sl_concern_record record = {.plan = s->plan,
                              .title = concern->title,
                              .source = staffs_source(s, s->app, heading, 0, concern->title)};
  if (sl_emit_concern(s->host, &record, &concern->id)) return -1;
  s->concern_count++;
  sl_source named = staffs_source(s, s->app, list->line, 0, list->sentence);
  return sl_add_source(s->host, concern->id, &named);
}

/* The list's own wording of each concern ("quality of EHCPs") is another
 * wording of the same title, not a disagreement: the sentence is already
 * each concern's source, so only a wording no heading matches is said. */
static int app_list_check(staffs *s, const insufficient *list) {
  for (size_t i = 0; i < list->item_count; i++)
    if (!staffs_concern_for(s, list->items[i]))
      sl_log(s->host, SL_LOG_WARN, "%s: line %zu: '%s' matches no section heading", STAFFS_APP,
             list->line, list->items[i]);
  return 0;
}

/* Each area named in the sentence has its section, headed by a title that
 * shares a word with the list: the first that many such headings after the
 * sentence are the concerns. */
static int app_concerns(staffs *s, size_t annex) {
  insufficient list;
  if (find_insufficient(s, annex, &list)) return -1;
  int wanted = list.count > 0 ? list.count : (int)list.item_count;
  if (wanted <= 0 || wanted > STAFFS_CONCERNS_MAX)
    return sl_fail(s->host, STAFFS_APP, list.line, "cannot tell how many areas it names");
  for (size_t n = next_heading(s, list.line + 1); n && (int)s->concern_count < wanted;
       n = next_heading(s, n + 1))
    if (staffs_words_shared(whole_line(s, n), list.list) > 0 && app_concern(s, n, &list)) return -1;
  if ((int)s->concern_count < wanted)
    return sl_fail(s->host, STAFFS_APP, list.line,
                   "names %d areas but only %zu section heading(s) match them", wanted,
                   s->concern_count);
  return app_list_check(s, &list);
}

/* ---- Annex B: the actions the statement names as the APP's ---- */

/* The concern whose section holds line n, or NULL. */
static staffs_concern *section_concern(staffs *s, size_t n) {
  for (size_t i = 0; i < s->concern_count; i++)
    if (n > s->concerns[i].first_line && n <= s->concerns[i].last_line) return &s->concerns[i];
  return NULL;
}

/* Upper-case words of two letters or more ("PCF") in [start, end), but not
 * the plan's own name: they name the bodies an action is about. */
static int acronyms_shared(staffs *s, const char *start, const char *end,
                           const staffs_concern *concern) {
  int shared = 0;
  for (const char *p = start; p < end;) {
    const char *q = p;
    while (q < end && isupper((unsigned char)*q))
      q++;
    int word = q - p >= 2 && (p == start || !isalnum((unsigned char)p[-1])) &&
               (q == end || !isalnum((unsigned char)*q));
    if (word &&
        !(q - p == (long)strlen(PLAN_WORD) && strncmp(p, PLAN_WORD, strlen(PLAN_WORD)) == 0)) {
      const char *acronym = sl_copy(s->host, p, (size_t)(q - p));
      for (size_t n = concern->first_line + 1; n <= concern->last_line; n++) {
        const char *line = staffs_line(s->app, n);
        if (staffs_has_word(line, line + strlen(line), acronym)) {
          shared++;
          break;
        }
      }
    }
    p = q > p ? q : p + 1;
  }
  return shared;
}

/* The concern an action belongs to: the one whose section it is in; else
 * the one whose section alone names the same bodies (an action in "Our
 * Plan for Support and Challenge" about the PCF). NULL if none. */
static staffs_concern *action_concern(staffs *s, size_t n, const char *start, const char *end) {
  staffs_concern *best = NULL;
  int best_score = 0, tie = 0;
  staffs_concern *section = section_concern(s, n);
  if (section) return section;
  for (size_t i = 0; i < s->concern_count; i++) {
    int score = acronyms_shared(s, start, end, &s->concerns[i]);
    if (score > best_score)
      best = &s->concerns[i], best_score = score, tie = 0;
    else if (score && score == best_score)
      tie = 1;
  }
  return tie ? NULL : best;
}

static int has_marker(const char *start, const char *end, const char *const markers[]) {
  for (int i = 0; markers[i]; i++)
    if (staffs_has_word(start, end, markers[i])) return 1;
  return 0;
}

/* A sentence that names itself as the APP's action, or, in a concern's
 * section, one that names an improvement in the section's prose. */
static int is_action_sentence(staffs *s, size_t n, const char *start, const char *end) {
  if (staffs_has_word(start, end, PLAN_WORD) && has_marker(start, end, ACTION_MARKERS)) return 1;
  return section_concern(s, n) && has_marker(start, end, SECTION_ACTION_MARKERS);
}

static int app_action(staffs *s, size_t n, const char *start, const char *end) {
  const char *text = sl_copy(s->host, start, (size_t)(end - start));
  staffs_concern *concern = action_concern(s, n, start, end);
  if (!concern) {
    sl_log(s->host, SL_LOG_WARN, "%s: line %zu: an APP action that no concern claims: %.60s",
           STAFFS_APP, n, text);
    return 0;
  }
  sl_action_record action = {
      .concern = concern->id, .text = text, .source = staffs_source(s, s->app, n, 0, text)};
  return sl_emit_action(s->host, &action, NULL);
}

static int app_actions(staffs *s, size_t annex) {
  for (size_t n = annex; n <= s->app->line_count; n++) {
    const char *line = staffs_line(s->app, n), *start = sl_skip_space(line), *end;
    while (*start) {
      const char *sentence;
      staffs_sentence(s, line, start, &sentence, &end);
      if (end <= start) break;
      if (is_action_sentence(s, n, sentence, end) && app_action(s, n, sentence, end)) return -1;
      start = sl_skip_space(end);
    }
  }
  return 0;
}

int staffs_app_load(staffs *s) {
  if (app_plan(s) || (s->revisit && app_revisit_claims(s))) return -1;
  size_t annex = staffs_find(s->app, 1, 0, ANNEX_B);
  if (!annex)
    return sl_fail(s->host, STAFFS_APP, 0, "no \"%s\" (the supporting statement)", ANNEX_B);
  if (app_concerns(s, annex) || app_actions(s, annex)) return -1;
  return staffs_app_roles(s);
}
