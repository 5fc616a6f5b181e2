/*
 * fuzz_xlsx.c: the input as the XML of a workbook's first sheet and, after
 * a NUL byte, of its shared strings, zipped with a fixed workbook part into
 * a file the XLSX reader (core/xlsx_read.c) opens. Mutating the XML, not the
 * zip, is what reaches the reader's own code: a mutated zip mostly fails
 * libzip's checks. Whatever the reader makes of it, its rows come in sheet
 * order, each cell NUL-terminated, and an error names the file.
 */
#include <unistd.h>
#include <zip.h>

#include "fuzz.h"
#include "xlsx_read.h"

static const char WORKBOOK[] =
    "<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
    "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"
    "<sheets><sheet name=\"Return\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>";
static const char RELATIONSHIPS[] =
    "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    "<Relationship Id=\"rId1\" Target=\"worksheets/sheet1.xml\" Type=\"http://schemas."
    "openxmlformats.org/officeDocument/2006/relationships/worksheet\"/></Relationships>";

/* Add name holding bytes to zip; the harness, not the input, fails if not. */
static void fuzz_zip_add(zip_t *zip, const char *name, const void *bytes, size_t size) {
  zip_source_t *source = zip_source_buffer(zip, bytes, size, 0);
  FUZZ_ASSERT(source);
  FUZZ_ASSERT(zip_file_add(zip, name, source, ZIP_FL_OVERWRITE) >= 0);
}

static void fuzz_make_workbook(const char *path, const uint8_t *data, size_t size) {
  const uint8_t *nul = memchr(data, 0, size);
  size_t sheet_size = nul ? (size_t)(nul - data) : size;
  int error_code;
  zip_t *zip = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &error_code);
  FUZZ_ASSERT(zip);
  fuzz_zip_add(zip, "xl/workbook.xml", WORKBOOK, sizeof WORKBOOK - 1);
  fuzz_zip_add(zip, "xl/_rels/workbook.xml.rels", RELATIONSHIPS, sizeof RELATIONSHIPS - 1);
  fuzz_zip_add(zip, "xl/worksheets/sheet1.xml", data, sheet_size);
  if (nul) fuzz_zip_add(zip, "xl/sharedStrings.xml", nul + 1, size - sheet_size - 1);
  FUZZ_ASSERT(zip_close(zip) == 0);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  char path[64];
  snprintf(path, sizeof path, "/tmp/sendlens-fuzz-xlsx-%ld.xlsx", (long)getpid());
  fuzz_make_workbook(path, data, size);
  sl_error error;
  sl_xlsx_read *reader = sl_xlsx_read_open(path, &error);
  if (!reader) {
    FUZZ_ASSERT(strncmp(error.message, path, strlen(path)) == 0);
    unlink(path);
    return 0;
  }
  sl_csv_row row;
  long last_line = 0;
  int got;
  while ((got = sl_xlsx_read_next(reader, &row, &error)) == 1) {
    FUZZ_ASSERT(row.line > last_line);
    last_line = row.line;
    for (size_t i = 0; i < row.count; i++)
      FUZZ_ASSERT(row.cells[i].text[row.cells[i].length] == '\0');
  }
  FUZZ_ASSERT(got == 0 || strncmp(error.message, path, strlen(path)) == 0);
  sl_xlsx_read_close(reader);
  unlink(path);
  return 0;
}
