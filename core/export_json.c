/*
 * export_json.c: the store as the interchange document. Records come out in
 * the order the plugin emitted them (fact.seq), and no row id appears, so
 * loading the same documents twice exports the same bytes.
 */
#include "export_json.h"

#include <string.h>

/* Every query below runs once per parent, so each is a cached statement. */

typedef struct export_context {
  sl_store *store;
  int reasons; /* add "theme_reasons": which rule gave each theme, and why */
} export_context;

static cJSON *json_column_text(sqlite3_stmt *statement, int column) {
  const unsigned char *text = sqlite3_column_text(statement, column);
  return text ? cJSON_CreateString((const char *)text) : cJSON_CreateNull();
}

static cJSON *json_column_number(sqlite3_stmt *statement, int column) {
  if (sqlite3_column_type(statement, column) == SQLITE_NULL) return cJSON_CreateNull();
  return cJSON_CreateNumber(sqlite3_column_double(statement, column));
}

/* Add columns first..first+count-1 of a row as keys of object. */
static void json_add_columns(cJSON *object, sqlite3_stmt *statement, int first,
                             const char *const *keys) {
  for (int i = 0; keys[i]; i++) {
    int column = first + i;
    int type = sqlite3_column_type(statement, column);
    cJSON_AddItemToObject(object, keys[i],
                          type == SQLITE_INTEGER || type == SQLITE_FLOAT
                              ? json_column_number(statement, column)
                              : json_column_text(statement, column));
  }
}

static cJSON *json_source(sqlite3_stmt *statement, int first) {
  static const char *const keys[] = {"document", "locator", "quote", NULL};
  cJSON *source = cJSON_CreateObject();
  json_add_columns(source, statement, first, keys);
  return source;
}

static cJSON *export_sources(const export_context *context, sqlite3_int64 fact) {
  cJSON *list = cJSON_CreateArray();
  sqlite3_stmt *statement = sl_store_prepare(
      context->store, "SELECT document, locator, quote FROM source WHERE fact = ?1 ORDER BY id",
      "i", NULL, (int64_t)fact);
  while (statement && sqlite3_step(statement) == SQLITE_ROW)
    cJSON_AddItemToArray(list, json_source(statement, 0));
  return list;
}

static cJSON *export_themes(const export_context *context, sqlite3_int64 fact) {
  cJSON *list = cJSON_CreateArray();
  sqlite3_stmt *statement = sl_store_prepare(
      context->store, "SELECT theme FROM theme_assignment WHERE fact = ?1 ORDER BY theme", "i",
      NULL, (int64_t)fact);
  while (statement && sqlite3_step(statement) == SQLITE_ROW)
    cJSON_AddItemToArray(list, json_column_text(statement, 0));
  return list;
}

/* The themes of a record, then (when asked) which rule gave each and the
 * phrase it matched: what `show` prints to answer "why this theme?". */
static void export_add_themes(const export_context *context, cJSON *object, sqlite3_int64 fact) {
  static const char *const keys[] = {"theme", "rule", "phrase", NULL};
  cJSON_AddItemToObject(object, "themes", export_themes(context, fact));
  if (!context->reasons) return;
  cJSON *list = cJSON_AddArrayToObject(object, "theme_reasons");
  sqlite3_stmt *statement = sl_store_prepare(
      context->store,
      "SELECT theme, rule, phrase FROM theme_assignment WHERE fact = ?1 ORDER BY theme", "i", NULL,
      (int64_t)fact);
  while (statement && sqlite3_step(statement) == SQLITE_ROW) {
    cJSON *item = cJSON_CreateObject();
    json_add_columns(item, statement, 0, keys);
    cJSON_AddItemToArray(list, item);
  }
}

/* The common ending of every record: its sources. */
static void export_finish(const export_context *context, cJSON *object, sqlite3_int64 fact) {
  cJSON_AddItemToObject(object, "sources", export_sources(context, fact));
}

