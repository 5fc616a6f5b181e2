/*
 * file_kind.c: a file's kind from its signature (PK\3\4 for a zip, the OLE2
 * header for XLS), and for a zip whether it is a workbook (libzip: an XLSX
 * file names its parts in the central directory at the end of the file).
 */
#include "file_kind.h"

#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <zip.h>

static const unsigned char FILE_ZIP[] = {'P', 'K', 3, 4};
static const unsigned char FILE_OLE2[] = {0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1};

/* Whether the zip at path holds an Excel workbook's main part. */
static int file_is_workbook(const char *path) {
  int code;
  zip_t *zip = zip_open(path, ZIP_RDONLY, &code);
  if (!zip) return 0;
  int found = zip_name_locate(zip, "xl/workbook.xml", 0) >= 0;
  zip_discard(zip);
  return found;
}

sl_file_kind sl_file_kind_of(const char *path) {
  /* Only a regular file: reading a pipe's first bytes would take them from
   * its reader (import-cases reads named pipes). */
  struct stat info;
  if (stat(path, &info) != 0 || !S_ISREG(info.st_mode)) return SL_FILE_OTHER;
  FILE *file = fopen(path, "rb");
  if (!file) return SL_FILE_OTHER;
  unsigned char head[8] = {0};
  size_t got = fread(head, 1, sizeof head, file);
  fclose(file);
  if (got >= sizeof FILE_ZIP && memcmp(head, FILE_ZIP, sizeof FILE_ZIP) == 0)
    return file_is_workbook(path) ? SL_FILE_XLSX : SL_FILE_ZIP;
  if (got == sizeof FILE_OLE2 && memcmp(head, FILE_OLE2, sizeof FILE_OLE2) == 0) return SL_FILE_XLS;
  return SL_FILE_OTHER;
}

const char *sl_file_not_csv(sl_file_kind kind) {
  switch (kind) {
  case SL_FILE_XLSX:
    return "this is an Excel workbook (XLSX); save it as CSV UTF-8 first";
  case SL_FILE_ZIP:
    return "this is a zip file, not CSV";
  case SL_FILE_XLS:
    return "this is an Excel 97-2003 workbook (XLS); save it as CSV UTF-8 first";
  case SL_FILE_OTHER:
    break;
  }
  return NULL;
}
