/*
 * measures.c: the key indicators. The monitoring section says "A selection
 * of the key indicators ... are shown below for key project areas"; below
 * it each project area is a heading and each indicator a bullet, with its
 * kind and unit read from how its wording begins. Nothing else of a
 * measure is said.
 *
 * A project area names the area of concern it works on: "Improve the
 * quality of EHC Plans" is work on "Poor-quality EHC plans, which ...".
 * So its measures go under the concern whose subject (its title before
 * the first comma) ends in the longest run of words the project area's
 * heading holds; a heading naming no concern, or two equally, leaves its
 * measures on the plan, as the document would then give no concern.
 */
#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "walsall.h"

/* The paragraph introducing the indicators. */
static const char INDICATORS[] = "key indicators";

/* How a measure's wording says what it counts. Longest first: "Number and
 * percentage of" before "Number of". */
static const struct {
  const char *wording;
  const char *kind;
  const char *unit;
} KINDS[] = {
    {"Number and percentage of", "interval", "count+percent"},
    {"Total number of", "interval", "count"},
    {"Number of", "interval", "count"},
    {"Percentage of", "interval", "percent"},
};

/* A line that carries on the bullet above it: text that is neither blank,
 * a heading, a bullet nor a numbered paragraph or section. */
static int continues(const char *line) {
  return !walsall_blank(line) && !walsall_heading(line) && !sl_list_item(line) &&
         !walsall_numbered(sl_skip_space(line));
}

static void measure_kind(sl_measure_record *m) {
  for (size_t i = 0; i < sizeof KINDS / sizeof KINDS[0]; i++) {
    size_t length = strlen(KINDS[i].wording);
    if (strlen(m->name) > length && strncasecmp(m->name, KINDS[i].wording, length) == 0) {
      m->kind = KINDS[i].kind;
      m->unit = KINDS[i].unit;
      return;
    }
  }
}

/* A project area: its heading's text and line, and the record its
 * measures go under. */
typedef struct project {
  const char *heading;
  size_t line;
  sl_id parent;
} project;

/* Does text hold [start, end) as whole words, case ignored? */
static int holds_words(walsall *w, const char *text, const char *start, const char *end) {
  const char *phrase = sl_copy(w->host, start, (size_t)(end - start));
  int found = 0;
  for (const char *at = text; phrase && !found && (at = walsall_find(at, NULL, phrase)); at++)
    found = !isalnum((unsigned char)at[end - start]);
  return found;
}

/* How many of the last words of the subject [start, end) heading holds,
 * together and in order (0: not even the last one). */
static int words_named(walsall *w, const char *heading, const char *start, const char *end) {
  int words = 0;
  for (const char *p = end; p > start; p--) {
    if (p[-1] != ' ' && p - 1 != start) continue;
    const char *word = p[-1] == ' ' ? p : p - 1;
    if (!holds_words(w, heading, word, end)) break;
    words++;
    if (word == start) break;
  }
  return words;
}

/* The concern the project area's heading names (see the top), else the
 * plan. */
static sl_id project_parent(walsall *w, const char *heading) {
  int best = 0, ties = 0;
  sl_id parent = w->app;
  for (size_t i = 0; i < w->concern_count; i++) {
    const char *title = w->concerns[i].title, *comma = strchr(title, ',');
    int named = words_named(w, heading, title, comma ? comma : title + strlen(title));
    if (named > best) {
      best = named;
      ties = 0;
      parent = w->concerns[i].id;
    } else if (named && named == best) {
      ties++;
    }
  }
  if (best && !ties) return parent;
  sl_log(w->host, SL_LOG_WARN,
         "%s: project area \"%s\" names %s area of concern: its measures stay on the plan",
         WALSALL_DOCUMENT, heading, best ? "more than one" : "no");
  return w->app;
}

/* The bullet of line n (text) and the lines that carry it on, to last,
 * under project area pa. */
static int measure_emit(walsall *w, const project *pa, size_t n, size_t last, const char *text) {
  const char *name = walsall_copy(w, text, text + strlen(text));
  const char *quote = name;
  for (size_t k = n + 1; k <= last && name && quote; k++) {
    const char *line = walsall_line(w, k);
    name = sl_format(w->host, "%s %s", name, walsall_copy(w, line, line + strlen(line)));
    quote = sl_format(w->host, "%s\n%s", quote, line);
  }
  if (quote) quote = walsall_copy(w, quote, quote + strlen(quote));
  sl_measure_record m = {.parent = pa->parent,
                         .name = name,
                         .group = pa->heading,
                         .source = walsall_source(w, NULL, n, last, quote)};
  if (name) measure_kind(&m);
  sl_id id;
  if (sl_emit_measure(w->host, &m, &id)) return -1;
  /* The heading places it: its project area, and so its concern. */
  sl_source heading = walsall_source(w, NULL, pa->line, 0, pa->heading);
  return pa->parent != w->app ? sl_add_source(w->host, id, &heading) : 0;
}

int walsall_measures_load(walsall *w) {
  const sl_paragraph *p = walsall_paragraph_with(w, INDICATORS);
  if (!p) {
    sl_log(w->host, SL_LOG_WARN, "%s: no paragraph introduces the \"%s\": no measures",
           WALSALL_DOCUMENT, INDICATORS);
    return 0;
  }
  project pa = {0};
  for (size_t n = p->first_line + 1; n <= w->doc->line_count; n++) {
    const char *line = walsall_line(w, n);
    const char *heading = walsall_heading(line), *bullet = sl_list_item(line);
    if (walsall_section(line)) break; /* the next section */
    if (walsall_numbered(heading ? heading : bullet ? bullet : sl_skip_space(line))) {
      pa.heading = NULL; /* a paragraph ends the project area */
    } else if (heading) {
      pa.heading = walsall_copy(w, heading, heading + strlen(heading));
      pa.line = n;
      pa.parent = pa.heading ? project_parent(w, pa.heading) : w->app;
    } else if (bullet && pa.heading) {
      size_t last = n;
      while (last < w->doc->line_count && continues(walsall_line(w, last + 1)))
        last++;
      if (measure_emit(w, &pa, n, last, bullet)) return -1;
      n = last;
    }
  }
  return 0;
}
