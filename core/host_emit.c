/*
 * host_emit.c: the records a plugin emits, the bottom of the host. Each
 * record is checked field by field as sendlens/records.def says (core/
 * records.c holds the table), with the few rules across fields written
 * here, then stored as a fact (core/store.h) with its source, bound from
 * the same table. The first refusal fails the load with one line naming the
 * plugin, the record and the field; every emit after it is refused quietly,
 * so the user sees the cause, not its echoes.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "host_emit.h"
#include "period.h"
#include "utf8.h"
#include "validate.h"

int sl_host_fail(sl_host *host, const char *format, ...) {
  if (host->failed) return -1;
  char message[sizeof host->error->message];
  va_list args;
  va_start(args, format);
  vsnprintf(message, sizeof message, format, args);
  va_end(args);
  sl_error_set(host->error, "%s: %s", host->plugin->name, message);
  sl_utf8_printable(host->error->message, 0);
  host->failed = 1;
  return -1;
}

const host_document *sl_host_find_document(sl_host *host, const char *name) {
  for (size_t i = 0; i < host->documents.count; i++) {
    const host_document *document = host->documents.items[i];
    if (strcmp(document->document.name, name) == 0) return document;
  }
  return NULL;
}

int sl_host_add_document(sl_host *host, const host_document *document) {
  return sl_arena_list_push(&host->documents, document);
}

/* One record being checked: its name for messages ("weakness #3"). */
typedef struct emit {
  sl_host *host;
  const char *kind;
  char name[64];
  const sl_source *source;
} emit;

static int emit_fail(emit *record, const char *field, const char *format, ...)
    __attribute__((format(printf, 3, 4)));

static int emit_fail(emit *record, const char *field, const char *format, ...) {
  char reason[512];
  va_list args;
  va_start(args, format);
  vsnprintf(reason, sizeof reason, format, args);
  va_end(args);
  const sl_source *source = record->source;
  if (source && source->document && source->locator)
    return sl_host_fail(record->host, "%s (%s %s): field '%s': %s", record->name, source->document,
                        source->locator, field, reason);
  return sl_host_fail(record->host, "%s: field '%s': %s", record->name, field, reason);
}

/* The record's number among those of its kind offered so far (1-based):
 * "weakness 3" is the third weakness the plugin emitted. Sources and claims
 * are counted after the kinds of records. */
static int emit_count(sl_host *host, const char *kind) {
  const sl_record_kind *record = sl_record_kind_named(kind);
  int index = record ? (int)(record - sl_record_kinds)
                     : SL_KIND_COUNT + (strcmp(kind, "source") == 0 ? 0 : 1);
  return ++host->kind_counts[index];
}

/* Start checking a record; 0 if the load has already failed. */
static int emit_begin(emit *record, sl_host *host, const char *kind, const sl_source *source) {
  record->host = host;
  record->kind = kind;
  record->source = source;
  snprintf(record->name, sizeof record->name, "%s %d", kind, emit_count(host, kind));
  if (host->failed) return 0;
  if (!host->store) {
    /* The child process stores nothing: a host function that reaches here
     * there is one host_child.c does not replace. Fail, never crash. */
    sl_host_fail(host, "%s: no store in this process", record->name);
    return 0;
  }
  if (!host->area_emitted && strcmp(kind, "area") != 0) {
    sl_host_fail(host, "%s: emitted before the area (emit_area must come first)", record->name);
    return 0;
  }
  return 1;
}

/* Clean text, as sl_utf8_text_problem says, before any other check. */
static int check_clean(emit *record, const char *field, const char *value) {
  char why[160];
  if (sl_utf8_text_problem(value, SL_HOST_TEXT_MAX, why, sizeof why) == 0) return 0;
  return emit_fail(record, field, "%s", why);
}

/* The source's document and locator are named in messages: checked
 * first, and a record whose document or locator is not clean is named
 * without them (a quote is never quoted whole). */
static int check_clean_source(emit *record, const char *field, const sl_source *source) {
  static const char *const parts[] = {"document", "locator", "quote"};
  if (!source) return 0;
  const char *values[] = {source->document, source->locator, source->quote};
  char name[64];
  for (int i = 0; i < 3; i++) {
    char why[160];
    if (sl_utf8_text_problem(values[i], SL_HOST_TEXT_MAX, why, sizeof why) == 0) continue;
    if (i < 2) record->source = NULL;
    snprintf(name, sizeof name, "%s.%s", field, parts[i]);
    return emit_fail(record, name, "%s", why);
  }
  return 0;
}