static cJSON *export_comparators(const export_context *context, sqlite3_int64 measure) {
  static const char *const keys[] = {"label", "value", "date", NULL};
  cJSON *list = cJSON_CreateArray();
  sqlite3_stmt *statement = sl_store_prepare(
      context->store,
      "SELECT c.id, c.label, c.value, c.date FROM comparator c JOIN fact f ON f.id = c.id "
      "WHERE c.measure = ?1 ORDER BY f.seq",
      "i", NULL, (int64_t)measure);
  while (statement && sqlite3_step(statement) == SQLITE_ROW) {
    cJSON *item = cJSON_CreateObject();
    json_add_columns(item, statement, 1, keys);
    cJSON_AddItemToArray(list, item);
    export_finish(context, item, sqlite3_column_int64(statement, 0));
  }
  return list;
}

static cJSON *export_observations(const export_context *context, sqlite3_int64 measure) {
  static const char *const keys[] = {"period", "kind", "value", "state", "note", NULL};
  cJSON *list = cJSON_CreateArray();
  sqlite3_stmt *statement =
      sl_store_prepare(context->store,
                       "SELECT o.id, o.period, o.kind, o.value, o.state, o.note FROM observation o "
                       "JOIN fact f ON f.id = o.id WHERE o.measure = ?1 ORDER BY o.period, f.seq",
                       "i", NULL, (int64_t)measure);
  while (statement && sqlite3_step(statement) == SQLITE_ROW) {
    cJSON *item = cJSON_CreateObject();
    json_add_columns(item, statement, 1, keys);
    cJSON_AddItemToArray(list, item);
    export_finish(context, item, sqlite3_column_int64(statement, 0));
  }
  return list;
}

static cJSON *export_measures(const export_context *context, sqlite3_int64 parent) {
  static const char *const keys[] = {"ref", "name", "group", "kind", "unit", "direction", NULL};
  cJSON *list = cJSON_CreateArray();
  sqlite3_stmt *statement = sl_store_prepare(
      context->store,
      "SELECT m.id, m.ref, m.name, m.heading, m.kind, m.unit, m.direction, m.baseline, "
      "m.baseline_date, m.target, m.indicator FROM measure m JOIN fact f ON f.id = m.id "
      "WHERE m.parent = ?1 ORDER BY f.seq",
      "i", NULL, (int64_t)parent);
  while (statement && sqlite3_step(statement) == SQLITE_ROW) {
    sqlite3_int64 id = sqlite3_column_int64(statement, 0);
    cJSON *item = cJSON_CreateObject();
    json_add_columns(item, statement, 1, keys);
    cJSON *baseline = cJSON_AddObjectToObject(item, "baseline");
    cJSON_AddItemToObject(baseline, "value", json_column_number(statement, 7));
    cJSON_AddItemToObject(baseline, "date", json_column_text(statement, 8));
    cJSON_AddItemToObject(item, "target", json_column_number(statement, 9));
    cJSON_AddItemToObject(item, "indicator", json_column_text(statement, 10));
    cJSON_AddItemToArray(list, item);
    cJSON_AddItemToObject(item, "comparators", export_comparators(context, id));
    cJSON_AddItemToObject(item, "observations", export_observations(context, id));
    export_finish(context, item, id);
  }
  return list;
}

static cJSON *export_actions(const export_context *context, sqlite3_int64 concern) {
  static const char *const keys[] = {"ref", "text", "lead", "due", "status", NULL};
  cJSON *list = cJSON_CreateArray();
  sqlite3_stmt *statement =
      sl_store_prepare(context->store,
                       "SELECT a.id, a.ref, a.text, a.lead, a.due, a.status FROM action a "
                       "JOIN fact f ON f.id = a.id WHERE a.concern = ?1 ORDER BY f.seq",
                       "i", NULL, (int64_t)concern);
  while (statement && sqlite3_step(statement) == SQLITE_ROW) {
    sqlite3_int64 id = sqlite3_column_int64(statement, 0);
    cJSON *item = cJSON_CreateObject();
    json_add_columns(item, statement, 1, keys);
    cJSON_AddItemToArray(list, item);
    export_finish(context, item, id);
    cJSON_AddItemToObject(item, "measures", export_measures(context, id));
  }
  return list;
}

static cJSON *export_members(const export_context *context, sqlite3_int64 concern,
                             const char *role) {
  cJSON *list = cJSON_CreateArray();
  sqlite3_stmt *statement =
      sl_store_prepare(context->store,
                       "SELECT m.name FROM member m JOIN fact f ON f.id = m.id "
                       "WHERE m.concern = ?1 AND m.role = ?2 ORDER BY f.seq",
                       "it", NULL, (int64_t)concern, role);
  while (statement && sqlite3_step(statement) == SQLITE_ROW)
    cJSON_AddItemToArray(list, json_column_text(statement, 0));
  return list;
}

