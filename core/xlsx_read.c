/*
 * xlsx_read.c: the first worksheet of an XLSX workbook, row by row (see
 * xlsx_read.h). The parts read are xl/workbook.xml (which sheet is first),
 * xl/_rels/workbook.xml.rels (where it is), xl/sharedStrings.xml (the
 * strings cells point at) and the sheet itself, which stays open as a
 * streaming XML reader fed straight from the zip, so a large sheet is never
 * in memory whole.
 */
#include "xlsx_read.h"

#include <errno.h>
#include <libxml/xmlreader.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <zip.h>

/* Guards against a workbook built to exhaust memory (a zip bomb). */
/* Bounds on what a workbook may expand to, since a few hundred KiB of zip
 * can inflate to gigabytes: the shared strings, each counted with what
 * keeping it costs (so millions of empty ones are bounded too), and the
 * bytes inflated from all parts read. A progress return is far smaller. */
static const size_t XLSX_MAX_STRINGS_BYTES = 64u * 1024 * 1024;
static const size_t XLSX_STRING_COST = 48; /* a pointer and an allocation's overhead */
static const uint64_t XLSX_MAX_INFLATED = 64u * 1024 * 1024;
static const size_t XLSX_MAX_ROW_BYTES = 64u * 1024 * 1024;
static const size_t XLSX_MAX_COLUMN = 16384; /* XFD, the last column Excel has */
static const long XLSX_MAX_ROW = 1048576;    /* the last row Excel has */
static const char XLSX_RELATIONSHIPS_NS[] =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

enum { XML_START = 1, XML_TEXT = 3, XML_CDATA = 4, XML_SPACE = 14, XML_END = 15 };

typedef struct xlsx_buffer {
  char *data;
  size_t length, capacity;
} xlsx_buffer;

typedef struct xlsx_placed {
  size_t column, offset, length;
} xlsx_placed;

struct sl_xlsx_read {
  char *path;
  zip_t *zip;
  char *sheet;
  char **strings; /* the shared strings, by index */
  size_t string_count, string_capacity, string_bytes;
  xmlTextReaderPtr xml; /* the worksheet, open while rows are read */
  char xml_error[256];
  xlsx_buffer row;     /* the current row's values, each NUL-terminated */
  xlsx_placed *placed; /* where each value goes */
  size_t placed_count, placed_capacity;
  sl_csv_cell *cells;
  size_t cells_capacity;
  long row_number;
  bool finished;
  uint64_t inflated; /* bytes inflated from the parts, XLSX_MAX_INFLATED at most */
  bool too_large;    /* a bound above was reached */
};

/* A part being inflated, and the reader that counts its bytes. */
typedef struct xlsx_part {
  zip_file_t *file;
  sl_xlsx_read *reader;
} xlsx_part;

static int xlsx_append(xlsx_buffer *buffer, const char *text, size_t length, size_t limit) {
  size_t need = buffer->length + length + 1;
  if (need > limit) return -1;
  if (need > buffer->capacity) {
    size_t capacity = buffer->capacity ? buffer->capacity : 256;
    while (capacity < need)
      capacity *= 2;
    char *grown = realloc(buffer->data, capacity);
    if (!grown) return -1;
    buffer->data = grown;
    buffer->capacity = capacity;
  }
  memcpy(buffer->data + buffer->length, text, length);
  buffer->length += length;
  buffer->data[buffer->length] = 0;
  return 0;
}

/* libxml2 reads a part through these, straight from the inflating zip. */
static int xlsx_part_read(void *context, char *buffer, int length) {
  xlsx_part *part = context;
  zip_int64_t got = zip_fread(part->file, buffer, (zip_uint64_t)length);
  if (got < 0) return -1;
  part->reader->inflated += (uint64_t)got;
  if (part->reader->inflated > XLSX_MAX_INFLATED) {
    part->reader->too_large = true;
    return -1;
  }
  return (int)got;
}

static int xlsx_part_close(void *context) {
  xlsx_part *part = context;
  int rc = zip_fclose(part->file) == 0 ? 0 : -1;
  free(part);
  return rc;
}

static void xlsx_xml_error(void *arg, const char *message, xmlParserSeverities severity,
                           xmlTextReaderLocatorPtr locator) {
  sl_xlsx_read *reader = arg;
  (void)locator;
  if (severity != XML_PARSER_SEVERITY_ERROR || reader->xml_error[0]) return;
  snprintf(reader->xml_error, sizeof reader->xml_error, "%s", message);
  size_t length = strlen(reader->xml_error);
  while (length && reader->xml_error[length - 1] == '\n')
    reader->xml_error[--length] = 0;
}

