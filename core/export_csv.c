/*
 * export_csv.c: the CSV export: a file per table of export_tables.c, its
 * header line, then its SELECT's rows, RFC 4180. The files are written
 * under temporary names and renamed into place only when all are written.
 */
#include "export_csv.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "disclosure.h"
#include "export_tables.h"
#include "publication.h"

/* RFC 4180: a field holding a comma, quote or line break is quoted, and
 * its quotes doubled. Text a spreadsheet would run as a formula is quoted
 * after a single quote (sl_export_formula_like). */
static void csv_field(FILE *out, const char *text) {
  if (sl_export_formula_like(text)) {
    fputs("\"'", out);
    for (; *text; text++) {
      if (*text == '"') fputc('"', out);
      fputc(*text, out);
    }
    fputc('"', out);
    return;
  }
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

static int csv_rows(sl_store *store, const sl_export_table *file, FILE *out, sl_error *error) {
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
    return sl_error_set(error, "%s: %s", file->file, sqlite3_errmsg(sl_store_db(store)));
  return 0;
}

static void csv_path(char *path, size_t size, const char *dir, const char *name, int temporary) {
  snprintf(path, size, "%s/%s%s%s", dir, temporary ? "." : "", name, temporary ? ".tmp" : "");
}

/* UTF-8's byte order mark: Excel needs it to read a double-clicked CSV
 * file as UTF-8 rather than the machine's code page. */
static const char CSV_BOM[] = "\xEF\xBB\xBF";

static int csv_write(sl_store *store, const char *dir, const sl_export_table *file, int bom,
                     sl_error *error) {
  char path[4096];
  csv_path(path, sizeof path, dir, file->file, 1);
  FILE *out = fopen(path, "wb");
  if (!out) return sl_error_set(error, "%s: cannot create: %s", path, strerror(errno));
  if (bom) fputs(CSV_BOM, out);
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

/* The publication metadata's two files (core/publication.h), beside the
 * tables: RFC 4180 like them, so no reader meets a comment line. */
static const char *const CSV_PUBLICATION_FILES[] = {"publication.csv", "publication_sources.csv"};

static int csv_write_rows(const char *dir, const char *name, cJSON *rows, int bom,
                          sl_error *error) {
  char path[4096];
  if (!rows) return sl_error_set(error, "%s: out of memory", name);
  csv_path(path, sizeof path, dir, name, 1);
  FILE *out = fopen(path, "wb");
  if (!out) {
    cJSON_Delete(rows);
    return sl_error_set(error, "%s: cannot create: %s", path, strerror(errno));
  }
  if (bom) fputs(CSV_BOM, out);
  const cJSON *row, *cell;
  cJSON_ArrayForEach(row, rows) {
    int first = 1;
    cJSON_ArrayForEach(cell, row) {
      if (!first) fputc(',', out);
      if (cJSON_IsString(cell)) csv_field(out, cell->valuestring);
      first = 0;
    }
    fputs("\r\n", out);
  }
  cJSON_Delete(rows);
  int failed = ferror(out);
  if (fclose(out) != 0 || failed)
    return sl_error_set(error, "%s: cannot write: %s", path, strerror(errno));
  return 0;
}

static int csv_publication(const char *dir, const cJSON *publication, int bom, sl_error *error) {
  if (csv_write_rows(dir, CSV_PUBLICATION_FILES[0], sl_publication_fields(publication), bom, error))
    return -1;
  return csv_write_rows(dir, CSV_PUBLICATION_FILES[1], sl_publication_sources_table(publication),
                        bom, error);
}

/* The name of the i-th file written: the tables', then the publication's. */
static const char *csv_file(size_t i) {
  size_t count;
  const sl_export_table *tables = sl_export_tables(&count);
  return i < count ? tables[i].file : CSV_PUBLICATION_FILES[i - count];
}

static size_t csv_file_count(void) {
  size_t count;
  sl_export_tables(&count);
  return count + sizeof CSV_PUBLICATION_FILES / sizeof *CSV_PUBLICATION_FILES;
}

static void csv_remove_temporaries(const char *dir) {
  char path[4096];
  for (size_t i = 0; i < csv_file_count(); i++) {
    csv_path(path, sizeof path, dir, csv_file(i), 1);
    remove(path);
  }
}

/* Every file is written before any is renamed, so an export that fails
 * part way leaves the files of the previous export as they were. */
int sl_export_csv(sl_store *store, const cJSON *publication, const char *dir, int bom,
                  sl_error *error) {
  if (csv_directory(dir, error) != 0 || sl_disclosure_publish(store, error) != 0) return -1;
  size_t count;
  const sl_export_table *tables = sl_export_tables(&count);
  for (size_t i = 0; i <= count; i++) {
    if ((i < count ? csv_write(store, dir, &tables[i], bom, error)
                   : csv_publication(dir, publication, bom, error)) != 0) {
      csv_remove_temporaries(dir);
      return -1;
    }
  }
  for (size_t i = 0; i < csv_file_count(); i++) {
    char from[4096], to[4096];
    csv_path(from, sizeof from, dir, csv_file(i), 1);
    csv_path(to, sizeof to, dir, csv_file(i), 0);
    if (rename(from, to) != 0) {
      sl_error_set(error, "%s: cannot rename into place: %s", to, strerror(errno));
      csv_remove_temporaries(dir);
      return -1;
    }
  }
  return 0;
}
