/*
 * export_csv.c: the CSV export, table-driven: each file is a header line
 * and one SELECT whose columns come in the header's order. A record's id
 * is "AREA-KIND-SEQ" (the area's own is its code); a child names its
 * parent's id, so actions.csv joins concerns.csv joins areas.csv.
 */
#include "export_csv.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* The stable id of the fact row f (an SQL expression). */
#define CSV_ID(f)                                                                                  \
  "CASE " f ".kind WHEN 'area' THEN " f ".area ELSE " f ".area || '-' || " f ".kind || '-' || " f  \
  ".seq END"
/* The record r, its fact f and its parent's fact p through column. */
#define CSV_OF(table, column)                                                                      \
  " FROM " table " r JOIN fact f ON f.id = r.id JOIN fact p ON p.id = r." column                   \
  " ORDER BY f.area, f.seq"
/* The rows hanging off a fact (source, claim): numbered within it. */
#define CSV_HANGING(table, word)                                                                   \
  "SELECT " CSV_ID("f") " || '-" word "-' || row_number() OVER (PARTITION BY r.fact ORDER BY "     \
                        "r.id), " CSV_ID("f")

typedef struct csv_file {
  const char *name;
  const char *header;
  const char *sql;
} csv_file;

static const csv_file csv_files[] = {
    {"areas.csv", "code,la_number,name,region,plugin,plugin_version",
     "SELECT code, la_number, name, region, plugin, plugin_version FROM area ORDER BY code"},
    {"inspections.csv",
     "id,area,kind,started,ended,published,outcome,weaknesses_found,weaknesses_sufficient",
     "SELECT " CSV_ID("f") ", f.area, r.kind, r.started, r.ended, r.published, r.outcome, "
                           "r.weaknesses_found, r.weaknesses_sufficient FROM inspection r "
                           "JOIN fact f ON f.id = r.id ORDER BY f.area, f.seq"},
    {"weaknesses.csv", "id,area,inspection,ref,text,progress",
     "SELECT " CSV_ID("f") ", f.area, " CSV_ID("p") ", r.ref, r.text, r.progress" CSV_OF(
         "weakness", "inspection")},
    {"plans.csv", "id,area,kind,title,version,dated,approved,period_from,period_to,board",
     "SELECT " CSV_ID("f") ", f.area, r.kind, r.title, r.version, r.dated, r.approved, "
                           "r.period_from, r.period_to, r.board FROM plan r "
                           "JOIN fact f ON f.id = r.id ORDER BY f.area, f.seq"},
    {"concerns.csv", "id,area,plan,ref,title",
     "SELECT " CSV_ID("f") ", f.area, " CSV_ID("p") ", r.ref, r.title" CSV_OF("concern", "plan")},
    {"members.csv", "id,area,concern,role,name",
     "SELECT " CSV_ID("f") ", f.area, " CSV_ID("p") ", r.role, r.name" CSV_OF("member", "concern")},
    {"actions.csv", "id,area,concern,ref,text,lead,due,status",
     "SELECT " CSV_ID("f") ", f.area, " CSV_ID(
         "p") ", r.ref, r.text, r.lead, r.due, r.status" CSV_OF("action", "concern")},
    {"measures.csv",
     "id,area,parent,parent_kind,ref,name,heading,kind,unit,direction,baseline,baseline_date,"
     "target,indicator",
     "SELECT " CSV_ID("f") ", f.area, " CSV_ID(
         "p") ", p.kind, r.ref, r.name, r.heading, r.kind, r.unit, r.direction, r.baseline, "
              "r.baseline_date, r.target, r.indicator" CSV_OF("measure", "parent")},
    {"comparators.csv", "id,area,measure,label,value,date",
     "SELECT " CSV_ID("f") ", f.area, " CSV_ID("p") ", r.label, r.value, r.date" CSV_OF(
         "comparator", "measure")},
    {"observations.csv", "id,area,measure,period,kind,value,state,note",
     "SELECT " CSV_ID("f") ", f.area, " CSV_ID(
         "p") ", r.period, r.kind, r.value, r.state, r.note" CSV_OF("observation", "measure")},
    {"reviews.csv", "id,area,plan,label,due,held,held_by",
     "SELECT " CSV_ID("f") ", f.area, " CSV_ID("p") ", r.label, r.due, r.held, r.held_by" CSV_OF(
         "review", "plan")},
    {"findings.csv", "id,area,review,text",
     "SELECT " CSV_ID("f") ", f.area, " CSV_ID("p") ", r.text" CSV_OF("finding", "review")},
    {"glossary.csv", "id,area,term,expansion",
     "SELECT " CSV_ID("f") ", f.area, r.term, r.expansion FROM term r JOIN fact f ON f.id = r.id "
                           "ORDER BY f.area, f.seq"},
    {"sources.csv", "id,fact,document,locator,quote",
     CSV_HANGING("source", "source") ", r.document, r.locator, r.quote FROM source r "
                                     "JOIN fact f ON f.id = r.fact ORDER BY f.area, f.seq, r.id"},
    {"claims.csv", "id,fact,field,value,document,locator,quote",
     CSV_HANGING("claim", "claim") ", r.field, r.value, r.document, r.locator, r.quote "
                                   "FROM claim r JOIN fact f ON f.id = r.fact "
                                   "ORDER BY f.area, f.seq, r.id"},
    {"theme_assignments.csv", "fact,theme,rule,phrase",
     "SELECT " CSV_ID("f") ", r.theme, r.rule, r.phrase FROM theme_assignment r "
                           "JOIN fact f ON f.id = r.fact ORDER BY f.area, f.seq, r.theme"},
    /* Suppressed as every output is (the view indicator_published). */
    {"indicators.csv",
     "indicator,title,unit,direction,area,period,breakdown,value,numerator,denominator,note,"
     "script,script_version",
     "SELECT indicator, title, unit, direction, area, period, breakdown, value, numerator, "
     "denominator, note, script, script_version FROM indicator_published "
     "ORDER BY indicator, area, period, breakdown"},
    /* Each imported case file (never its rows): the source of the counts. */
    {"case_imports.csv", "area,file,file_hash,rows,requests,reviews",
     "SELECT area, file, file_hash, rows, requests, reviews FROM case_import ORDER BY area"},
};

