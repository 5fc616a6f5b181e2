/*
 * export_html_common.c: what every part of the HTML page uses
 * (export_html_internal.h): escaping, fields, theme titles, judgements
 * in words and marks, and each card's sources numbered as footnotes.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "export_html_internal.h"

void html_put(html *h, const char *text) { fputs(text, h->out); }

void sl_html_escape(FILE *out, const char *text) {
  for (; text && *text; text++) {
    switch (*text) {
    case '&':
      fputs("&amp;", out);
      break;
    case '<':
      fputs("&lt;", out);
      break;
    case '>':
      fputs("&gt;", out);
      break;
    case '"':
      fputs("&quot;", out);
      break;
    case '\'':
      fputs("&#39;", out);
      break;
    default:
      fputc(*text, out);
    }
  }
}

void html_esc(html *h, const char *text) { sl_html_escape(h->out, text); }

const char *html_str(const cJSON *object, const char *key) {
  const cJSON *item = cJSON_GetObjectItemCaseSensitive(object, key);
  return cJSON_IsString(item) && item->valuestring[0] ? item->valuestring : NULL;
}

const cJSON *html_list(const cJSON *object, const char *key) {
  return cJSON_GetObjectItemCaseSensitive(object, key);
}

/* A number as a person writes it: at most two decimals, no trailing zero. */
void html_number(char *buffer, size_t size, double value) {
  snprintf(buffer, size, "%.2f", value);
  char *end = buffer + strlen(buffer) - 1;
  while (*end == '0')
    *end-- = '\0';
  if (*end == '.') *end = '\0';
}

int html_has(const cJSON *object, const char *key) {
  return html_str(object, key) || cJSON_IsNumber(cJSON_GetObjectItemCaseSensitive(object, key));
}

/* A field that may be text, a number or null; 1 if it wrote something. */
int html_field(html *h, const cJSON *object, const char *key) {
  const cJSON *item = cJSON_GetObjectItemCaseSensitive(object, key);
  if (cJSON_IsNumber(item)) {
    char number[64];
    html_number(number, sizeof number, item->valuedouble);
    html_put(h, number);
    return 1;
  }
  html_esc(h, html_str(object, key));
  return html_str(object, key) != NULL;
}

/* A term and its value in a <dl>, left out when the documents are silent. */
void html_dl_item(html *h, const char *label, const cJSON *object, const char *key) {
  if (!html_has(object, key)) return;
  fprintf(h->out, "<dt>%s</dt><dd>", label);
  html_field(h, object, key);
  html_put(h, "</dd>");
}

const char *html_theme_title(const html *h, const char *id) {
  const cJSON *theme;
  cJSON_ArrayForEach(theme, h->themes) {
    if (id && html_str(theme, "id") && strcmp(html_str(theme, "id"), id) == 0 &&
        html_str(theme, "title"))
      return html_str(theme, "title");
  }
  return id;
}

void html_theme_list(html *h, const cJSON *themes) {
  if (cJSON_GetArraySize(themes) == 0) return;
  html_put(h, " <span class=\"themes\">Themes: ");
  const cJSON *theme;
  cJSON_ArrayForEach(theme, themes) {
    html_esc(h, html_theme_title(h, cJSON_GetStringValue(theme)));
    if (theme->next) html_put(h, ", ");
  }
  html_put(h, ".</span>");
}

/* --- sources: a tooltip on the fact, and footnotes that print -------- */

