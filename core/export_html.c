/*
 * export_html.c: the store as one page of HTML, and the page's frame:
 * head and styles, contents, the parts in order, footer. The parts are
 * drawn by export_html_matrix.c (sl_compare_matrix's tree),
 * export_html_indicators.c (sl_indicator_rows), export_html_statistics.c
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
#include "export_html_statistics.h"
#include "export_json.h"
#include "indicator_rows.h"

/* Colours: text on its background is at least 4.5:1 (most are above 7:1);
 * marks and bars are at least 3:1 against white, and words carry meaning. */
static const char STYLE[] =
    ":root{color:#1a1a1a;background:#fff;font:16px/1.45 system-ui,-apple-system,\"Segoe UI\","
    "Roboto,\"Helvetica Neue\",Arial,sans-serif}"
    "body{max-width:75rem;margin:0 auto;padding:1rem 1.5rem}"
    "h1{font-size:1.7rem;margin-bottom:.3rem}h2{font-size:1.4rem;margin-top:2.5rem;"
    "border-bottom:2px solid #1a1a1a}h3{font-size:1.2rem}h4{font-size:1.05rem;margin:1.2rem 0 "
    ".3rem}"
    "h5{font-size:1rem;margin:1rem 0 .3rem}a{color:#0b4f9c}"
    ".scroll{overflow-x:auto}table{border-collapse:collapse;width:100%;margin:.5rem 0 1rem}"
    "caption{text-align:left;font-weight:600;padding:.3rem 0}"
    "th,td{border:1px solid #767676;padding:.35rem .5rem;text-align:left;vertical-align:top}"
    "thead th{background:#eef0f3}.matrix td p{margin:0 0 .3rem}.matrix td{min-width:11rem}"
    ".mark{display:inline-block;width:.8em;height:.8em;margin-right:.4em;border:1px solid #1a1a1a;"
    "vertical-align:-.05em;-webkit-print-color-adjust:exact;print-color-adjust:exact}"
    ".mark.ins{background:#c62828}.mark.suf{background:#2e7d32}.mark.con{background:#1565c0}"
    ".mark.unj{background:#fff}"
    ".badge{display:inline-block;padding:0 .4em;border:1px solid currentColor;border-radius:.25em;"
    "font-size:.9em;white-space:nowrap}.badge.ins{color:#8b1a1a;background:#fdecea}"
    ".badge.suf{color:#1b5e20;background:#e8f5e9}.badge.unj{color:#1a1a1a}"
    ".none,.theme-id,.small,.themes{color:#555}.theme-id{display:block;font-size:.8em;"
    "font-family:ui-monospace,monospace;font-weight:400}"
    ".card{border:1px solid #767676;border-radius:.4rem;padding:.25rem 1.25rem 1rem;margin:1.5rem "
    "0}"
    "dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:.1rem 1rem;margin:.4rem 0}"
    "dt{font-weight:600}dd{margin:0}ul.plain{list-style:none;padding:0;margin:0}"
    ".weaknesses li,.conflicts li,.reviews li{margin:.3rem 0}"
    "sup.refs{font-size:.7em;margin-left:.15em}sup.refs a{text-decoration:none}"
    ".notes ol{font-size:.9em;padding-left:2.2rem}.notes li{margin:.15rem 0}"
    ".chart svg{max-width:100%;height:auto}svg text{font:13px system-ui,sans-serif;fill:#1a1a1a}"
    "svg .group{font-weight:700}svg .bar{fill:#1f5fae}svg .axis{stroke:#767676}"
    "svg .target{stroke:#1a1a1a;stroke-width:2;stroke-dasharray:4 3}"
    "figure{margin:1rem 0 2rem}figcaption{font-size:.9em}"
    "@media print{:root{font-size:10.5pt}body{max-width:none;padding:0}nav{display:none}"
    "a{color:inherit;text-decoration:none}.card{border:0;padding:0;break-before:page}"
    "h2,h3,h4,h5,caption{break-after:avoid}tr,li,figure,dl,.weaknesses li{break-inside:avoid}"
    "thead{display:table-header-group}.badge,thead th{background:none}"
    ".scroll{overflow:visible}}"
    ".synthetic{border:3px solid #b00020;background:#fdecea;color:#000;padding:.5em .75em;"
    "margin:.5em 0;font-size:1.1em}";

