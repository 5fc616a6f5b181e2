/*
 * export_html_cards.c: an area's card on the HTML page, drawn from the
 * area of sl_export_document: its inspections and weaknesses, each plan
 * with its people, reviews, concerns, actions and measures, the conflicts
 * between its documents, and every source as a numbered footnote.
 */
#include <stdio.h>
#include <string.h>

#include "export_html_changes.h"
#include "export_html_internal.h"

/* The roles of a plan, concern or action: each its kind, who holds it as
 * written, the post, organisation and its common kind where known, and
 * the role as the document words it, sourced; all of it escaped. */
static void write_roles(html *h, const char *label, const cJSON *roles) {
  if (!cJSON_GetArraySize(roles)) return;
  fprintf(h->out, "<p><strong>%s:</strong></p><ul class=\"roles\">", label);
  const cJSON *role;
  cJSON_ArrayForEach(role, roles) {
    html_put(h, "<li");
    html_source_title(h, html_list(role, "sources"));
    html_put(h, "><span class=\"role-kind\">");
    html_esc(h, html_str(role, "kind"));
    html_put(h, "</span>: ");
    html_esc(h, html_str(role, "name"));
    static const char *const keys[] = {"post", "organisation", "organisation_kind"};
    const char *separator = " (";
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
      if (!html_str(role, keys[i])) continue;
      html_put(h, separator);
      html_esc(h, html_str(role, keys[i]));
      separator = ", ";
    }
    if (*separator == ',') html_put(h, ")");
    html_put(h, " \xe2\x80\x94 <q>");
    html_esc(h, html_str(role, "role"));
    html_put(h, "</q>");
    html_source_refs(h, html_list(role, "sources"));
    html_put(h, "</li>");
  }
  html_put(h, "</ul>");
}

static void write_weakness(html *h, const cJSON *weakness) {
  html_put(h, "<li");
  html_data_themes(h, html_list(weakness, "themes"));
  html_source_title(h, html_list(weakness, "sources"));
  html_put(h, ">");
  const char *progress = html_str(weakness, "progress");
  if (progress) {
    fprintf(h->out, "<span class=\"badge %s\">", html_progress_class(progress));
    html_mark(h, html_progress_class(progress));
    fprintf(h->out, "%s</span> ", html_progress_words(progress));
  }
  html_put(h, "<strong>Weakness");
  if (html_str(weakness, "ref")) html_put(h, " "), html_esc(h, html_str(weakness, "ref"));
  html_put(h, ":</strong> ");
  html_esc(h, html_str(weakness, "text"));
  html_theme_list(h, html_list(weakness, "themes"));
  html_source_refs(h, html_list(weakness, "sources"));
  html_put(h, "</li>");
}

static void write_inspection(html *h, const cJSON *inspection) {
  html_put(h, "<h5");
  html_source_title(h, html_list(inspection, "sources"));
  html_put(h, ">");
  html_capitalised(h, html_str(inspection, "kind"));
  html_put(h, " inspection");
  html_source_refs(h, html_list(inspection, "sources"));
  html_put(h, "</h5><dl class=\"facts\">");
  html_dl_item(h, "Started", inspection, "started");
  html_dl_item(h, "Ended", inspection, "ended");
  html_dl_item(h, "Published", inspection, "published");
  html_dl_item(h, "Outcome", inspection, "outcome");
  html_dl_item(h, "Weaknesses found", inspection, "weaknesses_found");
  html_dl_item(h, "Judged sufficient", inspection, "weaknesses_sufficient");
  html_put(h, "</dl>");
  if (!cJSON_GetArraySize(html_list(inspection, "weaknesses"))) return;
  html_put(h, "<ul class=\"weaknesses\">");
  const cJSON *weakness;
  cJSON_ArrayForEach(weakness, html_list(inspection, "weaknesses")) write_weakness(h, weakness);
  html_put(h, "</ul>");
}

/* A table cell holding one field, empty when the documents say nothing. */
static void cell(html *h, const cJSON *object, const char *key) {
  html_put(h, "<td>");
  html_field(h, object, key);
  html_put(h, "</td>");
}

/* A status code as words: "in_progress" is "in progress". */
static void status_words(html *h, const char *status) {
  for (; status && *status; status++) {
    char letter[2] = {*status == '_' ? ' ' : *status, '\0'};
    html_esc(h, letter);
  }
}

