/*
 * progress_template.c: the progress-return template (progress_template.h),
 * written with libxlsxwriter. The rows are the progress_target view's (the
 * refs a return uses, schemas/migrations/012_roles.sql), the drop-down
 * lists progress.h's statuses and the calendar quarters the area's plan
 * covers, so what the lists offer is what import-progress accepts.
 */
#include "progress_template.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xlsxwriter.h>

#include "days.h"
#include "export_tables.h"
#include "period.h"
#include "progress.h"

/* Quarters offered at most (seven years: a drop-down list is written in
 * the cell rule itself, which Excel caps at 255 characters), and a plan's
 * span when it gives only its start: to its 12-month review. */
enum { TEMPLATE_PERIODS_MAX = 28, TEMPLATE_DEFAULT_DAYS = 365 };

/* The Return sheet's columns, in progress.c's names; Ref and Kind filled. */
enum { COLUMN_PERIOD, COLUMN_REF, COLUMN_KIND, COLUMN_STATUS, COLUMN_VALUE, COLUMN_NOTE, COLUMNS };
static const char *const TEMPLATE_COLUMNS[COLUMNS] = {"Period", "Ref",   "Kind",
                                                      "Status", "Value", "Note"};
static const double TEMPLATE_WIDTHS[COLUMNS] = {14, 10, 10, 14, 10, 50};

typedef struct template_writer {
  sl_store *store;
  lxw_workbook *workbook;
  lxw_format *bold, *wrap, *given, *text;
  char code[64], name[128];
  char periods[TEMPLATE_PERIODS_MAX][16];
  int period_count;
  lxw_row_t rows; /* data rows of Return */
  sl_error *error;
} template_writer;

static int template_check(template_writer *writer, const char *sheet, lxw_error status) {
  if (status == LXW_NO_ERROR) return 0;
  return sl_error_set(writer->error, "sheet %s: %s", sheet, lxw_strerror(status));
}

/* A text cell; text a spreadsheet could take for a formula after a single
 * quote, as the exports write it (sl_export_formula_like). */
static int template_text(template_writer *writer, lxw_worksheet *sheet, const char *name,
                         lxw_row_t row, lxw_col_t column, const char *text, lxw_format *format) {
  char quoted[4096];
  if (sl_export_formula_like(text)) {
    snprintf(quoted, sizeof quoted, "'%s", text);
    text = quoted;
  }
  return template_check(writer, name, worksheet_write_string(sheet, row, column, text, format));
}

static int template_area(template_writer *writer, const char *area) {
  sqlite3_stmt *statement = sl_store_prepare(
      writer->store,
      "SELECT code, name FROM area WHERE code = ?1 OR plugin = ?1 OR lower(name) = lower(?1)", "t",
      writer->error, area);
  if (!statement) return -1;
  if (sqlite3_step(statement) != SQLITE_ROW)
    return sl_error_set(writer->error, "no area '%s' in %s (load it first; see 'sendlens areas')",
                        area, sl_store_path(writer->store));
  snprintf(writer->code, sizeof writer->code, "%s", sqlite3_column_text(statement, 0));
  snprintf(writer->name, sizeof writer->name, "%s", sqlite3_column_text(statement, 1));
  return 0;
}

/* The calendar quarters from the plan's start (its period, else the day
 * it was approved or dated) to its end (its period, else its 12-month
 * review), labelled "2024-Q2" as period.c reads them. None when the plan
 * dates nothing: the Period column is then typed freely. */
