/*
 * test_host_emit.c: validation and storing (core/host_emit.h) alone: a load's
 * state made by hand over an in-memory store, records given to sl_host_emit
 * as a plugin's table would, and each refusal's one line.
 */
#include <string.h>

#include "check.h"
#include "host_emit.h"

static const sl_plugin PLUGIN = {SL_PLUGIN_ABI_VERSION, "unit", "E99999991",
                                 "Unitshire",           "1.0",  NULL};
static const char TEXT[] = "Joint area SEND revisit in Unitshire\nLeaders did not share a plan.\n"
                           "Plans on time: 40%\n";
#define SOURCE(quote) ((sl_source){"letter.txt", "line 1", (quote)})

typedef struct unit {
  sl_host host;
  sl_error error;
  sl_load_counts counts;
  host_document document;
} unit;

static int unit_open(unit *u) {
  memset(u, 0, sizeof *u);
  u->host.plugin = &PLUGIN;
  u->host.error = &u->error;
  u->host.counts = &u->counts;
  if (!(u->host.store = sl_store_open(":memory:", &u->error))) return -1;
  if (!(u->host.arena = sl_arena_new())) return -1;
  sl_arena_list_init(&u->host.documents, u->host.arena);
  static const char *const lines[] = {"Joint area SEND revisit in Unitshire",
                                      "Leaders did not share a plan.", "Plans on time: 40%"};
  u->document.document = (sl_document){"letter.txt", lines, 3};
  u->document.text = TEXT;
  return sl_host_add_document(&u->host, &u->document);
}

static void unit_close(unit *u) {
  sl_store_close(u->host.store);
  sl_arena_free(u->host.arena);
}

/* The refusal of a record: its code, and the message has every part. */
static int refused(unit *u, int rc, const char *part, const char *other) {
  int ok =
      rc != SL_OK && strstr(u->error.message, part) && (!other || strstr(u->error.message, other));
  if (!ok) fprintf(stderr, "message: %s\n", u->error.message);
  u->host.failed = 0; /* the next check starts afresh */
  return ok;
}