/* The plan's own status, then each progress return's, with its period and
 * its cell as a numbered source. */
static void action_status(html *h, const cJSON *action) {
  html_put(h, "<td>");
  int written = html_field(h, action, "status");
  const cJSON *entry;
  cJSON_ArrayForEach(entry, html_list(action, "progress")) {
    if (!html_str(entry, "status")) continue;
    html_put(h, written++ ? "<br><span class=\"return\">" : "<span class=\"return\">");
    html_esc(h, html_str(entry, "period"));
    html_put(h, " return: ");
    status_words(h, html_str(entry, "status"));
    html_source_refs(h, html_list(entry, "sources"));
    html_put(h, "</span>");
  }
  html_put(h, "</td>");
}

/* A record's row up to its words: the sources as the row's tooltip, the
 * ref, then the text with the sources' numbers (the cell left open). */
static void record_row_open(html *h, const cJSON *record, const char *text_key) {
  html_put(h, "<tr");
  html_source_title(h, html_list(record, "sources"));
  html_put(h, ">");
  cell(h, record, "ref");
  html_put(h, "<td>");
  html_field(h, record, text_key);
  html_source_refs(h, html_list(record, "sources"));
}

static void write_action(html *h, const cJSON *action) {
  record_row_open(h, action, "text");
  html_put(h, "</td>");
  cell(h, action, "lead");
  cell(h, action, "due");
  action_status(h, action);
  html_put(h, "</tr>");
}

static void write_actions(html *h, const cJSON *actions, const char *caption) {
  if (!cJSON_GetArraySize(actions)) return;
  html_table_open(h, "records", NULL);
  html_esc(h, caption);
  html_put(h, "</caption><thead><tr><th scope=\"col\">Ref</th><th scope=\"col\">Action</th>"
              "<th scope=\"col\">Lead</th><th scope=\"col\">Due</th><th scope=\"col\">Status</th>"
              "</tr></thead><tbody>");
  const cJSON *action;
  cJSON_ArrayForEach(action, actions) write_action(h, action);
  html_put(h, "</tbody>");
  html_table_close(h);
}

/* Comparators and observations of a measure, each with its source. */
static void measure_points(html *h, const cJSON *measure) {
  const cJSON *item;
  html_put(h, "<td><ul class=\"plain\">");
  cJSON_ArrayForEach(item, html_list(measure, "comparators")) {
    html_put(h, "<li");
    html_source_title(h, html_list(item, "sources"));
    html_put(h, ">");
    html_field(h, item, "label");
    html_put(h, ": ");
    html_field(h, item, "value");
    if (html_has(item, "date")) html_put(h, " ("), html_field(h, item, "date"), html_put(h, ")");
    html_source_refs(h, html_list(item, "sources"));
    html_put(h, "</li>");
  }
  cJSON_ArrayForEach(item, html_list(measure, "observations")) {
    html_put(h, "<li");
    html_source_title(h, html_list(item, "sources"));
    html_put(h, ">");
    html_field(h, item, "period");
    html_put(h, " "), html_field(h, item, "kind");
    if (html_has(item, "label")) html_put(h, " ("), html_field(h, item, "label"), html_put(h, ")");
    html_put(h, ": ");
    if (!html_field(h, item, "value")) html_field(h, item, "state");
    if (html_has(item, "note")) html_put(h, " \xe2\x80\x94 "), html_field(h, item, "note");
    html_source_refs(h, html_list(item, "sources"));
    html_put(h, "</li>");
  }
  html_put(h, "</ul></td>");
}

static void write_measure(html *h, const cJSON *measure) {
  record_row_open(h, measure, "name");
  if (html_has(measure, "group"))
    html_put(h, "<br><span class=\"small\">"), html_field(h, measure, "group"),
        html_put(h, "</span>");
  if (html_has(measure, "unit"))
    html_put(h, "<br><span class=\"small\">unit: "), html_field(h, measure, "unit"),
        html_put(h, "</span>");
  html_put(h, "</td><td>");
  const cJSON *baseline = html_list(measure, "baseline");
  html_field(h, baseline, "value");
  if (html_has(baseline, "date"))
    html_put(h, " ("), html_field(h, baseline, "date"), html_put(h, ")");
  html_put(h, "</td>");
  html_put(h, "<td>");
  html_field(h, measure, "target");
  if (html_has(measure, "target_date"))
    html_put(h, " ("), html_field(h, measure, "target_date"), html_put(h, ")");
  html_put(h, "</td>");
  cell(h, measure, "indicator");
  measure_points(h, measure);
  html_put(h, "</tr>");
}

