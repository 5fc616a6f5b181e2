/*
 * measures.c: the key indicators. The monitoring section says "A selection
 * of the key indicators ... are shown below for key project areas"; below
 * it each project area is a heading and each indicator a bullet. Every
 * bullet is a measure of the APP (the document ties project areas to no
 * area of concern), grouped by its heading, with its kind and unit read
 * from how its wording begins. Nothing else of a measure is said.
 */
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

/* The bullet of line n (text) and the lines that carry it on, to last. */
static int measure_emit(walsall *w, const char *group, size_t n, size_t last, const char *text) {
  const char *name = walsall_copy(w, text, text + strlen(text));
  const char *quote = name;
  for (size_t k = n + 1; k <= last && name && quote; k++) {
    const char *line = walsall_line(w, k);
    name = sl_format(w->host, "%s %s", name, walsall_copy(w, line, line + strlen(line)));
    quote = sl_format(w->host, "%s\n%s", quote, line);
  }
  if (quote) quote = walsall_copy(w, quote, quote + strlen(quote));
  sl_measure_record m = {.parent = w->app,
                         .name = name,
                         .group = group,
                         .source = walsall_source(w, NULL, n, last, quote)};
  if (name) measure_kind(&m);
  return sl_emit_measure(w->host, &m, NULL);
}

int walsall_measures_load(walsall *w) {
  const sl_paragraph *p = walsall_paragraph_with(w, INDICATORS);
  if (!p) {
    sl_log(w->host, SL_LOG_WARN, "%s: no paragraph introduces the \"%s\": no measures",
           WALSALL_DOCUMENT, INDICATORS);
    return 0;
  }
  const char *group = NULL;
  for (size_t n = p->first_line + 1; n <= w->doc->line_count; n++) {
    const char *line = walsall_line(w, n);
    const char *heading = walsall_heading(line), *bullet = sl_list_item(line);
    if (walsall_section(line)) break; /* the next section */
    if (walsall_numbered(heading ? heading : bullet ? bullet : sl_skip_space(line))) {
      group = NULL; /* a paragraph ends the project area */
    } else if (heading) {
      group = walsall_copy(w, heading, heading + strlen(heading));
    } else if (bullet && group) {
      size_t last = n;
      while (last < w->doc->line_count && continues(walsall_line(w, last + 1)))
        last++;
      if (measure_emit(w, group, n, last, bullet)) return -1;
      n = last;
    }
  }
  return 0;
}
