/*
 * changes.c: what changed in an area between two progress returns
 * (changes.h). The queries read the returns as core/progress.c stores
 * them: an action's entry is matched to the plan by the ref the
 * progress_target view gives it, a measure's by the observation its value
 * became (which `load` relinks by ref or name), so a measure is compared
 * with itself even where a new plan version shifted its M-ref. Returns are
 * ordered by their spans (period_start, period_end), never by their text.
 */
#include "changes.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "days.h"
#include "period.h"
#include "records.h"

/* The two returns compared and what is known about them. */
typedef struct changes_pair {
  int64_t latest, base; /* progress_return ids; 0: none */
  char latest_end[16];  /* the latest return's last day, ISO */
} changes_pair;

static cJSON *changes_text(sqlite3_stmt *statement, int column) {
  const unsigned char *text = sqlite3_column_text(statement, column);
  return text ? cJSON_CreateString((const char *)text) : cJSON_CreateNull();
}

/* A measure's value: its number, else its state, else null. */
static cJSON *changes_value(sqlite3_stmt *statement, int value, int state) {
  if (sqlite3_column_type(statement, value) != SQLITE_NULL)
    return cJSON_CreateNumber(sqlite3_column_double(statement, value));
  return changes_text(statement, state);
}

/* {document, locator, quote} from three columns; null if there is none. */
static cJSON *changes_source(sqlite3_stmt *statement, int first) {
  if (sqlite3_column_type(statement, first + 1) == SQLITE_NULL) return cJSON_CreateNull();
  cJSON *source = cJSON_CreateObject();
  cJSON_AddItemToObject(source, "document", changes_text(statement, first));
  cJSON_AddItemToObject(source, "locator", changes_text(statement, first + 1));
  cJSON_AddItemToObject(source, "quote", changes_text(statement, first + 2));
  return source;
}

/* Reset statement after its last step, rc: 0 if it ran to its end, else
 * -1 with error set, so a failed read is never taken for an empty one. */
static int changes_finish(sl_store *store, sqlite3_stmt *statement, int rc, sl_error *error) {
  sqlite3_reset(statement);
  if (rc == SQLITE_DONE) return 0;
  return sl_error_set(error, "reading the progress returns: %s",
                      sqlite3_errmsg(sl_store_db(store)));
}

void sl_changes_words(const char *code, char *out, size_t size) {
  size_t i = 0;
  for (; code && code[i] && i + 1 < size; i++)
    out[i] = code[i] == '_' ? ' ' : code[i];
  if (size) out[i] = '\0';
}

static const char AREA_SQL[] = "SELECT code, name FROM area WHERE code = ?1 OR plugin = ?1 "
                               "OR lower(name) = lower(?1) ORDER BY name LIMIT 1";

/* tree.area = {code, name}; -1 with error set if there is no such area. */
static int changes_area(sl_store *store, const char *name, cJSON *tree, sl_error *error) {
  sqlite3_stmt *statement = sl_store_prepare(store, AREA_SQL, "t", error, name);
  if (!statement) return -1;
  if (sqlite3_step(statement) != SQLITE_ROW) {
    sqlite3_reset(statement);
    return sl_error_set(error, "no area '%s' in %s (see 'sendlens areas')", name,
                        sl_store_path(store));
  }
  cJSON *area = cJSON_AddObjectToObject(tree, "area");
  cJSON_AddItemToObject(area, "code", changes_text(statement, 0));
  cJSON_AddItemToObject(area, "name", changes_text(statement, 1));
  sqlite3_reset(statement);
  return 0;
}

static const char PLANS_SQL[] = "SELECT p.kind, p.title, p.version, p.dated FROM plan p "
                                "JOIN fact f ON f.id = p.id WHERE f.area = ?1 ORDER BY f.seq";

/* The plans as now loaded: the version the returns are read against. */
static int changes_plans(sl_store *store, const char *code, cJSON *tree, sl_error *error) {
  static const char *const keys[] = {"kind", "title", "version", "dated"};
  cJSON *plans = cJSON_AddArrayToObject(tree, "plans");
  sqlite3_stmt *statement = sl_store_prepare(store, PLANS_SQL, "t", error, code);
  if (!statement) return -1;
  int rc;
  while ((rc = sqlite3_step(statement)) == SQLITE_ROW) {
    cJSON *plan = cJSON_CreateObject();
    for (int i = 0; i < 4; i++)
      cJSON_AddItemToObject(plan, keys[i], changes_text(statement, i));
    cJSON_AddItemToArray(plans, plan);
  }
  return changes_finish(store, statement, rc, error);
}