static int template_periods(template_writer *writer) {
  sqlite3_stmt *statement = sl_store_prepare(
      writer->store,
      "SELECT coalesce(p.period_from, p.approved, p.dated), p.period_to FROM plan p "
      "JOIN fact f ON f.id = p.id WHERE f.area = ?1 ORDER BY p.kind = 'APP' DESC, f.seq DESC "
      "LIMIT 1",
      "t", writer->error, writer->code);
  if (!statement) return -1;
  if (sqlite3_step(statement) != SQLITE_ROW || sqlite3_column_type(statement, 0) == SQLITE_NULL)
    return 0;
  sl_period from, to;
  if (sl_period_parse((const char *)sqlite3_column_text(statement, 0), &from) != 0) return 0;
  const char *end = (const char *)sqlite3_column_text(statement, 1);
  int64_t last =
      end && sl_period_parse(end, &to) == 0 ? to.last : from.first + TEMPLATE_DEFAULT_DAYS;
  for (int64_t quarter = sl_days_quarter(from.first);
       quarter <= sl_days_quarter(last) && writer->period_count < TEMPLATE_PERIODS_MAX; quarter++)
    sl_days_quarter_label(quarter, writer->periods[writer->period_count++],
                          sizeof writer->periods[0]);
  return 0;
}

/* The first sheet: what to fill in and how it is read back. */
static int template_instructions(template_writer *writer) {
  static const char *const name = "Instructions";
  lxw_worksheet *sheet = workbook_add_worksheet(writer->workbook, name);
  if (!sheet) return sl_error_set(writer->error, "sheet %s: cannot add it", name);
  char title[256], command[256];
  snprintf(title, sizeof title, "Progress return for %s (%s)", writer->name, writer->code);
  snprintf(command, sizeof command, "Then: sendlens import-progress %s THIS-FILE.xlsx",
           writer->code);
  const char *const lines[] = {
      title,
      "The Return sheet has a row for each action and each measure of the area's plan as "
      "sendlens stores it. Ref and Kind (shaded) name the action or measure: do not change them.",
      "Period: the period you report, the same on every row you fill in. The list offers the "
      "quarters the plan covers (2024-Q2); any form in schemas/progress-return.md is read (Q3 "
      "2022/23, Sep 2023), typed as text.",
      "Status: for an action, one of the list (not_started, in_progress, completed, commenced, "
      "established). Leave it empty on a measure's row.",
      "Value: for a measure, a number (a percentage as 0 to 100: 61.5, not 61.5%; a count as a "
      "whole number) or, for a nominal measure, not_started, commenced, established or "
      "completed. Leave it empty on an action's row.",
      "Note: anything you want kept with the status or value.",
      "A row whose Period, Status, Value and Note are all empty is not reported this period.",
      "The Plan sheet says what each ref is (the plan's words); it is for reading and is not "
      "read back.",
      command,
  };
  int status = template_check(writer, name, worksheet_set_column(sheet, 0, 0, 100, writer->wrap));
  for (size_t i = 0; i < sizeof lines / sizeof lines[0] && status == 0; i++)
    status = template_text(writer, sheet, name, (lxw_row_t)(i ? i + 1 : 0), 0, lines[i],
                           i ? writer->wrap : writer->bold);
  return status;
}

/* The area's actions then measures, in plan order: kind, ref, what the
 * plan says of it, its concern (an action's), a measure's unit. */
static const char TEMPLATE_ROWS_SQL[] =
    "SELECT t.kind, t.ref, CASE t.kind WHEN 'action' THEN a.text ELSE m.name END, "
    "  CASE WHEN c.id IS NOT NULL THEN trim(coalesce(c.ref || ' ', '') || coalesce(c.title, '')) "
    "  END, t.unit "
    "FROM progress_target t JOIN fact f ON f.id = t.fact "
    "LEFT JOIN action a ON t.kind = 'action' AND a.id = t.fact "
    "LEFT JOIN measure m ON t.kind = 'measure' AND m.id = t.fact "
    "LEFT JOIN concern c ON c.id = a.concern "
    "WHERE t.area = ?1 ORDER BY t.kind = 'measure', f.seq";

static const char *template_column_text(sqlite3_stmt *statement, int column) {
  const unsigned char *text = sqlite3_column_text(statement, column);
  return text ? (const char *)text : "";
}

/* One row of Return: the ref and kind given (shaded), the plan's words as
 * a note on the ref, for a reader hovering over it. */
