/*
 * export_json.c: the store as the interchange document. Records come out in
 * the order the plugin emitted them (fact.seq), and no row id appears, so
 * loading the same documents twice exports the same bytes.
 */
#include "export_json.h"

#include <string.h>

#include "disclosure.h"
#include "progress.h"
#include "records.h"
#include "statistics_compare.h"

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

/* Each row of a statement (NULL: none) as an object of keys. */
static cJSON *export_rows(sqlite3_stmt *statement, const char *const *keys) {
  cJSON *list = cJSON_CreateArray();
  while (statement && sqlite3_step(statement) == SQLITE_ROW) {
    cJSON *item = cJSON_CreateObject();
    json_add_columns(item, statement, 0, keys);
    cJSON_AddItemToArray(list, item);
  }
  return list;
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

/* The themes of a record, then (when asked) which rule gave each, the
 * phrase it matched and where (basis): what `show` prints to answer "why
 * this theme?", and what the export keeps so a published theme can be
 * defended. */
static void export_add_themes(const export_context *context, cJSON *object, sqlite3_int64 fact) {
  static const char *const keys[] = {"theme", "rule", "phrase", "basis", NULL};
  cJSON_AddItemToObject(object, "themes", export_themes(context, fact));
  if (!context->reasons) return;
  cJSON *list = cJSON_AddArrayToObject(object, "theme_reasons");
  sqlite3_stmt *statement = sl_store_prepare(
      context->store,
      "SELECT theme, rule, phrase, basis FROM theme_assignment WHERE fact = ?1 ORDER BY theme", "i",
      NULL, (int64_t)fact);
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

/*
 * A kind of record as the export lists it. Its keys and columns are the
 * fields of sendlens/records.def with a JSON key, in the table's order
 * ("baseline.value" is the key value of an object baseline); then come its
 * sources, then what else it carries (extra: nested lists, columns the host
 * adds, read from column first on). ?1 is the parent's fact id.
 */
typedef struct export_kind {
  sl_kind kind;
  const char *extra_sql; /* columns after the table's, or "" */
  const char *order;     /* "ORDER BY ..." */
  void (*extra)(const export_context *context, cJSON *item, sqlite3_stmt *row, int first,
                sqlite3_int64 id);
  char sql[1024]; /* built on first use; its address keys the statement cache */
  int first;      /* the column of extra_sql's first */
} export_kind;

static void export_kind_build(export_kind *kind) {
  const sl_record_kind *record = &sl_record_kinds[kind->kind];
  const sl_record_field *parent = sl_record_parent(record);
  size_t used = (size_t)snprintf(kind->sql, sizeof kind->sql, "SELECT r.id");
  kind->first = 1;
  for (size_t i = 0; i < record->field_count; i++) {
    if (!*record->fields[i].json) continue;
    used += (size_t)snprintf(kind->sql + used, sizeof kind->sql - used, ", r.\"%s\"",
                             record->fields[i].name);
    kind->first++;
  }
  if (parent)
    snprintf(kind->sql + used, sizeof kind->sql - used,
             "%s FROM %s r JOIN fact f ON f.id = r.id WHERE r.\"%s\" = ?1 %s", kind->extra_sql,
             record->name, parent->name, kind->order);
  else
    snprintf(kind->sql + used, sizeof kind->sql - used,
             "%s FROM %s r JOIN fact f ON f.id = r.id "
             "WHERE f.area = (SELECT area FROM fact WHERE id = ?1) %s",
             kind->extra_sql, record->name, kind->order);
}

/* The record's fields with a JSON key, from column 1 on. */
static void export_fields(cJSON *item, sqlite3_stmt *statement, const sl_record_kind *record) {
  int column = 1;
  for (size_t i = 0; i < record->field_count; i++) {
    const char *key = record->fields[i].json, *dot = strchr(key, '.');
    if (!*key) continue;
    int type = sqlite3_column_type(statement, column);
    cJSON *value = type == SQLITE_INTEGER || type == SQLITE_FLOAT
                       ? json_column_number(statement, column)
                       : json_column_text(statement, column);
    column++;
    cJSON *object = item;
    char name[64];
    if (dot) {
      snprintf(name, sizeof name, "%.*s", (int)(dot - key), key);
      object = cJSON_GetObjectItemCaseSensitive(item, name);
      if (!object) object = cJSON_AddObjectToObject(item, name);
      key = dot + 1;
    }
    cJSON_AddItemToObject(object, key, value);
  }
}

static cJSON *export_list(const export_context *context, export_kind *kind, sqlite3_int64 parent) {
  cJSON *list = cJSON_CreateArray();
  if (!kind->sql[0]) export_kind_build(kind);
  sqlite3_stmt *statement = sl_store_prepare(context->store, kind->sql, "i", NULL, (int64_t)parent);
  while (statement && sqlite3_step(statement) == SQLITE_ROW) {
    sqlite3_int64 id = sqlite3_column_int64(statement, 0);
    cJSON *item = cJSON_CreateObject();
    export_fields(item, statement, &sl_record_kinds[kind->kind]);
    cJSON_AddItemToArray(list, item);
    export_finish(context, item, id);
    if (kind->extra) kind->extra(context, item, statement, kind->first, id);
  }
  return list;
}

/* The name a progress return gives the record (NULL: not reportable). */
#define EXPORT_RETURN_REF "(SELECT t.ref FROM progress_target t WHERE t.fact = r.id)"
#define EXPORT_BY_SEQ "ORDER BY f.seq"

static export_kind COMPARATORS = {SL_KIND_COMPARATOR, "", EXPORT_BY_SEQ, NULL, "", 0};
static export_kind OBSERVATIONS = {
    SL_KIND_OBSERVATION, "", "ORDER BY r.period_start, r.period_end, f.seq", NULL, "", 0};

static void export_measure_extra(const export_context *context, cJSON *item, sqlite3_stmt *row,
                                 int first, sqlite3_int64 id) {
  cJSON_AddItemToObject(item, "indicator", json_column_text(row, first));
  cJSON_AddItemToObject(item, "return_ref", json_column_text(row, first + 1));
  cJSON_AddItemToObject(item, "comparators", export_list(context, &COMPARATORS, id));
  cJSON_AddItemToObject(item, "observations", export_list(context, &OBSERVATIONS, id));
}

static export_kind MEASURES = {SL_KIND_MEASURE,
                               ", r.indicator, " EXPORT_RETURN_REF,
                               EXPORT_BY_SEQ,
                               export_measure_extra,
                               "",
                               0};

/* The roles of a plan, concern or action, in the order the plugin read them. */
static export_kind ROLES = {SL_KIND_ROLE, "", EXPORT_BY_SEQ, NULL, "", 0};

/* An action's lead: its lead roles' names, as written, joined by "; " (the
 * host stores an action's lead as a role, core/host_emit.c); null where
 * none is named. */
static cJSON *export_action_lead(const export_context *context, sqlite3_int64 action) {
  sqlite3_stmt *statement = sl_store_prepare(
      context->store,
      "SELECT group_concat(name, '; ') FROM (SELECT r.name FROM role r JOIN fact f ON f.id = r.id "
      "WHERE r.parent = ?1 AND r.kind = 'lead' ORDER BY f.seq)",
      "i", NULL, (int64_t)action);
  if (statement && sqlite3_step(statement) == SQLITE_ROW) return json_column_text(statement, 0);
  return cJSON_CreateNull();
}

/* An action's statuses from progress returns, one per period, each with
 * the cell it was read from: kept beside the plan's own status. */
static cJSON *export_action_progress(const export_context *context, sqlite3_int64 action) {
  static const char *const keys[] = {"period", "status", "note", NULL};
  cJSON *list = cJSON_CreateArray();
  sqlite3_stmt *statement = sl_store_prepare(
      context->store,
      "SELECT r.period, e.status, e.note, r.document, e.locator, e.quote "
      "FROM progress_target t JOIN progress_return r ON r.area = t.area "
      "JOIN progress_entry e ON e.return_id = r.id AND e.kind = t.kind AND e.ref = t.ref "
      "WHERE t.fact = ?1 AND t.kind = 'action' ORDER BY r.period_start, r.period_end",
      "i", NULL, (int64_t)action);
  while (statement && sqlite3_step(statement) == SQLITE_ROW) {
    cJSON *item = cJSON_CreateObject();
    json_add_columns(item, statement, 0, keys);
    cJSON_AddItemToArray(cJSON_AddArrayToObject(item, "sources"), json_source(statement, 3));
    cJSON_AddItemToArray(list, item);
  }
  return list;
}

static void export_action_extra(const export_context *context, cJSON *item, sqlite3_stmt *row,
                                int first, sqlite3_int64 id) {
  cJSON_ReplaceItemInObjectCaseSensitive(item, "lead", export_action_lead(context, id));
  cJSON_AddItemToObject(item, "return_ref", json_column_text(row, first));
  cJSON_AddItemToObject(item, "progress", export_action_progress(context, id));
  cJSON_AddItemToObject(item, "measures", export_list(context, &MEASURES, id));
  cJSON_AddItemToObject(item, "roles", export_list(context, &ROLES, id));
}

static export_kind ACTIONS = {
    SL_KIND_ACTION, ", " EXPORT_RETURN_REF, EXPORT_BY_SEQ, export_action_extra, "", 0};

/* A concern's leads or members (roles of that kind): their names, as written. */
static cJSON *export_members(const export_context *context, sqlite3_int64 concern,
                             const char *kind) {
  cJSON *list = cJSON_CreateArray();
  sqlite3_stmt *statement = sl_store_prepare(context->store,
                                             "SELECT r.name FROM role r JOIN fact f ON f.id = r.id "
                                             "WHERE r.parent = ?1 AND r.kind = ?2 ORDER BY f.seq",
                                             "it", NULL, (int64_t)concern, kind);
  while (statement && sqlite3_step(statement) == SQLITE_ROW)
    cJSON_AddItemToArray(list, json_column_text(statement, 0));
  return list;
}

static void export_concern_extra(const export_context *context, cJSON *item, sqlite3_stmt *row,
                                 int first, sqlite3_int64 id) {
  (void)row, (void)first;
  cJSON_AddItemToObject(item, "leads", export_members(context, id, "lead"));
  cJSON_AddItemToObject(item, "members", export_members(context, id, "member"));
  export_add_themes(context, item, id);
  cJSON_AddItemToObject(item, "actions", export_list(context, &ACTIONS, id));
  cJSON_AddItemToObject(item, "measures", export_list(context, &MEASURES, id));
  cJSON_AddItemToObject(item, "roles", export_list(context, &ROLES, id));
}

static export_kind CONCERNS = {SL_KIND_CONCERN, "", EXPORT_BY_SEQ, export_concern_extra, "", 0};
static export_kind FINDINGS = {SL_KIND_FINDING, "", EXPORT_BY_SEQ, NULL, "", 0};

static void export_review_extra(const export_context *context, cJSON *item, sqlite3_stmt *row,
                                int first, sqlite3_int64 id) {
  (void)row, (void)first;
  cJSON_AddItemToObject(item, "findings", export_list(context, &FINDINGS, id));
}

static export_kind REVIEWS = {SL_KIND_REVIEW, "", EXPORT_BY_SEQ, export_review_extra, "", 0};

static void export_plan_extra(const export_context *context, cJSON *item, sqlite3_stmt *row,
                              int first, sqlite3_int64 id) {
  (void)row, (void)first;
  cJSON_AddItemToObject(item, "measures", export_list(context, &MEASURES, id));
  cJSON_AddItemToObject(item, "reviews", export_list(context, &REVIEWS, id));
  cJSON_AddItemToObject(item, "concerns", export_list(context, &CONCERNS, id));
  cJSON_AddItemToObject(item, "roles", export_list(context, &ROLES, id));
}

static export_kind PLANS = {SL_KIND_PLAN, "", EXPORT_BY_SEQ, export_plan_extra, "", 0};

static void export_weakness_extra(const export_context *context, cJSON *item, sqlite3_stmt *row,
                                  int first, sqlite3_int64 id) {
  (void)row, (void)first;
  export_add_themes(context, item, id);
}

static export_kind WEAKNESSES = {SL_KIND_WEAKNESS, "", EXPORT_BY_SEQ, export_weakness_extra, "", 0};

static void export_inspection_extra(const export_context *context, cJSON *item, sqlite3_stmt *row,
                                    int first, sqlite3_int64 id) {
  (void)row, (void)first;
  cJSON_AddItemToObject(item, "weaknesses", export_list(context, &WEAKNESSES, id));
}

static export_kind INSPECTIONS = {SL_KIND_INSPECTION,      "", EXPORT_BY_SEQ,
                                  export_inspection_extra, "", 0};
static export_kind GLOSSARY = {SL_KIND_TERM, "", EXPORT_BY_SEQ, NULL, "", 0};

/* The field a claim is about: its field before any ":role" (plugin.h). */
#define CLAIM_FIELD(f)                                                                             \
  "CASE WHEN instr(" f ", ':') > 0 THEN substr(" f ", 1, instr(" f ", ':') - 1) ELSE " f " END"

/* The claims on one field of a fact, each with the role its date or text
 * plays ("letter dated" beside "published"): the part after ':', else the
 * field itself. */
static cJSON *export_claims(const export_context *context, sqlite3_int64 fact, const char *field) {
  cJSON *list = cJSON_CreateArray();
  sqlite3_stmt *statement = sl_store_prepare(
      context->store,
      "SELECT value, document, locator, quote, CASE WHEN instr(field, ':') > 0 THEN "
      "substr(field, instr(field, ':') + 1) ELSE field END FROM claim WHERE fact = ?1 "
      "AND " CLAIM_FIELD("field") " = ?2 ORDER BY id",
      "it", NULL, (int64_t)fact, field);
  while (statement && sqlite3_step(statement) == SQLITE_ROW) {
    cJSON *item = cJSON_CreateObject();
    cJSON_AddItemToObject(item, "value", json_column_text(statement, 0));
    cJSON_AddItemToObject(item, "role", json_column_text(statement, 4));
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
      "SELECT c.fact, " CLAIM_FIELD(
          "c.field") ", f.kind || ' ' || coalesce("
                     "  (SELECT kind FROM inspection WHERE id = f.id), (SELECT kind FROM plan "
                     "WHERE id = f.id),"
                     "  (SELECT coalesce(ref, title) FROM concern WHERE id = f.id), '#' || f.seq) "
                     "FROM claim c JOIN fact f ON f.id = c.fact WHERE f.area = ?1 "
                     "GROUP BY c.fact, 2 HAVING count(DISTINCT c.value) > 1 ORDER BY f.seq, 2",
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

/* Entries of a return whose ref the plan (as now loaded) does not have:
 * kept, and listed here so that nothing imported goes unseen. */
static cJSON *export_unlinked(const export_context *context, sqlite3_int64 id) {
  static const char *const keys[] = {"kind", "ref", "locator", NULL};
  return export_rows(
      sl_store_prepare(context->store,
                       "SELECT e.kind, e.ref, e.locator FROM progress_entry e JOIN progress_return "
                       "r ON r.id = e.return_id WHERE r.id = ?1 AND " SL_PROGRESS_UNLINKED
                       " ORDER BY e.seq",
                       "i", NULL, (int64_t)id),
      keys);
}

/* The progress returns imported for the area, one per period. */
static cJSON *export_returns(const export_context *context, const char *area) {
  static const char *const keys[] = {"period", "document", "format", "actions", "measures", NULL};
  cJSON *list = cJSON_CreateArray();
  sqlite3_stmt *statement = sl_store_prepare(
      context->store,
      "SELECT r.id, r.period, r.document, r.format, "
      "(SELECT count(*) FROM progress_entry e WHERE e.return_id = r.id AND e.kind = 'action'), "
      "(SELECT count(*) FROM progress_entry e WHERE e.return_id = r.id AND e.kind = 'measure') "
      "FROM progress_return r WHERE r.area = ?1 ORDER BY r.period_start, r.period_end",
      "t", NULL, area);
  while (statement && sqlite3_step(statement) == SQLITE_ROW) {
    cJSON *item = cJSON_CreateObject();
    json_add_columns(item, statement, 1, keys);
    cJSON_AddItemToObject(item, "unlinked",
                          export_unlinked(context, sqlite3_column_int64(statement, 0)));
    cJSON_AddItemToArray(list, item);
  }
  return list;
}

static cJSON *export_area_row(const export_context *context, sqlite3_stmt *statement) {
  static const char *const keys[] = {"code",   "la_number",      "name", "region",
                                     "plugin", "plugin_version", NULL};
  cJSON *area = cJSON_CreateObject();
  json_add_columns(area, statement, 1, keys);
  sqlite3_int64 fact = sqlite3_column_int64(statement, 0);
  char code[64];
  snprintf(code, sizeof code, "%s", (const char *)sqlite3_column_text(statement, 1));
  export_finish(context, area, fact);
  cJSON_AddItemToObject(area, "inspections", export_list(context, &INSPECTIONS, fact));
  cJSON_AddItemToObject(area, "plans", export_list(context, &PLANS, fact));
  cJSON_AddItemToObject(area, "glossary", export_list(context, &GLOSSARY, fact));
  cJSON_AddItemToObject(area, "conflicts", export_conflicts(context, code));
  cJSON_AddItemToObject(area, "progress_returns", export_returns(context, code));
  return area;
}

static const char AREA_SQL[] =
    "SELECT f.id, a.code, a.la_number, a.name, a.region, a.plugin, a.plugin_version FROM area a "
    "JOIN fact f ON f.area = a.code AND f.kind = 'area' "
    "WHERE ?1 IS NULL OR a.code = ?1 OR a.plugin = ?1 OR lower(a.name) = lower(?1) "
    "ORDER BY a.name";

static cJSON *export_themes_list(const export_context *context) {
  static const char *const keys[] = {"id", "title", "description", NULL};
  return export_rows(sl_store_prepare(context->store,
                                      "SELECT id, title, description FROM theme ORDER BY id", "",
                                      NULL),
                     keys);
}

/* Rows of one query as objects with the given keys; an empty result adds
 * nothing, so a store without them exports as before. */
static int export_optional_list(cJSON *document, const char *name, sl_store *store, const char *sql,
                                const char *const *keys, sl_error *error) {
  sqlite3_stmt *statement = sl_store_prepare(store, sql, "", error);
  if (!statement) return -1;
  cJSON *list = NULL;
  int rc;
  while ((rc = sqlite3_step(statement)) == SQLITE_ROW) {
    if (!list) list = cJSON_AddArrayToObject(document, name);
    cJSON *item = cJSON_CreateObject();
    json_add_columns(item, statement, 0, keys);
    cJSON_AddItemToArray(list, item);
  }
  if (rc != SQLITE_DONE)
    return sl_error_set(error, "%s: %s", sl_store_path(store), sqlite3_errmsg(sl_store_db(store)));
  return 0;
}

/* "synthetic": the areas whose case records are made up, and the warning,
 * at the top of the document where a reader meets it first. */
static int export_synthetic(cJSON *document, sl_store *store, sl_error *error) {
  char areas[4096];
  int found = sl_disclosure_synthetic_areas(store, areas, sizeof areas, error);
  if (found <= 0) return found;
  cJSON *synthetic = cJSON_AddObjectToObject(document, "synthetic");
  cJSON *list = cJSON_AddArrayToObject(synthetic, "areas");
  char *rest = NULL;
  for (char *area = strtok_r(areas, ", ", &rest); area; area = strtok_r(NULL, ", ", &rest))
    cJSON_AddItemToArray(list, cJSON_CreateString(area));
  char warning[sizeof areas + 256];
  if (sl_disclosure_synthetic_warning(store, warning, sizeof warning, error) < 0) return -1;
  cJSON_AddStringToObject(synthetic, "warning", warning);
  return 0;
}

/* Indicator results as published (core/disclosure.c: small counts, and
 * counts subtraction would give away, suppressed; figures of synthetic
 * records marked), and the case files they were counted from. */
static int export_indicators(cJSON *document, sl_store *store, sl_error *error) {
  static const char *const indicator_keys[] = {
      "indicator", "title",       "unit", "direction", "area",    "period",    "breakdown", "value",
      "numerator", "denominator", "note", "script",    "version", "synthetic", NULL};
  static const char *const import_keys[] = {"area",     "file",    "file_hash", "rows",
                                            "requests", "reviews", "synthetic", NULL};
  return sl_disclosure_publish(store, error) || export_synthetic(document, store, error) ||
                 export_optional_list(
                     document, "indicators", store,
                     "SELECT indicator, title, unit, direction, area, period, breakdown, value, "
                     "numerator, denominator, note, script, script_version, synthetic "
                     "FROM indicator_published ORDER BY indicator, area, period, breakdown",
                     indicator_keys, error) ||
                 export_optional_list(document, "case_imports", store,
                                      "SELECT area, file, file_hash, rows, requests, reviews, "
                                      "synthetic FROM case_import ORDER BY area",
                                      import_keys, error)
             ? -1
             : 0;
}

/* The official statistics compared (statistics_compare.c), present when
 * any are imported: the loaded areas, England, their regions and the
 * partnership. */
static int export_statistics(cJSON *document, sl_store *store, sl_error *error) {
  int found = sl_statcmp_has_statistics(store, error);
  if (found <= 0) return found;
  sl_statcmp_request request = {.groups = 1};
  cJSON *statistics = sl_statcmp_build(store, &request, error);
  if (!statistics) return -1;
  cJSON_AddItemToObject(document, "statistics", statistics);
  return 0;
}

cJSON *sl_export_document(sl_store *store, sl_error *error) {
  const export_context context_value = {store, 1}, *context = &context_value;
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
  if (export_indicators(document, store, error) || export_statistics(document, store, error)) {
    cJSON_Delete(document);
    return NULL;
  }
  return document;
}

/* Why there is no area to show: none at all, or only its case records
 * (which have no plan or documents to show). */
static void export_no_area(sl_store *store, const char *code, sl_error *error) {
  sqlite3_stmt *statement = sl_store_prepare(
      store, "SELECT rows, file, synthetic FROM case_import WHERE area = ?1", "t", NULL, code);
  if (statement && sqlite3_step(statement) == SQLITE_ROW)
    sl_error_set(error,
                 "%s has no plugin loaded in %s, only case records (%lld rows from %s%s): "
                 "'sendlens indicators' counts them",
                 code, sl_store_path(store), (long long)sqlite3_column_int64(statement, 0),
                 (const char *)sqlite3_column_text(statement, 1),
                 sqlite3_column_int(statement, 2) == 1 ? ", SYNTHETIC DATA: made up, not real "
                                                         "children"
                                                       : "");
  else
    sl_error_set(error, "no area '%s' in %s (see 'sendlens areas')", code, sl_store_path(store));
  if (statement) sqlite3_reset(statement);
}

cJSON *sl_export_area(sl_store *store, const char *code_or_name, int reasons, sl_error *error) {
  const export_context context_value = {store, reasons}, *context = &context_value;
  sqlite3_stmt *statement = sl_store_prepare(context->store, AREA_SQL, "t", error, code_or_name);
  if (!statement) return NULL;
  if (sqlite3_step(statement) != SQLITE_ROW) {
    sqlite3_reset(statement);
    export_no_area(store, code_or_name, error);
    return NULL;
  }
  cJSON *area = export_area_row(context, statement);
  sqlite3_reset(statement);
  return area;
}