static int check_text(emit *record, const char *field, const char *value, int required) {
  if (check_clean(record, field, value)) return -1;
  if (!value) return required ? emit_fail(record, field, "missing") : 0;
  if (required && !*value) return emit_fail(record, field, "empty");
  return 0;
}

static int check_date(emit *record, const char *field, const char *value) {
  if (value && !sl_valid_date(value))
    return emit_fail(record, field, "'%s' is not an ISO date (YYYY-MM-DD, YYYY-MM or YYYY)", value);
  return 0;
}

static int check_number(emit *record, const char *field, const char *value) {
  if (value && !sl_valid_number(value))
    return emit_fail(record, field, "'%s' is not a number", value);
  return 0;
}

/* The source must name a document the plugin read, and quote it exactly. */
static int check_source(emit *record, const char *field, const sl_source *source) {
  if (!source || !source->document || !*source->document)
    return emit_fail(record, field, "missing document");
  if (!source->locator || !*source->locator) return emit_fail(record, field, "missing locator");
  if (!source->quote || !*source->quote) return emit_fail(record, field, "missing quote");
  const host_document *document = sl_host_find_document(record->host, source->document);
  if (!document)
    return emit_fail(record, field, "document '%s' was not read by the plugin", source->document);
  if (!strstr(document->text, source->quote))
    return emit_fail(record, field, "quote \"%.60s\" is not in %s", source->quote,
                     source->document);
  return 0;
}

/* The kind of the fact behind handle id, if it is one of this area's. */
static const char *fact_kind(sl_host *host, sl_id id) {
  sl_error error;
  sqlite3_stmt *statement =
      sl_store_prepare(host->store, "SELECT kind FROM fact WHERE id = ?1 AND area = ?2", "it",
                       &error, (int64_t)id, host->plugin->area_code);
  if (!statement || sqlite3_step(statement) != SQLITE_ROW) return NULL;
  const char *kind = sl_arena_strdup(host->arena, (const char *)sqlite3_column_text(statement, 0));
  sqlite3_reset(statement);
  return kind;
}

/* parent must be a handle of this load of one of the kinds listed (space
 * separated; NULL: any kind). */
static int check_parent(emit *record, const char *field, sl_id parent, const char *kinds) {
  if (parent <= 0) return emit_fail(record, field, "missing (no handle)");
  const char *kind = fact_kind(record->host, parent);
  if (!kind)
    return emit_fail(record, field, "handle %lld is not a record of this load", (long long)parent);
  if (kinds && !sl_record_word_in(kind, kinds))
    return emit_fail(record, field, "handle %lld is a %s, not a %.*s", (long long)parent, kind,
                     (int)strcspn(kinds, " "), kinds);
  return 0;
}

static int store_source(sl_host *host, sl_id fact, const sl_source *source) {
  if (sl_store_run(
          host->store, "INSERT INTO source(fact, document, locator, quote) VALUES(?1, ?2, ?3, ?4)",
          "ittt", host->error, (int64_t)fact, source->document, source->locator, source->quote))
    return sl_host_fail(host, "cannot store a source: %s", host->error->message);
  host->counts->sources++;
  return 0;
}

/* Insert the fact row and its source; the kind's own row follows. */
static sl_id store_fact(emit *record) {
  sl_host *host = record->host;
  if (sl_store_run(host->store, "INSERT INTO fact(area, kind, seq) VALUES(?1, ?2, ?3)", "tti",
                   host->error, host->plugin->area_code, record->kind, host->seq + 1)) {
    sl_host_fail(host, "%s: cannot store: %s", record->name, host->error->message);
    return 0;
  }
  sl_id id = sl_store_last_id(host->store);
  host->seq++;
  host->counts->records++;
  if (store_source(host, id, record->source)) return 0;
  return id;
}

/* Finish: a failed row insert fails the load. */
static sl_id emit_done(emit *record, sl_id id, int insert_failed) {
  if (insert_failed) {
    sl_host_fail(record->host, "%s: cannot store: %s", record->name, record->host->error->message);
    return 0;
  }
  return id;
}

/* ---- the checks of sendlens/records.def, field by field ---- */

static const char *const *record_text(const void *record, const sl_record_field *field) {
  return (const char *const *)(const void *)((const char *)record + field->offset);
}

