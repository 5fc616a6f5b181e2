/*
 * changes_text.c: the tree of changes.c as text, for `sendlens show AREA
 * --since PERIOD`. Every line goes through core/table.c (its tables and
 * sl_table_wrap), which prints the control characters a hostile file or
 * plan may hold as "?"; each status and value is followed by its source.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "changes.h"
#include "table.h"

typedef struct changes_text {
  FILE *out;
  int width, colour;
  const char *since, *latest; /* the two periods, as written */
} changes_text;

static const char *text_of(const cJSON *object, const char *key) {
  const cJSON *item = cJSON_GetObjectItemCaseSensitive(object, key);
  return cJSON_IsString(item) ? item->valuestring : NULL;
}

static const char *text_or(const char *text, const char *otherwise) {
  return text ? text : otherwise;
}

/* A line wrapped to the width, its control characters made harmless. */
static void text_line(const changes_text *c, const char *format, ...)
    __attribute__((format(printf, 2, 3)));

static void text_line(const changes_text *c, const char *format, ...) {
  char line[2048];
  va_list args;
  va_start(args, format);
  vsnprintf(line, sizeof line, format, args);
  va_end(args);
  sl_table_wrap(c->out, line, 0, c->width);
}

/* "2024-Q1 (2024-01-01 to 2024-03-31, return.csv)". */
static void text_return(const cJSON *item, char *out, size_t size) {
  snprintf(out, size, "%s (%s to %s, %s)", text_or(text_of(item, "period"), "?"),
           text_or(text_of(item, "start"), "?"), text_or(text_of(item, "end"), "?"),
           text_or(text_of(item, "document"), "?"));
}

/* A status or value, then "[document, locator]" on the next line. */
static void text_cell(const cJSON *value, const cJSON *source, const char *missing, char *out,
                      size_t size) {
  char words[64];
  if (cJSON_IsNumber(value))
    snprintf(words, sizeof words, "%g", value->valuedouble);
  else if (cJSON_IsString(value))
    sl_changes_words(value->valuestring, words, sizeof words);
  else
    snprintf(words, sizeof words, "%s", missing);
  if (cJSON_IsObject(source))
    snprintf(out, size, "%s\n[%s, %s]", words, text_or(text_of(source, "document"), "?"),
             text_or(text_of(source, "locator"), "?"));
  else
    snprintf(out, size, "%s", words);
}

static int text_table(const changes_text *c, sl_table *table) {
  if (!table) return -1;
  sl_table_print(table, c->out, c->width, c->colour);
  sl_table_free(table);
  return 0;
}

static int text_statuses(const changes_text *c, const cJSON *list) {
  int count = cJSON_GetArraySize(list);
  fputc('\n', c->out);
  if (!count) return text_line(c, "no action changed status"), 0;
  text_line(c, "actions whose status changed (%d):", count);
  const char *heading[] = {"Ref", "Action", c->since, c->latest};
  sl_table *table = sl_table_new(4, heading);
  const cJSON *item;
  cJSON_ArrayForEach(item, list) {
    char from[1024], to[1024];
    text_cell(cJSON_GetObjectItemCaseSensitive(item, "from"),
              cJSON_GetObjectItemCaseSensitive(item, "from_source"), "not reported", from,
              sizeof from);
    text_cell(cJSON_GetObjectItemCaseSensitive(item, "to"),
              cJSON_GetObjectItemCaseSensitive(item, "to_source"), "not reported", to, sizeof to);
    const char *cells[] = {text_of(item, "ref"),
                           text_or(text_of(item, "text"), "(cited, not stated in the documents)"),
                           from, to};
    if (table && !sl_table_add(table, cells)) table = (sl_table_free(table), NULL);
  }
  return text_table(c, table);
}

/* "60 (Aug 23)" or "none". */
static void text_target(const cJSON *item, char *out, size_t size) {
  const cJSON *target = cJSON_GetObjectItemCaseSensitive(item, "target");
  const char *date = text_of(item, "target_date");
  if (!cJSON_IsNumber(target))
    snprintf(out, size, "none");
  else
    snprintf(out, size, "%g%s%s%s", target->valuedouble, date ? " (" : "", date ? date : "",
             date ? ")" : "");
}

