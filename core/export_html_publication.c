/*
 * export_html_publication.c: the publication metadata on the page
 * (export_html_publication.h). Every text is escaped, addresses too, in
 * the href and in the words: they were checked to be http(s) when stored
 * (core/url.c), and escaping keeps an address with a quote or an
 * ampersand inside its attribute. What the store does not record is said
 * so ("no public address recorded"), never left blank or guessed.
 */
#include "export_html_publication.h"

#include <string.h>

#include "export_html.h"
#include "publication.h"

const char sl_html_publication_style[] =
    "dl.publication{display:grid;grid-template-columns:max-content minmax(0,1fr);"
    "gap:.1rem 1rem;margin:.5rem 0 1rem}dl.publication dd{margin:0;overflow-wrap:anywhere}"
    /* On a phone a term above its value, so neither is squeezed (WCAG
     * 1.4.10 reflow: nothing wider than 320 CSS px). */
    "@media (max-width:640px){dl.publication{grid-template-columns:minmax(0,1fr)}"
    "dl.publication dd{margin-bottom:.3rem}}"
    ".sources li{margin:.3rem 0}.sources a{overflow-wrap:anywhere}";

static const char *pub_str(const cJSON *object, const char *key) {
  const cJSON *item = cJSON_GetObjectItemCaseSensitive(object, key);
  return cJSON_IsString(item) ? item->valuestring : NULL;
}

static void pub_date(FILE *out, const char *iso) {
  char words[64];
  sl_publication_long_date(iso, words, sizeof words);
  fputs("<time datetime=\"", out);
  sl_html_escape(out, iso);
  fputs("\">", out);
  sl_html_escape(out, words);
  fputs("</time>", out);
}

static void pub_item(FILE *out, const char *label, const char *text, const char *none) {
  fprintf(out, "<dt>%s</dt><dd>", label);
  if (text)
    sl_html_escape(out, text);
  else
    fprintf(out, "<span class=\"none\">%s</span>", none);
  fputs("</dd>", out);
}

/* Whether text is an ISO year, month or day, which says its own span. */
static int pub_iso(const char *text) {
  size_t length = text ? strlen(text) : 0;
  if (length != 4 && length != 7 && length != 10) return 0;
  for (size_t i = 0; i < length; i++)
    if (i == 4 || i == 7 ? text[i] != '-' : text[i] < '0' || text[i] > '9') return 0;
  return 1;
}

/* "2024/25, the latest of the official statistics (1 September 2024 to
 * 31 August 2025)": the date as the data writes it, what it is, the days
 * it covers when it is a period, and the area it is from. */
static void pub_as_at(FILE *out, const cJSON *date, int with_basis) {
  char words[64];
  const char *from = pub_str(date, "from"), *to = pub_str(date, "date");
  const char *area = pub_str(date, "area_name");
  sl_publication_long_date(pub_str(date, "as_written"), words, sizeof words);
  fputs("<time datetime=\"", out);
  sl_html_escape(out, to);
  fputs("\">", out);
  sl_html_escape(out, words);
  fputs("</time>", out);
  if (with_basis) fputs(", the latest of the ", out), sl_html_escape(out, pub_str(date, "basis"));
  if (from && to && strcmp(from, to) != 0 && !pub_iso(pub_str(date, "as_written"))) {
    fputs(" (", out);
    pub_date(out, from);
    fputs(" to ", out);
    pub_date(out, to);
    fputs(")", out);
  }
  if (area) fputs(", ", out), sl_html_escape(out, area);
}

static void pub_dates(FILE *out, const cJSON *publication) {
  const cJSON *as_at = cJSON_GetObjectItemCaseSensitive(publication, "data_as_at");
  fputs("<dt>Data as at</dt><dd>", out);
  if (cJSON_IsObject(as_at))
    pub_as_at(out, as_at, 1);
  else
    fputs("<span class=\"none\">no dated data is loaded</span>", out);
  fputs("</dd>", out);
  const cJSON *date, *dates = cJSON_GetObjectItemCaseSensitive(publication, "data_dates");
  if (cJSON_GetArraySize(dates) < 2) return; /* the one is data as at */
  cJSON_ArrayForEach(date, dates) {
    const char *basis = pub_str(date, "basis");
    /* "Official statistics, latest": the basis with a capital. */
    fprintf(out, "<dt>%c", basis && *basis >= 'a' && *basis <= 'z' ? *basis - 'a' + 'A' : '?');
    sl_html_escape(out, basis && *basis ? basis + 1 : "");
    fputs(", latest</dt><dd>", out);
    pub_as_at(out, date, 0);
    fputs("</dd>", out);
  }
}