/* value must be one of the field's values; the message lists them. */
static int check_words(emit *record, const sl_record_field *field, const char *value) {
  if (sl_record_word_in(value, field->values)) return 0;
  char list[256] = "";
  for (const char *at = field->values; *at; at += strspn(at, " ")) {
    size_t span = strcspn(at, " ");
    size_t used = strlen(list);
    snprintf(list + used, sizeof list - used, "%s%.*s", used ? ", " : "", (int)span, at);
    at += span;
  }
  return emit_fail(record, field->name, "'%s' is not one of %s", value, list);
}

/* One field, as its type and presence say. */
static int check_field(emit *record, const sl_record_field *field, const void *in) {
  const char *at = (const char *)in + field->offset;
  if (field->type == SL_FIELD_SOURCE)
    return check_source(record, field->name, (const sl_source *)(const void *)at);
  if (field->type == SL_FIELD_PARENT)
    return check_parent(record, field->name, *(const sl_id *)(const void *)at, field->values);
  if (field->type == SL_FIELD_COUNT) return 0;
  const char *value = *record_text(in, field);
  if (check_clean(record, field->name, value)) return -1;
  if (!value) return field->required ? emit_fail(record, field->name, "missing") : 0;
  switch (field->type) {
  case SL_FIELD_TEXT:
    return field->required && !*value ? emit_fail(record, field->name, "empty") : 0;
  case SL_FIELD_DATE:
    return check_date(record, field->name, value);
  case SL_FIELD_NUMBER:
    return check_number(record, field->name, value);
  case SL_FIELD_ENUM:
    return check_words(record, field, value);
  case SL_FIELD_PERIOD: {
    sl_period period;
    if (!*value) return emit_fail(record, field->name, "empty");
    if (sl_period_parse(value, &period) == 0) return 0;
    return emit_fail(record, field->name,
                     "'%s' is not a period sendlens reads (a date, month, quarter, term, or "
                     "calendar, academic or financial year: docs/periods.md)",
                     value);
  }
  default:
    return 0;
  }
}

/* ---- what the table cannot say: rules across fields of one kind ---- */

static int rule_area(emit *record, const void *in) {
  const sl_area_record *area = in;
  sl_host *host = record->host;
  if (strcmp(area->code, host->plugin->area_code) != 0)
    return emit_fail(record, "code", "'%s' is not the descriptor's area code '%s'", area->code,
                     host->plugin->area_code);
  /* Replacing an area is deleting it (which cascades) and storing it anew,
   * inside the load's transaction. */
  if (sl_store_run(host->store, "DELETE FROM area WHERE code = ?1", "t", host->error, area->code))
    return sl_host_fail(host, "%s: cannot store: %s", record->name, host->error->message);
  return 0;
}

static int rule_inspection(emit *record, const void *in) {
  const sl_inspection_record *inspection = in;
  if (inspection->weaknesses_sufficient > inspection->weaknesses_found &&
      inspection->weaknesses_found >= 0)
    return emit_fail(record, "weaknesses_sufficient", "%d is more than weaknesses_found %d",
                     inspection->weaknesses_sufficient, inspection->weaknesses_found);
  return 0;
}

static int rule_action(emit *record, const void *in) {
  const sl_action_record *action = in;
  if (!action->ref && !action->text)
    return emit_fail(record, "text", "missing (an action needs a ref or a text)");
  return 0;
}

static int rule_observation(emit *record, const void *in) {
  const sl_observation_record *observation = in;
  if (!observation->value == !observation->state)
    return emit_fail(record, "value", "an observation has either a value or a state");
  return 0;
}

/* A role's person, post and organisation are what the document names, or
 * unset: an empty one would read as named and blank. */
static int rule_role(emit *record, const void *in) {
  const sl_role_record *role = in;
  const char *const fields[][2] = {
      {"person", role->person}, {"post", role->post}, {"organisation", role->organisation}};
  for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++)
    if (fields[i][1] && !*fields[i][1])
      return emit_fail(record, fields[i][0],
                       "empty (leave it unset where the document names none)");
  return 0;
}

static int (*const KIND_RULES[SL_KIND_COUNT])(emit *, const void *) = {
    [SL_KIND_AREA] = rule_area,     [SL_KIND_INSPECTION] = rule_inspection,
    [SL_KIND_ACTION] = rule_action, [SL_KIND_OBSERVATION] = rule_observation,
    [SL_KIND_ROLE] = rule_role,
};

/* ---- storing: the row of the kind's table, bound from the table ---- */

