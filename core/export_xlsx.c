/*
 * export_xlsx.c: the XLSX export, written with libxlsxwriter: README (what
 * each sheet holds, the licences, the synthetic-data warning), a sheet per
 * table of export_tables.c (the CSV export's files, with their ids, so a
 * child's parent column finds its parent's row), then Comparison, compare's
 * themes x areas matrix, each cell in words. Each sheet is a named Excel
 * table (Power Query and pivot tables find it by name); each column has
 * the one number format of its declared type; dates are Excel dates, a
 * percentage a fraction formatted as one, and a suppressed figure an empty
 * number with "x" in a text column beside it.
 */
#include "export_xlsx.h"

#include "buffer.h"

#include <cjson/cJSON.h>
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <xlsxwriter.h>

#include "compare.h"
#include "days.h"
#include "disclosure.h"
#include "export_tables.h"
#include "publication.h"
#include "statistics_compare.h"

/* Columns wider than this wrap their text instead of growing. */
#define XLSX_WIDTH_MAX 60.0
/* Enough for every sheet, and a Comparison column for each of England's
 * 153 local areas. */
#define XLSX_COLUMNS_MAX 256

/* One sheet being written: where the next row goes, and the widest text
 * of each column so far, for its width. */
typedef struct xlsx_writer {
  lxw_workbook *workbook;
  lxw_worksheet *worksheet;
  lxw_format *bold, *wrap, *top;
  /* A column's format by its type (sl_export_type), and percent's. */
  lxw_format *typed[SL_EXPORT_UNIT + 1], *percent;
  const char *sheet;
  const char *synthetic; /* the warning, when figures are of synthetic records */
  lxw_row_t row;
  int columns;
  double widths[XLSX_COLUMNS_MAX];
  lxw_format *formats[XLSX_COLUMNS_MAX]; /* a column's, NULL: text */
  char headers[XLSX_COLUMNS_MAX][72];    /* the table's column names */
  sl_error *error;
} xlsx_writer;

/* Where a table's SQL column goes on its sheet, and how it is written. */
typedef struct xlsx_layout {
  sl_export_column columns[SL_EXPORT_COLUMNS_MAX];
  int sheet_column[SL_EXPORT_COLUMNS_MAX];
  int count;
  int unit; /* the SQL column named "unit", -1 if none */
} xlsx_layout;

/* What a person counts as the text's width: characters, not bytes. */
static double xlsx_text_width(const char *text) {
  double width = 0;
  for (; *text; text++)
    if (((unsigned char)*text & 0xC0) != 0x80) width++;
  return width;
}

static int xlsx_check(xlsx_writer *writer, lxw_error status) {
  if (status == LXW_NO_ERROR) return 0;
  return sl_error_set(writer->error, "sheet %s, row %u: %s", writer->sheet,
                      (unsigned)writer->row + 1, lxw_strerror(status));
}

static int xlsx_text(xlsx_writer *writer, int column, const char *text, lxw_format *format) {
  if (sl_export_formula_like(text)) {
    size_t length = strlen(text);
    char *quoted = malloc(length + 2);
    if (!quoted) return sl_error_set(writer->error, "sheet %s: out of memory", writer->sheet);
    quoted[0] = '\'';
    memcpy(quoted + 1, text, length + 1);
    int status = xlsx_text(writer, column, quoted, format);
    free(quoted);
    return status;
  }
  double width = xlsx_text_width(text);
  if (width > writer->widths[column]) writer->widths[column] = width;
  return xlsx_check(writer, worksheet_write_string(writer->worksheet, writer->row,
                                                   (lxw_col_t)column, text, format));
}

/* A number in column, in format. */
static int xlsx_number(xlsx_writer *writer, int column, double value, lxw_format *format) {
  char shown[32];
  snprintf(shown, sizeof shown, "%.15g", value);
  double width = xlsx_text_width(shown);
  if (width > writer->widths[column]) writer->widths[column] = width;
  return xlsx_check(writer, worksheet_write_number(writer->worksheet, writer->row,
                                                   (lxw_col_t)column, value, format));
}

/* Excel counts days from 1899-12-30 (day 25569 is 1970-01-01); before
 * March 1900 its calendar is wrong, so such a day stays text. */
enum { XLSX_EPOCH_DAYS = 25569, XLSX_FIRST_GOOD_DAY = 61 };