enum { CSV_FILE_COUNT = sizeof csv_files / sizeof csv_files[0] };

/* RFC 4180: a field holding a comma, quote or line break is quoted, and
 * its quotes doubled. */
static void csv_field(FILE *out, const char *text) {
  if (!strpbrk(text, ",\"\r\n")) {
    fputs(text, out);
    return;
  }
  fputc('"', out);
  for (; *text; text++) {
    if (*text == '"') fputc('"', out);
    fputc(*text, out);
  }
  fputc('"', out);
}

/* Numbers as a person writes them (21.5, not 21.500000000000000). */
static void csv_value(FILE *out, sqlite3_stmt *statement, int column) {
  switch (sqlite3_column_type(statement, column)) {
  case SQLITE_NULL:
    return;
  case SQLITE_INTEGER:
    fprintf(out, "%lld", (long long)sqlite3_column_int64(statement, column));
    return;
  case SQLITE_FLOAT:
    fprintf(out, "%.15g", sqlite3_column_double(statement, column));
    return;
  default:
    csv_field(out, (const char *)sqlite3_column_text(statement, column));
  }
}

static int csv_rows(sl_store *store, const csv_file *file, FILE *out, sl_error *error) {
  sqlite3_stmt *statement = sl_store_prepare(store, file->sql, "", error);
  if (!statement) return -1;
  int status, columns = sqlite3_column_count(statement);
  while ((status = sqlite3_step(statement)) == SQLITE_ROW) {
    for (int i = 0; i < columns; i++) {
      if (i) fputc(',', out);
      csv_value(out, statement, i);
    }
    fputs("\r\n", out);
  }
  if (status != SQLITE_DONE)
    return sl_error_set(error, "%s: %s", file->name, sqlite3_errmsg(sl_store_db(store)));
  return 0;
}

static void csv_path(char *path, size_t size, const char *dir, const char *name, int temporary) {
  snprintf(path, size, "%s/%s%s%s", dir, temporary ? "." : "", name, temporary ? ".tmp" : "");
}

static int csv_write(sl_store *store, const char *dir, const csv_file *file, sl_error *error) {
  char path[4096];
  csv_path(path, sizeof path, dir, file->name, 1);
  FILE *out = fopen(path, "wb");
  if (!out) return sl_error_set(error, "%s: cannot create: %s", path, strerror(errno));
  fprintf(out, "%s\r\n", file->header);
  int status = csv_rows(store, file, out, error);
  int failed = ferror(out);
  if (fclose(out) != 0) failed = 1;
  if (status == 0 && failed)
    return sl_error_set(error, "%s: cannot write: %s", path, strerror(errno));
  return status;
}

static int csv_directory(const char *dir, sl_error *error) {
  struct stat info;
  if (stat(dir, &info) == 0)
    return S_ISDIR(info.st_mode) ? 0 : sl_error_set(error, "%s: not a directory", dir);
  if (errno != ENOENT || mkdir(dir, 0777) != 0)
    return sl_error_set(error, "%s: cannot create the directory: %s", dir, strerror(errno));
  return 0;
}

static void csv_remove_temporaries(const char *dir) {
  char path[4096];
  for (int i = 0; i < CSV_FILE_COUNT; i++) {
    csv_path(path, sizeof path, dir, csv_files[i].name, 1);
    remove(path);
  }
}

/* Every file is written before any is renamed, so an export that fails
 * part way leaves the files of the previous export as they were. */
int sl_export_csv(sl_store *store, const char *dir, sl_error *error) {
  if (csv_directory(dir, error) != 0) return -1;
  for (int i = 0; i < CSV_FILE_COUNT; i++) {
    if (csv_write(store, dir, &csv_files[i], error) != 0) {
      csv_remove_temporaries(dir);
      return -1;
    }
  }
  for (int i = 0; i < CSV_FILE_COUNT; i++) {
    char from[4096], to[4096];
    csv_path(from, sizeof from, dir, csv_files[i].name, 1);
    csv_path(to, sizeof to, dir, csv_files[i].name, 0);
    if (rename(from, to) != 0) {
      sl_error_set(error, "%s: cannot rename into place: %s", to, strerror(errno));
      csv_remove_temporaries(dir);
      return -1;
    }
  }
  return 0;
}