static const char RETURNS_SQL[] =
    "SELECT id, period, period_kind, period_start, period_end, document FROM progress_return "
    "WHERE area = ?1 ORDER BY period_start DESC, period_end DESC";

static cJSON *changes_return(sqlite3_stmt *statement) {
  static const char *const keys[] = {"period", "kind", "start", "end", "document"};
  cJSON *item = cJSON_CreateObject();
  for (int i = 0; i < 5; i++)
    cJSON_AddItemToObject(item, keys[i], changes_text(statement, i + 1));
  return item;
}

static const char *changes_string(const cJSON *object, const char *key) {
  const cJSON *item = cJSON_GetObjectItemCaseSensitive(object, key);
  return cJSON_IsString(item) ? item->valuestring : "?";
}

/* tree.nothing_to_compare: why the two returns cannot be compared, or
 * null when both are there. */
static void changes_why(cJSON *tree, const changes_pair *pair, int count, const char *since,
                        const char *earliest) {
  const char *name = changes_string(cJSON_GetObjectItemCaseSensitive(tree, "area"), "name");
  const char *latest = changes_string(cJSON_GetObjectItemCaseSensitive(tree, "latest"), "period");
  char why[512] = "";
  if (count == 0)
    snprintf(why, sizeof why,
             "no progress return of %s is imported (see 'sendlens import-progress')", name);
  else if (count == 1)
    snprintf(why, sizeof why, "only one progress return of %s (%s): nothing to compare yet", name,
             latest);
  else if (since && !pair->base)
    snprintf(why, sizeof why, "no progress return of %s at or before %s (the earliest is %s)", name,
             since, earliest);
  else if (since && pair->base == pair->latest)
    snprintf(why, sizeof why,
             "the return of %s at or before %s is the latest (%s): nothing after it to compare",
             name, since, latest);
  cJSON_AddItemToObject(tree, "nothing_to_compare",
                        why[0] ? cJSON_CreateString(why) : cJSON_CreateNull());
}

/*
 * tree.latest and tree.since: the latest return and the one to compare it
 * with: since's (the latest ending on or before since_end) or, without
 * since, the one before the latest.
 */
static int changes_pick(sl_store *store, const char *code, const char *since, const char *since_end,
                        cJSON *tree, changes_pair *pair, sl_error *error) {
  sqlite3_stmt *statement = sl_store_prepare(store, RETURNS_SQL, "t", error, code);
  if (!statement) return -1;
  cJSON *latest = NULL, *base = NULL;
  char earliest[64] = "";
  int count = 0, rc;
  for (; (rc = sqlite3_step(statement)) == SQLITE_ROW; count++) {
    const char *end = (const char *)sqlite3_column_text(statement, 4);
    int chosen = since ? !pair->base && end && strcmp(end, since_end) <= 0 : count == 1;
    if (count == 0) {
      latest = changes_return(statement);
      pair->latest = sqlite3_column_int64(statement, 0);
      snprintf(pair->latest_end, sizeof pair->latest_end, "%s", end ? end : "");
    }
    if (chosen) pair->base = sqlite3_column_int64(statement, 0);
    if (chosen && count > 0) base = changes_return(statement);
    snprintf(earliest, sizeof earliest, "%s", (const char *)sqlite3_column_text(statement, 1));
  }
  cJSON_AddItemToObject(tree, "since", base ? base : cJSON_CreateNull());
  cJSON_AddItemToObject(tree, "latest", latest ? latest : cJSON_CreateNull());
  changes_why(tree, pair, count, since, earliest);
  if (!base) pair->base = 0;
  return changes_finish(store, statement, rc, error);
}

static const char TOTAL_SQL[] =
    "SELECT count(*) FROM action a JOIN fact f ON f.id = a.id WHERE f.area = ?1";
