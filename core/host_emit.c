/*
 * host_emit.c: the records a plugin emits. Each emit function checks its
 * record field by field, then stores it as a fact (core/store.h) with its
 * source. The first refusal fails the load with one line naming the plugin,
 * the record and the field; every emit after it is refused quietly, so the
 * user sees the cause, not its echoes.
 */
#include <stdarg.h>
#include <string.h>

#include "host_internal.h"
#include "validate.h"

/* One record being checked: its name for messages ("weakness #3"). */
typedef struct emit {
  sl_host *host;
  const char *kind;
  char name[64];
  const sl_source *source;
} emit;

static const char *const INSPECTION_KINDS[] = {"initial", "revisit", "full", NULL};
static const char *const PROGRESS_VALUES[] = {"sufficient", "insufficient", NULL};
static const char *const PLAN_KINDS[] = {"WSOA", "APP", NULL};
static const char *const ROLES[] = {SL_ROLE_LEAD, SL_ROLE_MEMBER, NULL};
static const char *const ACTION_STATUSES[] = {"not_started", "in_progress", "completed",
                                              "commenced",   "established", NULL};
static const char *const MEASURE_KINDS[] = {"interval", "nominal", NULL};
static const char *const DIRECTIONS[] = {"up", "down", "none", NULL};
static const char *const OBSERVATION_KINDS[] = {"actual", "milestone", "projected", NULL};
static const char *const FACT_KINDS[] = {
    "area",    "inspection", "weakness",    "plan",   "concern", "member", "action",
    "measure", "comparator", "observation", "review", "finding", "term",   NULL};
static const char *const NOMINAL_STATES[] = {"not_started", "commenced", "established", "completed",
                                             NULL};

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
 * "weakness 3" is the third weakness the plugin emitted. */
static int emit_count(sl_host *host, const char *kind) {
  static const char *const others[] = {"source", "claim", NULL};
  int index = 0;
  for (const char *const *item = FACT_KINDS; *item; item++, index++)
    if (strcmp(*item, kind) == 0) return ++host->kind_counts[index];
  for (const char *const *item = others; *item; item++, index++)
    if (strcmp(*item, kind) == 0) return ++host->kind_counts[index];
  return 0;
}

/* Start checking a record; 0 if the load has already failed. */
static int emit_begin(emit *record, sl_host *host, const char *kind, const sl_source *source) {
  record->host = host;
  record->kind = kind;
  record->source = source;
  snprintf(record->name, sizeof record->name, "%s %d", kind, emit_count(host, kind));
  if (host->failed) return 0;
  if (!host->area_emitted && strcmp(kind, "area") != 0) {
    sl_host_fail(host, "%s: emitted before the area (emit_area must come first)", record->name);
    return 0;
  }
  return 1;
}