static int template_return_row(template_writer *writer, lxw_worksheet *sheet,
                               sqlite3_stmt *statement) {
  lxw_row_t row = ++writer->rows;
  const char *what = template_column_text(statement, 2);
  int status = template_text(writer, sheet, "Return", row, COLUMN_REF,
                             template_column_text(statement, 1), writer->given);
  if (status == 0)
    status = template_text(writer, sheet, "Return", row, COLUMN_KIND,
                           template_column_text(statement, 0), writer->given);
  if (status == 0 && *what)
    status =
        template_check(writer, "Return", worksheet_write_comment(sheet, row, COLUMN_REF, what));
  return status;
}

/* The drop-down lists, written in the rules themselves (libxlsxwriter
 * 1.1.4 loses a range rule's formula): Status strictly from the statuses;
 * Period from the quarters, with a warning only, since other forms are
 * read too. */
static int template_validations(template_writer *writer, lxw_worksheet *sheet) {
  lxw_row_t last = writer->rows ? writer->rows : 1;
  char *periods[TEMPLATE_PERIODS_MAX + 1];
  for (int i = 0; i < writer->period_count; i++)
    periods[i] = writer->periods[i];
  periods[writer->period_count] = NULL;
  lxw_data_validation status = {.validate = LXW_VALIDATION_TYPE_LIST,
                                .value_list = (char **)sl_progress_action_statuses,
                                .input_title = "Status",
                                .input_message = "An action's status; empty on a measure's row",
                                .error_title = "Status",
                                .error_message = "Choose one of the list"};
  lxw_data_validation period = {.validate = LXW_VALIDATION_TYPE_LIST,
                                .value_list = periods,
                                .error_type = LXW_VALIDATION_ERROR_TYPE_WARNING,
                                .input_title = "Period",
                                .input_message = "The same period on every row you report",
                                .error_title = "Period",
                                .error_message = "Not a quarter of the plan: keep it only if "
                                                 "sendlens reads it (schemas/progress-return.md)"};
  int failed = template_check(
      writer, "Return",
      worksheet_data_validation_range(sheet, 1, COLUMN_STATUS, last, COLUMN_STATUS, &status));
  if (!failed && writer->period_count)
    failed = template_check(
        writer, "Return",
        worksheet_data_validation_range(sheet, 1, COLUMN_PERIOD, last, COLUMN_PERIOD, &period));
  return failed ? -1 : 0;
}

/* The sheet import-progress reads: header, a row per action and measure. */
static int template_return(template_writer *writer) {
  lxw_worksheet *sheet = workbook_add_worksheet(writer->workbook, "Return");
  if (!sheet) return sl_error_set(writer->error, "sheet Return: cannot add it");
  int status = 0;
  for (int i = 0; i < COLUMNS && status == 0; i++) {
    lxw_format *format = i == COLUMN_NOTE ? writer->wrap : writer->text;
    status = template_text(writer, sheet, "Return", 0, (lxw_col_t)i, TEMPLATE_COLUMNS[i],
                           writer->bold) ||
             template_check(writer, "Return",
                            worksheet_set_column(sheet, (lxw_col_t)i, (lxw_col_t)i,
                                                 TEMPLATE_WIDTHS[i], format));
  }
  sqlite3_stmt *statement =
      status ? NULL
             : sl_store_prepare(writer->store, TEMPLATE_ROWS_SQL, "t", writer->error, writer->code);
  if (!statement) return -1;
  int step;
  while (status == 0 && (step = sqlite3_step(statement)) == SQLITE_ROW)
    status = template_return_row(writer, sheet, statement);
  if (status != 0) return -1;
  if (step != SQLITE_DONE)
    return sl_error_set(writer->error, "%s", sqlite3_errmsg(sl_store_db(writer->store)));
  if (!writer->rows)
    return sl_error_set(writer->error, "area %s has no action with a ref and no measure to report",
                        writer->code);
  worksheet_freeze_panes(sheet, 1, 0);
  return template_validations(writer, sheet);
}