void sl_html_publication_summary(FILE *out, const cJSON *publication) {
  const cJSON *schema = cJSON_GetObjectItemCaseSensitive(publication, "store_schema_version");
  fputs("<dl class=\"publication\">", out);
  pub_item(out, "Publisher", pub_str(publication, "publisher"), "not stated");
  fputs("<dt>Published</dt><dd>", out);
  pub_date(out, pub_str(publication, "published"));
  fputs("</dd>", out);
  pub_dates(out, publication);
  fputs("<dt>Produced with</dt><dd>sendlens ", out);
  sl_html_escape(out, pub_str(publication, "sendlens_version"));
  fprintf(out, " (store schema %d)</dd></dl>\n", cJSON_IsNumber(schema) ? schema->valueint : 0);
}

/* ---- the sources ---- */

static void pub_link(FILE *out, const cJSON *source) {
  const char *url = pub_str(source, "url");
  if (!url) {
    fputs(" <span class=\"none\">No public address recorded.</span>", out);
    return;
  }
  fputs(" <a href=\"", out);
  sl_html_escape(out, url);
  fputs("\">", out);
  sl_html_escape(out, url);
  fputs("</a>", out);
}

static void pub_licence(FILE *out, const cJSON *source) {
  const char *licence = pub_str(source, "licence");
  fputs(" Licence: ", out);
  if (licence)
    sl_html_escape(out, licence);
  else
    fputs("<span class=\"none\">not recorded</span>", out);
  fputs(".", out);
}

static void pub_document(FILE *out, const cJSON *source) {
  fputs("<li>", out);
  sl_html_escape(out, pub_str(source, "area_name"));
  fputs(": ", out);
  if (pub_str(source, "title")) {
    fputs("<cite>", out);
    sl_html_escape(out, pub_str(source, "title"));
    fputs("</cite> (", out);
  }
  fputs("<code>", out);
  sl_html_escape(out, pub_str(source, "document"));
  fputs(pub_str(source, "title") ? "</code>)" : "</code>", out);
  if (pub_str(source, "publisher"))
    fputs(", ", out), sl_html_escape(out, pub_str(source, "publisher"));
  fputs(".", out);
  pub_link(out, source);
  pub_licence(out, source);
  fputs("</li>", out);
}

static void pub_statistics(FILE *out, const cJSON *source) {
  fputs("<li><cite>", out);
  sl_html_escape(out, pub_str(source, "title") ? pub_str(source, "title") : "Official statistics");
  fputs("</cite>", out);
  if (pub_str(source, "publisher"))
    fputs(", ", out), sl_html_escape(out, pub_str(source, "publisher"));
  fputs(" (files: ", out);
  const cJSON *file;
  int first = 1;
  cJSON_ArrayForEach(file, cJSON_GetObjectItemCaseSensitive(source, "files")) {
    fputs(first ? "<code>" : ", <code>", out);
    sl_html_escape(out, cJSON_IsString(file) ? file->valuestring : "");
    fputs("</code>", out);
    first = 0;
  }
  fputs(").", out);
  pub_link(out, source);
  pub_licence(out, source);
  fputs("</li>", out);
}

static void pub_supplied(FILE *out, const cJSON *source) {
  const char *kind = pub_str(source, "kind");
  fputs("<li>", out);
  sl_html_escape(out, pub_str(source, "area_name") ? pub_str(source, "area_name")
                                                   : pub_str(source, "area"));
  fputs(strcmp(kind, "case_records") == 0 ? ": case records imported from <code>"
                                          : ": progress return for ",
        out);
  if (strcmp(kind, "progress_return") == 0)
    sl_html_escape(out, pub_str(source, "period")), fputs(" from <code>", out);
  sl_html_escape(out, pub_str(source, "document"));
  fputs("</code>, supplied by the area; not published.</li>", out);
}

/* One list of the sources of a kind, under its heading, if any. */
static void pub_list(FILE *out, const cJSON *sources, const char *heading, const char *kind,
                     void (*item)(FILE *, const cJSON *)) {
  const cJSON *source;
  int open = 0;
  cJSON_ArrayForEach(source, sources) {
    const char *its = pub_str(source, "kind");
    int supplied = its && strcmp(its, "document") != 0 && strcmp(its, "statistics") != 0;
    if (!(kind ? its && strcmp(its, kind) == 0 : supplied)) continue;
    if (!open) fprintf(out, "<h3>%s</h3><ul class=\"sources\">", heading), open = 1;
    item(out, source);
  }
  if (open) fputs("</ul>", out);
}

void sl_html_publication_sources(FILE *out, const cJSON *publication) {
  const cJSON *sources = cJSON_GetObjectItemCaseSensitive(publication, "sources");
  fputs("<section id=\"sources\" aria-labelledby=\"sources-h\"><h2 id=\"sources-h\">Sources and "
        "licences</h2>",
        out);
  if (!cJSON_GetArraySize(sources)) fputs("<p>No source is loaded.</p>", out);
  pub_list(out, sources, "Area documents", "document", pub_document);
  pub_list(out, sources, "Official statistics", "statistics", pub_statistics);
  pub_list(out, sources, "Supplied by the areas", NULL, pub_supplied);
  fputs("</section>\n", out);
}
