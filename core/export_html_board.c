/*
 * export_html_board.c: an area's page of the board pack (`export --format
 * html --board-pack`): what a board member reads before the meeting. The
 * area's inspections as judgement counts, then each plan: its dates, its
 * concerns with how many actions stand at each status (the latest
 * progress return's, else the plan's own), and its measures with the
 * latest actual value reported. No footnotes: the full page has them.
 * Each area's section starts a new printed page.
 */
#include <string.h>

#include "export_html_changes.h"
#include "export_html_internal.h"

enum { BOARD_STATUSES = 16 };

/* How many actions stand at each status, in order of first appearance. */
typedef struct board_statuses {
  const char *names[BOARD_STATUSES];
  int counts[BOARD_STATUSES];
  int count, unstated, other;
} board_statuses;

/* An action's current status: the latest return's with one, else the
 * plan's; NULL when neither says. */
static const char *action_status(const cJSON *action) {
  const char *status = html_str(action, "status");
  const cJSON *entry;
  cJSON_ArrayForEach(entry, html_list(action, "progress")) {
    if (html_str(entry, "status")) status = html_str(entry, "status");
  }
  return status;
}

static void statuses_add(board_statuses *s, const char *status) {
  if (!status) {
    s->unstated++;
    return;
  }
  for (int i = 0; i < s->count; i++) {
    if (strcmp(s->names[i], status) == 0) {
      s->counts[i]++;
      return;
    }
  }
  if (s->count == BOARD_STATUSES) {
    s->other++;
    return;
  }
  s->names[s->count] = status;
  s->counts[s->count++] = 1;
}

/* "in_progress" as "in progress". */
static void status_words(html *h, const char *status) {
  for (; *status; status++) {
    char letter[2] = {*status == '_' ? ' ' : *status, '\0'};
    html_esc(h, letter);
  }
}

/* "3 on track, 1 completed, 2 with no status stated". */
static void statuses_write(html *h, const board_statuses *s) {
  const char *separator = "";
  for (int i = 0; i < s->count; i++) {
    fprintf(h->out, "%s%d ", separator, s->counts[i]);
    status_words(h, s->names[i]);
    separator = ", ";
  }
  if (s->other) fprintf(h->out, "%s%d with other statuses", separator, s->other), separator = ", ";
  if (s->unstated) fprintf(h->out, "%s%d with no status stated", separator, s->unstated);
  if (!s->count && !s->other && !s->unstated) html_put(h, "no actions");
}

/* "Revisit inspection, published 25 February 2022: 2 weaknesses judged
 * insufficient progress, 7 sufficient". */
static void board_inspection(html *h, const cJSON *inspection) {
  int insufficient = 0, sufficient = 0, unjudged = 0;
  const cJSON *weakness;
  cJSON_ArrayForEach(weakness, html_list(inspection, "weaknesses")) {
    const char *progress = html_str(weakness, "progress");
    if (progress && strcmp(progress, "insufficient") == 0)
      insufficient++;
    else if (progress && strcmp(progress, "sufficient") == 0)
      sufficient++;
    else
      unjudged++;
  }
  html_put(h, "<li>");
  html_capitalised(h, html_str(inspection, "kind"));
  html_put(h, " inspection");
  if (html_has(inspection, "published"))
    html_put(h, ", published "), html_field(h, inspection, "published");
  html_put(h, ": ");
  if (html_has(inspection, "weaknesses_found"))
    html_field(h, inspection, "weaknesses_found"), html_put(h, " weaknesses found; ");
  fprintf(h->out, "%d named in the documents", insufficient + sufficient + unjudged);
  if (insufficient) fprintf(h->out, ", %d judged insufficient progress", insufficient);
  if (sufficient) fprintf(h->out, ", %d judged sufficient progress", sufficient);
  if (unjudged) fprintf(h->out, ", %d not judged", unjudged);
  html_put(h, ".</li>");
}

static void board_concern(html *h, const cJSON *concern) {
  board_statuses statuses = {.count = 0};
  const cJSON *action;
  cJSON_ArrayForEach(action, html_list(concern, "actions")) {
    statuses_add(&statuses, action_status(action));
  }
  html_put(h, "<tr");
  html_data_themes(h, html_list(concern, "themes"));
  html_put(h, "><td>");
  html_field(h, concern, "ref");
  html_put(h, "</td><td>");
  html_field(h, concern, "title");
  html_put(h, "</td><td>");
  fprintf(h->out, "%d</td><td>", cJSON_GetArraySize(html_list(concern, "actions")));
  statuses_write(h, &statuses);
  fprintf(h->out, "</td><td>%d</td></tr>", cJSON_GetArraySize(html_list(concern, "measures")));
}

static void board_concerns(html *h, const cJSON *plan) {
  if (!cJSON_GetArraySize(html_list(plan, "concerns"))) return;
  html_table_open(h, "records", NULL);
  html_put(h, "Concerns of the plan, and where their actions stand</caption><thead><tr>"
              "<th scope=\"col\">Ref</th><th scope=\"col\">Concern</th>"
              "<th scope=\"col\">Actions</th><th scope=\"col\">Status of the actions</th>"
              "<th scope=\"col\">Measures</th></tr></thead><tbody>");
  const cJSON *concern;
  cJSON_ArrayForEach(concern, html_list(plan, "concerns")) board_concern(h, concern);
  html_put(h, "</tbody>");
  html_table_close(h);
}