static cJSON *export_concerns(const export_context *context, sqlite3_int64 plan) {
  static const char *const keys[] = {"ref", "title", NULL};
  cJSON *list = cJSON_CreateArray();
  sqlite3_stmt *statement =
      sl_store_prepare(context->store,
                       "SELECT c.id, c.ref, c.title FROM concern c JOIN fact f ON f.id = c.id "
                       "WHERE c.plan = ?1 ORDER BY f.seq",
                       "i", NULL, (int64_t)plan);
  while (statement && sqlite3_step(statement) == SQLITE_ROW) {
    sqlite3_int64 id = sqlite3_column_int64(statement, 0);
    cJSON *item = cJSON_CreateObject();
    json_add_columns(item, statement, 1, keys);
    cJSON_AddItemToArray(list, item);
    cJSON_AddItemToObject(item, "leads", export_members(context, id, "lead"));
    cJSON_AddItemToObject(item, "members", export_members(context, id, "member"));
    export_add_themes(context, item, id);
    export_finish(context, item, id);
    cJSON_AddItemToObject(item, "actions", export_actions(context, id));
    cJSON_AddItemToObject(item, "measures", export_measures(context, id));
  }
  return list;
}

static cJSON *export_findings(const export_context *context, sqlite3_int64 review) {
  cJSON *list = cJSON_CreateArray();
  sqlite3_stmt *statement = sl_store_prepare(
      context->store,
      "SELECT g.id, g.text FROM finding g JOIN fact f ON f.id = g.id WHERE g.review = ?1 "
      "ORDER BY f.seq",
      "i", NULL, (int64_t)review);
  while (statement && sqlite3_step(statement) == SQLITE_ROW) {
    cJSON *item = cJSON_CreateObject();
    cJSON_AddItemToObject(item, "text", json_column_text(statement, 1));
    cJSON_AddItemToArray(list, item);
    export_finish(context, item, sqlite3_column_int64(statement, 0));
  }
  return list;
}

static cJSON *export_reviews(const export_context *context, sqlite3_int64 plan) {
  static const char *const keys[] = {"label", "due", "held", "by", NULL};
  cJSON *list = cJSON_CreateArray();
  sqlite3_stmt *statement = sl_store_prepare(
      context->store,
      "SELECT r.id, r.label, r.due, r.held, r.held_by FROM review r JOIN fact f ON f.id = r.id "
      "WHERE r.plan = ?1 ORDER BY f.seq",
      "i", NULL, (int64_t)plan);
  while (statement && sqlite3_step(statement) == SQLITE_ROW) {
    sqlite3_int64 id = sqlite3_column_int64(statement, 0);
    cJSON *item = cJSON_CreateObject();
    json_add_columns(item, statement, 1, keys);
    cJSON_AddItemToArray(list, item);
    export_finish(context, item, id);
    cJSON_AddItemToObject(item, "findings", export_findings(context, id));
  }
  return list;
}

static cJSON *export_plans(const export_context *context, const char *area) {
  static const char *const keys[] = {"kind",        "title",     "version", "dated", "approved",
                                     "period_from", "period_to", "board",   NULL};
  cJSON *list = cJSON_CreateArray();
  sqlite3_stmt *statement = sl_store_prepare(
      context->store,
      "SELECT p.id, p.kind, p.title, p.version, p.dated, p.approved, p.period_from, p.period_to, "
      "p.board FROM plan p JOIN fact f ON f.id = p.id WHERE f.area = ?1 ORDER BY f.seq",
      "t", NULL, area);
  while (statement && sqlite3_step(statement) == SQLITE_ROW) {
    sqlite3_int64 id = sqlite3_column_int64(statement, 0);
    cJSON *item = cJSON_CreateObject();
    json_add_columns(item, statement, 1, keys);
    cJSON_AddItemToArray(list, item);
    export_finish(context, item, id);
    cJSON_AddItemToObject(item, "measures", export_measures(context, id));
    cJSON_AddItemToObject(item, "reviews", export_reviews(context, id));
    cJSON_AddItemToObject(item, "concerns", export_concerns(context, id));
  }
  return list;
}

