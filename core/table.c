/*
 * table.c: plain text tables that fit the terminal. Widths count UTF-8
 * code points, not bytes, since the areas' documents use curly quotes and
 * dashes; a line is never split inside a character. A code column (an area
 * code, a theme id, a ref) keeps its full width and never wraps; a text
 * column wraps at spaces, and only a word longer than its column is ever
 * cut. When even the code columns cannot fit, each row is printed as a
 * block of "HEADING  value" lines instead, so no line is wider than asked.
 */
#include "table.h"

#include "utf8.h"

#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

/* A text column narrower than TABLE_MIN_TEXT would cut words into pieces
 * too short to read: below it, the blocks are clearer. */
enum { TABLE_GAP = 2, TABLE_MIN_WIDTH = 6, TABLE_MIN_TEXT = 16, TABLE_DEFAULT_WIDTH = 80 };

struct sl_table {
  int columns;
  int rows; /* the heading is row 0 */
  int capacity;
  char **cells;         /* rows x columns, row-major */
  sl_table_kind *kinds; /* one per column */
};

static int table_is_continuation(char c) { return ((unsigned char)c & 0xC0) == 0x80; }

/* A no-break space (U+00A0) glues a code with a space in it, "APP 1.2",
 * into one word; it prints as a plain space. */
static int table_is_glue(const char *text) {
  return (unsigned char)text[0] == 0xC2 && (unsigned char)text[1] == 0xA0;
}

static int table_span_width(const char *text, size_t length) {
  int width = 0;
  for (size_t i = 0; i < length; i++)
    width += !table_is_continuation(text[i]);
  return width;
}

static const char *table_skip_spaces(const char *text) {
  while (*text == ' ')
    text++;
  return text;
}

/* Write length bytes of text, each no-break space as a space. */
static void table_put(FILE *out, const char *text, size_t length) {
  for (size_t i = 0; i < length; i++) {
    if (i + 1 < length && table_is_glue(text + i)) {
      fputc(' ', out);
      i++;
    } else {
      fputc(text[i], out);
    }
  }
}

/* The next line of text within width: its length in bytes; *next is where
 * the line after it starts. Breaks at the last space that fits, or, for a
 * word longer than the column, after its last '/', '_' or '-' that fits (a
 * path, an id), else inside the word. */
static size_t table_line(const char *text, int width, const char **next) {
  size_t i = 0, space = 0, slash = 0;
  int count = 0;
  while (text[i] && text[i] != '\n') {
    if (text[i] == ' ') space = i;
    if (count == width) {
      size_t end = text[i] == ' ' ? i : space ? space : slash > space ? slash : i;
      *next = end == i && text[i] != ' ' ? text + i : table_skip_spaces(text + end);
      while (end > 0 && text[end - 1] == ' ')
        end--;
      return end;
    }
    if (strchr("/_-", text[i]) && i > space + 1) slash = i + 1; /* cut "a/b", "a_b" after it */
    i++;
    while (table_is_continuation(text[i]))
      i++;
    count++;
  }
  *next = text[i] == '\n' ? text + i + 1 : text + i;
  return i;
}

static int table_line_count(const char *text, int width) {
  int lines = 0;
  const char *next = text;
  do {
    table_line(next, width, &next);
    lines++;
  } while (*next);
  return lines;
}

/* The widest line of a cell as written, before any wrapping. */
static int table_natural(const char *text) {
  int widest = 0;
  while (1) {
    const char *end = strchr(text, '\n');
    size_t length = end ? (size_t)(end - text) : strlen(text);
    int width = table_span_width(text, length);
    if (width > widest) widest = width;
    if (!end) return widest;
    text = end + 1;
  }
}

sl_table *sl_table_new(int columns, const char *const *heading) {
  sl_table *table = calloc(1, sizeof *table);
  if (!table) return NULL;
  table->columns = columns;
  table->kinds = calloc((size_t)columns, sizeof *table->kinds);
  if (!table->kinds || !sl_table_add(table, heading)) {
    sl_table_free(table);
    return NULL;
  }
  return table;
}

