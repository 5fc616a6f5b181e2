/*
 * host_abi1.c: plugins built for ABI 1 (the header of tests/plugins/
 * fixtures/abi1/) keep loading. That ABI's records had no size member and
 * its table another shape; both are frozen here, never edited, the way
 * SQLite keeps the legacy entries of sqlite3_api_routines. A record of ABI 1
 * is its kind's fields up to its source, which in ABI 2 follow the size.
 */
#include "host_abi1.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "host_emit.h"

/* ABI 1's table, member for member. */
typedef struct abi1_table {
  int abi_version;
  size_t size;
  /* The record types keep their names; their ABI-1 shape had no size. */
  sl_id (*emit_area)(sl_host *, const sl_area_record *);
  sl_id (*emit_inspection)(sl_host *, const sl_inspection_record *);
  sl_id (*emit_weakness)(sl_host *, const sl_weakness_record *);
  sl_id (*emit_plan)(sl_host *, const sl_plan_record *);
  sl_id (*emit_concern)(sl_host *, const sl_concern_record *);
  sl_id (*emit_member)(sl_host *, const sl_member_record *);
  sl_id (*emit_action)(sl_host *, const sl_action_record *);
  sl_id (*emit_measure)(sl_host *, const sl_measure_record *);
  sl_id (*emit_comparator)(sl_host *, const sl_comparator_record *);
  sl_id (*emit_observation)(sl_host *, const sl_observation_record *);
  sl_id (*emit_review)(sl_host *, const sl_review_record *);
  sl_id (*emit_finding)(sl_host *, const sl_finding_record *);
  sl_id (*emit_term)(sl_host *, const sl_term_record *);
  int (*add_source)(sl_host *, sl_id, const sl_source *);
  int (*add_claim)(sl_host *, sl_id, const char *, const char *, const sl_source *);
  void (*log)(sl_host *, sl_log_level, const char *, ...);
  int (*fail)(sl_host *, const char *, size_t, const char *, ...);
  const sl_document *(*read_document)(sl_host *, const char *);
  const char *(*copy)(sl_host *, const char *, size_t);
  const char *(*format)(sl_host *, const char *, ...);
  const char *(*parse_date)(sl_host *, const char *);
  int (*parse_revisit_letter)(sl_host *, const sl_document *, sl_revisit_letter *);
  sl_strings (*split_cells)(sl_host *, const char *);
  const char *(*html_text)(sl_host *, const char *);
  sl_strings (*html_list_items)(sl_host *, const char *);
  const char *(*item_number)(sl_host *, const char *, const char **);
  int (*numbered_paragraphs)(sl_host *, const sl_document *, const sl_paragraph **, size_t *);
  sl_strings (*references)(sl_host *, const char *, const char *);
  int (*parse_number)(sl_host *, const char *, size_t);
  void (*sentence)(sl_host *, const char *, const char *, const char **, const char **);
  const char *(*skip_space)(const char *);
  const char *(*trim_end)(const char *, const char *);
  const char *(*copy_trimmed)(sl_host *, const char *, const char *);
  const char *(*list_item)(const char *);
} abi1_table;

/* ABI 1 knew the first 13 kinds; every record began with its first field. */
_Static_assert(SL_KIND_TERM == 12, "ABI 1's kinds are the first 13 of records.def");

static sl_id abi1_emit(sl_host *host, sl_kind kind, const void *record) {
  const sl_record_kind *table = &sl_record_kinds[kind];
  sl_id id = 0;
  if (!record) return host->api->emit(host, (int)kind, NULL, &id), 0;
  char *known = sl_arena_alloc(host->arena, table->size);
  if (!known) return sl_host_fail(host, "%s: out of memory", table->name), 0;
  size_t size = sl_record_min_size(table);
  memcpy(known + sizeof size, record, size - sizeof size);
  memcpy(known, &size, sizeof size);
  return host->api->emit(host, (int)kind, known, &id) == SL_OK ? id : 0;
}

/* Typed as the plugin calls them, so no call goes through a cast pointer. */
#define ABI1_EMIT(kind, KIND)                                                                      \
  static sl_id abi1_emit_##kind(sl_host *host, const sl_##kind##_record *record) {                 \
    return abi1_emit(host, SL_KIND_##KIND, record);                                                \
  }