static int bind_field(sqlite3_stmt *statement, int column, const sl_record_field *field,
                      const void *in) {
  const char *at = (const char *)in + field->offset;
  if (field->type == SL_FIELD_PARENT)
    return sqlite3_bind_int64(statement, column, *(const sl_id *)(const void *)at);
  if (field->type == SL_FIELD_COUNT) {
    int count = *(const int *)(const void *)at;
    return count < 0 ? sqlite3_bind_null(statement, column)
                     : sqlite3_bind_int(statement, column, count);
  }
  const char *text = *record_text(in, field);
  if (!text) return sqlite3_bind_null(statement, column);
  if (field->type == SL_FIELD_NUMBER)
    return sqlite3_bind_double(statement, column, strtod(text, NULL));
  return sqlite3_bind_text(statement, column, text, -1, SQLITE_TRANSIENT);
}

/* A period's kind, first and last days (NULL for a field not given; the
 * text was checked to be a period). */
static int bind_span(sqlite3_stmt *statement, int *column, const char *text) {
  sl_period period;
  if (!text || sl_period_parse(text, &period)) {
    int rc = SQLITE_OK;
    for (int part = 0; part < 3 && rc == SQLITE_OK; part++)
      rc = sqlite3_bind_null(statement, (*column)++);
    return rc;
  }
  char first[16], last[16];
  sl_period_iso(period.first, first, sizeof first);
  sl_period_iso(period.last, last, sizeof last);
  int rc = sqlite3_bind_text(statement, (*column)++, sl_period_kind_name(period.kind), -1,
                             SQLITE_STATIC);
  if (rc == SQLITE_OK) rc = sqlite3_bind_text(statement, (*column)++, first, -1, SQLITE_TRANSIENT);
  if (rc == SQLITE_OK) rc = sqlite3_bind_text(statement, (*column)++, last, -1, SQLITE_TRANSIENT);
  return rc;
}

static int store_row(emit *record, sl_kind kind, const void *in, sl_id id) {
  sl_host *host = record->host;
  const sl_record_kind *table = &sl_record_kinds[kind];
  sqlite3_stmt *statement =
      sl_store_prepare(host->store, sl_record_insert_sql(kind), "", host->error);
  if (!statement) return -1;
  int column = 1, rc = SQLITE_OK;
  if (kind != SL_KIND_AREA) rc = sqlite3_bind_int64(statement, column++, (int64_t)id);
  for (size_t i = 0; i < table->field_count && rc == SQLITE_OK; i++)
    if (sl_record_has_column(&table->fields[i]))
      rc = bind_field(statement, column++, &table->fields[i], in);
  for (size_t i = 0; i < table->field_count && rc == SQLITE_OK; i++)
    if (table->fields[i].type == SL_FIELD_PERIOD)
      rc = bind_span(statement, &column, *record_text(in, &table->fields[i]));
  if (kind == SL_KIND_AREA && rc == SQLITE_OK)
    rc = sqlite3_bind_text(statement, column++, host->plugin->name, -1, SQLITE_STATIC);
  if (kind == SL_KIND_AREA && rc == SQLITE_OK)
    rc = sqlite3_bind_text(statement, column, host->plugin->version, -1, SQLITE_STATIC);
  if (rc == SQLITE_OK) rc = sqlite3_step(statement);
  sqlite3_reset(statement);
  if (rc != SQLITE_DONE)
    return sl_error_set(host->error, "%s", sqlite3_errmsg(sl_store_db(host->store)));
  return 0;
}

/* The source of a record: the field of type SOURCE (every kind has one). */
static const sl_source *record_source(sl_kind kind, const void *in) {
  const sl_record_kind *table = &sl_record_kinds[kind];
  for (size_t i = 0; i < table->field_count; i++)
    if (table->fields[i].type == SL_FIELD_SOURCE)
      return (const sl_source *)(const void *)((const char *)in + table->fields[i].offset);
  return NULL;
}

/* ---- leads and members are roles, stored once ----
 * A concern's lead or member (sl_member_record) and an action's lead (its
 * field lead) come from plugins built before the kind role; each is
 * stored as the role it is, so every reader finds the people of a plan in
 * one table. */

static sl_id member_as_role(sl_host *host, const void *in) {
  const sl_member_record *member = in;
  sl_role_record role = {.size = sizeof role,
                         .parent = member->concern,
                         .role = member->role,
                         .kind = member->role,
                         .name = member->name,
                         .source = member->source};
  return sl_host_emit_record(host, SL_KIND_ROLE, &role);
}

