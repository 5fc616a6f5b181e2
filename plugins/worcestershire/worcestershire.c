/*
 * worcestershire.c: the Worcestershire area plugin. Declares the plugin
 * and the area's identity, reads the title row (the area's source and the
 * plan), and runs the walk through the table (table.c).
 */
#include <ctype.h>
#include <string.h>

#include "worcestershire.h"

/* The area's identity. The document names the county but not its codes or
 * region, so they are declared here beside the descriptor; the area's
 * source is the title cell naming the county. */
#define WO_AREA_CODE "E10000034"
#define WO_LA_NUMBER "885"
#define WO_REGION "West Midlands"

/* The title cell runs on into the plan's sponsors and leads; the title is
 * what comes before this label. */
static const char MARK_SPONSORS[] = "Project Sponsors:";

/* The dashes a year range is written with: hyphen, en dash. */
static const char *const RANGE_DASHES[] = {"-", "\xE2\x80\x93", NULL};

static int digits(const char *p, int count) {
  for (int i = 0; i < count; i++)
    if (!isdigit((unsigned char)p[i])) return 0;
  return 1;
}

/* A year range "2022-2023" (or "2022-23") at p: sets from and to. */
static int year_range_at(wo_load *w, const char *text, const char *p, const char **from,
                         const char **to) {
  if (!digits(p, 4) || (p > text && isdigit((unsigned char)p[-1]))) return 0;
  for (const char *const *dash = RANGE_DASHES; *dash; dash++) {
    size_t length = strlen(*dash);
    if (strncmp(p + 4, *dash, length) != 0) continue;
    const char *q = p + 4 + length;
    int width = digits(q, 4) ? 4 : digits(q, 2) ? 2 : 0;
    if (!width || isdigit((unsigned char)q[width])) continue;
    *from = sl_copy(w->host, p, 4);
    *to = width == 4 ? sl_copy(w->host, q, 4) : sl_format(w->host, "%.2s%.2s", p, q);
    return 1;
  }
  return 0;
}

/* The plan's period, from the first year range its title carries; both
 * stay NULL if it carries none. */
static void title_period(wo_load *w, const char *title, const char **from, const char **to) {
  *from = *to = NULL;
  for (const char *p = title; *p; p++)
    if (year_range_at(w, title, p, from, to)) return;
}

int wo_title(wo_load *w, const wo_row *row) {
  const char *raw = wo_cell(row, 1);
  const char *start = raw, *end = wo_find(raw, raw + strlen(raw), MARK_SPONSORS);
  if (!end)
    return sl_fail(w->host, WO_APP, row->line,
                   "the title cell has no \"%s\", so the title's end is unknown", MARK_SPONSORS);
  wo_trim(&start, &end);
  const char *quote = wo_copy(w, start, end);
  const char *title = wo_text(w, quote);
  if (!*title) return sl_fail(w->host, WO_APP, row->line, "the title cell has no title");
  if (!strstr(title, WO_AREA_NAME))
    return sl_fail(w->host, WO_APP, row->line, "the title \"%s\" does not name %s", title,
                   WO_AREA_NAME);
  sl_source source = wo_source(w, row->line, 1, 0, quote);
  sl_area_record area = {.code = WO_AREA_CODE,
                         .la_number = WO_LA_NUMBER,
                         .name = WO_AREA_NAME,
                         .region = WO_REGION,
                         .source = source};
  if (sl_emit_area(w->host, &area, NULL)) return -1;
  /* The document carries no date, version or approval; the sponsors and
   * leads it names are people, not a board overseeing the plan. */
  sl_plan_record plan = {.kind = "APP", .title = title, .source = source};
  title_period(w, title, &plan.period_from, &plan.period_to);
  if (sl_emit_plan(w->host, &plan, &w->plan)) return -1;
  return wo_title_roles(w, row->line, end, raw + strlen(raw));
}

static int worcestershire_load(const sl_host_api *api, sl_host *host) {
  SL_PLUGIN_INIT(api);
  wo_load w = {.host = host, .phase = WO_TITLE};
  if (sl_read_document(host, WO_APP, &w.doc)) return -1;
  for (size_t line = 1; line <= w.doc->line_count; line++)
    if (wo_table_row(&w, line)) return -1;
  return wo_table_end(&w);
}

SL_PLUGIN_DEFINE("worcestershire", WO_AREA_CODE, WO_AREA_NAME, "1.0.0", worcestershire_load);