static cJSON *export_weaknesses(const export_context *context, sqlite3_int64 inspection) {
  static const char *const keys[] = {"ref", "text", "progress", NULL};
  cJSON *list = cJSON_CreateArray();
  sqlite3_stmt *statement = sl_store_prepare(
      context->store,
      "SELECT w.id, w.ref, w.text, w.progress FROM weakness w JOIN fact f ON f.id = w.id "
      "WHERE w.inspection = ?1 ORDER BY f.seq",
      "i", NULL, (int64_t)inspection);
  while (statement && sqlite3_step(statement) == SQLITE_ROW) {
    sqlite3_int64 id = sqlite3_column_int64(statement, 0);
    cJSON *item = cJSON_CreateObject();
    json_add_columns(item, statement, 1, keys);
    cJSON_AddItemToArray(list, item);
    export_add_themes(context, item, id);
    export_finish(context, item, id);
  }
  return list;
}

static cJSON *export_inspections(const export_context *context, const char *area) {
  static const char *const keys[] = {"kind",
                                     "started",
                                     "ended",
                                     "published",
                                     "outcome",
                                     "weaknesses_found",
                                     "weaknesses_sufficient",
                                     NULL};
  cJSON *list = cJSON_CreateArray();
  sqlite3_stmt *statement = sl_store_prepare(
      context->store,
      "SELECT i.id, i.kind, i.started, i.ended, i.published, i.outcome, i.weaknesses_found, "
      "i.weaknesses_sufficient FROM inspection i JOIN fact f ON f.id = i.id "
      "WHERE f.area = ?1 ORDER BY f.seq",
      "t", NULL, area);
  while (statement && sqlite3_step(statement) == SQLITE_ROW) {
    sqlite3_int64 id = sqlite3_column_int64(statement, 0);
    cJSON *item = cJSON_CreateObject();
    json_add_columns(item, statement, 1, keys);
    cJSON_AddItemToArray(list, item);
    export_finish(context, item, id);
    cJSON_AddItemToObject(item, "weaknesses", export_weaknesses(context, id));
  }
  return list;
}

static cJSON *export_glossary(const export_context *context, const char *area) {
  static const char *const keys[] = {"term", "expansion", NULL};
  cJSON *list = cJSON_CreateArray();
  sqlite3_stmt *statement =
      sl_store_prepare(context->store,
                       "SELECT t.id, t.term, t.expansion FROM term t JOIN fact f ON f.id = t.id "
                       "WHERE f.area = ?1 ORDER BY f.seq",
                       "t", NULL, area);
  while (statement && sqlite3_step(statement) == SQLITE_ROW) {
    cJSON *item = cJSON_CreateObject();
    json_add_columns(item, statement, 1, keys);
    cJSON_AddItemToArray(list, item);
    export_finish(context, item, sqlite3_column_int64(statement, 0));
  }
  return list;
}

static cJSON *export_claims(const export_context *context, sqlite3_int64 fact, const char *field) {
  cJSON *list = cJSON_CreateArray();
  sqlite3_stmt *statement = sl_store_prepare(
      context->store,
      "SELECT value, document, locator, quote FROM claim WHERE fact = ?1 AND field = ?2 "
      "ORDER BY id",
      "it", NULL, (int64_t)fact, field);
  while (statement && sqlite3_step(statement) == SQLITE_ROW) {
    cJSON *item = cJSON_CreateObject();
    cJSON_AddItemToObject(item, "value", json_column_text(statement, 0));
    cJSON_AddItemToObject(item, "source", json_source(statement, 1));
    cJSON_AddItemToArray(list, item);
  }
  return list;
}

/* Fields whose claims disagree. The record is named by its kind and its
 * own label (an inspection's kind, a concern's ref or title). */
