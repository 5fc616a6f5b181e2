/* test_csv.c: the streaming CSV reader: quoting, line endings, line numbers
 * of rows and of errors, comments, long cells across input buffers, files. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "csv.h"

/* Every row of text as "cell|cell|...@line" lines, or "ERROR message". */
static char *rows_of(const char *text, size_t length, int comments) {
  static char out[8192];
  sl_csv_options options = {.skip_leading_comments = comments};
  sl_error error = {{0}};
  sl_csv *csv = sl_csv_open_memory("t.csv", text, length, &options, &error);
  out[0] = 0;
  if (!csv) return strcat(out, error.message);
  sl_csv_row row;
  int got;
  while ((got = sl_csv_next(csv, &row, &error)) == 1) {
    for (size_t i = 0; i < row.count; i++) {
      if (i) strcat(out, "|");
      strncat(out, row.cells[i].text, row.cells[i].length);
      CHECK(row.cells[i].text[row.cells[i].length] == 0);
    }
    snprintf(out + strlen(out), sizeof out - strlen(out), "@%ld\n", row.line);
  }
  if (got < 0) snprintf(out + strlen(out), sizeof out - strlen(out), "ERROR %s", error.message);
  sl_csv_close(csv);
  return out;
}

static char *rows(const char *text) { return rows_of(text, strlen(text), 0); }

static void test_quoting(void) {
  CHECK_STR(rows("a,b,c\n1,2,3\n"), "a|b|c@1\n1|2|3@2\n");
  CHECK_STR(rows("\"x, y\",\"say \"\"hi\"\"\",\"\"\n"), "x, y|say \"hi\"|@1\n");
  CHECK_STR(rows("a,\"two\nlines\",c\nnext,row,here\n"), "a|two\nlines|c@1\nnext|row|here@3\n");
  CHECK_STR(rows("a,b\r\nc,d\r\n"), "a|b@1\nc|d@2\n");
  CHECK_STR(rows("a,\"in\r\nquote\"\r\nz\r\n"), "a|in\r\nquote@1\nz@3\n");
  CHECK_STR(rows("a,b\nc,d"), "a|b@1\nc|d@2\n");
  CHECK_STR(rows(",,\na,,b,\n"), "||@1\na||b|@2\n");
  CHECK_STR(rows("a\n\n\nb\n"), "a@1\nb@4\n");
  CHECK_STR(rows("\xEF\xBB\xBFh1,h2\n"), "h1|h2@1\n");
  CHECK_STR(rows("old\rmac\r"), "old@1\nmac@2\n");
  CHECK_STR(rows(""), "");
  /* A NUL inside a cell is kept; the length says where the cell ends. */
  sl_csv *csv = sl_csv_open_memory("t.csv", "a\0b,c\n", 6, NULL, NULL);
  sl_csv_row row;
  CHECK(sl_csv_next(csv, &row, NULL) == 1 && row.count == 2 && row.cells[0].length == 3);
  CHECK(memcmp(row.cells[0].text, "a\0b", 4) == 0);
  sl_csv_close(csv);
}

static void test_comments(void) {
  const char *text = "# synthetic cases v1\n#second\nid,name\n#not a comment,x\n";
  CHECK_STR(rows_of(text, strlen(text), 1), "id|name@3\n#not a comment|x@4\n");
  CHECK_STR(rows_of(text, strlen(text), 0),
            "# synthetic cases v1@1\n#second@2\nid|name@3\n#not a comment|x@4\n");
}

static void test_errors(void) {
  CHECK_STR(rows("a,b\nc,\"open\nstill\nopen\n"),
            "a|b@1\nERROR t.csv:2: quote opened here is never closed in column 2");
  CHECK_STR(rows("a,b\nx,\"q\"z,c\n"),
            "a|b@1\nERROR t.csv:2: text after a closing quote in column 2");
  CHECK_STR(rows("a\nb\nab\"c\n"),
            "a@1\nb@2\nERROR t.csv:3: quote inside an unquoted cell in column 1");
  sl_csv_options options = {.max_row_bytes = 16};
  sl_error error = {{0}};
  const char *text = "short\n0123456789abcdefghij\n";
  sl_csv *csv = sl_csv_open_memory("t.csv", text, strlen(text), &options, &error);
  sl_csv_row row;
  CHECK(sl_csv_next(csv, &row, &error) == 1);
  CHECK(sl_csv_next(csv, &row, &error) == -1);
  CHECK_STR(error.message, "t.csv:2: row longer than the limit");
  CHECK(sl_csv_next(csv, &row, &error) == -1);
  sl_csv_close(csv);
  CHECK(sl_csv_open("/nonexistent/x.csv", NULL, &error) == NULL);
  CHECK_STR(error.message, "/nonexistent/x.csv: No such file or directory");
}

/* A file bigger than the input buffer with a cell of 1 MB in quotes and one
 * without: cells and line numbers come out whole across refills. */
static void test_file_long_cells(void) {
  char path[] = "/tmp/test_csv_XXXXXX";
  int fd = mkstemp(path);
  CHECK(fd >= 0);
  FILE *file = fdopen(fd, "w");
  size_t big = 1000000;
  fputs("# header comment\nid,text\n", file);
  fputs("1,\"", file);
  for (size_t i = 0; i < big; i++)
    fputs(i % 1000 == 999 ? "\n" : (i % 500 == 0 ? "\"\"" : "q"), file);
  fputs("\"\n2,", file);
  for (size_t i = 0; i < big; i++)
    fputc('u', file);
  fputs("\r\n", file);
  for (int i = 0; i < 20000; i++)
    fprintf(file, "%d,\"r%d\"\r\n", i + 3, i);
  fclose(file);
  sl_csv_options options = {.skip_leading_comments = 1};
  sl_error error = {{0}};
  sl_csv *csv = sl_csv_open(path, &options, &error);
  CHECK(csv != NULL);
  sl_csv_row row;
  CHECK(sl_csv_next(csv, &row, &error) == 1 && row.line == 2 && row.count == 2);
  CHECK(sl_csv_next(csv, &row, &error) == 1 && row.line == 3 && row.count == 2);
  size_t quotes = 0, newlines = 0;
  for (size_t i = 0; i < row.cells[1].length; i++) {
    quotes += row.cells[1].text[i] == '"';
    newlines += row.cells[1].text[i] == '\n';
  }
  CHECK(quotes == 2000 && newlines == 1000 && row.cells[1].length == big);
  CHECK(sl_csv_next(csv, &row, &error) == 1 && row.line == 1004);
  CHECK(row.cells[1].length == big && row.cells[1].text[big - 1] == 'u');
  long last = 0, count = 0;
  int got;
  while ((got = sl_csv_next(csv, &row, &error)) == 1) {
    last = row.line;
    count++;
    if (count == 20000) CHECK_STR(row.cells[1].text, "r19999");
  }
  CHECK(got == 0 && count == 20000 && last == 1004 + 20000);
  sl_csv_close(csv);
  unlink(path);
}

int main(void) {
  test_quoting();
  test_comments();
  test_errors();
  test_file_long_cells();
  return CHECK_DONE();
}