static int text_measures(const changes_text *c, const cJSON *list) {
  int count = cJSON_GetArraySize(list);
  fputc('\n', c->out);
  if (!count) return text_line(c, "no measure has a value in both returns"), 0;
  text_line(c, "measures with a value in both returns (%d):", count);
  const char *heading[] = {"Ref", "Measure", c->since, c->latest, "Target", "Movement"};
  sl_table *table = sl_table_new(6, heading);
  const cJSON *item;
  cJSON_ArrayForEach(item, list) {
    char from[1024], to[1024], target[96];
    text_cell(cJSON_GetObjectItemCaseSensitive(item, "from"),
              cJSON_GetObjectItemCaseSensitive(item, "from_source"), "?", from, sizeof from);
    text_cell(cJSON_GetObjectItemCaseSensitive(item, "to"),
              cJSON_GetObjectItemCaseSensitive(item, "to_source"), "?", to, sizeof to);
    text_target(item, target, sizeof target);
    const char *cells[] = {text_of(item, "ref"),     text_of(item, "name"), from, to, target,
                           text_of(item, "movement")};
    if (table && !sl_table_add(table, cells)) table = (sl_table_free(table), NULL);
  }
  return text_table(c, table);
}

/* "in progress (2024-Q1 return)", "in progress (the plan)", "not reported". */
static void text_status(const cJSON *item, char *out, size_t size) {
  char words[64];
  const char *from = text_of(item, "status_from");
  sl_changes_words(text_of(item, "status"), words, sizeof words);
  if (!from)
    snprintf(out, size, "not reported");
  else if (strcmp(from, "return") == 0)
    snprintf(out, size, "%s (%s return)", words, text_or(text_of(item, "status_period"), "?"));
  else
    snprintf(out, size, "%s (the plan)", words);
}

static int text_overdue(const changes_text *c, const cJSON *changes) {
  const cJSON *list = cJSON_GetObjectItemCaseSensitive(changes, "overdue");
  const char *as_of = text_of(changes, "as_of");
  int count = cJSON_GetArraySize(list);
  fputc('\n', c->out);
  if (!as_of) return 0;
  const cJSON *dated = cJSON_GetObjectItemCaseSensitive(changes, "actions_with_due");
  if (!count && cJSON_IsNumber(dated) && dated->valueint == 0)
    return text_line(c, "no action overdue as at %s: no action of the plan has a due date", as_of),
           0;
  if (!count) return text_line(c, "no action overdue as at %s", as_of), 0;
  text_line(c, "actions overdue as at %s, not completed (%d):", as_of, count);
  const char *heading[] = {"Ref", "Action", "Due", "Status"};
  sl_table *table = sl_table_new(4, heading);
  const cJSON *item;
  cJSON_ArrayForEach(item, list) {
    char status[256];
    text_status(item, status, sizeof status);
    const char *cells[] = {text_of(item, "ref"),
                           text_or(text_of(item, "text"), "(cited, not stated in the documents)"),
                           text_of(item, "due"), status};
    if (table && !sl_table_add(table, cells)) table = (sl_table_free(table), NULL);
  }
  return text_table(c, table);
}

/* The area, the two returns and the plans the returns are read against. */
static void text_heading(const changes_text *c, const cJSON *changes) {
  const cJSON *area = cJSON_GetObjectItemCaseSensitive(changes, "area");
  char since[512], latest[512];
  text_return(cJSON_GetObjectItemCaseSensitive(changes, "since"), since, sizeof since);
  text_return(cJSON_GetObjectItemCaseSensitive(changes, "latest"), latest, sizeof latest);
  text_line(c, "%s (%s): what changed from %s to %s", text_or(text_of(area, "name"), "?"),
            text_or(text_of(area, "code"), "?"), since, latest);
  const cJSON *plan;
  cJSON_ArrayForEach(plan, cJSON_GetObjectItemCaseSensitive(changes, "plans")) {
    text_line(c, "plan %s as loaded: version %s, dated %s", text_or(text_of(plan, "kind"), "?"),
              text_or(text_of(plan, "version"), "not stated"),
              text_or(text_of(plan, "dated"), "not stated"));
  }
  const cJSON *review = cJSON_GetObjectItemCaseSensitive(changes, "last_review");
  if (cJSON_IsObject(review))
    text_line(c, "last review of the plan: %s, held %s", text_or(text_of(review, "label"), "?"),
              text_or(text_of(review, "held"), "?"));
  const char *summary = text_of(cJSON_GetObjectItemCaseSensitive(changes, "summary"), "text");
  if (summary) text_line(c, "%s", summary);
}

int sl_changes_print(FILE *out, const cJSON *changes, int width, int colour) {
  changes_text c = {out, width, colour, NULL, NULL};
  c.since = text_or(text_of(cJSON_GetObjectItemCaseSensitive(changes, "since"), "period"), "?");
  c.latest = text_or(text_of(cJSON_GetObjectItemCaseSensitive(changes, "latest"), "period"), "?");
  text_heading(&c, changes);
  if (text_statuses(&c, cJSON_GetObjectItemCaseSensitive(changes, "status_changes")) ||
      text_measures(&c, cJSON_GetObjectItemCaseSensitive(changes, "measures")) ||
      text_overdue(&c, changes))
    return -1;
  return 0;
}