static void write_measures(html *h, const cJSON *measures, const char *caption) {
  if (!cJSON_GetArraySize(measures)) return;
  html_table_open(h, "records", NULL);
  html_esc(h, caption);
  html_put(h, "</caption><thead><tr><th scope=\"col\">Ref</th><th scope=\"col\">Measure</th>"
              "<th scope=\"col\">Baseline</th><th scope=\"col\">Target</th>"
              "<th scope=\"col\">Indicator</th><th scope=\"col\">Comparators and observations</th>"
              "</tr></thead><tbody>");
  const cJSON *measure;
  cJSON_ArrayForEach(measure, measures) write_measure(h, measure);
  html_put(h, "</tbody>");
  html_table_close(h);
}

/* "concern 1.2" or, without a ref, its title: the name a caption uses. */
static void record_name(char *buffer, size_t size, const char *kind, const cJSON *record) {
  const char *name = html_str(record, "ref") ? html_str(record, "ref") : html_str(record, "title");
  snprintf(buffer, size, "%s%s%s", kind, name ? " " : "", name ? name : "");
}

static void write_concern(html *h, const cJSON *concern) {
  html_put(h, "<div class=\"concern\"");
  html_data_themes(h, html_list(concern, "themes"));
  html_put(h, "><h5");
  html_source_title(h, html_list(concern, "sources"));
  html_put(h, ">Concern");
  if (html_str(concern, "ref")) html_put(h, " "), html_esc(h, html_str(concern, "ref"));
  html_put(h, ": ");
  html_esc(h, html_str(concern, "title"));
  html_source_refs(h, html_list(concern, "sources"));
  html_put(h, "</h5>");
  if (cJSON_GetArraySize(html_list(concern, "themes")))
    html_put(h, "<p>"), html_theme_list(h, html_list(concern, "themes")), html_put(h, "</p>");
  write_roles(h, "People", html_list(concern, "roles"));
  char caption[512], name[400];
  record_name(name, sizeof name, "concern", concern);
  snprintf(caption, sizeof caption, "Actions of %s", name);
  write_actions(h, html_list(concern, "actions"), caption);
  snprintf(caption, sizeof caption, "Measures of %s", name);
  write_measures(h, html_list(concern, "measures"), caption);
  const cJSON *action;
  cJSON_ArrayForEach(action, html_list(concern, "actions")) {
    record_name(name, sizeof name, "action", action);
    snprintf(caption, sizeof caption, "Measures of %s", name);
    write_measures(h, html_list(action, "measures"), caption);
  }
  html_put(h, "</div>");
}

static void write_review(html *h, const cJSON *review) {
  html_put(h, "<li");
  html_source_title(h, html_list(review, "sources"));
  html_put(h, "><strong>");
  html_field(h, review, "label");
  html_put(h, "</strong>");
  if (html_has(review, "due")) html_put(h, ", due "), html_field(h, review, "due");
  if (html_has(review, "held")) html_put(h, ", held "), html_field(h, review, "held");
  if (html_has(review, "by")) html_put(h, " by "), html_field(h, review, "by");
  html_source_refs(h, html_list(review, "sources"));
  const cJSON *finding;
  if (cJSON_GetArraySize(html_list(review, "findings"))) html_put(h, "<ul>");
  cJSON_ArrayForEach(finding, html_list(review, "findings")) {
    html_put(h, "<li");
    html_source_title(h, html_list(finding, "sources"));
    html_put(h, ">");
    html_field(h, finding, "text");
    html_source_refs(h, html_list(finding, "sources"));
    html_put(h, "</li>");
  }
  if (cJSON_GetArraySize(html_list(review, "findings"))) html_put(h, "</ul>");
  html_put(h, "</li>");
}