/* An action's lead, stored as its role; the action itself keeps none. */
static int action_lead_as_role(sl_host *host, const sl_action_record *action, sl_id id) {
  if (!action->lead) return 0;
  sl_role_record role = {.size = sizeof role,
                         .parent = id,
                         .role = "lead",
                         .kind = "lead",
                         .name = action->lead,
                         .source = action->source};
  return sl_host_emit_record(host, SL_KIND_ROLE, &role) ? 0 : -1;
}

sl_id sl_host_emit_record(sl_host *host, sl_kind kind, const void *in) {
  emit record;
  if ((int)kind < 0 || kind >= SL_KIND_COUNT) {
    sl_host_fail(host, "record of unknown kind %d", (int)kind);
    return 0;
  }
  const sl_record_kind *table = &sl_record_kinds[kind];
  if (!in || !emit_begin(&record, host, table->name, record_source(kind, in))) return 0;
  if (kind == SL_KIND_AREA && host->area_emitted) {
    sl_host_fail(host, "area emitted twice");
    return 0;
  }
  if (check_clean_source(&record, "source", record.source)) return 0;
  for (size_t i = 0; i < table->field_count; i++)
    if (check_field(&record, &table->fields[i], in)) return 0;
  if (KIND_RULES[kind] && KIND_RULES[kind](&record, in)) return 0;
  if (kind == SL_KIND_AREA) {
    if (store_row(&record, kind, in, 0)) return emit_done(&record, 0, 1);
    host->area_emitted = 1;
    return store_fact(&record);
  }
  if (kind == SL_KIND_MEMBER) return member_as_role(host, in);
  const void *row = in;
  sl_action_record action;
  if (kind == SL_KIND_ACTION) {
    action = *(const sl_action_record *)in;
    action.lead = NULL;
    row = &action;
  }
  sl_id id = store_fact(&record);
  if (!id || !emit_done(&record, id, store_row(&record, kind, row, id))) return 0;
  if (kind == SL_KIND_ACTION && action_lead_as_role(host, in, id)) return 0;
  return id;
}

int sl_host_emit(sl_host *host, int kind, const void *record, sl_id *id) {
  const char *why = NULL;
  void *known;
  if (id) *id = 0;
  if (host->failed) return SL_ERROR;
  if (kind < 0 || kind >= SL_KIND_COUNT || !record) {
    sl_host_fail(host, "emit: %s", record ? "unknown kind of record" : "no record");
    return SL_MISUSE;
  }
  const sl_record_kind *table = &sl_record_kinds[kind];
  if (!(known = sl_arena_alloc(host->arena, table->size))) {
    sl_host_fail(host, "%s: out of memory", table->name);
    return SL_NOMEM;
  }
  if (sl_record_normalize(table, record, known, &why)) {
    sl_host_fail(host, "%s %d: refused: %s", table->name, host->kind_counts[kind] + 1, why);
    return SL_MISUSE;
  }
  sl_id handle = sl_host_emit_record(host, (sl_kind)kind, known);
  if (id) *id = handle;
  return handle ? SL_OK : SL_ERROR;
}

int sl_host_add_source(sl_host *host, sl_id fact, const sl_source *source) {
  emit record;
  if (!emit_begin(&record, host, "source", source)) return SL_ERROR;
  if (check_clean_source(&record, "source", source)) return SL_ERROR;
  if (check_parent(&record, "record", fact, NULL) || check_source(&record, "source", source) ||
      store_source(host, fact, source))
    return SL_ERROR;
  return SL_OK;
}

int sl_host_add_claim(sl_host *host, sl_id fact, const char *field, const char *value,
                      const sl_source *source) {
  emit record;
  if (!emit_begin(&record, host, "claim", source)) return SL_ERROR;
  if (check_clean_source(&record, "source", source)) return SL_ERROR;
  if (check_parent(&record, "record", fact, NULL) || check_text(&record, "field", field, 1) ||
      check_text(&record, "value", value, 1) || check_source(&record, "source", source))
    return SL_ERROR;
  if (sl_store_run(host->store,
                   "INSERT INTO claim(fact, field, value, document, locator, quote) "
                   "VALUES(?1, ?2, ?3, ?4, ?5, ?6)",
                   "ittttt", host->error, (int64_t)fact, field, value, source->document,
                   source->locator, source->quote))
    return sl_host_fail(host, "cannot store a claim: %s", host->error->message), SL_ERROR;
  host->counts->claims++;
  return SL_OK;
}