/* An ISO day as an Excel date; anything else ("2022-03", a year) as the
 * text it is, since a month is not a day and nothing is invented. */
static int xlsx_date(xlsx_writer *writer, int column, const char *text) {
  int64_t day;
  if (sl_days_parse(text, strlen(text), &day) == 0 && day + XLSX_EPOCH_DAYS >= XLSX_FIRST_GOOD_DAY)
    return xlsx_number(writer, column, (double)(day + XLSX_EPOCH_DAYS),
                       writer->typed[SL_EXPORT_DATE]);
  return xlsx_text(writer, column, text, writer->typed[SL_EXPORT_TEXT]);
}

/* The SQL column i of statement as its declared type says; NULL (unknown)
 * stays an empty cell. A number where the row's unit is "percent" (0 to
 * 100) is written as the fraction a percentage format shows; text in a
 * suppressible column ("x") goes to the text column beside it. */
static int xlsx_value(xlsx_writer *writer, sqlite3_stmt *statement, const xlsx_layout *layout,
                      int i) {
  const sl_export_column *column = &layout->columns[i];
  int at = layout->sheet_column[i], type = sqlite3_column_type(statement, i);
  if (type == SQLITE_NULL) return 0;
  const char *text = (const char *)sqlite3_column_text(statement, i);
  if (column->type == SL_EXPORT_DATE) return xlsx_date(writer, at, text);
  if (type != SQLITE_INTEGER && type != SQLITE_FLOAT)
    return xlsx_text(writer, at + column->suppressible, text, writer->typed[SL_EXPORT_TEXT]);
  double value = sqlite3_column_double(statement, i);
  lxw_format *format = writer->typed[column->type];
  if (column->type == SL_EXPORT_UNIT && layout->unit >= 0 &&
      sqlite3_column_type(statement, layout->unit) == SQLITE_TEXT &&
      strcmp((const char *)sqlite3_column_text(statement, layout->unit), "percent") == 0) {
    /* Through 15 digits, so 53.8 is 0.538 and not 0.53799999999999992. */
    char fraction[32];
    snprintf(fraction, sizeof fraction, "%.15g", value / 100);
    value = strtod(fraction, NULL);
    format = writer->percent;
  }
  return xlsx_number(writer, at, value, format);
}

static int xlsx_begin_sheet(xlsx_writer *writer, const char *name) {
  writer->sheet = name;
  writer->row = 0;
  writer->columns = 0;
  writer->worksheet = workbook_add_worksheet(writer->workbook, name);
  if (!writer->worksheet) return sl_error_set(writer->error, "sheet %s: cannot add it", name);
  return 0;
}

/* The next bold cell of the header row; its width includes room for the
 * autofilter's arrow. */
static int xlsx_header_cell(xlsx_writer *writer, const char *name) {
  if (writer->columns >= XLSX_COLUMNS_MAX)
    return sl_error_set(writer->error, "sheet %s: more than %d columns", writer->sheet,
                        XLSX_COLUMNS_MAX);
  writer->widths[writer->columns] = xlsx_text_width(name) + 3;
  writer->formats[writer->columns] = NULL;
  snprintf(writer->headers[writer->columns], sizeof writer->headers[0], "%s%s",
           sl_export_formula_like(name) ? "'" : "", name);
  return xlsx_text(writer, writer->columns++, name, writer->bold);
}

/* The header row from "a,b,c"; the data starts below it. */
static int xlsx_header(xlsx_writer *writer, const char *header) {
  char name[64];
  for (const char *start = header; *start;) {
    size_t length = strcspn(start, ",");
    snprintf(name, sizeof name, "%.*s", (int)length, start);
    if (xlsx_header_cell(writer, name) != 0) return -1;
    start += length + (start[length] == ',');
  }
  return 0;
}

/* A table's name from its sheet's: letters, digits and underscores
 * ("Progress returns" is Progress_returns), which Excel accepts and no
 * cell reference looks like, since every sheet's name begins with a
 * capital and holds a lower-case letter. */
static void xlsx_table_name(const char *sheet, char *name, size_t size) {
  size_t i = 0;
  for (; sheet[i] && i + 1 < size; i++)
    name[i] = isalnum((unsigned char)sheet[i]) ? sheet[i] : '_';
  name[i] = 0;
}

/* The sheet as a named Excel table over its header and data (banded
 * rows, a filter on each column); an empty sheet's table has one empty
 * row, since a table needs one. */