static void write_plan(html *h, const cJSON *plan) {
  html_put(h, "<div class=\"plan\"><h4");
  html_source_title(h, html_list(plan, "sources"));
  html_put(h, ">Plan: ");
  html_field(h, plan, "kind");
  if (html_has(plan, "title")) html_put(h, " \xe2\x80\x94 "), html_field(h, plan, "title");
  html_source_refs(h, html_list(plan, "sources"));
  html_put(h, "</h4><dl class=\"facts\">");
  html_dl_item(h, "Version", plan, "version");
  html_dl_item(h, "Dated", plan, "dated");
  html_dl_item(h, "Approved", plan, "approved");
  html_dl_item(h, "From", plan, "period_from");
  html_dl_item(h, "To", plan, "period_to");
  html_dl_item(h, "Board", plan, "board");
  html_put(h, "</dl>");
  write_roles(h, "People", html_list(plan, "roles"));
  write_measures(h, html_list(plan, "measures"), "Measures of the plan as a whole");
  if (cJSON_GetArraySize(html_list(plan, "reviews"))) {
    html_put(h, "<h5>Reviews</h5><ul class=\"reviews\">");
    const cJSON *review;
    cJSON_ArrayForEach(review, html_list(plan, "reviews")) write_review(h, review);
    html_put(h, "</ul>");
  }
  const cJSON *concern;
  cJSON_ArrayForEach(concern, html_list(plan, "concerns")) write_concern(h, concern);
  html_put(h, "</div>");
}

static void write_conflicts(html *h, const cJSON *conflicts) {
  html_put(h, "<h4>Conflicts between documents</h4>");
  if (!cJSON_GetArraySize(conflicts)) {
    html_put(h, "<p>None: where documents say the same thing twice, they agree.</p>");
    return;
  }
  html_put(h, "<ul class=\"conflicts\">");
  const cJSON *conflict, *claim;
  cJSON_ArrayForEach(conflict, conflicts) {
    html_put(h, "<li><strong>");
    html_capitalised(h, html_str(conflict, "record"));
    html_put(h, "</strong>, field <code>");
    html_esc(h, html_str(conflict, "field"));
    html_put(h, "</code>: the documents disagree.<ul>");
    cJSON_ArrayForEach(claim, html_list(conflict, "claims")) {
      html_put(h, "<li");
      html_source_title(h, html_list(claim, "source"));
      html_put(h, ">");
      html_field(h, claim, "value");
      const char *role = html_str(claim, "role"), *about = html_str(conflict, "field");
      if (role && about && strcmp(role, about)) { /* "letter dated" */
        html_put(h, " (");
        html_esc(h, role);
        html_put(h, ")");
      }
      html_put(h, " according to <cite>");
      html_esc(h, html_str(html_list(claim, "source"), "document"));
      html_put(h, "</cite>");
      html_source_refs(h, html_list(claim, "source"));
      html_put(h, "</li>");
    }
    html_put(h, "</ul></li>");
  }
  html_put(h, "</ul>");
}

void html_card_write(html *h, const cJSON *area, int index) {
  h->card = index;
  h->note_count = 0;
  h->tables = 0;
  fprintf(h->out, "<section class=\"card\" id=\"area-%d\" aria-labelledby=\"area-%d-h\"", index,
          index);
  html_put(h, " data-area=\"");
  html_esc(h, html_str(area, "code"));
  html_put(h, "\"");
  html_area_themes(h, area);
  html_put(h, ">");
  fprintf(h->out, "<h3 id=\"area-%d-h\"", index);
  html_source_title(h, html_list(area, "sources"));
  html_put(h, ">");
  html_esc(h, html_str(area, "name"));
  html_source_refs(h, html_list(area, "sources"));
  html_put(h, "</h3><dl class=\"facts\">");
  html_dl_item(h, "GSS code", area, "code");
  html_dl_item(h, "LA number", area, "la_number");
  html_dl_item(h, "Region", area, "region");
  html_dl_item(h, "Read by plugin", area, "plugin");
  html_dl_item(h, "Plugin version", area, "plugin_version");
  html_put(h, "</dl>");
  if (sl_html_changes_write(h->out, h->store, html_str(area, "code"), index, h->error))
    h->failed = 1;
  html_put(h, "<h4>Inspections</h4>");
  if (!cJSON_GetArraySize(html_list(area, "inspections")))
    html_put(h, "<p>The documents read describe no inspection.</p>");
  const cJSON *item;
  cJSON_ArrayForEach(item, html_list(area, "inspections")) write_inspection(h, item);
  cJSON_ArrayForEach(item, html_list(area, "plans")) write_plan(h, item);
  write_conflicts(h, html_list(area, "conflicts"));
  html_notes(h);
  html_put(h, "</section>");
}
