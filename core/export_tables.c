/*
 * export_tables.c: the record tables the CSV and XLSX exports write, once
 * for both, so a file and its sheet always hold the same columns. A
 * record's id is "AREA-KIND-SEQ" (the area's own is its code), never a row
 * id, so a reload exports the same ids; a child names its parent's id, so
 * actions join concerns join areas.
 */
#include "export_tables.h"

#include <stdio.h>
#include <string.h>

#include "records.h"
#include "statistics_compare.h"

/* The stable id of the fact row f (an SQL expression). */
#define EXPORT_ID(f)                                                                               \
  "CASE " f ".kind WHEN 'area' THEN " f ".area ELSE " f ".area || '-' || " f ".kind || '-' || " f  \
  ".seq END"
/* The rows hanging off a fact (source, claim): numbered within it. */
#define EXPORT_HANGING(table, word)                                                                \
  "SELECT " EXPORT_ID("f") " || '-" word "-' || row_number() OVER (PARTITION BY r.fact ORDER BY "  \
                           "r.id), " EXPORT_ID("f")

/*
 * The tables of records come from sendlens/records.def: after the record's
 * id and area, a column per field in the table's order (the parent as its
 * id), then what the host adds. A field added to the table is a column
 * here with no other edit.
 */
typedef struct export_record_table {
  const char *file;
  const char *sheet;
  sl_kind kind;
  int parent_kind;          /* a column naming the parent's kind (a measure's) */
  const char *extra_header; /* columns the host adds, not the plugin */
  const char *extra_sql;
} export_record_table;

static const export_record_table RECORD_TABLES[] = {
    {"areas.csv", "Areas", SL_KIND_AREA, 0, ",plugin,plugin_version",
     ", r.plugin, r.plugin_version"},
    {"inspections.csv", "Inspections", SL_KIND_INSPECTION, 0, "", ""},
    {"weaknesses.csv", "Weaknesses", SL_KIND_WEAKNESS, 0, "", ""},
    {"plans.csv", "Plans", SL_KIND_PLAN, 0, "", ""},
    {"concerns.csv", "Concerns", SL_KIND_CONCERN, 0, "", ""},
    {"roles.csv", "Roles", SL_KIND_ROLE, 1, "", ""},
    {"actions.csv", "Actions", SL_KIND_ACTION, 0, "", ""},
    {"measures.csv", "Measures", SL_KIND_MEASURE, 1, ",indicator", ", r.indicator"},
    {"comparators.csv", "Comparators", SL_KIND_COMPARATOR, 0, "", ""},
    {"observations.csv", "Observations", SL_KIND_OBSERVATION, 0, "", ""},
    {"reviews.csv", "Reviews", SL_KIND_REVIEW, 0, "", ""},
    {"findings.csv", "Findings", SL_KIND_FINDING, 0, "", ""},
    {"glossary.csv", "Glossary", SL_KIND_TERM, 0, "", ""},
};

enum {
  RECORD_TABLE_COUNT = sizeof RECORD_TABLES / sizeof RECORD_TABLES[0],
  EXPORT_TEXT_MAX = 2048
};

/* The name of the area whose GSS code is the SQL expression code: the
 * loaded area's, else the published geography's (the statistics files'
 * la_name), so an area known only from case records or statistics is
 * named too; NULL when neither knows it. */
#define EXPORT_AREA_NAME(code)                                                                     \
  "coalesce((SELECT name FROM area WHERE code = " code "), (SELECT name FROM stat_geography "      \
  "WHERE code = " code "))"