int html_same_text(const char *a, const char *b) {
  return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

static int same_source(const cJSON *a, const cJSON *b) {
  return html_same_text(html_str(a, "document"), html_str(b, "document")) &&
         html_same_text(html_str(a, "locator"), html_str(b, "locator")) &&
         html_same_text(html_str(a, "quote"), html_str(b, "quote"));
}

/* The footnote number of a source within the card, adding it if new;
 * 0 if out of memory (the tooltip still names it). */
static int note_number(html *h, const cJSON *source) {
  for (int i = 0; i < h->note_count; i++)
    if (same_source(h->notes[i], source)) return i + 1;
  if (h->note_count == h->note_capacity) {
    int capacity = h->note_capacity ? 2 * h->note_capacity : 64;
    const cJSON **notes = realloc(h->notes, (size_t)capacity * sizeof *notes);
    if (!notes) return 0;
    h->notes = notes;
    h->note_capacity = capacity;
  }
  h->notes[h->note_count++] = source;
  return h->note_count;
}

static void source_text(html *h, const cJSON *source) {
  html_esc(h, html_str(source, "document"));
  if (html_str(source, "locator")) html_put(h, ", "), html_esc(h, html_str(source, "locator"));
  if (html_str(source, "quote"))
    html_put(h, ": \xe2\x80\x9c"), html_esc(h, html_str(source, "quote")),
        html_put(h, "\xe2\x80\x9d");
}

/* sources is a list of sources or one source (a claim has one). */
static const cJSON *first_source(const cJSON *sources) {
  return cJSON_IsArray(sources) ? sources->child : cJSON_IsObject(sources) ? sources : NULL;
}

static const cJSON *next_source(const cJSON *sources, const cJSON *source) {
  return cJSON_IsArray(sources) ? source->next : NULL;
}

void html_source_title(html *h, const cJSON *sources) {
  const cJSON *source = first_source(sources);
  if (!source) return;
  html_put(h, " title=\"");
  for (; source; source = next_source(sources, source)) {
    html_put(h, "Source: ");
    source_text(h, source);
    if (next_source(sources, source)) html_put(h, "&#10;");
  }
  html_put(h, "\"");
}

void html_source_refs(html *h, const cJSON *sources) {
  const cJSON *source = first_source(sources);
  if (!source) return;
  html_put(h, "<sup class=\"refs\">");
  for (int first = 1; source; source = next_source(sources, source)) {
    int number = note_number(h, source);
    if (!number) continue;
    fprintf(h->out, "%s<a href=\"#c%d-s%d\" aria-label=\"source %d\">%d</a>", first ? "" : ",",
            h->card, number, number, number);
    first = 0;
  }
  html_put(h, "</sup>");
}

void html_notes(html *h) {
  if (!h->note_count) return;
  fprintf(h->out, "<section class=\"notes\" aria-labelledby=\"c%d-notes\"><h4 id=\"c%d-notes\">",
          h->card, h->card);
  html_put(h, "Sources</h4><ol>");
  for (int i = 0; i < h->note_count; i++) {
    fprintf(h->out, "<li id=\"c%d-s%d\"><cite>", h->card, i + 1);
    html_esc(h, html_str(h->notes[i], "document"));
    html_put(h, "</cite>");
    if (html_str(h->notes[i], "locator"))
      html_put(h, ", "), html_esc(h, html_str(h->notes[i], "locator"));
    if (html_str(h->notes[i], "quote"))
      html_put(h, ": <q>"), html_esc(h, html_str(h->notes[i], "quote")), html_put(h, "</q>");
    html_put(h, "</li>");
  }
  html_put(h, "</ol></section>");
}

const char *html_progress_words(const char *progress) {
  if (!progress) return "not judged";
  if (strcmp(progress, "insufficient") == 0) return "insufficient progress";
  if (strcmp(progress, "sufficient") == 0) return "sufficient progress";
  return progress;
}

const char *html_progress_class(const char *progress) {
  if (progress && strcmp(progress, "insufficient") == 0) return "ins";
  if (progress && strcmp(progress, "sufficient") == 0) return "suf";
  return "unj";
}

/* A coloured square: a supplement only, the words beside it say the same. */
void html_mark(html *h, const char *class) {
  fprintf(h->out, "<span class=\"mark %s\" aria-hidden=\"true\"></span>", class);
}

void html_count(html *h, const cJSON *object, const char *key, const char *noun) {
  int n = (int)cJSON_GetNumberValue(cJSON_GetObjectItemCaseSensitive(object, key));
  fprintf(h->out, "%d %s%s", n, noun, n == 1 ? "" : "s");
}

void html_capitalised(html *h, const char *text) {
  if (!text) return;
  fputc(toupper((unsigned char)text[0]), h->out);
  html_esc(h, text + 1);
}

void html_table_open(html *h, const char *class, const char *id) {
  char made[48];
  if (!id) {
    snprintf(made, sizeof made, "c%d-t%d", h->card, ++h->tables);
    id = made;
  }
  html_put(h, "<div class=\"table-scroll\" tabindex=\"0\" role=\"region\" aria-labelledby=\"");
  html_esc(h, id);
  html_put(h, "\"><table");
  if (class) html_put(h, " class=\""), html_put(h, class), html_put(h, "\"");
  html_put(h, "><caption id=\"");
  html_esc(h, id);
  html_put(h, "\">");
}

void html_table_close(html *h) { html_put(h, "</table></div>"); }

void html_data_themes(html *h, const cJSON *themes) {
  html_put(h, " data-themes=\"");
  const cJSON *theme;
  cJSON_ArrayForEach(theme, themes) {
    html_esc(h, cJSON_GetStringValue(theme));
    if (theme->next) html_put(h, " ");
  }
  html_put(h, "\"");
}

/* The themes an area's items are under, each written once: past
 * MOST_THEMES distinct ids (themes.json holds 15) later ones are written even if
 * repeated, which the filter reads the same. */
enum { MOST_THEMES = 128 };
typedef struct theme_ids {
  const char *seen[MOST_THEMES];
  int count;
} theme_ids;

static void theme_ids_write(html *h, theme_ids *ids, const cJSON *items) {
  const cJSON *item, *theme;
  cJSON_ArrayForEach(item, items) {
    cJSON_ArrayForEach(theme, html_list(item, "themes")) {
      const char *id = cJSON_GetStringValue(theme);
      int seen = 0, known = ids->count < MOST_THEMES ? ids->count : MOST_THEMES;
      for (int i = 0; id && i < known && !seen; i++)
        seen = strcmp(ids->seen[i], id) == 0;
      if (!id || seen) continue;
      if (ids->count < MOST_THEMES) ids->seen[ids->count] = id;
      html_put(h, ids->count++ ? " " : "");
      html_esc(h, id);
    }
  }
}

void html_area_themes(html *h, const cJSON *area) {
  theme_ids ids = {.count = 0};
  const cJSON *item;
  html_put(h, " data-themes=\"");
  cJSON_ArrayForEach(item, html_list(area, "inspections")) {
    theme_ids_write(h, &ids, html_list(item, "weaknesses"));
  }
  cJSON_ArrayForEach(item, html_list(area, "plans")) {
    theme_ids_write(h, &ids, html_list(item, "concerns"));
  }
  html_put(h, "\"");
}