/* A streaming reader over part name; NULL with error set if it is missing. */
static xmlTextReaderPtr xlsx_part_open(sl_xlsx_read *reader, const char *name, sl_error *error) {
  zip_file_t *file = zip_fopen(reader->zip, name, 0);
  if (!file) {
    sl_error_set(error, "%s: not an XLSX workbook (no part %s)", reader->path, name);
    return NULL;
  }
  xlsx_part *part = malloc(sizeof *part);
  if (!part) {
    zip_fclose(file);
    sl_error_set(error, "%s: out of memory", reader->path);
    return NULL;
  }
  *part = (xlsx_part){file, reader};
  /* On failure xmlReaderForIO has closed the part already. */
  xmlTextReaderPtr xml = xmlReaderForIO(xlsx_part_read, xlsx_part_close, part, name, NULL,
                                        XML_PARSE_NONET | XML_PARSE_NOWARNING | XML_PARSE_NOERROR);
  if (!xml) {
    sl_error_set(error, "%s: cannot read part %s", reader->path, name);
    return NULL;
  }
  xmlTextReaderSetErrorHandler(xml, xlsx_xml_error, reader);
  return xml;
}

static int xlsx_too_large(sl_xlsx_read *reader, const char *part, sl_error *error) {
  return sl_error_set(error,
                      "%s: %s expands past what a workbook may (%llu MiB inflated, %zu MiB of "
                      "shared strings); refused",
                      reader->path, part, (unsigned long long)(XLSX_MAX_INFLATED >> 20),
                      XLSX_MAX_STRINGS_BYTES >> 20);
}

static int xlsx_xml_fail(sl_xlsx_read *reader, const char *part, sl_error *error) {
  if (reader->too_large) return xlsx_too_large(reader, part, error);
  return sl_error_set(error, "%s: %s is not well-formed XML: %s", reader->path, part,
                      reader->xml_error[0] ? reader->xml_error : "read error");
}

static bool xlsx_is(xmlTextReaderPtr xml, const char *name) {
  const xmlChar *local = xmlTextReaderConstLocalName(xml);
  return local && strcmp((const char *)local, name) == 0;
}

/* An attribute as a malloc'd string (NULL if absent). */
static char *xlsx_attribute(xmlTextReaderPtr xml, const char *name, const char *ns) {
  xmlChar *value = ns ? xmlTextReaderGetAttributeNs(xml, BAD_CAST name, BAD_CAST ns)
                      : xmlTextReaderGetAttribute(xml, BAD_CAST name);
  if (!value) return NULL;
  char *copy = strdup((const char *)value);
  xmlFree(value);
  return copy;
}

/* The first <sheet> of the workbook that is not a sheet of instructions
 * (a template's first sheet, `sendlens template`): its name and
 * relationship id. */
static int xlsx_first_sheet(sl_xlsx_read *reader, char **id, sl_error *error) {
  xmlTextReaderPtr xml = xlsx_part_open(reader, "xl/workbook.xml", error);
  if (!xml) return -1;
  int rc;
  while ((rc = xmlTextReaderRead(xml)) == 1) {
    if (xmlTextReaderNodeType(xml) != XML_START || !xlsx_is(xml, "sheet")) continue;
    reader->sheet = xlsx_attribute(xml, "name", NULL);
    if (reader->sheet && strcasecmp(reader->sheet, SL_XLSX_READ_INSTRUCTIONS) == 0) {
      free(reader->sheet);
      reader->sheet = NULL;
      continue;
    }
    *id = xlsx_attribute(xml, "id", XLSX_RELATIONSHIPS_NS);
    break;
  }
  xmlFreeTextReader(xml);
  if (rc < 0) return xlsx_xml_fail(reader, "xl/workbook.xml", error);
  if (!reader->sheet || !*id)
    return sl_error_set(error, "%s: the workbook has no worksheet", reader->path);
  return 0;
}

/* The part the relationship id points at, as a path in the zip. */
static char *xlsx_sheet_part(sl_xlsx_read *reader, const char *id, sl_error *error) {
  xmlTextReaderPtr xml = xlsx_part_open(reader, "xl/_rels/workbook.xml.rels", error);
  if (!xml) return NULL;
  char *part = NULL;
  int rc;
  while (!part && (rc = xmlTextReaderRead(xml)) == 1) {
    if (xmlTextReaderNodeType(xml) != XML_START || !xlsx_is(xml, "Relationship")) continue;
    char *rel = xlsx_attribute(xml, "Id", NULL), *target = xlsx_attribute(xml, "Target", NULL);
    if (rel && target && strcmp(rel, id) == 0) {
      /* Targets are relative to xl/, or absolute from the zip's root. */
      size_t size = strlen(target) + 4;
      part = malloc(size);
      if (part)
        snprintf(part, size, target[0] == '/' ? "%s" : "xl/%s", target + (target[0] == '/'));
    }
    free(rel);
    free(target);
  }
  xmlFreeTextReader(xml);
  if (!part) sl_error_set(error, "%s: worksheet %s has no part in the workbook", reader->path, id);
  return part;
}