void sl_table_set_kind(sl_table *table, int column, sl_table_kind kind) {
  if (column >= 0 && column < table->columns) table->kinds[column] = kind;
}

/* A cell as it may reach a terminal: no control character (an escape
 * sequence in a script's or a file's text), a tab as a space. */
static void table_clean(char *cell) {
  sl_utf8_printable(cell, 1);
  for (char *tab = strchr(cell, '\t'); tab; tab = strchr(tab, '\t'))
    *tab = ' ';
}

int sl_table_add(sl_table *table, const char *const *cells) {
  if (table->rows == table->capacity) {
    int capacity = table->capacity ? table->capacity * 2 : 16;
    char **grown = realloc(table->cells, sizeof(char *) * (size_t)(capacity * table->columns));
    if (!grown) return 0;
    table->cells = grown;
    table->capacity = capacity;
  }
  char **row = table->cells + table->rows * table->columns;
  int ok = 1;
  for (int c = 0; c < table->columns; c++) {
    row[c] = strdup(cells[c] ? cells[c] : "");
    ok = ok && row[c];
    if (row[c]) table_clean(row[c]);
  }
  table->rows++;
  return ok;
}

void sl_table_free(sl_table *table) {
  if (!table) return;
  for (int i = 0; i < table->rows * table->columns; i++)
    free(table->cells[i]);
  free(table->cells);
  free(table->kinds);
  free(table);
}

/* The widest word of a cell: below it, a column must cut words. */
static int table_longest_word(const char *text) {
  int longest = 0, run = 0;
  for (; *text; text++) {
    if (*text == ' ' || *text == '\n') {
      run = 0;
      continue;
    }
    run += !table_is_continuation(*text);
    if (run > longest) longest = run;
  }
  return longest;
}

/* The room the columns take when every one is as wide as level, but not
 * wider than its longest line nor narrower than its floor. */
static int table_fill(int columns, const int *natural, const int *floor, int level, int *widths) {
  int total = 0;
  for (int c = 0; c < columns; c++) {
    widths[c] = level < floor[c] ? floor[c] : level > natural[c] ? natural[c] : level;
    total += widths[c];
  }
  return total;
}

/* Each column's widest line (natural), the width below which it would cut
 * a word (floor) and the least it can take (least): a code column's are
 * all its natural width; a words column's least is its longest word; a
 * text column's least keeps its heading's words whole and is at least
 * TABLE_MIN_TEXT. */
static void table_measure(const sl_table *table, int *natural, int *floor, int *least) {
  int columns = table->columns;
  for (int c = 0; c < columns; c++) {
    natural[c] = 1;
    floor[c] = 1;
    for (int r = 0; r < table->rows; r++) {
      const char *cell = table->cells[r * columns + c];
      int line = table_natural(cell), word = table_longest_word(cell);
      if (line > natural[c]) natural[c] = line;
      if (word > floor[c]) floor[c] = word;
    }
    /* A heading's words are never cut: they may be codes ("E10000028"). */
    int heading = table_longest_word(table->cells[c]);
    least[c] = table->kinds[c] == SL_TABLE_CODE    ? natural[c]
               : table->kinds[c] == SL_TABLE_WORDS ? floor[c]
               : natural[c] < TABLE_MIN_TEXT       ? natural[c]
                                                   : TABLE_MIN_TEXT;
    if (least[c] < heading) least[c] = heading;
    if (table->kinds[c] == SL_TABLE_CODE || floor[c] < least[c]) floor[c] = least[c];
    /* A heading on one line where there is room: "Kit Demo" over its column. */
    if (floor[c] < table_natural(table->cells[c])) floor[c] = table_natural(table->cells[c]);
  }
}