ABI1_EMIT(area, AREA)
ABI1_EMIT(inspection, INSPECTION)
ABI1_EMIT(weakness, WEAKNESS)
ABI1_EMIT(plan, PLAN)
ABI1_EMIT(concern, CONCERN)
ABI1_EMIT(member, MEMBER)
ABI1_EMIT(action, ACTION)
ABI1_EMIT(measure, MEASURE)
ABI1_EMIT(comparator, COMPARATOR)
ABI1_EMIT(observation, OBSERVATION)
ABI1_EMIT(review, REVIEW)
ABI1_EMIT(finding, FINDING)
ABI1_EMIT(term, TERM)

/* ABI 1 returned 0 for success and -1 for failure. */
static int abi1_status(int rc) { return rc == SL_OK ? 0 : -1; }

static int abi1_add_source(sl_host *host, sl_id record, const sl_source *source) {
  return abi1_status(host->api->add_source(host, record, source));
}

static int abi1_add_claim(sl_host *host, sl_id record, const char *field, const char *value,
                          const sl_source *source) {
  return abi1_status(host->api->add_claim(host, record, field, value, source));
}

static void abi1_log(sl_host *host, sl_log_level level, const char *format, ...) {
  char message[1024];
  va_list args;
  va_start(args, format);
  vsnprintf(message, sizeof message, format, args);
  va_end(args);
  host->api->log(host, level, "%s", message);
}

static int abi1_fail(sl_host *host, const char *document, size_t line, const char *format, ...) {
  char reason[512];
  va_list args;
  va_start(args, format);
  vsnprintf(reason, sizeof reason, format, args);
  va_end(args);
  host->api->fail(host, document, line, "%s", reason);
  return -1;
}

static const sl_document *abi1_read_document(sl_host *host, const char *name) {
  const sl_document *document = NULL;
  return host->api->read_document(host, name, &document) == SL_OK ? document : NULL;
}

static const char *abi1_format(sl_host *host, const char *format, ...) {
  va_list args;
  va_start(args, format);
  const char *text = sl_arena_vformat(host->arena, format, args);
  va_end(args);
  if (!text) sl_host_fail(host, "out of memory");
  return text;
}

static int abi1_parse_revisit_letter(sl_host *host, const sl_document *document,
                                     sl_revisit_letter *out) {
  return abi1_status(host->api->parse_revisit_letter(host, document, out));
}

static int abi1_numbered_paragraphs(sl_host *host, const sl_document *document,
                                    const sl_paragraph **out, size_t *count) {
  return abi1_status(host->api->numbered_paragraphs(host, document, out, count));
}

/* The functions whose shape ABI 2 kept are the host's own, through a table
 * filled on first use from host->api's (the same in every load). */
static abi1_table ABI1;

static void abi1_fill(const sl_host_api *api) {
  ABI1 = (abi1_table){
      .abi_version = 1,
      .size = sizeof(abi1_table),
      .emit_area = abi1_emit_area,
      .emit_inspection = abi1_emit_inspection,
      .emit_weakness = abi1_emit_weakness,
      .emit_plan = abi1_emit_plan,
      .emit_concern = abi1_emit_concern,
      .emit_member = abi1_emit_member,
      .emit_action = abi1_emit_action,
      .emit_measure = abi1_emit_measure,
      .emit_comparator = abi1_emit_comparator,
      .emit_observation = abi1_emit_observation,
      .emit_review = abi1_emit_review,
      .emit_finding = abi1_emit_finding,
      .emit_term = abi1_emit_term,
      .add_source = abi1_add_source,
      .add_claim = abi1_add_claim,
      .log = abi1_log,
      .fail = abi1_fail,
      .read_document = abi1_read_document,
      .copy = api->copy,
      .format = abi1_format,
      .parse_date = api->parse_date,
      .parse_revisit_letter = abi1_parse_revisit_letter,
      .split_cells = api->split_cells,
      .html_text = api->html_text,
      .html_list_items = api->html_list_items,
      .item_number = api->item_number,
      .numbered_paragraphs = abi1_numbered_paragraphs,
      .references = api->references,
      .parse_number = api->parse_number,
      .sentence = api->sentence,
      .skip_space = api->skip_space,
      .trim_end = api->trim_end,
      .copy_trimmed = api->copy_trimmed,
      .list_item = api->list_item,
  };
}

const sl_host_api *sl_host_abi1_table(const sl_host_api *host_table) {
  if (!ABI1.abi_version) abi1_fill(host_table);
  return (const sl_host_api *)(const void *)&ABI1;
}
