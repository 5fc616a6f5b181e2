/*
 * export_tables.c: the record tables the CSV and XLSX exports write, once
 * for both, so a file and its sheet always hold the same columns. A
 * record's id is "AREA-KIND-SEQ" (the area's own is its code), never a row
 * id, so a reload exports the same ids; a child names its parent's id, so
 * actions join concerns join areas.
 */
#include "export_tables.h"

#include "statistics_compare.h"

/* The stable id of the fact row f (an SQL expression). */
#define EXPORT_ID(f)                                                                               \
  "CASE " f ".kind WHEN 'area' THEN " f ".area ELSE " f ".area || '-' || " f ".kind || '-' || " f  \
  ".seq END"
/* The record r, its fact f and its parent's fact p through column. */
#define EXPORT_OF(table, column)                                                                   \
  " FROM " table " r JOIN fact f ON f.id = r.id JOIN fact p ON p.id = r." column                   \
  " ORDER BY f.area, f.seq"
/* The rows hanging off a fact (source, claim): numbered within it. */
#define EXPORT_HANGING(table, word)                                                                \
  "SELECT " EXPORT_ID("f") " || '-" word "-' || row_number() OVER (PARTITION BY r.fact ORDER BY "  \
                           "r.id), " EXPORT_ID("f")

const sl_export_table sl_export_tables[] = {
    {"areas.csv", "Areas", "code,la_number,name,region,plugin,plugin_version",
     "SELECT code, la_number, name, region, plugin, plugin_version FROM area ORDER BY code"},
    {"inspections.csv", "Inspections",
     "id,area,kind,started,ended,published,outcome,weaknesses_found,weaknesses_sufficient",
     "SELECT " EXPORT_ID("f") ", f.area, r.kind, r.started, r.ended, r.published, r.outcome, "
                              "r.weaknesses_found, r.weaknesses_sufficient FROM inspection r "
                              "JOIN fact f ON f.id = r.id ORDER BY f.area, f.seq"},
    {"weaknesses.csv", "Weaknesses", "id,area,inspection,ref,text,progress",
     "SELECT " EXPORT_ID("f") ", f.area, " EXPORT_ID("p") ", r.ref, r.text, r.progress" EXPORT_OF(
         "weakness", "inspection")},
    {"plans.csv", "Plans", "id,area,kind,title,version,dated,approved,period_from,period_to,board",
     "SELECT " EXPORT_ID("f") ", f.area, r.kind, r.title, r.version, r.dated, r.approved, "
                              "r.period_from, r.period_to, r.board FROM plan r "
                              "JOIN fact f ON f.id = r.id ORDER BY f.area, f.seq"},
    {"concerns.csv", "Concerns", "id,area,plan,ref,title",
     "SELECT " EXPORT_ID("f") ", f.area, " EXPORT_ID("p") ", r.ref, r.title" EXPORT_OF("concern",
                                                                                       "plan")},
    {"members.csv", "Members", "id,area,concern,role,name",
     "SELECT " EXPORT_ID("f") ", f.area, " EXPORT_ID("p") ", r.role, r.name" EXPORT_OF("member",
                                                                                       "concern")},
    {"actions.csv", "Actions", "id,area,concern,ref,text,lead,due,status",
     "SELECT " EXPORT_ID("f") ", f.area, " EXPORT_ID(
         "p") ", r.ref, r.text, r.lead, r.due, r.status" EXPORT_OF("action", "concern")},
    {"measures.csv", "Measures",
     "id,area,parent,parent_kind,ref,name,heading,kind,unit,direction,baseline,baseline_date,"
     "target,indicator",
     "SELECT " EXPORT_ID("f") ", f.area, " EXPORT_ID(
         "p") ", p.kind, r.ref, r.name, r.heading, r.kind, r.unit, r.direction, r.baseline, "
              "r.baseline_date, r.target, r.indicator" EXPORT_OF("measure", "parent")},
    {"comparators.csv", "Comparators", "id,area,measure,label,value,date",
     "SELECT " EXPORT_ID("f") ", f.area, " EXPORT_ID("p") ", r.label, r.value, r.date" EXPORT_OF(
         "comparator", "measure")},
    {"observations.csv", "Observations", "id,area,measure,period,kind,value,state,note",
     "SELECT " EXPORT_ID("f") ", f.area, " EXPORT_ID(
         "p") ", r.period, r.kind, r.value, r.state, r.note" EXPORT_OF("observation", "measure")},
    {"reviews.csv", "Reviews", "id,area,plan,label,due,held,held_by",
     "SELECT " EXPORT_ID("f") ", f.area, " EXPORT_ID(
         "p") ", r.label, r.due, r.held, r.held_by" EXPORT_OF("review", "plan")},
    {"findings.csv", "Findings", "id,area,review,text",
     "SELECT " EXPORT_ID("f") ", f.area, " EXPORT_ID("p") ", r.text" EXPORT_OF("finding",
                                                                               "review")},
    {"glossary.csv", "Glossary", "id,area,term,expansion",
     "SELECT " EXPORT_ID(
         "f") ", f.area, r.term, r.expansion FROM term r JOIN fact f ON f.id = r.id "
              "ORDER BY f.area, f.seq"},
    {"sources.csv", "Sources", "id,fact,document,locator,quote",
     EXPORT_HANGING("source",
                    "source") ", r.document, r.locator, r.quote FROM source r "
                              "JOIN fact f ON f.id = r.fact ORDER BY f.area, f.seq, r.id"},
    {"claims.csv", "Claims", "id,fact,field,value,document,locator,quote",
     EXPORT_HANGING("claim", "claim") ", r.field, r.value, r.document, r.locator, r.quote "
                                      "FROM claim r JOIN fact f ON f.id = r.fact "
                                      "ORDER BY f.area, f.seq, r.id"},
    {"theme_assignments.csv", "Themes", "fact,theme,title,rule,phrase",
     "SELECT " EXPORT_ID("f") ", r.theme, t.title, r.rule, r.phrase FROM theme_assignment r "
                              "JOIN fact f ON f.id = r.fact LEFT JOIN theme t ON t.id = r.theme "
                              "ORDER BY f.area, f.seq, r.theme"},
    /* Each progress return's entries, by the ref the return uses. */
    {"progress_entries.csv", "Progress returns",
     "area,period,kind,ref,status,value,state,note,document,locator,quote",
     "SELECT r.area, r.period, e.kind, e.ref, e.status, e.value, e.state, e.note, r.document, "
     "e.locator, e.quote FROM progress_entry e JOIN progress_return r ON r.id = e.return_id "
     "ORDER BY r.area, r.period, e.seq"},
    /* Suppressed as every output is (the view indicator_published). */
    {"indicators.csv", "Indicators",
     "indicator,title,unit,direction,area,period,breakdown,value,numerator,denominator,note,"
     "script,script_version",
     "SELECT indicator, title, unit, direction, area, period, breakdown, value, numerator, "
     "denominator, note, script, script_version FROM indicator_published "
     "ORDER BY indicator, area, period, breakdown"},
    /* The official figures of the loaded areas, compared (statistics_compare.c). */
    {"statistics.csv", "Statistics", sl_statcmp_table_header, sl_statcmp_table_sql},
    /* Each imported case file (never its rows): the source of the counts. */
    {"case_imports.csv", "Case imports", "area,file,file_hash,rows,requests,reviews",
     "SELECT area, file, file_hash, rows, requests, reviews FROM case_import ORDER BY area"},
};

const size_t sl_export_table_count = sizeof sl_export_tables / sizeof sl_export_tables[0];

int sl_export_formula_like(const char *text) {
  return text && (text[0] == '=' || text[0] == '+' || text[0] == '-' || text[0] == '@' ||
                  text[0] == '\t' || text[0] == '\r');
}
