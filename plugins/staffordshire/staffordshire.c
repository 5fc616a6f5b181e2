/*
 * staffordshire.c: the Staffordshire area plugin. Declares the plugin and
 * the area's identity, then runs one reader per document: the Ofsted/CQC
 * revisit letter (letter.c), the Accelerated Progress Plan (app.c) and the
 * county council's committee minutes (minutes.c).
 */
#include <string.h>

#include "staffordshire.h"

/* The area's identity. The documents name the county but none gives its
 * codes or region, so they are declared here beside the descriptor; the
 * area's source is the letter's line naming the county. */
#define STAFFS_AREA_CODE "E10000028"
#define STAFFS_LA_NUMBER "860"
#define STAFFS_REGION "West Midlands"

/* The letter's line naming the area: "Joint area SEND revisit in X". */
static const char AREA_LINE[] = "Joint area SEND revisit in ";

/* The APP's Annex A row naming the area. */
static const char AREA_ROW[] = "Name of the Local Area";

/* A second source for the area: the APP's Annex A row, if it names the
 * same area. */
static int staffordshire_area_row(staffs *s) {
  size_t n = staffs_find(s->app, 1, 0, AREA_ROW);
  if (!n) return 0;
  sl_strings cells = sl_split_cells(s->host, staffs_line(s->app, n));
  if (cells.count < 2) return 0;
  const char *name = cells.items[1];
  if (strcmp(staffs_copy(s, name, name + strlen(name)), STAFFS_AREA_NAME) != 0) return 0;
  sl_source row = staffs_source(s, s->app, n, 0, staffs_line(s->app, n));
  return sl_add_source(s->host, s->area, &row);
}

static int staffordshire_area(staffs *s) {
  size_t n = staffs_find(s->letter, 1, 0, AREA_LINE);
  if (!n) return sl_fail(s->host, STAFFS_LETTER, 0, "no line \"%s...\" naming the area", AREA_LINE);
  const char *line = staffs_line(s->letter, n);
  const char *named = strstr(line, AREA_LINE) + strlen(AREA_LINE);
  if (strcmp(staffs_copy(s, named, named + strlen(named)), STAFFS_AREA_NAME) != 0)
    return sl_fail(s->host, STAFFS_LETTER, n, "the letter is about '%s', not %s", named,
                   STAFFS_AREA_NAME);
  const char *quote = staffs_copy(s, line, line + strlen(line));
  sl_area_record area = {.code = STAFFS_AREA_CODE,
                         .la_number = STAFFS_LA_NUMBER,
                         .name = STAFFS_AREA_NAME,
                         .region = STAFFS_REGION,
                         .source = staffs_source(s, s->letter, n, 0, quote)};
  if (sl_emit_area(s->host, &area, &s->area)) return -1;
  return staffordshire_area_row(s);
}

staffs_concern *staffs_concern_for(staffs *s, const char *wording) {
  staffs_concern *best = NULL;
  int best_score = 0, tie = 0;
  for (size_t i = 0; i < s->concern_count; i++) {
    int score = staffs_words_shared(wording, s->concerns[i].title);
    if (score > best_score)
      best = &s->concerns[i], best_score = score, tie = 0;
    else if (score && score == best_score)
      tie = 1;
  }
  return tie ? NULL : best;
}

static int staffordshire_load(const sl_host_api *api, sl_host *host) {
  SL_PLUGIN_INIT(api);
  staffs s = {.host = host};
  if (sl_read_document(host, STAFFS_LETTER, &s.letter) ||
      sl_read_document(host, STAFFS_APP, &s.app) ||
      sl_read_document(host, STAFFS_MINUTES, &s.minutes))
    return -1;
  if (staffordshire_area(&s) || staffs_letter_load(&s) || staffs_app_load(&s) ||
      staffs_minutes_load(&s))
    return -1;
  return 0;
}

SL_PLUGIN_DEFINE("staffordshire", STAFFS_AREA_CODE, STAFFS_AREA_NAME, "1.0.0", staffordshire_load);