static cJSON *export_conflicts(const export_context *context, const char *area) {
  cJSON *list = cJSON_CreateArray();
  sqlite3_stmt *statement = sl_store_prepare(
      context->store,
      "SELECT c.fact, c.field, f.kind || ' ' || coalesce("
      "  (SELECT kind FROM inspection WHERE id = f.id), (SELECT kind FROM plan WHERE id = f.id),"
      "  (SELECT coalesce(ref, title) FROM concern WHERE id = f.id), '#' || f.seq) "
      "FROM claim c JOIN fact f ON f.id = c.fact WHERE f.area = ?1 "
      "GROUP BY c.fact, c.field HAVING count(DISTINCT c.value) > 1 ORDER BY f.seq, c.field",
      "t", NULL, area);
  while (statement && sqlite3_step(statement) == SQLITE_ROW) {
    cJSON *item = cJSON_CreateObject();
    cJSON_AddItemToObject(item, "record", json_column_text(statement, 2));
    cJSON_AddItemToObject(item, "field", json_column_text(statement, 1));
    cJSON_AddItemToObject(item, "claims",
                          export_claims(context, sqlite3_column_int64(statement, 0),
                                        (const char *)sqlite3_column_text(statement, 1)));
    cJSON_AddItemToArray(list, item);
  }
  return list;
}

static cJSON *export_area_row(const export_context *context, sqlite3_stmt *statement) {
  static const char *const keys[] = {"code",   "la_number",      "name", "region",
                                     "plugin", "plugin_version", NULL};
  cJSON *area = cJSON_CreateObject();
  json_add_columns(area, statement, 1, keys);
  char code[64];
  snprintf(code, sizeof code, "%s", (const char *)sqlite3_column_text(statement, 1));
  export_finish(context, area, sqlite3_column_int64(statement, 0));
  cJSON_AddItemToObject(area, "inspections", export_inspections(context, code));
  cJSON_AddItemToObject(area, "plans", export_plans(context, code));
  cJSON_AddItemToObject(area, "glossary", export_glossary(context, code));
  cJSON_AddItemToObject(area, "conflicts", export_conflicts(context, code));
  return area;
}

static const char AREA_SQL[] =
    "SELECT f.id, a.code, a.la_number, a.name, a.region, a.plugin, a.plugin_version FROM area a "
    "JOIN fact f ON f.area = a.code AND f.kind = 'area' "
    "WHERE ?1 IS NULL OR a.code = ?1 OR a.plugin = ?1 OR lower(a.name) = lower(?1) "
    "ORDER BY a.name";

static cJSON *export_themes_list(const export_context *context) {
  static const char *const keys[] = {"id", "title", "description", NULL};
  cJSON *list = cJSON_CreateArray();
  sqlite3_stmt *statement = sl_store_prepare(
      context->store, "SELECT id, title, description FROM theme ORDER BY id", "", NULL);
  while (statement && sqlite3_step(statement) == SQLITE_ROW) {
    cJSON *item = cJSON_CreateObject();
    json_add_columns(item, statement, 0, keys);
    cJSON_AddItemToArray(list, item);
  }
  return list;
}

cJSON *sl_export_document(sl_store *store, sl_error *error) {
  const export_context context_value = {store, 0}, *context = &context_value;
  cJSON *document = cJSON_CreateObject();
  cJSON_AddNumberToObject(document, "schema_version", SL_EXPORT_SCHEMA_VERSION);
  cJSON_AddItemToObject(document, "themes", export_themes_list(context));
  cJSON *areas = cJSON_AddArrayToObject(document, "areas");
  /* SQLite lets the per-area statements run while this one steps; none of
   * them is this statement, so none resets it under us. */
  sqlite3_stmt *statement =
      sl_store_prepare(context->store, AREA_SQL, "t", error, (const char *)NULL);
  if (!statement) {
    cJSON_Delete(document);
    return NULL;
  }
  while (sqlite3_step(statement) == SQLITE_ROW)
    cJSON_AddItemToArray(areas, export_area_row(context, statement));
  return document;
}

cJSON *sl_export_area(sl_store *store, const char *code_or_name, int reasons, sl_error *error) {
  const export_context context_value = {store, reasons}, *context = &context_value;
  sqlite3_stmt *statement = sl_store_prepare(context->store, AREA_SQL, "t", error, code_or_name);
  if (!statement) return NULL;
  if (sqlite3_step(statement) != SQLITE_ROW) {
    sl_error_set(error, "no area '%s' in %s (see 'sendlens areas')", code_or_name,
                 sl_store_path(store));
    return NULL;
  }
  cJSON *area = export_area_row(context, statement);
  sqlite3_reset(statement);
  return area;
}