static int xlsx_add_table(xlsx_writer *writer) {
  lxw_table_column columns[XLSX_COLUMNS_MAX], *list[XLSX_COLUMNS_MAX + 1];
  for (int i = 0; i < writer->columns; i++) {
    columns[i] = (lxw_table_column){.header = writer->headers[i], .header_format = writer->bold};
    list[i] = &columns[i];
  }
  list[writer->columns] = NULL;
  char name[64];
  xlsx_table_name(writer->sheet, name, sizeof name);
  lxw_table_options options = {.name = name,
                               .style_type = LXW_TABLE_STYLE_TYPE_MEDIUM,
                               .style_type_number = 2,
                               .columns = list};
  lxw_row_t last = writer->row > 1 ? writer->row - 1 : 1;
  return xlsx_check(writer, worksheet_add_table(writer->worksheet, 0, 0, last,
                                                (lxw_col_t)(writer->columns - 1), &options));
}

/* Frozen header, the table, widths to fit the widest text, capped: a
 * column at the cap wraps its text rather than running on; a typed
 * column keeps its number format. */
static int xlsx_end_sheet(xlsx_writer *writer) {
  lxw_worksheet *worksheet = writer->worksheet;
  worksheet_freeze_panes(worksheet, 1, 0);
  if (xlsx_add_table(writer) != 0) return -1;
  for (int i = 0; i < writer->columns; i++) {
    double width = writer->widths[i] + 1;
    /* Top-aligned, so a row's cells line up beside a wrapped one. */
    lxw_format *format = width > XLSX_WIDTH_MAX ? writer->wrap : writer->top;
    if (writer->formats[i]) format = writer->formats[i];
    if (width > XLSX_WIDTH_MAX) width = XLSX_WIDTH_MAX;
    if (xlsx_check(writer,
                   worksheet_set_column(worksheet, (lxw_col_t)i, (lxw_col_t)i, width, format)) != 0)
      return -1;
  }
  return 0;
}

/* The sheet's header from the table's typed columns: a suppressible one
 * is followed by NAME_symbol (Statistics' own symbol columns are text
 * columns of the table already). */
static int xlsx_layout_header(xlsx_writer *writer, const sl_export_table *sheet,
                              xlsx_layout *layout) {
  layout->count = sl_export_columns(sheet, layout->columns, SL_EXPORT_COLUMNS_MAX);
  if (layout->count < 0)
    return sl_error_set(writer->error, "sheet %s: its column types are declared wrong",
                        sheet->sheet);
  layout->unit = -1;
  char name[80];
  for (int i = 0; i < layout->count; i++) {
    const sl_export_column *column = &layout->columns[i];
    if (strcmp(column->name, "unit") == 0) layout->unit = i;
    layout->sheet_column[i] = writer->columns;
    if (xlsx_header_cell(writer, column->name) != 0) return -1;
    if (column->type != SL_EXPORT_TEXT)
      writer->formats[writer->columns - 1] = writer->typed[column->type];
    snprintf(name, sizeof name, "%s_symbol", column->name);
    if (column->suppressible && xlsx_header_cell(writer, name) != 0) return -1;
  }
  return 0;
}

static int xlsx_rows(xlsx_writer *writer, sl_store *store, const sl_export_table *sheet,
                     const xlsx_layout *layout) {
  sqlite3_stmt *statement = sl_store_prepare(store, sheet->sql, "", writer->error);
  if (!statement) return -1;
  int status, columns = sqlite3_column_count(statement);
  while ((status = sqlite3_step(statement)) == SQLITE_ROW) {
    for (int i = 0; i < columns && i < layout->count; i++)
      if (xlsx_value(writer, statement, layout, i) != 0) return -1;
    writer->row++;
  }
  if (status != SQLITE_DONE)
    return sl_error_set(writer->error, "sheet %s: %s", sheet->sheet,
                        sqlite3_errmsg(sl_store_db(store)));
  return 0;
}

/* A sheet with a synthetic column carries the warning as a note on its
 * first cell, shown open, so nobody reads its figures without it. */
static int xlsx_synthetic_note(xlsx_writer *writer, const char *header) {
  if (!writer->synthetic || !strstr(header, ",synthetic")) return 0;
  if (xlsx_check(writer, worksheet_write_comment(writer->worksheet, 0, 0, writer->synthetic)))
    return -1;
  worksheet_show_comments(writer->worksheet);
  return 0;
}

