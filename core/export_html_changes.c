/*
 * export_html_changes.c: an area card's "What changed since the last
 * review" (export_html_changes.h). Draws the tree of core/changes.c and
 * holds no SQL; every text from a return or a plan is escaped
 * (sl_html_escape), and statuses and movements are words, never colour
 * alone. Lists rather than tables, so the section reflows on a phone and
 * takes a few lines of a printed page.
 */
#include "export_html_changes.h"

#include <cjson/cJSON.h>
#include <string.h>

#include "changes.h"
#include "export_html.h"

typedef struct changes_html {
  FILE *out;
  const char *since, *latest; /* the two periods, as written */
} changes_html;

static void put(const changes_html *h, const char *text) { fputs(text, h->out); }
static void esc(const changes_html *h, const char *text) { sl_html_escape(h->out, text); }

static const char *str(const cJSON *object, const char *key) {
  const cJSON *item = cJSON_GetObjectItemCaseSensitive(object, key);
  return cJSON_IsString(item) ? item->valuestring : NULL;
}

static const cJSON *item_of(const cJSON *object, const char *key) {
  return cJSON_GetObjectItemCaseSensitive(object, key);
}

/* A code as words: "in_progress" is "in progress". */
static void words(const changes_html *h, const char *code) {
  char text[64];
  sl_changes_words(code, text, sizeof text);
  esc(h, text);
}

/* A value: its number, or its state as words; "not reported" for none. */
static void value(const changes_html *h, const cJSON *item) {
  if (cJSON_IsNumber(item))
    fprintf(h->out, "%g", item->valuedouble);
  else if (cJSON_IsString(item))
    words(h, item->valuestring);
  else
    put(h, "not reported");
}

/* "(return.csv, line 3, column 4)", the quoted cell as its tooltip. */
static void source(const changes_html *h, const cJSON *source) {
  if (!cJSON_IsObject(source)) return;
  put(h, " <span class=\"small\" title=\"");
  esc(h, str(source, "quote"));
  put(h, "\">(");
  esc(h, str(source, "document"));
  put(h, ", ");
  esc(h, str(source, "locator"));
  put(h, ")</span>");
}

/* "<b>1.2</b> the action's words – " (a dash: the words may end in a
 * full stop). */
static void record(const changes_html *h, const cJSON *item, const char *text_key) {
  put(h, "<li><b>");
  esc(h, str(item, "ref"));
  put(h, "</b> ");
  const char *text = str(item, text_key);
  esc(h, text ? text : "(cited, not stated in the documents)");
  put(h, " &ndash; ");
}

static void statuses(const changes_html *h, const cJSON *list) {
  if (!cJSON_GetArraySize(list)) {
    put(h, "<p>No action changed status.</p>");
    return;
  }
  put(h, "<h5>Actions whose status changed</h5><ul class=\"changes-list\">");
  const cJSON *item;
  cJSON_ArrayForEach(item, list) {
    record(h, item, "text");
    put(h, "from ");
    value(h, item_of(item, "from"));
    put(h, " (");
    esc(h, h->since);
    put(h, ")");
    source(h, item_of(item, "from_source"));
    put(h, " to ");
    value(h, item_of(item, "to"));
    put(h, " (");
    esc(h, h->latest);
    put(h, ")");
    source(h, item_of(item, "to_source"));
    put(h, "</li>");
  }
  put(h, "</ul>");
}

static void measures(const changes_html *h, const cJSON *list) {
  if (!cJSON_GetArraySize(list)) {
    put(h, "<p>No measure has a value in both returns.</p>");
    return;
  }
  put(h, "<h5>Measures</h5><ul class=\"changes-list\">");
  const cJSON *item;
  cJSON_ArrayForEach(item, list) {
    record(h, item, "name");
    put(h, "<strong>");
    esc(h, str(item, "movement"));
    put(h, "</strong>, ");
    value(h, item_of(item, "from"));
    source(h, item_of(item, "from_source"));
    put(h, " to ");
    value(h, item_of(item, "to"));
    source(h, item_of(item, "to_source"));
    const cJSON *target = item_of(item, "target");
    if (cJSON_IsNumber(target)) fprintf(h->out, "; target %g", target->valuedouble);
    if (cJSON_IsNumber(target) && str(item, "target_date")) {
      put(h, " (");
      esc(h, str(item, "target_date"));
      put(h, ")");
    }
    put(h, "</li>");
  }
  put(h, "</ul>");
}

/* The overdue actions; nothing where the plans give no due date. */
static void overdue(const changes_html *h, const cJSON *changes) {
  const cJSON *list = item_of(changes, "overdue");
  const cJSON *dated = item_of(changes, "actions_with_due");
  if (!str(changes, "as_of") || !cJSON_IsNumber(dated) || dated->valueint == 0) return;
  if (!cJSON_GetArraySize(list)) {
    put(h, "<p>No action is overdue as at ");
    esc(h, str(changes, "as_of"));
    put(h, ".</p>");
    return;
  }
  put(h, "<h5>Overdue as at ");
  esc(h, str(changes, "as_of"));
  put(h, "</h5><ul class=\"changes-list\">");
  const cJSON *item;
  cJSON_ArrayForEach(item, list) {
    record(h, item, "text");
    put(h, "due ");
    esc(h, str(item, "due"));
    put(h, ", ");
    const char *from = str(item, "status_from");
    if (!from) put(h, "status not reported");
    if (from) words(h, str(item, "status"));
    if (from && strcmp(from, "return") == 0) {
      put(h, " (");
      esc(h, str(item, "status_period"));
      put(h, " return)");
    } else if (from) {
      put(h, " (the plan)");
    }
    put(h, "</li>");
  }
  put(h, "</ul>");
}

static void section(const changes_html *h, const cJSON *changes, int card) {
  fprintf(h->out,
          "<section class=\"changes\" aria-labelledby=\"area-%d-changes-h\">"
          "<h4 id=\"area-%d-changes-h\">What changed since the last review</h4>",
          card, card);
  const char *why = str(changes, "nothing_to_compare");
  const char *summary = str(item_of(changes, "summary"), "text");
  if (!h->latest) {
    put(h, "<p>No progress return has been imported for this area.</p></section>");
    return;
  }
  if (why) {
    put(h, "<p>Only the ");
    esc(h, h->latest);
    put(h, " return is imported: there is nothing to compare it with yet.</p>");
  } else {
    put(h, "<p>The ");
    esc(h, h->latest);
    put(h, " return compared with the ");
    esc(h, h->since);
    put(h, " return.</p>");
  }
  const cJSON *review = item_of(changes, "last_review");
  if (cJSON_IsObject(review)) {
    put(h, "<p>Last review of the plan: ");
    esc(h, str(review, "label"));
    put(h, ", held ");
    esc(h, str(review, "held"));
    put(h, ".</p>");
  }
  if (summary) {
    put(h, "<p><strong>");
    esc(h, summary);
    put(h, "</strong></p>");
  }
  if (!why) statuses(h, item_of(changes, "status_changes"));
  if (!why) measures(h, item_of(changes, "measures"));
  overdue(h, changes);
  put(h, "</section>");
}

int sl_html_changes_write(FILE *out, sl_store *store, const char *area_code, int card,
                          sl_error *error) {
  sl_changes_query query = {area_code, NULL, NULL};
  cJSON *changes = sl_changes_build(store, &query, error);
  if (!changes) return -1;
  changes_html h = {out, str(item_of(changes, "since"), "period"),
                    str(item_of(changes, "latest"), "period")};
  section(&h, changes, card);
  cJSON_Delete(changes);
  return 0;
}
