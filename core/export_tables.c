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

/* The tables that are not records of the table: kept as written. */
static const sl_export_table OTHER_TABLES[] = {
    {"sources.csv", "Sources", "id,fact,document,locator,quote",
     EXPORT_HANGING("source",
                    "source") ", r.document, r.locator, r.quote FROM source r "
                              "JOIN fact f ON f.id = r.fact ORDER BY f.area, f.seq, r.id"},
    {"claims.csv", "Claims", "id,fact,field,value,document,locator,quote",
     EXPORT_HANGING("claim", "claim") ", r.field, r.value, r.document, r.locator, r.quote "
                                      "FROM claim r JOIN fact f ON f.id = r.fact "
                                      "ORDER BY f.area, f.seq, r.id"},
    {"theme_assignments.csv", "Themes", "fact,theme,title,rule,phrase,basis",
     "SELECT " EXPORT_ID(
         "f") ", r.theme, t.title, r.rule, r.phrase, r.basis FROM theme_assignment r "
              "JOIN fact f ON f.id = r.fact LEFT JOIN theme t ON t.id = r.theme "
              "ORDER BY f.area, f.seq, r.theme"},
    /* Each progress return's entries, by the ref the return uses. */
    {"progress_entries.csv", "Progress returns",
     "area,period,kind,ref,status,value,state,note,document,locator,quote",
     "SELECT r.area, r.period, e.kind, e.ref, e.status, e.value, e.state, e.note, r.document, "
     "e.locator, e.quote FROM progress_entry e JOIN progress_return r ON r.id = e.return_id "
     "ORDER BY r.area, r.period_start, r.period_end, e.seq"},
    /* Suppressed as every output is (indicator_published, core/disclosure.c);
     * synthetic is 1 for figures counted from made-up case records. */
    {"indicators.csv", "Indicators",
     "indicator,title,unit,direction,area,period,breakdown,value,numerator,denominator,note,"
     "script,script_version,synthetic",
     "SELECT indicator, title, unit, direction, area, period, breakdown, value, numerator, "
     "denominator, note, script, script_version, synthetic FROM indicator_published "
     "ORDER BY indicator, area, period, breakdown"},
    /* The official figures of the loaded areas, compared (statistics_compare.c). */
    {"statistics.csv", "Statistics", sl_statcmp_table_header, sl_statcmp_table_sql},
    /* Each imported case file (never its rows): the source of the counts. */
    {"case_imports.csv", "Case imports", "area,file,file_hash,rows,requests,reviews,synthetic",
     "SELECT area, file, file_hash, rows, requests, reviews, synthetic FROM case_import "
     "ORDER BY area"},
};

enum { OTHER_TABLE_COUNT = sizeof OTHER_TABLES / sizeof OTHER_TABLES[0] };

static void export_append(char *buffer, const char *format, const char *a, const char *b) {
  size_t used = strlen(buffer);
  snprintf(buffer + used, EXPORT_TEXT_MAX - used, format, a, b);
}

/* The header and SELECT of one table of records. */
static void export_build(const export_record_table *spec, char *header, char *sql) {
  const sl_record_kind *kind = &sl_record_kinds[spec->kind];
  const sl_record_field *parent = sl_record_parent(kind);
  int area = spec->kind == SL_KIND_AREA;
  snprintf(header, EXPORT_TEXT_MAX, "%s", area ? "" : "id,area");
  snprintf(sql, EXPORT_TEXT_MAX, "SELECT %s", area ? "" : EXPORT_ID("f") ", f.area");
  for (size_t i = 0; i < kind->field_count; i++) {
    const sl_record_field *field = &kind->fields[i];
    const char *comma = area && i == 0 ? "" : ",";
    if (!sl_record_has_column(field)) continue;
    export_append(header, "%s%s", comma, field->name);
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
      sqls[RECORD_TABLE_COUNT][EXPORT_TEXT_MAX];
  if (!tables[0].file) {
    for (size_t i = 0; i < RECORD_TABLE_COUNT; i++) {
      export_build(&RECORD_TABLES[i], headers[i], sqls[i]);
      tables[i] =
          (sl_export_table){RECORD_TABLES[i].file, RECORD_TABLES[i].sheet, headers[i], sqls[i]};
    }
    for (size_t i = 0; i < OTHER_TABLE_COUNT; i++)
      tables[RECORD_TABLE_COUNT + i] = OTHER_TABLES[i];
  }
  *count = RECORD_TABLE_COUNT + OTHER_TABLE_COUNT;
  return tables;
}

int sl_export_formula_like(const char *text) {
  return text && (text[0] == '=' || text[0] == '+' || text[0] == '-' || text[0] == '@' ||
                  text[0] == '\t' || text[0] == '\r');
}
