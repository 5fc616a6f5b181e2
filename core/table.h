/*
 * table.h: plain text tables for the terminal. Columns share the width of
 * the terminal; a cell too long for its column wraps at spaces within it
 * instead of being cut, so no word of an area's text is lost. A column is
 * text (the default: it shrinks and wraps), words (a name: it wraps between
 * words only) or code (area codes, theme ids, refs: it keeps its full
 * width and never wraps). When the code columns
 * cannot all fit, each row prints as a block of "HEADING  value" lines. A
 * cell may hold several lines ("\n"); a no-break space (U+00A0) joins words
 * that must stay on one line, and prints as a space. Colour (a bold
 * heading) only on a terminal and never when NO_COLOR is set. Control
 * characters (an escape sequence in a script's or a file's text) print as
 * "?", a tab as a space.
 */
#ifndef SL_TABLE_H
#define SL_TABLE_H

#include <stdio.h>

typedef struct sl_table sl_table;

/* text: wraps at spaces, a word wider than the column is cut; words (a
 * name): wraps at spaces only; code: never wraps. */
typedef enum sl_table_kind { SL_TABLE_TEXT = 0, SL_TABLE_WORDS, SL_TABLE_CODE } sl_table_kind;

/* A table of columns columns whose first row (the heading) is heading. */
sl_table *sl_table_new(int columns, const char *const *heading);
/* Append a row of columns cells (copied; NULL prints as empty). 0 if out
 * of memory. */
int sl_table_add(sl_table *table, const char *const *cells);
/* Set column's (from 0) kind; a column is text until told. */
void sl_table_set_kind(sl_table *table, int column, sl_table_kind kind);
/* Print within width characters; the first column starts at column 0. */
void sl_table_print(const sl_table *table, FILE *out, int width, int colour);
void sl_table_free(sl_table *table);

/* The width to fit: $COLUMNS if set, else the terminal's if out is one,
 * else 80. */
int sl_table_width(FILE *out);
/* Whether to colour out: a terminal, and NO_COLOR unset or empty. */
int sl_table_colour(FILE *out);

/* Print text wrapped to width at spaces, each line after indent spaces. */
void sl_table_wrap(FILE *out, const char *text, int indent, int width);
/* The same, the first line after indent spaces and the others after
 * hanging spaces. */
void sl_table_wrap_hanging(FILE *out, const char *text, int indent, int hanging, int width);
/* Each line of text wrapped to width, its continuation lines indented more
 * spaces beyond the line's own leading spaces. */
void sl_table_fit_lines(FILE *out, const char *text, int more, int width);

#endif
