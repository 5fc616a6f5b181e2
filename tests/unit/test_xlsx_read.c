/* test_xlsx_read.c: the XLSX reader on workbooks libxlsxwriter writes:
 * shared strings (default) and inline strings (constant memory), numbers,
 * booleans, omitted cells placed by their reference, empty rows skipped, the
 * first sheet only, passing over a first sheet of Instructions (a template's)
 * but no other; column names; and files that are not workbooks. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include "check.h"
#include "xlsx_read.h"

static void write_workbook(const char *path, int constant_memory) {
  lxw_workbook_options options = {.constant_memory = (uint8_t)constant_memory};
  lxw_workbook *workbook = workbook_new_opt(path, &options);
  lxw_worksheet *sheet = workbook_add_worksheet(workbook, "Return Q2");
  worksheet_write_string(sheet, 0, 0, "Period", NULL);
  worksheet_write_string(sheet, 0, 1, "Ref", NULL);
  worksheet_write_string(sheet, 0, 4, "Value", NULL);
  worksheet_write_string(sheet, 1, 0, "2024-Q2", NULL);
  worksheet_write_number(sheet, 1, 4, 61.5, NULL);
  worksheet_write_boolean(sheet, 1, 5, 1, NULL);
  /* Row 3 left empty; row 4 has a cell in column C only, then AB. */
  worksheet_write_string(sheet, 3, 2, "caf\xC3\xA9 & <tea>", NULL);
  worksheet_write_number(sheet, 3, 27, 12, NULL);
  lxw_worksheet *other = workbook_add_worksheet(workbook, "Other");
  worksheet_write_string(other, 0, 0, "not read", NULL);
  workbook_close(workbook);
}

static void check_workbook(const char *path) {
  sl_error error = {{0}};
  sl_xlsx_read *reader = sl_xlsx_read_open(path, &error);
  CHECK(reader != NULL);
  if (!reader) {
    fprintf(stderr, "%s\n", error.message);
    return;
  }
  CHECK_STR(sl_xlsx_read_sheet(reader), "Return Q2");
  sl_csv_row row;
  CHECK(sl_xlsx_read_next(reader, &row, &error) == 1);
  CHECK(row.line == 1 && row.count == 5);
  CHECK_STR(row.cells[0].text, "Period");
  CHECK_STR(row.cells[2].text, "");
  CHECK_STR(row.cells[4].text, "Value");
  CHECK(sl_xlsx_read_next(reader, &row, &error) == 1);
  CHECK(row.line == 2 && row.count == 6);
  CHECK_STR(row.cells[0].text, "2024-Q2");
  CHECK(row.cells[1].length == 0);
  CHECK_STR(row.cells[4].text, "61.5");
  CHECK_STR(row.cells[5].text, "TRUE");
  CHECK(sl_xlsx_read_next(reader, &row, &error) == 1);
  CHECK(row.line == 4 && row.count == 28);
  CHECK_STR(row.cells[2].text, "caf\xC3\xA9 & <tea>");
  CHECK(row.cells[2].length == strlen("caf\xC3\xA9 & <tea>"));
  CHECK_STR(row.cells[27].text, "12");
  CHECK(sl_xlsx_read_next(reader, &row, &error) == 0);
  CHECK(sl_xlsx_read_next(reader, &row, &error) == 0);
  sl_xlsx_read_close(reader);
}

static void check_not_workbooks(void) {
  char path[] = "/tmp/test_xlsx_read_XXXXXX";
  int fd = mkstemp(path);
  CHECK(write(fd, "Period,Ref\n", 11) == 11);
  close(fd);
  sl_error error = {{0}};
  CHECK(sl_xlsx_read_open(path, &error) == NULL);
  CHECK(strstr(error.message, "not an XLSX workbook") != NULL);
  unlink(path);
  CHECK(sl_xlsx_read_open("/nonexistent.xlsx", &error) == NULL);
  CHECK(strstr(error.message, "/nonexistent.xlsx: not an XLSX workbook") != NULL);
}

/* Sheets named first, second, ...: the reader opens expected, and its
 * first row's first cell says which sheet it read. */
static void check_first_sheet(const char *const *names, const char *expected) {
  char path[] = "/tmp/test_xlsx_read_XXXXXX.xlsx";
  int fd = mkstemps(path, 5);
  CHECK(fd >= 0);
  close(fd);
  lxw_workbook *workbook = workbook_new(path);
  for (const char *const *name = names; *name; name++)
    worksheet_write_string(workbook_add_worksheet(workbook, *name), 0, 0, *name, NULL);
  workbook_close(workbook);
  sl_error error = {{0}};
  sl_xlsx_read *reader = sl_xlsx_read_open(path, &error);
  CHECK(reader != NULL);
  sl_csv_row row;
  if (reader) {
    CHECK_STR(sl_xlsx_read_sheet(reader), expected);
    CHECK(sl_xlsx_read_next(reader, &row, &error) == 1);
    CHECK_STR(row.cells[0].text, expected);
    sl_xlsx_read_close(reader);
  }
  unlink(path);
}

static void check_instructions(void) {
  static const char *const template[] = {"Instructions", "Return", "Plan", NULL};
  static const char *const lower[] = {"instructions", "Data", NULL};
  static const char *const later[] = {"Return", "Instructions", NULL};
  static const char *const other[] = {"Read me", "Return", NULL};
  check_first_sheet(template, "Return");
  check_first_sheet(lower, "Data");
  check_first_sheet(later, "Return");
  check_first_sheet(other, "Read me");
}

int main(void) {
  char path[] = "/tmp/test_xlsx_read_XXXXXX.xlsx";
  int fd = mkstemps(path, 5);
  CHECK(fd >= 0);
  close(fd);
  write_workbook(path, 0);
  check_workbook(path);
  write_workbook(path, 1);
  check_workbook(path);
  unlink(path);
  check_not_workbooks();
  check_instructions();
  char column[8];
  sl_xlsx_read_column_name(1, column);
  CHECK_STR(column, "A");
  sl_xlsx_read_column_name(28, column);
  CHECK_STR(column, "AB");
  sl_xlsx_read_column_name(16384, column);
  CHECK_STR(column, "XFD");
  return CHECK_DONE();
}