/* The tables that are not records of the table: kept as written. */
static const sl_export_table OTHER_TABLES[] = {
    {"sources.csv", "Sources",
     "where each record was read: the document, the place in it and the words quoted",
     "id,fact,document,locator,quote", "",
     EXPORT_HANGING("source",
                    "source") ", r.document, r.locator, r.quote FROM source r "
                              "JOIN fact f ON f.id = r.fact ORDER BY f.area, f.seq, r.id"},
    {"claims.csv", "Claims",
     "a value of a record that documents give differently: each claim with its source",
     "id,fact,field,value,document,locator,quote", "",
     EXPORT_HANGING("claim", "claim") ", r.field, r.value, r.document, r.locator, r.quote "
                                      "FROM claim r JOIN fact f ON f.id = r.fact "
                                      "ORDER BY f.area, f.seq, r.id"},
    {"theme_assignments.csv", "Themes",
     "the common themes each weakness and concern is mapped onto, with the rule and the words "
     "that matched",
     "fact,theme,title,rule,phrase,basis", "",
     "SELECT " EXPORT_ID(
         "f") ", r.theme, t.title, r.rule, r.phrase, r.basis FROM theme_assignment r "
              "JOIN fact f ON f.id = r.fact LEFT JOIN theme t ON t.id = r.theme "
              "ORDER BY f.area, f.seq, r.theme"},
    /* Each progress return's entries, by the ref the return uses. */
    {"progress_entries.csv", "Progress returns",
     "each imported progress return's action statuses and measure values, by the ref the return "
     "uses",
     "area,area_name,period,kind,ref,status,value,state,note,document,locator,quote",
     "value:decimal",
     "SELECT r.area, " EXPORT_AREA_NAME(
         "r.area") ", r.period, e.kind, e.ref, e.status, e.value, e.state, e.note, r.document, "
                   "e.locator, e.quote FROM progress_entry e JOIN progress_return r ON r.id = "
                   "e.return_id ORDER BY r.area, r.period_start, r.period_end, e.seq"},
    /* Suppressed as every output is (indicator_published, core/disclosure.c);
     * synthetic is 1 for figures counted from made-up case records. */
    {"indicators.csv", "Indicators",
     "the indicators computed per area and period by the Lua scripts; counts from case records "
     "of 1 to 4, and those that would give one away, are suppressed (x)",
     "indicator,title,unit,direction,area,area_name,period,breakdown,value,numerator,denominator,"
     "note,script,script_version,synthetic",
     "value:unit+x numerator:integer+x denominator:integer+x synthetic:integer",
     "SELECT indicator, title, unit, direction, area, " EXPORT_AREA_NAME(
         "area") ", period, breakdown, value, numerator, denominator, note, script, "
                 "script_version, synthetic FROM indicator_published "
                 "ORDER BY indicator, area, period, breakdown"},
    /* The official figures of the loaded areas, compared (statistics_compare.c). */
    {"statistics.csv", "Statistics",
     "the official statistics of each loaded area beside England and its region, with rank, "
     "quartile and change; a symbol (x, c, z, low) where no number is published",
     sl_statcmp_table_header,
     "value:unit numerator:decimal denominator:decimal england:unit region:unit rank:integer "
     "ranked:integer quartile:integer change:decimal line:integer",
     sl_statcmp_table_sql},
    /* Each imported case file (never its rows): the source of the counts. */
    {"case_imports.csv", "Case imports",
     "each imported file of case records (never its rows): the source of the counted indicators",
     "area,area_name,file,file_hash,rows,requests,reviews,synthetic",
     "rows:integer requests:integer reviews:integer synthetic:integer",
     "SELECT area, " EXPORT_AREA_NAME("area") ", file, file_hash, rows, requests, reviews, "
                                              "synthetic FROM case_import ORDER BY area"},
};

enum { OTHER_TABLE_COUNT = sizeof OTHER_TABLES / sizeof OTHER_TABLES[0] };

static void export_append(char *buffer, const char *format, const char *a, const char *b) {
  size_t used = strlen(buffer);
  snprintf(buffer + used, EXPORT_TEXT_MAX - used, format, a, b);
}

/* The type of a record's field in a spreadsheet (export_tables.h): a
 * measure's baseline and target are in its unit. */
static const char *export_field_type(const sl_record_field *field, sl_kind kind) {
  if (field->type == SL_FIELD_DATE) return "date";
  if (field->type == SL_FIELD_COUNT) return "integer";
  if (field->type != SL_FIELD_NUMBER) return NULL;
  return kind == SL_KIND_MEASURE ? "unit" : "decimal";
}

/* The header, types and SELECT of one table of records. */
static void export_build(const export_record_table *spec, char *header, char *types, char *sql) {
  const sl_record_kind *kind = &sl_record_kinds[spec->kind];
  const sl_record_field *parent = sl_record_parent(kind);
  int area = spec->kind == SL_KIND_AREA;
  snprintf(header, EXPORT_TEXT_MAX, "%s", area ? "" : "id,area,area_name");
  snprintf(sql, EXPORT_TEXT_MAX, "SELECT %s",
           area ? "" : EXPORT_ID("f") ", f.area, " EXPORT_AREA_NAME("f.area"));
  types[0] = 0;
  for (size_t i = 0; i < kind->field_count; i++) {
    const sl_record_field *field = &kind->fields[i];
    const char *comma = area && i == 0 ? "" : ",";
    if (!sl_record_has_column(field)) continue;
    export_append(header, "%s%s", comma, field->name);
    const char *type = export_field_type(field, spec->kind);
    if (type) export_append(types, "%s:%s ", field->name, type);
    if (field == parent) {
      export_append(sql, "%s %s", comma, EXPORT_ID("p"));
      if (spec->parent_kind) export_append(header, "%s%s", ",", "parent_kind");
      if (spec->parent_kind) export_append(sql, "%s%s", ", ", "p.kind");
    } else {
      export_append(sql, "%s r.\"%s\"", comma, field->name);
    }
    /* A period's kind and span follow it, so a spreadsheet can order and
     * compare periods written differently (docs/periods.md). */
    for (int part = 0; field->type == SL_FIELD_PERIOD && part < 3; part++) {
      export_append(header, ",%s%s", field->name, sl_record_span_suffixes[part]);
      export_append(sql, ", r.\"%s%s\"", field->name, sl_record_span_suffixes[part]);
      if (part > 0) export_append(types, "%s%s:date ", field->name, sl_record_span_suffixes[part]);
    }
  }
  export_append(header, "%s%s", spec->extra_header, "");
  export_append(sql, "%s FROM %s r", spec->extra_sql, kind->name);
  if (area) {
    export_append(sql, "%s%s", " ORDER BY r.code", "");
    return;
  }
  export_append(sql, "%s%s", " JOIN fact f ON f.id = r.id", "");
  if (parent) export_append(sql, " JOIN fact p ON p.id = r.\"%s\"%s", parent->name, "");
  export_append(sql, "%s%s", " ORDER BY f.area, f.seq", "");
}

