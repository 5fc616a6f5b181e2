/*
 * records.c: sendlens/records.def expanded into data: one array of fields
 * per kind, and the kinds in the order of sl_kind. Nothing here knows a
 * kind by name; what a kind's fields are is the table's alone.
 */
#include "records.h"

#include <stdio.h>
#include <string.h>

#define RECORDS_REQUIRED 1
#define RECORDS_OPTIONAL 0

#define SL_RECORD(kind, KIND, doc) static const sl_record_field KIND##_FIELDS[] = {
#define SL_FIELD(kind, name_, type, presence, values, json, doc)                                   \
  {#name_,                                                                                         \
   SL_FIELD_##type,                                                                                \
   RECORDS_##presence,                                                                             \
   values,                                                                                         \
   json,                                                                                           \
   doc,                                                                                            \
   offsetof(sl_##kind##_record, name_),                                                            \
   sizeof(((sl_##kind##_record *)0)->name_)},
#define SL_END(kind)                                                                               \
  }                                                                                                \
  ;
#include "sendlens/records.def"
#undef SL_RECORD
#undef SL_FIELD
#undef SL_END

#define SL_RECORD(kind, KIND, doc)                                                                 \
  [SL_KIND_##KIND] = {#kind, doc, sizeof(sl_##kind##_record), KIND##_FIELDS,                       \
                      sizeof KIND##_FIELDS / sizeof KIND##_FIELDS[0]},
#define SL_FIELD(kind, name, type, presence, values, json, doc)
#define SL_END(kind)
const sl_record_kind sl_record_kinds[SL_KIND_COUNT] = {
#include "sendlens/records.def"
};
#undef SL_RECORD
#undef SL_FIELD
#undef SL_END

const sl_record_kind *sl_record_kind_named(const char *name) {
  for (int i = 0; name && i < SL_KIND_COUNT; i++)
    if (strcmp(sl_record_kinds[i].name, name) == 0) return &sl_record_kinds[i];
  return NULL;
}

const sl_record_field *sl_record_field_named(const sl_record_kind *kind, const char *name) {
  for (size_t i = 0; i < kind->field_count; i++)
    if (strcmp(kind->fields[i].name, name) == 0) return &kind->fields[i];
  return NULL;
}

const sl_record_field *sl_record_parent(const sl_record_kind *kind) {
  for (size_t i = 0; i < kind->field_count; i++)
    if (kind->fields[i].type == SL_FIELD_PARENT) return &kind->fields[i];
  return NULL;
}

int sl_record_word_in(const char *word, const char *list) {
  size_t length = strlen(word);
  for (const char *at = list; *at;) {
    size_t span = strcspn(at, " ");
    if (span == length && strncmp(at, word, length) == 0) return 1;
    at += span;
    at += strspn(at, " ");
  }
  return 0;
}

size_t sl_record_min_size(const sl_record_kind *kind) {
  for (size_t i = 0; i < kind->field_count; i++)
    if (kind->fields[i].type == SL_FIELD_SOURCE)
      return kind->fields[i].offset + kind->fields[i].width;
  return kind->size;
}

int sl_record_normalize(const sl_record_kind *kind, const void *record, void *out,
                        const char **why) {
  size_t size;
  memcpy(&size, record, sizeof size); /* every record begins with its size */
  if (size < sl_record_min_size(kind)) {
    *why = "its size is smaller than the kind's first version (size not set?)";
    return -1;
  }
  const unsigned char *bytes = record;
  for (size_t i = kind->size; i < size; i++) {
    if (bytes[i]) {
      *why = "it sets fields this sendlens does not know (built against a newer plugin.h)";
      return -1;
    }
  }
  memset(out, 0, kind->size);
  memcpy(out, record, size < kind->size ? size : kind->size);
  memcpy(out, &kind->size, sizeof kind->size);
  return 0;
}

enum { RECORDS_SQL_MAX = 1024 };

const char *const sl_record_span_suffixes[3] = {"_kind", "_start", "_end"};

/* Append to buffer; the table is ours and small, so running out of room is
 * a programming error caught by the first test that loads anything. */
static void records_append(char *buffer, const char *text) {
  strncat(buffer, text, RECORDS_SQL_MAX - strlen(buffer) - 1);
}

static void records_build_insert(char *sql, const sl_record_kind *kind, int with_id) {
  char placeholder[16];
  int count = 0;
  snprintf(sql, RECORDS_SQL_MAX, "INSERT INTO %s(%s", kind->name, with_id ? "\"id\"" : "");
  count += with_id;
  for (size_t i = 0; i < kind->field_count; i++) {
    if (!sl_record_has_column(&kind->fields[i])) continue;
    records_append(sql, count++ ? ", \"" : "\"");
    records_append(sql, kind->fields[i].name);
    records_append(sql, "\"");
  }
  /* A period's kind and span (host columns: period.h reads the text). */
  for (size_t i = 0; i < kind->field_count; i++) {
    if (kind->fields[i].type != SL_FIELD_PERIOD) continue;
    for (int part = 0; part < 3; part++) {
      records_append(sql, ", \"");
      records_append(sql, kind->fields[i].name);
      records_append(sql, sl_record_span_suffixes[part]);
      records_append(sql, "\"");
      count++;
    }
  }
  /* The area's row also names the plugin that loaded it (host columns). */
  if (!with_id) {
    records_append(sql, ", \"plugin\", \"plugin_version\"");
    count += 2;
  }
  records_append(sql, ") VALUES(");
  for (int i = 1; i <= count; i++) {
    snprintf(placeholder, sizeof placeholder, "%s?%d", i > 1 ? ", " : "", i);
    records_append(sql, placeholder);
  }
  records_append(sql, ")");
}

const char *sl_record_insert_sql(sl_kind kind) {
  static char sql[SL_KIND_COUNT][RECORDS_SQL_MAX];
  if ((int)kind < 0 || kind >= SL_KIND_COUNT) return NULL;
  if (!sql[kind][0]) records_build_insert(sql[kind], &sl_record_kinds[kind], kind != SL_KIND_AREA);
  return sql[kind];
}