/* Water filling: the narrowest columns keep their natural width and the
 * room left is shared evenly by the others, so a short column never wraps
 * because a long one is beside it. Each column first gets its longest word
 * as far as the width allows, so names wrap between words rather than
 * inside them. 0 when the columns cannot fit side by side at all. */
static int table_widths(const sl_table *table, int width, int *widths) {
  int columns = table->columns, natural[columns], floor[columns], least[columns];
  int room = width - TABLE_GAP * (columns - 1), total = 0, minimum = 0;
  table_measure(table, natural, floor, least);
  for (int c = 0; c < columns; c++) {
    total += floor[c];
    minimum += least[c];
  }
  if (minimum > room) return 0;
  /* Too narrow for every word: the widest text floors give way first. */
  while (total > room) {
    int largest = -1;
    for (int c = 0; c < columns; c++)
      if (floor[c] > least[c] && (largest < 0 || floor[c] > floor[largest])) largest = c;
    floor[largest]--;
    total--;
  }
  int level = 1, widest = 1;
  for (int c = 0; c < columns; c++)
    if (natural[c] > widest) widest = natural[c];
  while (level < widest && table_fill(columns, natural, floor, level + 1, widths) <= room)
    level++;
  int left = room - table_fill(columns, natural, floor, level, widths);
  for (int c = 0; c < columns && left > 0; c++)
    if (widths[c] < natural[c]) {
      widths[c]++;
      left--;
    }
  return 1;
}

static int table_row_lines(const sl_table *table, int row, const int *widths) {
  int most = 1;
  for (int c = 0; c < table->columns; c++) {
    int lines = table_line_count(table->cells[row * table->columns + c], widths[c]);
    if (lines > most) most = lines;
  }
  return most;
}

/* One row, line by line; the last column is not padded, so no line ends in
 * spaces. */
static void table_print_row(const sl_table *table, int row, const int *widths, FILE *out) {
  const char *next[table->columns];
  for (int c = 0; c < table->columns; c++)
    next[c] = table->cells[row * table->columns + c];
  int lines = table_row_lines(table, row, widths);
  for (int line = 0; line < lines; line++) {
    int pending = 0;
    for (int c = 0; c < table->columns; c++) {
      const char *text = next[c];
      size_t length = *text ? table_line(text, widths[c], &next[c]) : 0;
      if (length) {
        fprintf(out, "%*s", pending, "");
        table_put(out, text, length);
        pending = 0;
      }
      if (c + 1 < table->columns) pending += widths[c] - table_span_width(text, length) + TABLE_GAP;
    }
    fputc('\n', out);
  }
}

static void table_print_grid(const sl_table *table, const int *widths, FILE *out, int colour) {
  int spaced = 0;
  for (int r = 1; r < table->rows && !spaced; r++)
    spaced = table_row_lines(table, r, widths) > 1;
  if (colour) fputs("\033[1m", out);
  table_print_row(table, 0, widths, out);
  if (colour) fputs("\033[0m", out);
  for (int c = 0; c < table->columns; c++) {
    for (int i = 0; i < widths[c]; i++)
      fputc('-', out);
    fputs(c + 1 < table->columns ? "  " : "\n", out);
  }
  for (int r = 1; r < table->rows; r++) {
    if (spaced && r > 1) fputc('\n', out);
    table_print_row(table, r, widths, out);
  }
}

/* text's lines within width, each after indent spaces but the first,
 * which follows what is already on the line. */
static void table_print_lines(FILE *out, const char *text, int first, int indent, int width) {
  const char *next = text;
  do {
    const char *line = next;
    size_t length = table_line(line, width, &next);
    fprintf(out, "%*s", line == text ? first : indent, "");
    table_put(out, line, length);
    fputc('\n', out);
  } while (*next);
}

/* One cell of a block: its heading, then its value beside it, or on the
 * lines below when a code or a word would not fit there. */