int main(void) {
  unit u;
  CHECK(unit_open(&u) == 0);
  sl_host *host = &u.host;
  sl_id area = 0, inspection = 0, plan = 0, concern = 0, measure = 0;
  sl_area_record a = {sizeof a, .code = "E99999991", .name = "Unitshire",
                      .source = SOURCE("Joint area SEND revisit")};
  CHECK(sl_host_emit(host, SL_KIND_AREA, &a, &area) == SL_OK && area > 0);
  sl_inspection_record i = {sizeof i, .kind = "revisit", .started = "2023-02-06",
                            .weaknesses_found = -1, .source = SOURCE("Joint area")};
  CHECK(sl_host_emit(host, SL_KIND_INSPECTION, &i, &inspection) == SL_OK);
  sl_plan_record p = {sizeof p, .kind = "APP", .source = SOURCE("plan")};
  CHECK(sl_host_emit(host, SL_KIND_PLAN, &p, &plan) == SL_OK);
  sl_concern_record c = {sizeof c, .plan = plan, .title = "Plans", .source = SOURCE("Plans")};
  CHECK(sl_host_emit(host, SL_KIND_CONCERN, &c, &concern) == SL_OK);
  sl_measure_record m = {sizeof m,
                         .parent = concern,
                         .name = "Plans on time",
                         .group = "Timeliness",
                         .baseline = "40",
                         .source = SOURCE("Plans on time: 40%")};
  CHECK(sl_host_emit(host, SL_KIND_MEASURE, &m, &measure) == SL_OK);
  sqlite3_stmt *row =
      sl_store_prepare(host->store, "SELECT \"group\", baseline FROM measure", "", &u.error);
  CHECK(row && sqlite3_step(row) == SQLITE_ROW);
  CHECK_STR((const char *)sqlite3_column_text(row, 0), "Timeliness");
  CHECK(sqlite3_column_type(row, 1) == SQLITE_FLOAT && sqlite3_column_double(row, 1) == 40.0);
  sqlite3_reset(row);

  /* Each check of records.def, by its message. */
  sl_weakness_record w = {sizeof w, .inspection = inspection,
                          .text = "Leaders did not share a plan.", .progress = "partial",
                          .source = SOURCE("Leaders did not")};
  CHECK(refused(&u, sl_host_emit(host, SL_KIND_WEAKNESS, &w, NULL),
                "field 'progress': 'partial' is not one of sufficient, insufficient", "weakness"));
  w.progress = NULL, w.text = NULL;
  CHECK(refused(&u, sl_host_emit(host, SL_KIND_WEAKNESS, &w, NULL), "field 'text': missing", NULL));
  w.text = "", w.source.quote = "Leaders did not";
  CHECK(refused(&u, sl_host_emit(host, SL_KIND_WEAKNESS, &w, NULL), "field 'text': empty", NULL));
  w.text = "x", w.inspection = plan;
  CHECK(refused(&u, sl_host_emit(host, SL_KIND_WEAKNESS, &w, NULL), "is a plan, not a inspection",
                "field 'inspection'"));
  w.inspection = inspection, w.source.quote = "Leaders shared everything";
  CHECK(refused(&u, sl_host_emit(host, SL_KIND_WEAKNESS, &w, NULL), "is not in letter.txt", NULL));
  i.started = "2023-02-30";
  CHECK(refused(&u, sl_host_emit(host, SL_KIND_INSPECTION, &i, NULL), "field 'started'",
                "not an ISO date"));
  i.started = NULL, i.weaknesses_found = 1, i.weaknesses_sufficient = 2;
  CHECK(refused(&u, sl_host_emit(host, SL_KIND_INSPECTION, &i, NULL),
                "2 is more than weaknesses_found 1", NULL));
  m.baseline = "forty";
  CHECK(
      refused(&u, sl_host_emit(host, SL_KIND_MEASURE, &m, NULL), "'forty' is not a number", NULL));
  sl_observation_record o = {sizeof o,         .measure = measure, .period = "2022-Q5",
                             .kind = "actual", .value = "4",       .source = SOURCE("Plans")};
  CHECK(refused(&u, sl_host_emit(host, SL_KIND_OBSERVATION, &o, NULL), "is not a period", NULL));
  o.period = "2022-Q3", o.state = "commenced";
  CHECK(refused(&u, sl_host_emit(host, SL_KIND_OBSERVATION, &o, NULL), "either a value or a state",
                NULL));
  o.state = NULL;
  CHECK(sl_host_emit(host, SL_KIND_OBSERVATION, &o, NULL) == SL_OK);
  /* A period as a document writes it is kept so, with its kind and span. */
  o.period = "Q3 2022/23", o.label = "Milestone 2";
  CHECK(sl_host_emit(host, SL_KIND_OBSERVATION, &o, NULL) == SL_OK);
  sqlite3_stmt *span = sl_store_prepare(
      host->store,
      "SELECT period_kind || ' ' || period_start || ' ' || period_end || ' ' || label "
      "FROM observation WHERE period = 'Q3 2022/23'",
      "", &u.error);
  CHECK(span && sqlite3_step(span) == SQLITE_ROW);
  if (span) {
    CHECK_STR((const char *)sqlite3_column_text(span, 0),
              "quarter 2023-03-01 2023-05-31 Milestone 2");
    sqlite3_reset(span);
  }
  o.period = "Winter 2023";
  CHECK(refused(&u, sl_host_emit(host, SL_KIND_OBSERVATION, &o, NULL), "'Winter 2023'",
                "is not a period"));

  /* The size: unset is misuse; a newer plugin's record is read when the
   * fields this host does not know are unset, refused when one is set. */
  sl_concern_record unsized = c;
  unsized.size = 0;
  CHECK(refused(&u, sl_host_emit(host, SL_KIND_CONCERN, &unsized, NULL), "size", "concern"));
  struct {
    sl_concern_record known;
    const char *appended;
  } newer = {c, NULL};
  newer.known.size = sizeof newer;
  CHECK(sl_host_emit(host, SL_KIND_CONCERN, &newer, NULL) == SL_OK);
  newer.appended = "set";
  CHECK(refused(&u, sl_host_emit(host, SL_KIND_CONCERN, &newer, NULL), "newer plugin.h", NULL));
  CHECK(sl_host_emit(host, SL_KIND_COUNT, &c, NULL) == SL_MISUSE);
  u.host.failed = 0;
  CHECK(sl_host_emit(host, SL_KIND_CONCERN, NULL, NULL) == SL_MISUSE);
  u.host.failed = 0;

  /* Roles: checked by records.def (kind, parent), empty names refused; a
   * member record and an action's lead are stored as roles, once. */
  sl_role_record r = {sizeof r,
                      .parent = plan,
                      .role = "Accountable Officers",
                      .kind = "accountable_officer",
                      .name = "A. Person",
                      .person = "A. Person",
                      .source = SOURCE("plan")};
  CHECK(sl_host_emit(host, SL_KIND_ROLE, &r, NULL) == SL_OK);
  sl_role_record bad = r;
  bad.kind = "boss";
  CHECK(refused(&u, sl_host_emit(host, SL_KIND_ROLE, &bad, NULL), "field 'kind'", "role"));
  bad = r;
  bad.parent = measure;
  CHECK(refused(&u, sl_host_emit(host, SL_KIND_ROLE, &bad, NULL), "field 'parent'", "measure"));
  bad = r;
  bad.post = "";
  CHECK(refused(&u, sl_host_emit(host, SL_KIND_ROLE, &bad, NULL), "field 'post'", "empty"));
  sl_member_record old = {sizeof old, .concern = concern, .role = "lead", .name = "Head of SEND",
                          .source = SOURCE("Plans")};
  sl_id moved = 0, action = 0;
  CHECK(sl_host_emit(host, SL_KIND_MEMBER, &old, &moved) == SL_OK && moved > 0);
  sl_action_record led = {sizeof led, .concern = concern, .ref = "1.1", .lead = "Officer",
                          .source = SOURCE("Plans")};
  CHECK(sl_host_emit(host, SL_KIND_ACTION, &led, &action) == SL_OK);
  row = sl_store_prepare(host->store,
                         "SELECT (SELECT count(*) FROM member), (SELECT count(*) FROM action "
                         "WHERE lead IS NOT NULL), (SELECT group_concat(parent || ':' || kind || "
                         "':' || name, ',') FROM (SELECT * FROM role ORDER BY id))",
                         "", &u.error);
  CHECK(row && sqlite3_step(row) == SQLITE_ROW);
  CHECK(sqlite3_column_int(row, 0) == 0 && sqlite3_column_int(row, 1) == 0);
  char expected[128];
  snprintf(expected, sizeof expected,
           "%lld:accountable_officer:A. Person,%lld:lead:Head of SEND,"
           "%lld:lead:Officer",
           (long long)plan, (long long)concern, (long long)action);
  CHECK_STR((const char *)sqlite3_column_text(row, 2), expected);
  sqlite3_reset(row);

  /* A second area, and a record after a failure, are refused. */
  CHECK(refused(&u, sl_host_emit(host, SL_KIND_AREA, &a, NULL), "area emitted twice", NULL));
  sl_host_fail(host, "first");
  CHECK(sl_host_emit(host, SL_KIND_CONCERN, &c, NULL) == SL_ERROR);
  CHECK(strstr(u.error.message, "first") != NULL);
  unit_close(&u);
  return CHECK_DONE();
}