static int xlsx_table(xlsx_writer *writer, sl_store *store, const sl_export_table *sheet) {
  xlsx_layout layout;
  if (xlsx_begin_sheet(writer, sheet->sheet) != 0 ||
      xlsx_layout_header(writer, sheet, &layout) != 0 ||
      xlsx_synthetic_note(writer, sheet->header) != 0)
    return -1;
  writer->row = 1;
  if (xlsx_rows(writer, store, sheet, &layout) != 0) return -1;
  return xlsx_end_sheet(writer);
}

static const char *xlsx_string(const cJSON *object, const char *key) {
  return cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(object, key));
}

static int xlsx_count(const cJSON *object, const char *key) {
  return (int)cJSON_GetNumberValue(cJSON_GetObjectItemCaseSensitive(object, key));
}

/* "weakness 3: insufficient progress; concern 2: 9 actions, 8 measures". */
static void xlsx_cell_words(sl_buffer *words, const cJSON *cell) {
  const cJSON *item;
  cJSON_ArrayForEach(item, cJSON_GetObjectItemCaseSensitive(cell, "weaknesses")) {
    const char *ref = xlsx_string(item, "ref"), *progress = xlsx_string(item, "progress");
    sl_buffer_printf(words, "%sweakness%s%s: %s%s", words->length ? "; " : "", ref ? " " : "",
                     ref ? ref : "", progress ? progress : "not judged",
                     progress ? " progress" : "");
  }
  cJSON_ArrayForEach(item, cJSON_GetObjectItemCaseSensitive(cell, "concerns")) {
    const char *ref = xlsx_string(item, "ref");
    int actions = xlsx_count(item, "actions"), measures = xlsx_count(item, "measures");
    sl_buffer_printf(words, "%sconcern%s%s: %d action%s, %d measure%s", words->length ? "; " : "",
                     ref ? " " : "", ref ? ref : "", actions, actions == 1 ? "" : "s", measures,
                     measures == 1 ? "" : "s");
  }
}

/* A theme's row: its id, its title, then one cell per area in words, left
 * empty where the area has nothing of the theme. */
static int xlsx_comparison_row(xlsx_writer *writer, const cJSON *row) {
  const char *theme = xlsx_string(row, "theme"), *title = xlsx_string(row, "title");
  if (xlsx_text(writer, 0, theme ? theme : "", NULL) != 0 ||
      xlsx_text(writer, 1, title ? title : "", NULL) != 0)
    return -1;
  int column = 2;
  const cJSON *cell;
  cJSON_ArrayForEach(cell, cJSON_GetObjectItemCaseSensitive(row, "cells")) {
    sl_buffer words = {0};
    xlsx_cell_words(&words, cell);
    int status = words.length ? xlsx_text(writer, column, words.data, NULL) : 0;
    free(words.data);
    if (status != 0) return status;
    column++;
  }
  writer->row++;
  return 0;
}

static int xlsx_comparison_header(xlsx_writer *writer, const cJSON *matrix) {
  if (xlsx_header(writer, "theme,title") != 0) return -1;
  const cJSON *area;
  cJSON_ArrayForEach(area, cJSON_GetObjectItemCaseSensitive(matrix, "areas")) {
    const char *name = xlsx_string(area, "name");
    if (xlsx_header_cell(writer, name ? name : "") != 0) return -1;
  }
  return 0;
}

static int xlsx_comparison(xlsx_writer *writer, sl_store *store) {
  cJSON *matrix = sl_compare_matrix(store, writer->error);
  if (!matrix) return -1;
  int status = xlsx_begin_sheet(writer, "Comparison");
  if (status == 0) status = xlsx_comparison_header(writer, matrix);
  writer->row = 1;
  const cJSON *row;
  cJSON_ArrayForEach(row, cJSON_GetObjectItemCaseSensitive(matrix, "rows")) {
    if (status == 0) status = xlsx_comparison_row(writer, row);
  }
  cJSON_Delete(matrix);
  return status == 0 ? xlsx_end_sheet(writer) : -1;
}

/* The licences of what the workbook holds: the areas' documents (each
 * plugin's sources/LICENCE.md), then, when imported, the DfE's statistics
 * (data/dfe-ehcp-2025/README.md). */