static const char REPORTED_SQL[] =
    "SELECT e.status, count(*) FROM progress_entry e WHERE e.return_id = ?1 "
    "AND e.kind = 'action' AND e.status IS NOT NULL AND EXISTS (SELECT 1 FROM progress_target t "
    "WHERE t.area = ?2 AND t.kind = 'action' AND t.ref = e.ref) GROUP BY e.status";

/* "4 of 38 actions reported in 2024-Q3: 3 in progress, 1 completed",
 * the statuses in the order records.def declares them. */
static void changes_summary_text(cJSON *summary, const char *period, long total, long reported) {
  char text[512];
  int length =
      snprintf(text, sizeof text, "%ld of %ld actions reported in %s", reported, total, period);
  const sl_record_field *field = sl_record_field_named(sl_record_kind_named("action"), "status");
  const cJSON *counts = cJSON_GetObjectItemCaseSensitive(summary, "statuses");
  const char *separator = ": ";
  for (const char *word = field->values; *word;) {
    size_t size = strcspn(word, " ");
    char status[32], words[32];
    snprintf(status, sizeof status, "%.*s", (int)size, word);
    const cJSON *count = cJSON_GetObjectItemCaseSensitive(counts, status);
    sl_changes_words(status, words, sizeof words);
    if (count && length > 0 && (size_t)length < sizeof text)
      length += snprintf(text + length, sizeof text - (size_t)length, "%s%d %s", separator,
                         count->valueint, words);
    if (count) separator = ", ";
    word += size + (word[size] == ' ');
  }
  cJSON_AddStringToObject(summary, "text", text);
}

/* tree.summary: the latest return's action statuses, counted, beside the
 * number of actions in the plan; null without a return. */
static int changes_summary(sl_store *store, const char *code, const changes_pair *pair, cJSON *tree,
                           sl_error *error) {
  if (!pair->latest) {
    cJSON_AddNullToObject(tree, "summary");
    return 0;
  }
  sqlite3_stmt *statement = sl_store_prepare(store, TOTAL_SQL, "t", error, code);
  if (!statement) return -1;
  int rc = sqlite3_step(statement);
  long total = rc == SQLITE_ROW ? sqlite3_column_int(statement, 0) : 0;
  if (changes_finish(store, statement, rc == SQLITE_ROW ? SQLITE_DONE : rc, error)) return -1;
  statement = sl_store_prepare(store, REPORTED_SQL, "it", error, pair->latest, code);
  if (!statement) return -1;
  cJSON *summary = cJSON_AddObjectToObject(tree, "summary");
  cJSON *counts = cJSON_CreateObject();
  long reported = 0;
  while ((rc = sqlite3_step(statement)) == SQLITE_ROW) {
    reported += sqlite3_column_int(statement, 1);
    cJSON_AddNumberToObject(counts, (const char *)sqlite3_column_text(statement, 0),
                            sqlite3_column_int(statement, 1));
  }
  if (changes_finish(store, statement, rc, error)) return -1;
  const char *period = changes_string(cJSON_GetObjectItemCaseSensitive(tree, "latest"), "period");
  cJSON_AddStringToObject(summary, "period", period);
  cJSON_AddNumberToObject(summary, "actions", (double)total);
  cJSON_AddNumberToObject(summary, "reported", (double)reported);
  cJSON_AddItemToObject(summary, "statuses", counts);
  changes_summary_text(summary, period, total, reported);
  return 0;
}

static const char STATUS_SQL[] =
    "SELECT t.ref, a.text, b.status, l.status, rb.document, b.locator, b.quote, rl.document, "
    "l.locator, l.quote FROM progress_entry l JOIN progress_return rl ON rl.id = l.return_id "
    "JOIN progress_target t ON t.area = rl.area AND t.kind = 'action' AND t.ref = l.ref "
    "JOIN action a ON a.id = t.fact JOIN fact f ON f.id = a.id "
    "LEFT JOIN progress_entry b ON b.return_id = ?2 AND b.kind = 'action' AND b.ref = l.ref "
    "LEFT JOIN progress_return rb ON rb.id = b.return_id "
    "WHERE l.return_id = ?1 AND l.kind = 'action' AND l.status IS NOT b.status ORDER BY f.seq";

/* tree.status_changes: each action of the plan whose status in the
 * latest return differs from the earlier one's (from null: not reported
 * then). */
