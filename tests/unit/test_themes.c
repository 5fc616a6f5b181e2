/*
 * test_themes.c: the official indicators of each theme (core/themes.c):
 * the project's themes.json names them and they are stored in
 * theme_indicator; an id no mapping declares yet is kept; an empty id, or
 * "indicators" that is not a list, is refused naming the file and theme
 * and changes nothing; a later themes.json replaces a theme's list.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check.h"
#include "themes.h"

static char folder[] = "/tmp/sendlens-themes-XXXXXX";

static void write_themes(const char *json) {
  char path[256];
  snprintf(path, sizeof path, "%s/schemas/themes.json", folder);
  FILE *file = fopen(path, "w");
  fputs(json, file);
  fclose(file);
}

/* The theme's indicators, comma-separated in order, into text. */
static const char *indicators_of(sl_store *store, const char *theme, char *text, size_t size) {
  sqlite3_stmt *statement = sl_store_prepare(
      store, "SELECT indicator FROM theme_indicator WHERE theme = ?1 ORDER BY indicator", "t", NULL,
      theme);
  size_t used = 0;
  text[0] = '\0';
  while (statement && sqlite3_step(statement) == SQLITE_ROW)
    used += (size_t)snprintf(text + used, size - used, "%s%s", used ? "," : "",
                             (const char *)sqlite3_column_text(statement, 0));
  return text;
}

#define THEME(id, extra) "{\"id\": \"" id "\", \"title\": \"T\", \"description\": \"D\"" extra "}"

int main(void) {
  char text[512], path[256];
  sl_error error;
  CHECK(mkdtemp(folder) != NULL);
  snprintf(path, sizeof path, "%s/schemas", folder);
  CHECK(mkdir(path, 0700) == 0);
  snprintf(path, sizeof path, "%s/store.db", folder);
  sl_store *store = sl_store_open(path, &error);
  CHECK(store != NULL);

  /* The project's own themes.json. */
  CHECK(sl_themes_sync(store, SENDLENS_DATA_BUILD_DIR, &error) == 0);
  CHECK_STR(indicators_of(store, "ehcp_timeliness", text, sizeof text),
            "ehcp_within_20_weeks,ehcp_within_20_weeks_excl_exceptions,"
            "requests_decided_within_6_weeks");
  CHECK_STR(indicators_of(store, "annual_reviews", text, sizeof text),
            "annual_review_decisions_within_4_weeks");
  CHECK_STR(indicators_of(store, "mainstream_inclusion", text, sizeof text),
            "ehc_plans_in_mainstream");
  CHECK_STR(indicators_of(store, "specialist_provision", text, sizeof text),
            "ehc_plans_in_special_schools");
  CHECK_STR(indicators_of(store, "local_offer", text, sizeof text), "");

  /* An id no mapping declares yet is kept; the list replaces the old one. */
  write_themes(
      "{\"themes\": [" THEME("ehcp_timeliness", ", \"indicators\": [\"not_declared_yet\"]") "]}");
  CHECK(sl_themes_sync(store, folder, &error) == 0);
  CHECK_STR(indicators_of(store, "ehcp_timeliness", text, sizeof text), "not_declared_yet");

  /* An empty id is refused, naming the file, the theme and the place; the
   * list stays as it was. */
  write_themes("{\"themes\": [" THEME("ehcp_timeliness",
                                      ", \"indicators\": [\"ehcp_within_20_weeks\", \"\"]") "]}");
  CHECK(sl_themes_sync(store, folder, &error) == -1);
  CHECK(strstr(error.message, "themes.json: theme ehcp_timeliness: indicator 2") != NULL);
  CHECK_STR(indicators_of(store, "ehcp_timeliness", text, sizeof text), "not_declared_yet");

  write_themes("{\"themes\": [" THEME("annual_reviews", ", \"indicators\": \"x\"") "]}");
  CHECK(sl_themes_sync(store, folder, &error) == -1);
  CHECK(strstr(error.message, "theme annual_reviews: \"indicators\" is not an array") != NULL);

  /* No "indicators": the theme has none. */
  write_themes("{\"themes\": [" THEME("ehcp_timeliness", "") "]}");
  CHECK(sl_themes_sync(store, folder, &error) == 0);
  CHECK_STR(indicators_of(store, "ehcp_timeliness", text, sizeof text), "");

  sl_store_close(store);
  unlink(path);
  snprintf(path, sizeof path, "%s/schemas/themes.json", folder);
  unlink(path);
  snprintf(path, sizeof path, "%s/schemas", folder);
  rmdir(path);
  rmdir(folder);
  return CHECK_DONE();
}