static void write_head(html *h) {
  html_put(h, "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
              "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
              "<meta name=\"generator\" content=\"sendlens " SENDLENS_VERSION "\">"
              "<title>SEND inspections and improvement plans by area</title><style>");
  html_put(h, STYLE);
  html_put(h, sl_html_statistics_style);
  html_put(
      h,
      "</style></head>\n<body><header><h1>SEND inspections and improvement plans by area</h1>"
      "<p>What Ofsted and CQC found in each local area&#39;s services for children with special "
      "educational needs and disabilities, and what each area&#39;s plan does about it, in the "
      "area&#39;s own words. Every fact names its source: hover over it, or follow its number to "
      "the list at the end of the area.</p></header>\n");
}

static void write_nav(html *h, const cJSON *areas) {
  html_put(h, "<nav aria-label=\"Contents\"><ul><li><a href=\"#matrix\">Themes by area</a></li>"
              "<li><a href=\"#indicators\">Indicators</a></li>"
              "<li><a href=\"#statistics\">Official statistics</a></li>"
              "<li><a href=\"#areas\">Areas</a><ul>");
  const cJSON *area;
  int index = 0;
  cJSON_ArrayForEach(area, areas) {
    fprintf(h->out, "<li><a href=\"#area-%d\">", ++index);
    html_esc(h, html_str(area, "name"));
    html_put(h, "</a></li>");
  }
  html_put(h, "</ul></li></ul></nav>\n");
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

static void write_page(html *h, const cJSON *document, const cJSON *matrix, const cJSON *rows) {
  write_head(h);
  write_synthetic(h, document);
  write_nav(h, html_list(document, "areas"));
  html_put(h, "<main>");
  html_matrix_write(h, matrix);
  html_put(h, "\n");
  html_indicators_write(h, rows);
  html_put(h, "\n");
  sl_html_statistics_write(h->out, html_list(document, "statistics"));
  html_put(h, "\n<section id=\"areas\" aria-labelledby=\"areas-h\"><h2 id=\"areas-h\">Areas</h2>");
  if (!cJSON_GetArraySize(html_list(document, "areas")))
    html_put(h, "<p>No area is loaded: run <code>sendlens load</code> first.</p>");
  const cJSON *area;
  int index = 0;
  cJSON_ArrayForEach(area, html_list(document, "areas")) html_card_write(h, area, ++index),
      html_put(h, "\n");
  html_put(h,
           "</section></main><footer><p>Contains public sector information licensed under the Open "
           "Government Licence v3.0.</p></footer></body></html>\n");
}

int sl_export_html_write(sl_store *store, FILE *out, sl_error *error) {
  cJSON *document = sl_export_document(store, error);
  cJSON *matrix = document ? sl_compare_matrix(store, error) : NULL;
  cJSON *rows = matrix ? sl_indicator_rows(store, error) : NULL;
  int status = -1;
  if (rows) {
    html h = {.out = out, .themes = html_list(document, "themes")};
    write_page(&h, document, matrix, rows);
    free(h.notes);
    status = fflush(out) == 0 && !ferror(out) ? 0 : sl_error_set(error, "cannot write the page");
  }
  cJSON_Delete(rows);
  cJSON_Delete(matrix);
  cJSON_Delete(document);
  return status;
}

int sl_export_html(sl_store *store, const char *path, sl_error *error) {
  size_t length = strlen(path) + 8;
  char *temporary = malloc(length);
  if (!temporary) return sl_error_set(error, "%s: out of memory", path);
  snprintf(temporary, length, "%s.tmp", path);
  FILE *file = fopen(temporary, "w");
  int status = file ? sl_export_html_write(store, file, error)
                    : sl_error_set(error, "%s: cannot write: %s", temporary, strerror(errno));
  if (file && fclose(file) != 0 && status == 0)
    status = sl_error_set(error, "%s: cannot write: %s", temporary, strerror(errno));
  if (status == 0 && rename(temporary, path) != 0)
    status = sl_error_set(error, "%s: cannot rename into place: %s", path, strerror(errno));
  if (status != 0 && file) remove(temporary);
  free(temporary);
  return status;
}