static int changes_statuses(sl_store *store, const changes_pair *pair, cJSON *tree,
                            sl_error *error) {
  cJSON *list = cJSON_AddArrayToObject(tree, "status_changes");
  if (!pair->base) return 0;
  sqlite3_stmt *statement =
      sl_store_prepare(store, STATUS_SQL, "ii", error, pair->latest, pair->base);
  if (!statement) return -1;
  int rc;
  while ((rc = sqlite3_step(statement)) == SQLITE_ROW) {
    cJSON *item = cJSON_CreateObject();
    cJSON_AddItemToObject(item, "ref", changes_text(statement, 0));
    cJSON_AddItemToObject(item, "text", changes_text(statement, 1));
    cJSON_AddItemToObject(item, "from", changes_text(statement, 2));
    cJSON_AddItemToObject(item, "to", changes_text(statement, 3));
    cJSON_AddItemToObject(item, "from_source", changes_source(statement, 4));
    cJSON_AddItemToObject(item, "to_source", changes_source(statement, 7));
    cJSON_AddItemToArray(list, item);
  }
  return changes_finish(store, statement, rc, error);
}

static const char MEASURE_SQL[] =
    "SELECT (SELECT t.ref FROM progress_target t WHERE t.fact = m.id AND t.kind = 'measure'), "
    "m.name, m.unit, m.target, m.target_date, m.direction, b.value, b.state, rb.document, "
    "b.locator, b.quote, l.value, l.state, rl.document, l.locator, l.quote "
    "FROM progress_entry l JOIN progress_return rl ON rl.id = l.return_id "
    "JOIN observation lo ON lo.id = l.observation JOIN measure m ON m.id = lo.measure "
    "JOIN fact f ON f.id = m.id "
    "JOIN progress_entry b ON b.return_id = ?2 AND b.kind = 'measure' "
    "JOIN observation bo ON bo.id = b.observation AND bo.measure = m.id "
    "JOIN progress_return rb ON rb.id = b.return_id "
    "WHERE l.return_id = ?1 AND l.kind = 'measure' ORDER BY f.seq";

/*
 * How a measure moved between two values: "no target" where the plan sets
 * none; "unchanged"; "met" where the plan says which way is better and the
 * latest value is at or past the target; else by the distance to the
 * target, which needs no direction: "towards", "away" or "same distance".
 */
static const char *changes_movement(const cJSON *from, const cJSON *to, const cJSON *target,
                                    const char *direction) {
  if (!cJSON_IsNumber(target)) return "no target";
  if (!cJSON_IsNumber(from) || !cJSON_IsNumber(to)) return "not comparable";
  double a = from->valuedouble, b = to->valuedouble, goal = target->valuedouble;
  if (a == b) return "unchanged";
  if (direction && ((strcmp(direction, "up") == 0 && b >= goal) ||
                    (strcmp(direction, "down") == 0 && b <= goal)))
    return "met";
  double before = fabs(goal - a), after = fabs(goal - b);
  return after < before ? "towards" : after > before ? "away" : "same distance";
}

static cJSON *changes_measure(sqlite3_stmt *statement) {
  cJSON *item = cJSON_CreateObject();
  static const char *const keys[] = {"ref", "name", "unit"};
  for (int i = 0; i < 3; i++)
    cJSON_AddItemToObject(item, keys[i], changes_text(statement, i));
  cJSON *target = sqlite3_column_type(statement, 3) == SQLITE_NULL
                      ? cJSON_CreateNull()
                      : cJSON_CreateNumber(sqlite3_column_double(statement, 3));
  cJSON_AddItemToObject(item, "target", target);
  cJSON_AddItemToObject(item, "target_date", changes_text(statement, 4));
  cJSON_AddItemToObject(item, "direction", changes_text(statement, 5));
  cJSON *from = changes_value(statement, 6, 7), *to = changes_value(statement, 11, 12);
  cJSON_AddItemToObject(item, "from", from);
  cJSON_AddItemToObject(item, "to", to);
  const char *direction = (const char *)sqlite3_column_text(statement, 5);
  cJSON_AddStringToObject(item, "movement", changes_movement(from, to, target, direction));
  cJSON_AddItemToObject(item, "from_source", changes_source(statement, 8));
  cJSON_AddItemToObject(item, "to_source", changes_source(statement, 13));
  return item;
}