/* What each ref is, in the plan's words: for reading, protected, never
 * read back (import-progress reads Return only). */
static int template_plan(template_writer *writer) {
  static const char *const name = "Plan", *const header[] = {"Ref", "Kind", "Concern", "What",
                                                             "Unit"};
  static const double widths[] = {10, 10, 40, 80, 12};
  lxw_worksheet *sheet = workbook_add_worksheet(writer->workbook, name);
  if (!sheet) return sl_error_set(writer->error, "sheet %s: cannot add it", name);
  int status = 0;
  for (lxw_col_t i = 0; i < 5 && status == 0; i++)
    status =
        template_text(writer, sheet, name, 0, i, header[i], writer->bold) ||
        template_check(writer, name, worksheet_set_column(sheet, i, i, widths[i], writer->wrap));
  sqlite3_stmt *statement =
      status ? NULL
             : sl_store_prepare(writer->store, TEMPLATE_ROWS_SQL, "t", writer->error, writer->code);
  if (!statement) return -1;
  static const int order[] = {1, 0, 3, 2, 4};
  for (lxw_row_t row = 1; status == 0 && sqlite3_step(statement) == SQLITE_ROW; row++)
    for (lxw_col_t i = 0; i < 5 && status == 0; i++)
      status = template_text(writer, sheet, name, row, i, template_column_text(statement, order[i]),
                             writer->wrap);
  worksheet_protect(sheet, NULL, NULL);
  worksheet_freeze_panes(sheet, 1, 0);
  return status;
}

static int template_formats(template_writer *writer) {
  writer->bold = workbook_add_format(writer->workbook);
  writer->wrap = workbook_add_format(writer->workbook);
  writer->given = workbook_add_format(writer->workbook);
  writer->text = workbook_add_format(writer->workbook);
  if (!writer->bold || !writer->wrap || !writer->given || !writer->text)
    return sl_error_set(writer->error, "out of memory");
  format_set_bold(writer->bold);
  format_set_text_wrap(writer->wrap);
  format_set_align(writer->wrap, LXW_ALIGN_VERTICAL_TOP);
  /* Text, so "2024-03" or "3.8" typed in stays what was typed, not a date
   * or a number; the given cells grey. */
  format_set_num_format(writer->text, "@");
  format_set_num_format(writer->given, "@");
  format_set_bg_color(writer->given, LXW_COLOR_SILVER);
  return 0;
}

static int template_sheets(template_writer *writer) {
  if (template_formats(writer) || template_periods(writer) || template_instructions(writer) ||
      template_return(writer) || template_plan(writer))
    return -1;
  return 0;
}

int sl_progress_template(sl_store *store, const char *area, const char *path, sl_error *error) {
  template_writer writer = {.store = store, .error = error};
  if (template_area(&writer, area) != 0) return -1;
  size_t length = strlen(path) + 8;
  char *temporary = malloc(length);
  if (!temporary) return sl_error_set(error, "out of memory");
  snprintf(temporary, length, "%s.tmp", path);
  FILE *probe = fopen(temporary, "wb");
  int status = probe ? 0 : sl_error_set(error, "%s: cannot create: %s", path, strerror(errno));
  if (probe) fclose(probe);
  if (status == 0) writer.workbook = workbook_new(temporary);
  if (status == 0 && !writer.workbook)
    status = sl_error_set(error, "%s: cannot create the workbook", path);
  if (status == 0) status = template_sheets(&writer);
  lxw_error closed = writer.workbook ? workbook_close(writer.workbook) : LXW_NO_ERROR;
  if (status == 0 && closed != LXW_NO_ERROR)
    status = sl_error_set(error, "%s: cannot write: %s", path, lxw_strerror(closed));
  if (status == 0 && rename(temporary, path) != 0)
    status = sl_error_set(error, "%s: cannot rename into place: %s", path, strerror(errno));
  if (status != 0) remove(temporary);
  free(temporary);
  return status;
}
