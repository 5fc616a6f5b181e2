/*
 * export_html.c: the store as one page of HTML, and the page's frame:
 * head and styles, contents, the parts in order, footer. The parts are
 * drawn by export_html_matrix.c (sl_compare_matrix's tree),
 * export_html_trends.c (trends.c's small multiples), export_html_statistics.c
 * (the document's "statistics") and export_html_cards.c (the areas of
 * sl_export_document), so the page never says what `show` or `compare`
 * would not. Every text from a document is escaped; the only links point
 * inside the page; colour always sits beside words that say the same
 * thing.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "compare.h"
#include "export_html_internal.h"
#include "export_html_publication.h"
#include "export_html_statistics.h"
#include "export_html_trends.h"
#include "export_json.h"
#include "publication.h"
#include "trends.h"

/* "Staffordshire, Walsall and Worcestershire", or "153 areas". */
static void area_names(html *h, const cJSON *areas) {
  int total = cJSON_GetArraySize(areas), index = 0;
  if (total > 4) {
    fprintf(h->out, "%d areas", total);
    return;
  }
  const cJSON *area;
  cJSON_ArrayForEach(area, areas) {
    index++;
    if (index > 1) html_put(h, index == total ? " and " : ", ");
    html_esc(h, html_str(area, "name"));
  }
}

static void write_head(html *h, const cJSON *areas) {
  html_put(h, "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
              "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
              "<meta name=\"generator\" content=\"sendlens " SENDLENS_VERSION "\"><title>");
  /* The title a reader gave (--title) as given; the default one names the
   * areas, so a browser's tabs and history tell pages apart. */
  const char *title = html_str(h->publication, "title");
  if (!title) title = SL_PUBLICATION_TITLE;
  if (h->board) html_put(h, "Board pack: ");
  html_esc(h, title);
  if (strcmp(title, SL_PUBLICATION_TITLE) == 0 && cJSON_GetArraySize(areas))
    html_put(h, ": "), area_names(h, areas);
  html_put(h, "</title><style>");
  html_put(h, html_style);
  html_put(h, sl_html_statistics_style);
  html_put(h, sl_html_trends_style);
  html_put(h, sl_html_publication_style);
  html_put(h, "</style></head>\n<body><a class=\"skip-link\" href=\"#main-content\">Skip to main "
              "content</a>\n");
}

/* The sum over areas of a count in the matrix's total row. */
static int total(const cJSON *matrix, const char *key) {
  int sum = 0;
  const cJSON *area;
  cJSON_ArrayForEach(area, html_list(matrix, "totals")) {
    sum += (int)cJSON_GetNumberValue(cJSON_GetObjectItemCaseSensitive(area, key));
  }
  return sum;
}

static void plural(html *h, int n, const char *one, const char *many) {
  fprintf(h->out, "%d %s", n, n == 1 ? one : many);
}

/* The page's heading, what it is for and what it holds, in one place a
 * reader sees first. */
static void write_intro(html *h, const cJSON *document, const cJSON *matrix) {
  const cJSON *areas = html_list(document, "areas");
  const char *title = html_str(h->publication, "title");
  html_put(h, "<h1>");
  html_esc(h, title ? title : SL_PUBLICATION_TITLE);
  html_put(h, h->board ? "</h1><p class=\"secondary\">Board pack</p>" : "</h1>");
  html_put(h, "<p class=\"lead\">What Ofsted and CQC found in each local area&#39;s services for "
              "children with special educational needs and disabilities, and what each "
              "area&#39;s plan does about it, in the area&#39;s own words.</p>");
  html_put(h, "<p class=\"summary\">");
  if (!cJSON_GetArraySize(areas)) {
    html_put(h, "No area is loaded yet.</p>\n");
    return;
  }
  html_put(h, "This page covers ");
  plural(h, cJSON_GetArraySize(areas), "area", "areas");
  html_put(h, ": "), area_names(h, areas), html_put(h, ". Their documents name ");
  plural(h, total(matrix, "weaknesses"), "weakness", "weaknesses");
  html_put(h, " the inspectors found; their plans hold ");
  plural(h, total(matrix, "concerns"), "concern", "concerns");
  html_put(h, " with ");
  plural(h, total(matrix, "actions"), "action", "actions");
  html_put(h, " and ");
  plural(h, total(matrix, "measures"), "measure", "measures");
  html_put(h, h->board ? ". The full page, with every fact&#39;s source, is the export without "
                         "<code>--board-pack</code>.</p>\n"
                       : ". Every fact names its source: hover over it, or follow its number "
                         "to the list at the end of the area.</p>\n");
}

/* The contents: a link to each part, each theme's matrix row and each
 * area, so the page is whole without its script. */