const sl_export_table *sl_export_tables(size_t *count) {
  static sl_export_table tables[RECORD_TABLE_COUNT + OTHER_TABLE_COUNT];
  static char headers[RECORD_TABLE_COUNT][EXPORT_TEXT_MAX],
      types[RECORD_TABLE_COUNT][EXPORT_TEXT_MAX], sqls[RECORD_TABLE_COUNT][EXPORT_TEXT_MAX];
  if (!tables[0].file) {
    for (size_t i = 0; i < RECORD_TABLE_COUNT; i++) {
      const export_record_table *spec = &RECORD_TABLES[i];
      export_build(spec, headers[i], types[i], sqls[i]);
      tables[i] = (sl_export_table){spec->file, spec->sheet, sl_record_kinds[spec->kind].doc,
                                    headers[i], types[i],    sqls[i]};
    }
    for (size_t i = 0; i < OTHER_TABLE_COUNT; i++)
      tables[RECORD_TABLE_COUNT + i] = OTHER_TABLES[i];
  }
  *count = RECORD_TABLE_COUNT + OTHER_TABLE_COUNT;
  return tables;
}

static const char *const EXPORT_TYPE_NAMES[] = {"text", "integer", "decimal", "date", "unit"};

/* The type of "name:type[+x]", at the start of declaration; -1 if unknown. */
static int export_type_named(const char *text, size_t length, int *suppressible) {
  *suppressible = length > 2 && strncmp(text + length - 2, "+x", 2) == 0;
  if (*suppressible) length -= 2;
  for (size_t i = 0; i < sizeof EXPORT_TYPE_NAMES / sizeof EXPORT_TYPE_NAMES[0]; i++)
    if (strlen(EXPORT_TYPE_NAMES[i]) == length && strncmp(text, EXPORT_TYPE_NAMES[i], length) == 0)
      return (int)i;
  return -1;
}

/* Apply one "name:type" of a table's types to its columns; -1 if wrong. */
static int export_type_one(const char *item, size_t length, sl_export_column *columns,
                           size_t count) {
  const char *colon = memchr(item, ':', length);
  if (!colon) return -1;
  size_t name_length = (size_t)(colon - item);
  for (size_t i = 0; i < count; i++) {
    if (strlen(columns[i].name) != name_length || strncmp(columns[i].name, item, name_length))
      continue;
    int type = export_type_named(colon + 1, length - name_length - 1, &columns[i].suppressible);
    if (type < 0) return -1;
    columns[i].type = (sl_export_type)type;
    return 0;
  }
  return -1;
}

int sl_export_columns(const sl_export_table *table, sl_export_column *columns, size_t max) {
  size_t count = 0;
  for (const char *start = table->header; *start;) {
    size_t length = strcspn(start, ",");
    if (count == max || length >= sizeof columns[0].name) return -1;
    columns[count] = (sl_export_column){.type = SL_EXPORT_TEXT};
    memcpy(columns[count].name, start, length);
    columns[count++].name[length] = 0;
    start += length + (start[length] == ',');
  }
  for (const char *item = table->types; *item;) {
    size_t length = strcspn(item, " ");
    if (length && export_type_one(item, length, columns, count) != 0) return -1;
    item += length + (item[length] == ' ');
  }
  return (int)count;
}

int sl_export_formula_like(const char *text) {
  return text && (text[0] == '=' || text[0] == '+' || text[0] == '-' || text[0] == '@' ||
                  text[0] == '\t' || text[0] == '\r');
}