/* The latest actual observation of a measure by period; NULL if none. */
static const cJSON *latest_actual(const cJSON *measure) {
  const cJSON *item, *latest = NULL;
  cJSON_ArrayForEach(item, html_list(measure, "observations")) {
    const char *kind = html_str(item, "kind"), *period = html_str(item, "period");
    if (!kind || strcmp(kind, "actual") != 0 || !period) continue;
    if (!latest || strcmp(period, html_str(latest, "period")) >= 0) latest = item;
  }
  return latest;
}

static void board_measure(html *h, const cJSON *concern, const cJSON *measure) {
  html_put(h, "<tr><td>");
  if (concern) html_field(h, concern, "ref");
  html_put(h, "</td><td>");
  html_field(h, measure, "name");
  html_put(h, "</td><td>");
  html_field(h, html_list(measure, "baseline"), "value");
  html_put(h, "</td><td>");
  html_field(h, measure, "target");
  html_put(h, "</td><td>");
  const cJSON *latest = latest_actual(measure);
  if (!latest)
    html_put(h, "<span class=\"none\">none reported</span>");
  else {
    if (!html_field(h, latest, "value")) html_field(h, latest, "state");
    html_put(h, " ("), html_field(h, latest, "period"), html_put(h, ")");
  }
  html_put(h, "</td></tr>");
}

static void board_measures(html *h, const cJSON *plan) {
  int any = cJSON_GetArraySize(html_list(plan, "measures"));
  const cJSON *concern, *action, *measure;
  cJSON_ArrayForEach(concern, html_list(plan, "concerns")) {
    any += cJSON_GetArraySize(html_list(concern, "measures"));
  }
  if (!any) {
    html_put(h, "<p>The plan states no measure.</p>");
    return;
  }
  html_table_open(h, "records", NULL);
  html_put(h, "Measures and their latest reported values</caption><thead><tr>"
              "<th scope=\"col\">Concern</th><th scope=\"col\">Measure</th>"
              "<th scope=\"col\">Baseline</th><th scope=\"col\">Target</th>"
              "<th scope=\"col\">Latest actual</th></tr></thead><tbody>");
  cJSON_ArrayForEach(measure, html_list(plan, "measures")) board_measure(h, NULL, measure);
  cJSON_ArrayForEach(concern, html_list(plan, "concerns")) {
    cJSON_ArrayForEach(measure, html_list(concern, "measures")) board_measure(h, concern, measure);
    cJSON_ArrayForEach(action, html_list(concern, "actions")) {
      cJSON_ArrayForEach(measure, html_list(action, "measures")) {
        board_measure(h, concern, measure);
      }
    }
  }
  html_put(h, "</tbody>");
  html_table_close(h);
}

static void board_plan(html *h, const cJSON *plan) {
  html_put(h, "<h4>Plan: ");
  html_field(h, plan, "kind");
  if (html_has(plan, "title")) html_put(h, " \xe2\x80\x94 "), html_field(h, plan, "title");
  html_put(h, "</h4><dl class=\"facts\">");
  html_dl_item(h, "Version", plan, "version");
  html_dl_item(h, "Approved", plan, "approved");
  html_dl_item(h, "From", plan, "period_from");
  html_dl_item(h, "To", plan, "period_to");
  html_dl_item(h, "Board", plan, "board");
  html_put(h, "</dl>");
  board_concerns(h, plan);
  board_measures(h, plan);
}

void html_board_area_write(html *h, const cJSON *area, int index) {
  h->card = index;
  h->tables = 0;
  fprintf(h->out,
          "<section class=\"card board-area\" id=\"area-%d\" aria-labelledby=\"area-%d-h\" "
          "data-area=\"",
          index, index);
  html_esc(h, html_str(area, "code"));
  html_put(h, "\"");
  html_area_themes(h, area);
  fprintf(h->out, "><h3 id=\"area-%d-h\">", index);
  html_esc(h, html_str(area, "name"));
  html_put(h, "</h3><dl class=\"facts\">");
  html_dl_item(h, "Region", area, "region");
  html_dl_item(h, "GSS code", area, "code");
  html_put(h, "</dl>");
  if (sl_html_changes_write(h->out, h->store, html_str(area, "code"), index, h->error))
    h->failed = 1;
  html_put(h, "<h4>Inspections</h4><ul>");
  const cJSON *item;
  cJSON_ArrayForEach(item, html_list(area, "inspections")) board_inspection(h, item);
  if (!cJSON_GetArraySize(html_list(area, "inspections")))
    html_put(h, "<li>The documents read describe no inspection.</li>");
  html_put(h, "</ul>");
  cJSON_ArrayForEach(item, html_list(area, "plans")) board_plan(h, item);
  int conflicts = cJSON_GetArraySize(html_list(area, "conflicts"));
  if (conflicts)
    fprintf(h->out, "<p>The documents disagree on %d fact%s: the full page shows each claim.</p>",
            conflicts, conflicts == 1 ? "" : "s");
  html_put(h, "</section>");
}