static int xlsx_push_string(sl_xlsx_read *reader, const xlsx_buffer *text) {
  if (reader->string_count == reader->string_capacity) {
    size_t capacity = reader->string_capacity ? reader->string_capacity * 2 : 256;
    char **grown = realloc(reader->strings, capacity * sizeof *grown);
    if (!grown) return -1;
    reader->strings = grown;
    reader->string_capacity = capacity;
  }
  reader->string_bytes += text->length + XLSX_STRING_COST;
  if (reader->string_bytes > XLSX_MAX_STRINGS_BYTES) {
    reader->too_large = true;
    return -1;
  }
  char *copy = strdup(text->data ? text->data : "");
  if (!copy) return -1;
  reader->strings[reader->string_count++] = copy;
  return 0;
}

/* Text of a string item: the <t> runs of its <r> pieces, without <rPh>
 * (phonetic guides) which Excel does not show in the cell. */
static int xlsx_shared_strings(sl_xlsx_read *reader, sl_error *error) {
  if (zip_name_locate(reader->zip, "xl/sharedStrings.xml", 0) < 0) return 0;
  xmlTextReaderPtr xml = xlsx_part_open(reader, "xl/sharedStrings.xml", error);
  if (!xml) return -1;
  xlsx_buffer text = {0};
  int rc, phonetic = 0, failed = 0;
  while (!failed && (rc = xmlTextReaderRead(xml)) == 1) {
    int type = xmlTextReaderNodeType(xml);
    if (type == XML_START && xlsx_is(xml, "si")) {
      text.length = 0;
      if (text.data) text.data[0] = 0;
      if (xmlTextReaderIsEmptyElement(xml)) failed = xlsx_push_string(reader, &text);
    } else if (type == XML_START && xlsx_is(xml, "rPh") && !xmlTextReaderIsEmptyElement(xml)) {
      phonetic = 1;
    } else if (type == XML_END && xlsx_is(xml, "rPh")) {
      phonetic = 0;
    } else if (type == XML_END && xlsx_is(xml, "si")) {
      failed = xlsx_push_string(reader, &text);
    } else if ((type == XML_TEXT || type == XML_CDATA || type == XML_SPACE) && !phonetic) {
      const char *value = (const char *)xmlTextReaderConstValue(xml);
      failed =
          xlsx_append(&text, value, strlen(value), XLSX_MAX_STRINGS_BYTES - reader->string_bytes);
      if (failed) reader->too_large = true;
    }
  }
  xmlFreeTextReader(xml);
  free(text.data);
  if (failed && reader->too_large) return xlsx_too_large(reader, "xl/sharedStrings.xml", error);
  if (failed) return sl_error_set(error, "%s: out of memory", reader->path);
  if (rc < 0) return xlsx_xml_fail(reader, "xl/sharedStrings.xml", error);
  return 0;
}

sl_xlsx_read *sl_xlsx_read_open(const char *path, sl_error *error) {
  sl_xlsx_read *reader = calloc(1, sizeof *reader);
  if (!reader || !(reader->path = strdup(path))) {
    free(reader);
    sl_error_set(error, "%s: out of memory", path);
    return NULL;
  }
  int code;
  reader->zip = zip_open(path, ZIP_RDONLY, &code);
  if (!reader->zip) {
    zip_error_t zip_error;
    zip_error_init_with_code(&zip_error, code);
    sl_error_set(error, "%s: not an XLSX workbook: %s", path, zip_error_strerror(&zip_error));
    zip_error_fini(&zip_error);
    sl_xlsx_read_close(reader);
    return NULL;
  }
  char *id = NULL, *part = NULL;
  int failed = xlsx_first_sheet(reader, &id, error) || xlsx_shared_strings(reader, error) ||
               !(part = xlsx_sheet_part(reader, id, error)) ||
               !(reader->xml = xlsx_part_open(reader, part, error));
  free(id);
  free(part);
  if (failed) {
    sl_xlsx_read_close(reader);
    return NULL;
  }
  return reader;
}