static void table_print_field(const sl_table *table, int row, int column, int label, int width,
                              FILE *out, int colour) {
  const char *heading = table->cells[column], *value = table->cells[row * table->columns + column];
  int shown = table_natural(heading), room = width - label - TABLE_GAP;
  sl_table_kind kind = table->kinds[column];
  int code = kind == SL_TABLE_CODE;
  int need = code ? table_natural(value) : kind == SL_TABLE_WORDS ? table_longest_word(value) : 0;
  if (colour) fputs("\033[1m", out);
  table_put(out, heading, strlen(heading));
  if (colour) fputs("\033[0m", out);
  if (!*value) {
    fputc('\n', out);
  } else if (shown <= label && room >= TABLE_MIN_WIDTH && need <= room) {
    table_print_lines(out, value, label - shown + TABLE_GAP, label + TABLE_GAP, code ? need : room);
  } else {
    fputc('\n', out);
    int below = width - TABLE_GAP > TABLE_MIN_WIDTH ? width - TABLE_GAP : TABLE_MIN_WIDTH;
    table_print_lines(out, value, TABLE_GAP, TABLE_GAP, code && need > below ? need : below);
  }
}

/* Too many code columns for the width: each row as a block of lines, a
 * field a line, blocks a blank line apart. */
static void table_print_blocks(const sl_table *table, FILE *out, int width, int colour) {
  int label = 0;
  for (int c = 0; c < table->columns; c++)
    if (table_natural(table->cells[c]) > label) label = table_natural(table->cells[c]);
  if (label > width / 2) label = width / 2;
  for (int r = 1; r < table->rows; r++) {
    if (r > 1) fputc('\n', out);
    for (int c = 0; c < table->columns; c++)
      table_print_field(table, r, c, label, width, out, colour);
  }
}

void sl_table_print(const sl_table *table, FILE *out, int width, int colour) {
  int widths[table->columns];
  if (table_widths(table, width, widths))
    table_print_grid(table, widths, out, colour);
  else
    table_print_blocks(table, out, width, colour);
}

int sl_table_width(FILE *out) {
  const char *columns = getenv("COLUMNS");
  if (columns && *columns) {
    char *end;
    long value = strtol(columns, &end, 10);
    if (!*end && value > 0 && value < 10000) return (int)value;
  }
  struct winsize size;
  if (isatty(fileno(out)) && ioctl(fileno(out), TIOCGWINSZ, &size) == 0 && size.ws_col > 0)
    return size.ws_col;
  return TABLE_DEFAULT_WIDTH;
}

int sl_table_colour(FILE *out) {
  const char *no_colour = getenv("NO_COLOR");
  return isatty(fileno(out)) && !(no_colour && *no_colour);
}

void sl_table_wrap_hanging(FILE *out, const char *text, int indent, int hanging, int width) {
  int room = width - hanging > TABLE_MIN_WIDTH ? width - hanging : TABLE_MIN_WIDTH;
  int first = width - indent > TABLE_MIN_WIDTH ? width - indent : TABLE_MIN_WIDTH;
  char *clean = strdup(text);
  if (clean) sl_utf8_printable(clean, 1); /* no escape sequence reaches a terminal */
  const char *next = clean ? clean : "";
  do {
    const char *line = next;
    size_t length = table_line(line, line == clean ? first : room, &next);
    fprintf(out, "%*s", line == clean ? indent : hanging, "");
    table_put(out, line, length);
    fputc('\n', out);
  } while (*next);
  free(clean);
}

void sl_table_wrap(FILE *out, const char *text, int indent, int width) {
  sl_table_wrap_hanging(out, text, indent, indent, width);
}

void sl_table_fit_lines(FILE *out, const char *text, int more, int width) {
  while (*text) {
    const char *end = strchr(text, '\n');
    size_t length = end ? (size_t)(end - text) : strlen(text);
    char *line = strndup(text, length);
    if (!line) return;
    int indent = (int)strspn(line, " ");
    sl_table_wrap_hanging(out, line + indent, indent, indent + more, width);
    free(line);
    text += length + (end != NULL);
  }
}