/* tree.measures: each measure with a value in both returns. */
static int changes_measures(sl_store *store, const changes_pair *pair, cJSON *tree,
                            sl_error *error) {
  cJSON *list = cJSON_AddArrayToObject(tree, "measures");
  if (!pair->base) return 0;
  sqlite3_stmt *statement =
      sl_store_prepare(store, MEASURE_SQL, "ii", error, pair->latest, pair->base);
  if (!statement) return -1;
  int rc;
  while ((rc = sqlite3_step(statement)) == SQLITE_ROW)
    cJSON_AddItemToArray(list, changes_measure(statement));
  return changes_finish(store, statement, rc, error);
}

/* Each action with a due date, its status as the latest return reporting
 * it gives it (else the plan's own, else none) and that return's period. */
static const char OVERDUE_SQL[] =
    "SELECT coalesce(t.ref, a.ref), a.text, a.due, coalesce(e.status, a.status), r.period, "
    "CASE WHEN e.status IS NOT NULL THEN 'return' WHEN a.status IS NOT NULL THEN 'plan' END, a.id "
    "FROM action a JOIN fact f ON f.id = a.id "
    "LEFT JOIN progress_target t ON t.fact = a.id AND t.kind = 'action' "
    "LEFT JOIN progress_entry e ON e.id = (SELECT e2.id FROM progress_entry e2 "
    "JOIN progress_return r2 ON r2.id = e2.return_id WHERE r2.area = f.area "
    "AND e2.kind = 'action' AND e2.ref = t.ref AND e2.status IS NOT NULL "
    "ORDER BY r2.period_start DESC, r2.period_end DESC LIMIT 1) "
    "LEFT JOIN progress_return r ON r.id = e.return_id "
    "WHERE f.area = ?1 AND a.due IS NOT NULL ORDER BY f.seq";
static const char SOURCES_SQL[] =
    "SELECT document, locator, quote FROM source WHERE fact = ?1 ORDER BY id";

/* Where the plan states a fact: an action (and so its due date), a review. */
static int changes_fact_sources(sl_store *store, int64_t action, cJSON *item, sl_error *error) {
  cJSON *list = cJSON_AddArrayToObject(item, "sources");
  sqlite3_stmt *statement = sl_store_prepare(store, SOURCES_SQL, "i", error, action);
  if (!statement) return -1;
  int rc;
  while ((rc = sqlite3_step(statement)) == SQLITE_ROW)
    cJSON_AddItemToArray(list, changes_source(statement, 0));
  return changes_finish(store, statement, rc, error);
}

static cJSON *changes_overdue_item(sqlite3_stmt *statement) {
  static const char *const keys[] = {"ref",    "text",          "due",
                                     "status", "status_period", "status_from"};
  cJSON *item = cJSON_CreateObject();
  for (int i = 0; i < 6; i++)
    cJSON_AddItemToObject(item, keys[i], changes_text(statement, i));
  return item;
}

/* Whether the action of this row is overdue at as_of: its due period has
 * ended before that day and it is not known to be completed. */
static int changes_is_overdue(sqlite3_stmt *statement, int64_t as_of) {
  const char *due = (const char *)sqlite3_column_text(statement, 2);
  const char *status = (const char *)sqlite3_column_text(statement, 3);
  sl_period span;
  if (!due || sl_period_parse(due, &span)) return 0;
  return span.last < as_of && !(status && strcmp(status, "completed") == 0);
}

/* tree.overdue: the actions overdue as at as_of (no day: none judged);
 * tree.actions_with_due: how many actions the plans give a due date, so
 * that "none overdue" is not read as more than the plans say. */
static int changes_overdue(sl_store *store, const char *code, int64_t as_of, cJSON *tree,
                           sl_error *error) {
  cJSON *list = cJSON_AddArrayToObject(tree, "overdue");
  sqlite3_stmt *statement = sl_store_prepare(store, OVERDUE_SQL, "t", error, code);
  if (!statement) return -1;
  int status = 0, rc = SQLITE_DONE, dated = 0;
  while (status == 0 && (rc = sqlite3_step(statement)) == SQLITE_ROW) {
    dated++;
    if (as_of == INT64_MIN || !changes_is_overdue(statement, as_of)) continue;
    cJSON *item = changes_overdue_item(statement);
    cJSON_AddItemToArray(list, item);
    status = changes_fact_sources(store, sqlite3_column_int64(statement, 6), item, error);
  }
  cJSON_AddNumberToObject(tree, "actions_with_due", dated);
  if (status) {
    sqlite3_reset(statement);
    return -1;
  }
  return changes_finish(store, statement, rc, error);
}

