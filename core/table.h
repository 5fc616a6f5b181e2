/*
 * table.h: plain text tables for the terminal. Columns share the width of
 * the terminal; a cell too long for its column wraps at spaces within it
 * instead of being cut, so no word of an area's text is lost. A cell may
 * hold several lines ("\n"). Colour (a bold heading) only on a terminal and
 * never when NO_COLOR is set. Control characters (an escape sequence in a
 * script's or a file's text) print as "?".
 */
#ifndef SL_TABLE_H
#define SL_TABLE_H

#include <stdio.h>

typedef struct sl_table sl_table;

/* A table of columns columns whose first row (the heading) is heading. */
sl_table *sl_table_new(int columns, const char *const *heading);
/* Append a row of columns cells (copied; NULL prints as empty). 0 if out
 * of memory. */
int sl_table_add(sl_table *table, const char *const *cells);
/* Print within width characters; the first column starts at column 0. */
void sl_table_print(const sl_table *table, FILE *out, int width, int colour);
void sl_table_free(sl_table *table);

/* The width to fit: $COLUMNS if set, else the terminal's if out is one,
 * else 100. */
int sl_table_width(FILE *out);
/* Whether to colour out: a terminal, and NO_COLOR unset or empty. */
int sl_table_colour(FILE *out);

/* Print text wrapped to width, each line after indent spaces. */
void sl_table_wrap(FILE *out, const char *text, int indent, int width);

#endif
