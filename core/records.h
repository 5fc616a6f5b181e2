/*
 * records.h: the record kinds of sendlens/records.def as data the host
 * walks: each kind's fields with their type, presence, allowed values,
 * JSON key and place in the record struct. Validation (host_emit.c), the
 * child's wire format (host_child.c) and the exports read it, so a field
 * added to the table reaches all of them.
 */
#ifndef SL_RECORDS_H
#define SL_RECORDS_H

#include <stddef.h>

#include "sendlens/plugin.h"

typedef enum sl_field_type {
  SL_FIELD_TEXT,
  SL_FIELD_DATE,
  SL_FIELD_PERIOD,
  SL_FIELD_NUMBER,
  SL_FIELD_ENUM,
  SL_FIELD_COUNT,
  SL_FIELD_PARENT,
  SL_FIELD_SOURCE
} sl_field_type;

typedef struct sl_record_field {
  const char *name; /* C member, SQL column, CSV header, Lua key */
  sl_field_type type;
  int required;
  const char *values; /* ENUM values or PARENT kinds, space separated */
  const char *json;   /* the export's key; "" when nested; "a.b" in object a */
  const char *doc;
  size_t offset; /* in the record struct */
  size_t width;  /* sizeof the member */
} sl_record_field;

typedef struct sl_record_kind {
  const char *name; /* "measure": fact kind, table, struct sl_measure_record */
  const char *doc;
  size_t size; /* sizeof the struct as this host knows it */
  const sl_record_field *fields;
  size_t field_count;
} sl_record_kind;

extern const sl_record_kind sl_record_kinds[SL_KIND_COUNT];

/* The kind named name, or NULL. */
const sl_record_kind *sl_record_kind_named(const char *name);

/* The field named name of kind, or NULL. */
const sl_record_field *sl_record_field_named(const sl_record_kind *kind, const char *name);

/* The kind's PARENT field, or NULL (area, inspection, plan, term). */
const sl_record_field *sl_record_parent(const sl_record_kind *kind);

/* Whether word is one of the space-separated words of list. */
int sl_record_word_in(const char *word, const char *list);

/* The smallest record of a kind: its fields up to and including its source,
 * the kind's first version (records.def says why). */
size_t sl_record_min_size(const sl_record_kind *kind);

/*
 * A plugin's record of kind, whose first member says its size, as the
 * record this host knows, in out (kind->size bytes): a smaller one (an older
 * plugin) has the fields it lacks zeroed, that is NULL; a larger one (a
 * newer plugin) is accepted when the fields this host does not know are
 * unset. Returns 0, or -1 with *why saying what is wrong.
 */
int sl_record_normalize(const sl_record_kind *kind, const void *record, void *out,
                        const char **why);

/* A field with a column of its kind's table (every one but SOURCE). */
static inline int sl_record_has_column(const sl_record_field *field) {
  return field->type != SL_FIELD_SOURCE;
}

/* A PERIOD field NAME has three host columns beside it: NAME_kind,
 * NAME_start and NAME_end (its kind and first and last days, from
 * core/period.c), in this order after the fields' columns. */
extern const char *const sl_record_span_suffixes[3];

/*
 * The INSERT of one record of kind: "INSERT INTO measure("id", "parent",
 * ...) VALUES(?1, ?2, ...)", the fact id first, then a column per field in
 * the table's order, then each PERIOD field's span columns (the area's own
 * row has no id and ends with plugin and plugin_version). Built once and kept: its address keys the
 * store's cache of statements.
 */
const char *sl_record_insert_sql(sl_kind kind);

#endif