void sl_xlsx_read_close(sl_xlsx_read *reader) {
  if (!reader) return;
  if (reader->xml) xmlFreeTextReader(reader->xml);
  if (reader->zip) zip_discard(reader->zip);
  for (size_t i = 0; i < reader->string_count; i++)
    free(reader->strings[i]);
  free(reader->strings);
  free(reader->row.data);
  free(reader->placed);
  free(reader->cells);
  free(reader->sheet);
  free(reader->path);
  free(reader);
}

const char *sl_xlsx_read_sheet(const sl_xlsx_read *reader) { return reader->sheet; }

void sl_xlsx_read_column_name(size_t column, char *out) {
  char reversed[8];
  size_t length = 0;
  for (; column > 0 && length < 7; column = (column - 1) / 26)
    reversed[length++] = (char)('A' + (column - 1) % 26);
  for (size_t i = 0; i < length; i++)
    out[i] = reversed[length - 1 - i];
  out[length] = 0;
}

/* "C5" -> column 3 (0 if the reference has no letters or is past XFD). */
static size_t xlsx_column_of(const char *reference) {
  size_t column = 0;
  for (; *reference >= 'A' && *reference <= 'Z'; reference++) {
    column = column * 26 + (size_t)(*reference - 'A' + 1);
    if (column > XLSX_MAX_COLUMN) return 0;
  }
  return column;
}

/* The current cell: its column and type, while its value is collected. */
typedef struct xlsx_cell {
  size_t column;
  char type[12]; /* s, str, inlineStr, b, n, e, d */
  size_t start;  /* of its value in reader->row */
  int in_value;  /* inside <v> or <t> (not in <rPh>) */
  int open;
} xlsx_cell;

static int xlsx_place(sl_xlsx_read *reader, size_t column, size_t offset, size_t length) {
  if (reader->placed_count == reader->placed_capacity) {
    size_t capacity = reader->placed_capacity ? reader->placed_capacity * 2 : 32;
    xlsx_placed *grown = realloc(reader->placed, capacity * sizeof *grown);
    if (!grown) return -1;
    reader->placed = grown;
    reader->placed_capacity = capacity;
  }
  reader->placed[reader->placed_count++] = (xlsx_placed){column, offset, length};
  return 0;
}

/* The end of a cell: a shared string index or a boolean becomes its text. */
static int xlsx_cell_end(sl_xlsx_read *reader, xlsx_cell *cell, sl_error *error) {
  cell->open = 0;
  char *value = reader->row.data ? reader->row.data + cell->start : NULL;
  size_t length = reader->row.length - cell->start;
  if (!value || length == 0) return 0; /* a styled but empty cell */
  char column[8];
  sl_xlsx_read_column_name(cell->column, column);
  if (strcmp(cell->type, "s") == 0) {
    char *end;
    unsigned long index = strtoul(value, &end, 10);
    if (*end || index >= reader->string_count)
      return sl_error_set(error, "%s:%s!%s%ld: shared string %s does not exist", reader->path,
                          reader->sheet, column, reader->row_number, value);
    reader->row.length = cell->start;
    const char *text = reader->strings[index];
    if (xlsx_append(&reader->row, text, strlen(text), XLSX_MAX_ROW_BYTES))
      return sl_error_set(error, "%s: row %ld too large", reader->path, reader->row_number);
  } else if (strcmp(cell->type, "b") == 0) {
    const char *text = strcmp(value, "1") == 0 ? "TRUE" : "FALSE";
    reader->row.length = cell->start;
    if (xlsx_append(&reader->row, text, strlen(text), XLSX_MAX_ROW_BYTES))
      return sl_error_set(error, "%s: row %ld too large", reader->path, reader->row_number);
  }
  length = reader->row.length - cell->start;
  if (xlsx_place(reader, cell->column, cell->start, length))
    return sl_error_set(error, "%s: out of memory", reader->path);
  reader->row.length++; /* keep the NUL xlsx_append wrote after the value */
  return 0;
}

static int xlsx_cell_start(sl_xlsx_read *reader, xlsx_cell *cell, sl_error *error) {
  char *reference = xlsx_attribute(reader->xml, "r", NULL);
  char *type = xlsx_attribute(reader->xml, "t", NULL);
  size_t previous = reader->placed_count ? reader->placed[reader->placed_count - 1].column : 0;
  cell->column = reference ? xlsx_column_of(reference) : previous + 1;
  snprintf(cell->type, sizeof cell->type, "%s", type ? type : "n");
  int bad =
      cell->open || cell->column == 0 || cell->column > XLSX_MAX_COLUMN || cell->column <= previous;
  if (bad)
    sl_error_set(error, "%s:%s: row %ld: bad or out of order cell reference '%s'", reader->path,
                 reader->sheet, reader->row_number, reference ? reference : "");
  free(reference);
  free(type);
  if (bad) return -1;
  cell->start = reader->row.length;
  cell->in_value = 0;
  cell->open = !xmlTextReaderIsEmptyElement(reader->xml);
  return 0;
}