static int check_text(emit *record, const char *field, const char *value, int required) {
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

static int check_enum(emit *record, const char *field, const char *value,
                      const char *const *allowed, int required) {
  if (!value) return required ? emit_fail(record, field, "missing") : 0;
  if (sl_valid_enum(value, allowed)) return 0;
  char list[256] = "";
  for (const char *const *item = allowed; *item; item++) {
    if (item != allowed) strncat(list, ", ", sizeof list - strlen(list) - 1);
    strncat(list, *item, sizeof list - strlen(list) - 1);
  }
  return emit_fail(record, field, "'%s' is not one of %s", value, list);
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

/* parent must be a handle of this load of one of the kinds listed. */
static int check_parent(emit *record, const char *field, sl_id parent, const char *const *kinds) {
  if (parent <= 0) return emit_fail(record, field, "missing (no handle)");
  const char *kind = fact_kind(record->host, parent);
  if (!kind)
    return emit_fail(record, field, "handle %lld is not a record of this load", (long long)parent);
  if (!sl_valid_enum(kind, kinds))
    return emit_fail(record, field, "handle %lld is a %s, not a %s", (long long)parent, kind,
                     kinds[0]);
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

sl_id sl_host_emit_area(sl_host *host, const sl_area_record *area) {
  emit record;
  if (!area || !emit_begin(&record, host, "area", &area->source)) return 0;
  if (host->area_emitted) {
    sl_host_fail(host, "area emitted twice");
    return 0;
  }
  if (check_text(&record, "code", area->code, 1) || check_text(&record, "name", area->name, 1) ||
      check_text(&record, "la_number", area->la_number, 0) ||
      check_text(&record, "region", area->region, 0) ||
      check_source(&record, "source", &area->source))
    return 0;
  if (strcmp(area->code, host->plugin->area_code) != 0) {
    emit_fail(&record, "code", "'%s' is not the descriptor's area code '%s'", area->code,
              host->plugin->area_code);
    return 0;
  }
  /* Replacing an area is deleting it (which cascades) and storing it anew,
   * inside the load's transaction. */
  if (sl_store_run(host->store, "DELETE FROM area WHERE code = ?1", "t", host->error, area->code) ||
      sl_store_run(host->store,
                   "INSERT INTO area(code, la_number, name, region, plugin, plugin_version) "
                   "VALUES(?1, ?2, ?3, ?4, ?5, ?6)",
                   "tttttt", host->error, area->code, area->la_number, area->name, area->region,
                   host->plugin->name, host->plugin->version))
    return emit_done(&record, 0, 1);
  host->area_emitted = 1;
  return store_fact(&record);
}

sl_id sl_host_emit_inspection(sl_host *host, const sl_inspection_record *in) {
  emit record;
  if (!in || !emit_begin(&record, host, "inspection", &in->source)) return 0;
  if (check_enum(&record, "kind", in->kind, INSPECTION_KINDS, 1) ||
      check_date(&record, "started", in->started) || check_date(&record, "ended", in->ended) ||
      check_date(&record, "published", in->published) ||
      check_source(&record, "source", &in->source))
    return 0;
  if (in->weaknesses_sufficient > in->weaknesses_found && in->weaknesses_found >= 0) {
    emit_fail(&record, "weaknesses_sufficient", "%d is more than weaknesses_found %d",
              in->weaknesses_sufficient, in->weaknesses_found);
    return 0;
  }
  sl_id id = store_fact(&record);
  if (!id) return 0;
  return emit_done(&record, id,
                   sl_store_run(host->store,
                                "INSERT INTO inspection(id, kind, started, ended, published, "
                                "outcome, weaknesses_found, weaknesses_sufficient) "
                                "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                                "itttttnn", host->error, (int64_t)id, in->kind, in->started,
                                in->ended, in->published, in->outcome, in->weaknesses_found,
                                in->weaknesses_sufficient));
}

sl_id sl_host_emit_weakness(sl_host *host, const sl_weakness_record *in) {
  static const char *const parents[] = {"inspection", NULL};
  emit record;
  if (!in || !emit_begin(&record, host, "weakness", &in->source)) return 0;
  if (check_parent(&record, "inspection", in->inspection, parents) ||
      check_text(&record, "text", in->text, 1) ||
      check_enum(&record, "progress", in->progress, PROGRESS_VALUES, 0) ||
      check_source(&record, "source", &in->source))
    return 0;
  sl_id id = store_fact(&record);
  if (!id) return 0;
  return emit_done(&record, id,
                   sl_store_run(host->store,
                                "INSERT INTO weakness(id, inspection, ref, text, progress) "
                                "VALUES(?1, ?2, ?3, ?4, ?5)",
                                "iittt", host->error, (int64_t)id, (int64_t)in->inspection, in->ref,
                                in->text, in->progress));
}

sl_id sl_host_emit_plan(sl_host *host, const sl_plan_record *in) {
  emit record;
  if (!in || !emit_begin(&record, host, "plan", &in->source)) return 0;
  if (check_enum(&record, "kind", in->kind, PLAN_KINDS, 1) ||
      check_date(&record, "dated", in->dated) || check_date(&record, "approved", in->approved) ||
      check_date(&record, "period_from", in->period_from) ||
      check_date(&record, "period_to", in->period_to) ||
      check_source(&record, "source", &in->source))
    return 0;
  sl_id id = store_fact(&record);
  if (!id) return 0;
  return emit_done(&record, id,
                   sl_store_run(host->store,
                                "INSERT INTO plan(id, kind, title, version, dated, approved, "
                                "period_from, period_to, board) "
                                "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                                "itttttttt", host->error, (int64_t)id, in->kind, in->title,
                                in->version, in->dated, in->approved, in->period_from,
                                in->period_to, in->board));
}

sl_id sl_host_emit_concern(sl_host *host, const sl_concern_record *in) {
  static const char *const parents[] = {"plan", NULL};
  emit record;
  if (!in || !emit_begin(&record, host, "concern", &in->source)) return 0;
  if (check_parent(&record, "plan", in->plan, parents) ||
      check_text(&record, "title", in->title, 1) || check_source(&record, "source", &in->source))
    return 0;
  sl_id id = store_fact(&record);
  if (!id) return 0;
  return emit_done(
      &record, id,
      sl_store_run(host->store, "INSERT INTO concern(id, plan, ref, title) VALUES(?1, ?2, ?3, ?4)",
                   "iitt", host->error, (int64_t)id, (int64_t)in->plan, in->ref, in->title));
}

sl_id sl_host_emit_member(sl_host *host, const sl_member_record *in) {
  static const char *const parents[] = {"concern", NULL};
  emit record;
  if (!in || !emit_begin(&record, host, "member", &in->source)) return 0;
  if (check_parent(&record, "concern", in->concern, parents) ||
      check_enum(&record, "role", in->role, ROLES, 1) || check_text(&record, "name", in->name, 1) ||
      check_source(&record, "source", &in->source))
    return 0;
  sl_id id = store_fact(&record);
  if (!id) return 0;
  return emit_done(
      &record, id,
      sl_store_run(host->store,
                   "INSERT INTO member(id, concern, role, name) VALUES(?1, ?2, ?3, ?4)", "iitt",
                   host->error, (int64_t)id, (int64_t)in->concern, in->role, in->name));
}

sl_id sl_host_emit_action(sl_host *host, const sl_action_record *in) {
  static const char *const parents[] = {"concern", NULL};
  emit record;
  if (!in || !emit_begin(&record, host, "action", &in->source)) return 0;
  if (check_parent(&record, "concern", in->concern, parents) ||
      check_date(&record, "due", in->due) ||
      check_enum(&record, "status", in->status, ACTION_STATUSES, 0) ||
      check_source(&record, "source", &in->source))
    return 0;
  if (!in->ref && !in->text) {
    emit_fail(&record, "text", "missing (an action needs a ref or a text)");
    return 0;
  }
  sl_id id = store_fact(&record);
  if (!id) return 0;
  return emit_done(&record, id,
                   sl_store_run(host->store,
                                "INSERT INTO action(id, concern, ref, text, lead, due, status) "
                                "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                                "iittttt", host->error, (int64_t)id, (int64_t)in->concern, in->ref,
                                in->text, in->lead, in->due, in->status));
}

sl_id sl_host_emit_measure(sl_host *host, const sl_measure_record *in) {
  static const char *const parents[] = {"concern", "action", "plan", NULL};
  emit record;
  if (!in || !emit_begin(&record, host, "measure", &in->source)) return 0;
  if (check_parent(&record, "parent", in->parent, parents) ||
      check_text(&record, "name", in->name, 1) ||
      check_enum(&record, "kind", in->kind, MEASURE_KINDS, 0) ||
      check_enum(&record, "direction", in->direction, DIRECTIONS, 0) ||
      check_number(&record, "baseline", in->baseline) ||
      check_date(&record, "baseline_date", in->baseline_date) ||
      check_number(&record, "target", in->target) || check_source(&record, "source", &in->source))
    return 0;
  sl_id id = store_fact(&record);
  if (!id) return 0;
  return emit_done(&record, id,
                   sl_store_run(host->store,
                                "INSERT INTO measure(id, parent, ref, name, heading, kind, unit, "
                                "direction, baseline, baseline_date, target) "
                                "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
                                "iittttttrtr", host->error, (int64_t)id, (int64_t)in->parent,
                                in->ref, in->name, in->group, in->kind, in->unit, in->direction,
                                in->baseline, in->baseline_date, in->target));
}

sl_id sl_host_emit_comparator(sl_host *host, const sl_comparator_record *in) {
  static const char *const parents[] = {"measure", NULL};
  emit record;
  if (!in || !emit_begin(&record, host, "comparator", &in->source)) return 0;
  if (check_parent(&record, "measure", in->measure, parents) ||
      check_text(&record, "label", in->label, 1) || check_number(&record, "value", in->value) ||
      check_date(&record, "date", in->date) || check_source(&record, "source", &in->source))
    return 0;
  sl_id id = store_fact(&record);
  if (!id) return 0;
  return emit_done(&record, id,
                   sl_store_run(host->store,
                                "INSERT INTO comparator(id, measure, label, value, date) "
                                "VALUES(?1, ?2, ?3, ?4, ?5)",
                                "iitrt", host->error, (int64_t)id, (int64_t)in->measure, in->label,
                                in->value, in->date));
}

sl_id sl_host_emit_observation(sl_host *host, const sl_observation_record *in) {
  static const char *const parents[] = {"measure", NULL};
  emit record;
  if (!in || !emit_begin(&record, host, "observation", &in->source)) return 0;
  if (check_parent(&record, "measure", in->measure, parents) ||
      check_text(&record, "period", in->period, 1) ||
      check_enum(&record, "kind", in->kind, OBSERVATION_KINDS, 1) ||
      check_number(&record, "value", in->value) ||
      check_enum(&record, "state", in->state, NOMINAL_STATES, 0) ||
      check_source(&record, "source", &in->source))
    return 0;
  if (!sl_valid_period(in->period)) {
    emit_fail(&record, "period", "'%s' is not a date or a quarter (2022-Q3)", in->period);
    return 0;
  }
  if (!in->value == !in->state) {
    emit_fail(&record, "value", "an observation has either a value or a state");
    return 0;
  }
  sl_id id = store_fact(&record);
  if (!id) return 0;
  return emit_done(&record, id,
                   sl_store_run(host->store,
                                "INSERT INTO observation(id, measure, period, kind, value, state, "
                                "note) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                                "iittrtt", host->error, (int64_t)id, (int64_t)in->measure,
                                in->period, in->kind, in->value, in->state, in->note));
}

sl_id sl_host_emit_review(sl_host *host, const sl_review_record *in) {
  static const char *const parents[] = {"plan", NULL};
  emit record;
  if (!in || !emit_begin(&record, host, "review", &in->source)) return 0;
  if (check_parent(&record, "plan", in->plan, parents) ||
      check_text(&record, "label", in->label, 1) || check_date(&record, "due", in->due) ||
      check_date(&record, "held", in->held) || check_source(&record, "source", &in->source))
    return 0;
  sl_id id = store_fact(&record);
  if (!id) return 0;
  return emit_done(&record, id,
                   sl_store_run(host->store,
                                "INSERT INTO review(id, plan, label, due, held, held_by) "
                                "VALUES(?1, ?2, ?3, ?4, ?5, ?6)",
                                "iitttt", host->error, (int64_t)id, (int64_t)in->plan, in->label,
                                in->due, in->held, in->by));
}

sl_id sl_host_emit_finding(sl_host *host, const sl_finding_record *in) {
  static const char *const parents[] = {"review", NULL};
  emit record;
  if (!in || !emit_begin(&record, host, "finding", &in->source)) return 0;
  if (check_parent(&record, "review", in->review, parents) ||
      check_text(&record, "text", in->text, 1) || check_source(&record, "source", &in->source))
    return 0;
  sl_id id = store_fact(&record);
  if (!id) return 0;
  return emit_done(&record, id,
                   sl_store_run(host->store,
                                "INSERT INTO finding(id, review, text) VALUES(?1, ?2, ?3)", "iit",
                                host->error, (int64_t)id, (int64_t)in->review, in->text));
}

sl_id sl_host_emit_term(sl_host *host, const sl_term_record *in) {
  emit record;
  if (!in || !emit_begin(&record, host, "term", &in->source)) return 0;
  if (check_text(&record, "term", in->term, 1) ||
      check_text(&record, "expansion", in->expansion, 1) ||
      check_source(&record, "source", &in->source))
    return 0;
  sl_id id = store_fact(&record);
  if (!id) return 0;
  return emit_done(&record, id,
                   sl_store_run(host->store,
                                "INSERT INTO term(id, term, expansion) VALUES(?1, ?2, ?3)", "itt",
                                host->error, (int64_t)id, in->term, in->expansion));
}

int sl_host_add_source(sl_host *host, sl_id fact, const sl_source *source) {
  emit record;
  if (!emit_begin(&record, host, "source", source)) return -1;
  if (check_parent(&record, "record", fact, FACT_KINDS) || check_source(&record, "source", source))
    return -1;
  return store_source(host, fact, source);
}

int sl_host_add_claim(sl_host *host, sl_id fact, const char *field, const char *value,
                      const sl_source *source) {
  emit record;
  if (!emit_begin(&record, host, "claim", source)) return -1;
  if (check_parent(&record, "record", fact, FACT_KINDS) || check_text(&record, "field", field, 1) ||
      check_text(&record, "value", value, 1) || check_source(&record, "source", source))
    return -1;
  if (sl_store_run(host->store,
                   "INSERT INTO claim(fact, field, value, document, locator, quote) "
                   "VALUES(?1, ?2, ?3, ?4, ?5, ?6)",
                   "ittttt", host->error, (int64_t)fact, field, value, source->document,
                   source->locator, source->quote))
    return sl_host_fail(host, "cannot store a claim: %s", host->error->message);
  host->counts->claims++;
  return 0;
}
