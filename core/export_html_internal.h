/*
 * export_html_internal.h: what the files of the HTML page share: the
 * writer's state, escaping, fields and their footnoted sources. The page
 * is drawn in parts: export_html.c the frame (head, styles, contents,
 * footer), export_html_matrix.c the themes x areas matrix,
 * export_html_trends.c the indicator charts, export_html_cards.c an
 * area's card, export_html_statistics.c the official statistics. None
 * of them holds SQL: the trees they draw are built beside the store.
 * Not for other modules.
 */
#ifndef SL_EXPORT_HTML_INTERNAL_H
#define SL_EXPORT_HTML_INTERNAL_H

#include <cjson/cJSON.h>
#include <stdio.h>

#include "export_html.h"

typedef struct html {
  FILE *out;
  const cJSON *themes; /* the document's themes, for their titles */
  int card;            /* the area card being written, for ids */
  const cJSON **notes; /* that card's sources, footnote i+1 at [i] */
  int note_count, note_capacity;
  int tables;               /* that card's tables, for their captions' ids */
  int board;                /* the board pack (sl_html_options) */
  const cJSON *publication; /* core/publication.h: title, date, sources */
  sl_store *store;          /* for the sections that query it (export_html_changes.c) */
  sl_error *error;
  int failed; /* a section could not be read: error says why */
} html;

/* The page's stylesheet and script (export_html_style.c). */
extern const char html_style[];
extern const char html_script[];

/* --- text ------------------------------------------------------------ */

void html_put(html *h, const char *text);
void html_esc(html *h, const char *text); /* escaped: sl_html_escape */
/* "Insufficient": the first letter upper case, the rest escaped. */
void html_capitalised(html *h, const char *text);

/* A string member, NULL when absent or empty; any member. */
const char *html_str(const cJSON *object, const char *key);
const cJSON *html_list(const cJSON *object, const char *key);
int html_has(const cJSON *object, const char *key); /* text or a number */
int html_same_text(const char *a, const char *b);   /* NULLs equal */

/* A number as a person writes it: at most two decimals, no trailing zero. */
void html_number(char *buffer, size_t size, double value);

/* A field that may be text, a number or null; 1 if it wrote something. */
int html_field(html *h, const cJSON *object, const char *key);

/* A term and its value in a <dl>, left out when the documents are silent. */
void html_dl_item(html *h, const char *label, const cJSON *object, const char *key);

/* --- themes and judgements ------------------------------------------- */

const char *html_theme_title(const html *h, const char *id);
void html_theme_list(html *h, const cJSON *themes);    /* " Themes: A, B." */
const char *html_progress_words(const char *progress); /* "insufficient progress" */
const char *html_progress_class(const char *progress); /* "ins", "suf", "unj" */
/* A coloured square: a supplement only, the words beside it say the same. */
void html_mark(html *h, const char *class);
/* "3 actions": the count at key with its noun. */
void html_count(html *h, const cJSON *object, const char *key, const char *noun);

/* --- sources: a tooltip on the fact, and footnotes that print -------- */

/* sources is a list of sources or one source (a claim has one). */
void html_source_title(html *h, const cJSON *sources); /* title="Source: ..." */
void html_source_refs(html *h, const cJSON *sources);  /* footnote numbers */
void html_notes(html *h); /* the card's numbered sources, once, at its end */

/* A table in a region of its own that scrolls sideways on a phone: a
 * keyboard reaches it (tabindex) and a screen reader names it by the
 * caption. Writes up to the caption's opening tag, id given or (NULL)
 * made from the card; the caller writes the caption, then the rest, then
 * html_table_close. */
void html_table_open(html *h, const char *class, const char *id);
void html_table_close(html *h);

/* data-themes="a b": the themes of an item, for the page's filter. */
void html_data_themes(html *h, const cJSON *themes);

/* --- the parts of the page ------------------------------------------- */

void html_matrix_write(html *h, const cJSON *matrix);
void html_card_write(html *h, const cJSON *area, int index);
/* The board pack's page of an area (export_html_board.c). */
void html_board_area_write(html *h, const cJSON *area, int index);
/* data-themes of an area card: every theme its weaknesses and concerns
 * are under, once each. */
void html_area_themes(html *h, const cJSON *area);

#endif