static void write_nav(html *h, const cJSON *areas, const cJSON *matrix) {
  html_put(h, "<nav class=\"contents\" aria-labelledby=\"contents-h\"><h2 id=\"contents-h\">"
              "Contents</h2><ol><li><a href=\"#matrix\">Themes by area</a><ul>");
  const cJSON *row;
  cJSON_ArrayForEach(row, html_list(matrix, "rows")) {
    html_put(h, "<li><a href=\"#theme-");
    html_esc(h, html_str(row, "theme"));
    html_put(h, "\">");
    html_esc(h, html_str(row, "title"));
    html_put(h, "</a></li>");
  }
  html_put(h, "</ul></li>");
  if (!h->board)
    html_put(h, "<li><a href=\"#indicators\">Indicators</a></li>"
                "<li><a href=\"#statistics\">Official statistics</a></li>");
  html_put(h, "<li><a href=\"#areas\">Areas</a><ul>");
  const cJSON *area;
  int index = 0;
  cJSON_ArrayForEach(area, areas) {
    fprintf(h->out, "<li><a href=\"#area-%d\">", ++index);
    html_esc(h, html_str(area, "name"));
    html_put(h, "</a></li>");
  }
  html_put(h, "</ul></li></ol></nav>\n<div id=\"filter\" hidden></div>\n");
}

/* At the top of the page, before anything else: figures of synthetic case
 * records are made up, whichever council's name they carry. */
static void write_synthetic(html *h, const cJSON *document) {
  const cJSON *synthetic = cJSON_GetObjectItemCaseSensitive(document, "synthetic");
  if (!synthetic) return;
  html_put(h, "<div class=\"synthetic\" role=\"alert\"><strong>");
  html_esc(h, html_str(synthetic, "warning"));
  html_put(h, "</strong> Their figures are marked SYNTHETIC below.</div>\n");
}

static void write_areas(html *h, const cJSON *areas) {
  html_put(h, "\n<section id=\"areas\" aria-labelledby=\"areas-h\"><h2 id=\"areas-h\">Areas</h2>");
  if (!cJSON_GetArraySize(areas))
    html_put(h, "<p>No area is loaded: run <code>sendlens load</code> first.</p>");
  const cJSON *area;
  int index = 0;
  cJSON_ArrayForEach(area, areas) {
    if (h->board)
      html_board_area_write(h, area, ++index);
    else
      html_card_write(h, area, ++index);
    html_put(h, "\n");
  }
  html_put(h, "</section>");
}

static void write_footer(html *h) {
  html_put(h, "<footer>");
  sl_html_publication_sources(h->out, h->publication);
  html_put(h, "<p>Contains public sector information licensed under the Open "
              "Government Licence v3.0.</p></footer>");
  html_put(h, "<script>");
  html_put(h, html_script);
  html_put(h, "</script></body></html>\n");
}

/* The parts in reading order; each part is one call. */
static void write_page(html *h, const cJSON *document, const cJSON *matrix, const cJSON *trends) {
  const cJSON *areas = html_list(document, "areas");
  write_head(h, areas);
  html_put(h, "<main id=\"main-content\">");
  write_intro(h, document, matrix);
  sl_html_publication_summary(h->out, h->publication);
  write_synthetic(h, document);
  write_nav(h, areas, matrix);
  html_matrix_write(h, matrix);
  html_put(h, "\n");
  if (!h->board) {
    sl_html_trends_write(h->out, trends, h->themes);
    html_put(h, "\n");
    sl_html_statistics_write(h->out, html_list(document, "statistics"));
  }
  write_areas(h, areas);
  html_put(h, "</main>");
  write_footer(h);
}

int sl_export_html_write(sl_store *store, FILE *out, const sl_html_options *options,
                         sl_error *error) {
  cJSON *document = sl_export_document(store, error);
  cJSON *matrix = document ? sl_compare_matrix(store, error) : NULL;
  cJSON *trends = matrix ? sl_trends_build(store, error) : NULL;
  int status = -1;
  if (trends) {
    html h = {.out = out,
              .themes = html_list(document, "themes"),
              .board = options && options->board_pack,
              .publication = options ? options->publication : NULL,
              .store = store,
              .error = error};
    write_page(&h, document, matrix, trends);
    free(h.notes);
    status = h.failed                           ? -1
             : fflush(out) == 0 && !ferror(out) ? 0
                                                : sl_error_set(error, "cannot write the page");
  }
  cJSON_Delete(trends);
  cJSON_Delete(matrix);
  cJSON_Delete(document);
  return status;
}

int sl_export_html(sl_store *store, const char *path, const sl_html_options *options,
                   sl_error *error) {
  size_t length = strlen(path) + 8;
  char *temporary = malloc(length);
  if (!temporary) return sl_error_set(error, "%s: out of memory", path);
  snprintf(temporary, length, "%s.tmp", path);
  FILE *file = fopen(temporary, "w");
  int status = file ? sl_export_html_write(store, file, options, error)
                    : sl_error_set(error, "%s: cannot write: %s", temporary, strerror(errno));
  if (file && fclose(file) != 0 && status == 0)
    status = sl_error_set(error, "%s: cannot write: %s", temporary, strerror(errno));
  if (status == 0 && rename(temporary, path) != 0)
    status = sl_error_set(error, "%s: cannot rename into place: %s", path, strerror(errno));
  if (status != 0 && file) remove(temporary);
  free(temporary);
  return status;
}