/* The row as cells A.., the gaps empty. */
static int xlsx_row_done(sl_xlsx_read *reader, sl_csv_row *row, sl_error *error) {
  size_t count = reader->placed[reader->placed_count - 1].column;
  if (count > reader->cells_capacity) {
    sl_csv_cell *grown = realloc(reader->cells, count * sizeof *grown);
    if (!grown) return sl_error_set(error, "%s: out of memory", reader->path);
    reader->cells = grown;
    reader->cells_capacity = count;
  }
  for (size_t i = 0; i < count; i++)
    reader->cells[i] = (sl_csv_cell){"", 0};
  for (size_t i = 0; i < reader->placed_count; i++) {
    const xlsx_placed *placed = &reader->placed[i];
    reader->cells[placed->column - 1] =
        (sl_csv_cell){reader->row.data + placed->offset, placed->length};
  }
  row->cells = reader->cells;
  row->count = count;
  row->line = reader->row_number;
  return 1;
}

/* A row begins: its number is its reference, which must follow the last
 * row's and be a row Excel has; a row without one follows the last. */
static int xlsx_row_start(sl_xlsx_read *reader, const xlsx_cell *cell, sl_error *error) {
  char *number = xlsx_attribute(reader->xml, "r", NULL);
  long previous = reader->row_number, row = previous + 1;
  char *end = NULL;
  if (number) {
    errno = 0;
    row = strtol(number, &end, 10);
    if (errno || end == number || *end) row = 0;
  }
  int bad = cell->open || row <= previous || row > XLSX_MAX_ROW;
  if (bad)
    sl_error_set(error, "%s:%s: after row %ld: bad or out of order row reference '%s'",
                 reader->path, reader->sheet, previous, number ? number : "");
  free(number);
  if (bad) return -1;
  reader->row_number = row;
  reader->row.length = 0;
  reader->placed_count = 0;
  return 0;
}

/* One node of the sheet: 1 when a row with cells is complete. */
static int xlsx_node(sl_xlsx_read *reader, xlsx_cell *cell, sl_csv_row *row, sl_error *error) {
  xmlTextReaderPtr xml = reader->xml;
  int type = xmlTextReaderNodeType(xml);
  if (type == XML_START) {
    if (xlsx_is(xml, "row"))
      return xlsx_row_start(reader, cell, error);
    else if (xlsx_is(xml, "c"))
      return xlsx_cell_start(reader, cell, error);
    else if (cell->open && (xlsx_is(xml, "v") || xlsx_is(xml, "t")))
      cell->in_value = 1;
    else if (cell->open && xlsx_is(xml, "rPh"))
      cell->in_value = -1;
  } else if (type == XML_END) {
    if (xlsx_is(xml, "c") && cell->open) return xlsx_cell_end(reader, cell, error);
    if (xlsx_is(xml, "v") || xlsx_is(xml, "t"))
      cell->in_value = cell->in_value < 0 ? -1 : 0;
    else if (xlsx_is(xml, "rPh"))
      cell->in_value = 0;
    else if (xlsx_is(xml, "row") && reader->placed_count)
      return xlsx_row_done(reader, row, error);
    else if (xlsx_is(xml, "sheetData"))
      reader->finished = true;
  } else if ((type == XML_TEXT || type == XML_CDATA || type == XML_SPACE) && cell->in_value > 0) {
    const char *value = (const char *)xmlTextReaderConstValue(xml);
    if (xlsx_append(&reader->row, value, strlen(value), XLSX_MAX_ROW_BYTES))
      return sl_error_set(error, "%s: row %ld too large", reader->path, reader->row_number);
  }
  return 0;
}

int sl_xlsx_read_next(sl_xlsx_read *reader, sl_csv_row *row, sl_error *error) {
  xlsx_cell cell = {0};
  while (!reader->finished) {
    int rc = xmlTextReaderRead(reader->xml);
    if (rc < 0) {
      reader->finished = true;
      return xlsx_xml_fail(reader, "the worksheet", error);
    }
    if (rc == 0) break;
    int got = xlsx_node(reader, &cell, row, error);
    if (got != 0) {
      if (got < 0) reader->finished = true;
      return got;
    }
  }
  reader->finished = true;
  return 0;
}