static const char *const XLSX_LICENCES[][2] = {
    {"Area documents",
     "each area's published documents (inspection letters, plans, minutes), read by its "
     "plugin, under the licence its sources/LICENCE.md states (the bundled areas': Open "
     "Government Licence v3.0); the Sources sheet names the document and place of every fact"},
    {"Official statistics",
     "Department for Education, Education, health and care plans (Explore education "
     "statistics): Open Government Licence v3.0, "
     "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/"},
};

/* Rows of text cells below what the sheet holds so far: an array of
 * arrays of strings (null for an empty cell), the shape the publication
 * metadata comes in. */
static int xlsx_readme_rows(xlsx_writer *writer, const cJSON *rows) {
  const cJSON *row, *cell;
  cJSON_ArrayForEach(row, rows) {
    int column = 0;
    cJSON_ArrayForEach(cell, row) {
      if (column < XLSX_COLUMNS_MAX && cJSON_IsString(cell) &&
          xlsx_text(writer, column, cell->valuestring, column ? writer->wrap : writer->bold) != 0)
        return -1;
      column++;
    }
    if (column > writer->columns) writer->columns = column;
    writer->row++;
  }
  return 0;
}

static int xlsx_readme_add(cJSON *rows, const char *label, const char *value) {
  const char *cells[] = {label, value};
  cJSON *row = cJSON_CreateStringArray(cells, value ? 2 : 1);
  return row && cJSON_AddItemToArray(rows, row) ? 0 : -1;
}

/* Each sheet and what it holds (the descriptions export_tables.c
 * declares, which docs/workbook.md shares), then the licences of what it
 * holds. When and what wrote it are the publication metadata's rows. */
static cJSON *xlsx_readme_content(int statistics) {
  cJSON *rows = cJSON_CreateArray();
  int failed =
      !rows || xlsx_readme_add(rows, "", NULL) || xlsx_readme_add(rows, "Sheet", "What it holds");
  size_t count;
  const sl_export_table *tables = sl_export_tables(&count);
  for (size_t i = 0; i < count && !failed; i++)
    failed = xlsx_readme_add(rows, tables[i].sheet, tables[i].description);
  failed = failed || xlsx_readme_add(rows, "Comparison",
                                     "the themes x areas matrix of `sendlens compare`, each cell "
                                     "in words");
  failed = failed || xlsx_readme_add(rows, "", NULL) || xlsx_readme_add(rows, "Source", "Licence");
  for (size_t i = 0; i < (statistics ? 2u : 1u) && !failed; i++)
    failed = xlsx_readme_add(rows, XLSX_LICENCES[i][0], XLSX_LICENCES[i][1]);
  if (!failed) return rows;
  cJSON_Delete(rows);
  return NULL;
}

/* The first sheet: the synthetic-data warning when any figure is of
 * synthetic records, before anything else a reader opens; then the
 * publication metadata and its sources (core/publication.c gives them as
 * rows), then what the workbook holds. Prose, not a table: no filter. */
static int xlsx_readme(xlsx_writer *writer, sl_store *store, const cJSON *publication,
                       char *warning, size_t size) {
  int found = sl_disclosure_synthetic_warning(store, warning, size, writer->error);
  if (found < 0) return found;
  if (found) writer->synthetic = warning;
  if (xlsx_begin_sheet(writer, "README") != 0 ||
      xlsx_header_cell(writer, found ? warning : "About this workbook") != 0)
    return -1;
  writer->widths[0] = found ? XLSX_WIDTH_MAX : writer->widths[0];
  writer->row = 2;
  int statistics = sl_statcmp_has_statistics(store, writer->error);
  if (statistics < 0) return -1;
  cJSON *metadata = sl_publication_rows(publication);
  cJSON *rows = metadata ? xlsx_readme_content(statistics) : NULL;
  int status = rows ? 0 : sl_error_set(writer->error, "sheet README: out of memory");
  if (status == 0) status = xlsx_readme_rows(writer, metadata);
  if (status == 0) status = xlsx_readme_rows(writer, rows);
  cJSON_Delete(metadata);
  cJSON_Delete(rows);
  if (status != 0) return -1;
  for (int i = 0; i < writer->columns; i++) {
    double width = writer->widths[i] + 1 > XLSX_WIDTH_MAX ? XLSX_WIDTH_MAX : writer->widths[i] + 1;
    if (xlsx_check(writer, worksheet_set_column(writer->worksheet, (lxw_col_t)i, (lxw_col_t)i,
                                                width, writer->wrap)) != 0)
      return -1;
  }
  return 0;
}