static const char REVIEW_SQL[] =
    "SELECT r.label, r.held, r.id FROM review r JOIN fact f ON f.id = r.id "
    "WHERE f.area = ?1 AND r.held IS NOT NULL ORDER BY r.held DESC, f.seq LIMIT 1";

/* tree.last_review: the plans' review held last, as the documents date it
 * ({label, held, sources}), or null where they record none held. */
static int changes_last_review(sl_store *store, const char *code, cJSON *tree, sl_error *error) {
  sqlite3_stmt *statement = sl_store_prepare(store, REVIEW_SQL, "t", error, code);
  if (!statement) return -1;
  int rc = sqlite3_step(statement);
  if (rc != SQLITE_ROW) {
    cJSON_AddNullToObject(tree, "last_review");
    return changes_finish(store, statement, rc, error);
  }
  cJSON *review = cJSON_AddObjectToObject(tree, "last_review");
  cJSON_AddItemToObject(review, "label", changes_text(statement, 0));
  cJSON_AddItemToObject(review, "held", changes_text(statement, 1));
  int64_t id = sqlite3_column_int64(statement, 2);
  sqlite3_reset(statement);
  return changes_fact_sources(store, id, review, error);
}

/* A period argument's last day, ISO, in out; -1 with error set. */
static int changes_period_end(const char *text, const char *what, sl_period *period, char *out,
                              size_t size, sl_error *error) {
  if (sl_period_parse(text, period))
    return sl_error_set(error,
                        "%s '%s' is not a period sendlens reads (2024-Q2, Q3 2022/23, Sep 2023, "
                        "2023-09-30, ...: docs/periods.md)",
                        what, text);
  sl_period_iso(period->last, out, size);
  return 0;
}

/* The day overdue is judged at: as_of's last day, else the latest
 * return's; INT64_MIN with neither. */
static int64_t changes_as_of(const sl_changes_query *query, const changes_pair *pair,
                             const sl_period *as_of, cJSON *tree) {
  char day[16] = "";
  int64_t number = INT64_MIN;
  if (query->as_of) {
    number = as_of->last;
    sl_period_iso(number, day, sizeof day);
  } else if (pair->latest &&
             sl_days_parse(pair->latest_end, strlen(pair->latest_end), &number) == 0) {
    snprintf(day, sizeof day, "%s", pair->latest_end);
  } else {
    number = INT64_MIN;
  }
  cJSON_AddItemToObject(tree, "as_of", day[0] ? cJSON_CreateString(day) : cJSON_CreateNull());
  return number;
}

cJSON *sl_changes_build(sl_store *store, const sl_changes_query *query, sl_error *error) {
  sl_period since = {0}, as_of = {0};
  char since_end[16] = "", as_of_end[16];
  if (query->since &&
      changes_period_end(query->since, "--since", &since, since_end, sizeof since_end, error))
    return NULL;
  if (query->as_of &&
      changes_period_end(query->as_of, "--as-of", &as_of, as_of_end, sizeof as_of_end, error))
    return NULL;
  cJSON *tree = cJSON_CreateObject();
  changes_pair pair = {0};
  if (!tree || changes_area(store, query->area, tree, error)) goto fail;
  char code[64];
  snprintf(code, sizeof code, "%s",
           changes_string(cJSON_GetObjectItemCaseSensitive(tree, "area"), "code"));
  if (changes_plans(store, code, tree, error) || changes_last_review(store, code, tree, error) ||
      changes_pick(store, code, query->since, since_end, tree, &pair, error))
    goto fail;
  int64_t day = changes_as_of(query, &pair, &as_of, tree);
  if (changes_summary(store, code, &pair, tree, error) ||
      changes_statuses(store, &pair, tree, error) || changes_measures(store, &pair, tree, error) ||
      changes_overdue(store, code, day, tree, error))
    goto fail;
  return tree;
fail:
  cJSON_Delete(tree);
  return NULL;
}