static int xlsx_sheets_all(xlsx_writer *writer, sl_store *store, const cJSON *publication) {
  size_t count;
  char warning[4096];
  if (sl_disclosure_publish(store, writer->error) != 0 ||
      xlsx_readme(writer, store, publication, warning, sizeof warning) < 0)
    return -1;
  const sl_export_table *tables = sl_export_tables(&count);
  for (size_t i = 0; i < count; i++)
    if (xlsx_table(writer, store, &tables[i]) != 0) return -1;
  return xlsx_comparison(writer, store);
}

static int xlsx_formats(xlsx_writer *writer) {
  writer->bold = workbook_add_format(writer->workbook);
  writer->wrap = workbook_add_format(writer->workbook);
  writer->top = workbook_add_format(writer->workbook);
  if (!writer->bold || !writer->wrap || !writer->top)
    return sl_error_set(writer->error, "out of memory");
  format_set_bold(writer->bold);
  format_set_text_wrap(writer->wrap);
  format_set_align(writer->wrap, LXW_ALIGN_VERTICAL_TOP);
  format_set_align(writer->top, LXW_ALIGN_VERTICAL_TOP);
  /* One number format per type: whole numbers, numbers as they are,
   * ISO days, percentages to a tenth as the DfE publishes them. */
  static const char *const numbers[] = {NULL, "0", "General", "yyyy-mm-dd", "General", "0.0%"};
  for (int i = 1; i <= SL_EXPORT_UNIT + 1; i++) {
    lxw_format *format = workbook_add_format(writer->workbook);
    if (!format) return sl_error_set(writer->error, "out of memory");
    format_set_num_format(format, numbers[i]);
    format_set_align(format, LXW_ALIGN_VERTICAL_TOP);
    if (i <= SL_EXPORT_UNIT)
      writer->typed[i] = format;
    else
      writer->percent = format;
  }
  return 0;
}

/* libxlsxwriter creates its file only when the workbook is closed, and
 * then reports a failure on stderr in its own words; creating the file
 * first gives the one-line error this program promises, before any work. */
static int xlsx_creatable(const char *temporary, const char *path, sl_error *error) {
  FILE *file = fopen(temporary, "wb");
  if (!file) return sl_error_set(error, "%s: cannot create: %s", path, strerror(errno));
  fclose(file);
  return 0;
}

/* The workbook is built under a temporary name and renamed once closed
 * well, so a failure leaves any earlier file as it was. */
/* The workbook's creation time: $SOURCE_DATE_EPOCH when set (the
 * reproducible-builds convention), so the same data can give the same bytes;
 * else now. */
static int xlsx_created(xlsx_writer *writer) {
  time_t seconds;
  int set = sl_publication_epoch(&seconds, writer->error);
  if (set <= 0) return set;
  lxw_doc_properties properties = {.created = seconds};
  if (workbook_set_properties(writer->workbook, &properties) != LXW_NO_ERROR)
    return sl_error_set(writer->error, "cannot set the workbook's properties");
  return 0;
}

int sl_export_xlsx(sl_store *store, const cJSON *publication, const char *path, sl_error *error) {
  size_t length = strlen(path) + 8;
  char *temporary = malloc(length);
  if (!temporary) return sl_error_set(error, "out of memory");
  snprintf(temporary, length, "%s.tmp", path);
  if (xlsx_creatable(temporary, path, error) != 0) {
    free(temporary);
    return -1;
  }
  xlsx_writer writer = {0};
  writer.error = error;
  writer.workbook = workbook_new(temporary);
  int status = writer.workbook ? 0 : sl_error_set(error, "%s: cannot create the workbook", path);
  if (status == 0) status = xlsx_created(&writer);
  if (status == 0) status = xlsx_formats(&writer);
  if (status == 0) status = xlsx_sheets_all(&writer, store, publication);
  lxw_error closed = writer.workbook ? workbook_close(writer.workbook) : LXW_NO_ERROR;
  if (status == 0 && closed != LXW_NO_ERROR)
    status = sl_error_set(error, "%s: cannot write: %s", path, lxw_strerror(closed));
  if (status == 0 && rename(temporary, path) != 0)
    status = sl_error_set(error, "%s: cannot rename into place: %s", path, strerror(errno));
  if (status != 0) remove(temporary);
  free(temporary);
  return status;
}
