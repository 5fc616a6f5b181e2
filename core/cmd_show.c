/*
 * cmd_show.c: `sendlens show AREA`, one area in full: inspections and their
 * weaknesses with judgements, plans with concerns, actions and measures
 * (each with its baseline, target and comparators), the roles each names
 * (who, with post, organisation and the role as written),
 * reviews, the glossary, every conflict between documents, and imported
 * progress returns (statuses and values per period). Each fact is
 * followed by where it comes from. The text is rendered from the same tree
 * `--json` prints, so the two never disagree, and wrapped to the width. With
 * --since PERIOD it prints
 * instead what changed between that period's return and the latest
 * (core/changes.c); without it, the summary of the latest return follows
 * the list of returns.
 */
#include <cjson/cJSON.h>
#include <stdlib.h>
#include <string.h>

#include "changes.h"
#include "cli.h"
#include "export_json.h"
#include "table.h"

static const char *show_text(const cJSON *object, const char *key) {
  const cJSON *item = cJSON_GetObjectItemCaseSensitive(object, key);
  return cJSON_IsString(item) ? item->valuestring : NULL;
}

static const char *show_or(const char *text, const char *otherwise) {
  return text ? text : otherwise;
}

/* "[document locator]" for each source of a record. */
static void show_sources(FILE *out, const cJSON *record, int indent) {
  const cJSON *source;
  cJSON_ArrayForEach(source, cJSON_GetObjectItemCaseSensitive(record, "sources")) {
    fprintf(out, "%*s[%s, %s]\n", indent, "", show_or(show_text(source, "document"), "?"),
            show_or(show_text(source, "locator"), "?"));
  }
}

/* Each theme with the rule that gave it, the phrase it matched and where
 * (the title, the weakness answered, an action or measure). */
static void show_themes(FILE *out, const cJSON *record, int indent) {
  const cJSON *reason;
  cJSON_ArrayForEach(reason, cJSON_GetObjectItemCaseSensitive(record, "theme_reasons")) {
    const char *basis = show_text(reason, "basis");
    fprintf(out, "%*stheme %s (rule %s, matched \"%s\"%s%s)\n", indent, "",
            show_or(show_text(reason, "theme"), "?"), show_or(show_text(reason, "rule"), "?"),
            show_or(show_text(reason, "phrase"), ""), basis ? " in " : "", basis ? basis : "");
  }
}

static void show_count(FILE *out, const char *label, const cJSON *object, const char *key) {
  const cJSON *item = cJSON_GetObjectItemCaseSensitive(object, key);
  if (cJSON_IsNumber(item))
    fprintf(out, " %s %d", label, item->valueint);
  else
    fprintf(out, " %s unknown", label);
}

static void show_inspections(FILE *out, const cJSON *area) {
  const cJSON *inspection;
  cJSON_ArrayForEach(inspection, cJSON_GetObjectItemCaseSensitive(area, "inspections")) {
    fprintf(out, "\ninspection %s: %s to %s, published %s;", show_text(inspection, "kind"),
            show_or(show_text(inspection, "started"), "?"),
            show_or(show_text(inspection, "ended"), "?"),
            show_or(show_text(inspection, "published"), "?"));
    show_count(out, "weaknesses", inspection, "weaknesses_found");
    show_count(out, "sufficient", inspection, "weaknesses_sufficient");
    fputc('\n', out);
    show_sources(out, inspection, 2);
    const cJSON *weakness;
    cJSON_ArrayForEach(weakness, cJSON_GetObjectItemCaseSensitive(inspection, "weaknesses")) {
      fprintf(out, "  weakness %s (%s): %s\n", show_or(show_text(weakness, "ref"), "-"),
              show_or(show_text(weakness, "progress"), "not judged"), show_text(weakness, "text"));
      show_themes(out, weakness, 4);
      show_sources(out, weakness, 4);
    }
  }
}

/* The ref a progress return uses, when it is not the record's own. */
static void show_return_ref(FILE *out, const cJSON *record) {
  const char *ref = show_text(record, "ref"), *return_ref = show_text(record, "return_ref");
  if (return_ref && (!ref || strcmp(ref, return_ref) != 0))
    fprintf(out, " [return ref %s]", return_ref);
}

/* Values a measure had, period by period (from progress returns or the
 * plan's own documents), each with its source. */
static void show_observations(FILE *out, const cJSON *measure, int indent) {
  const cJSON *observation;
  cJSON_ArrayForEach(observation, cJSON_GetObjectItemCaseSensitive(measure, "observations")) {
    const cJSON *value = cJSON_GetObjectItemCaseSensitive(observation, "value");
    const char *label = show_text(observation, "label");
    /* "Dec 22 milestone (Milestone 1): 45": the document's words kept. */
    fprintf(out, "%*s%s %s%s%s%s: ", indent, "", show_text(observation, "period"),
            show_text(observation, "kind"), label ? " (" : "", label ? label : "",
            label ? ")" : "");
    if (cJSON_IsNumber(value))
      fprintf(out, "%g", value->valuedouble);
    else
      fprintf(out, "%s", show_or(show_text(observation, "state"), "?"));
    const char *note = show_text(observation, "note");
    fprintf(out, "%s%s%s\n", note ? " (" : "", note ? note : "", note ? ")" : "");
    show_sources(out, observation, indent + 2);
  }
}

/* A number as the documents gave it, or "not stated": nothing invented. */
static void show_number(FILE *out, const char *label, const cJSON *value) {
  if (cJSON_IsNumber(value))
    fprintf(out, "%s %g", label, value->valuedouble);
  else
    fprintf(out, "%s not stated", label);
}

/* "baseline 40 (2023-03); target 60 (Aug 23); direction up; indicator ID", then
 * each comparator with its source. */
static void show_measure_values(FILE *out, const cJSON *measure, int indent) {
  const cJSON *baseline = cJSON_GetObjectItemCaseSensitive(measure, "baseline");
  const char *date = show_text(baseline, "date");
  fprintf(out, "%*s", indent, "");
  show_number(out, "baseline", cJSON_GetObjectItemCaseSensitive(baseline, "value"));
  if (date) fprintf(out, " (%s)", date);
  show_number(out, "; target", cJSON_GetObjectItemCaseSensitive(measure, "target"));
  const char *target_date = show_text(measure, "target_date");
  if (target_date) fprintf(out, " (%s)", target_date);
  const char *direction = show_text(measure, "direction"),
             *indicator = show_text(measure, "indicator");
  if (direction) fprintf(out, "; direction %s", direction);
  if (indicator) fprintf(out, "; indicator %s", indicator);
  fputc('\n', out);
  const cJSON *comparator;
  cJSON_ArrayForEach(comparator, cJSON_GetObjectItemCaseSensitive(measure, "comparators")) {
    const cJSON *value = cJSON_GetObjectItemCaseSensitive(comparator, "value");
    fprintf(out, "%*scomparator %s: ", indent, "", show_or(show_text(comparator, "label"), "?"));
    if (cJSON_IsNumber(value))
      fprintf(out, "%g", value->valuedouble);
    else
      fprintf(out, "not stated");
    const char *when = show_text(comparator, "date");
    fprintf(out, "%s%s%s\n", when ? " (" : "", when ? when : "", when ? ")" : "");
    show_sources(out, comparator, indent + 2);
  }
}

static void show_measures(FILE *out, const cJSON *parent, int indent) {
  const cJSON *measure;
  cJSON_ArrayForEach(measure, cJSON_GetObjectItemCaseSensitive(parent, "measures")) {
    fprintf(out, "%*smeasure %s", indent, "", show_or(show_text(measure, "ref"), "-"));
    show_return_ref(out, measure);
    fprintf(out, ": %s (kind %s, unit %s)\n", show_text(measure, "name"),
            show_or(show_text(measure, "kind"), "unknown"),
            show_or(show_text(measure, "unit"), "unknown"));
    show_sources(out, measure, indent + 2);
    show_measure_values(out, measure, indent + 2);
    show_observations(out, measure, indent + 2);
  }
}

/* An action's status in each imported progress return. */
static void show_progress(FILE *out, const cJSON *action, int indent) {
  const cJSON *entry;
  cJSON_ArrayForEach(entry, cJSON_GetObjectItemCaseSensitive(action, "progress")) {
    const char *note = show_text(entry, "note");
    fprintf(out, "%*s%s status: %s%s%s%s\n", indent, "", show_text(entry, "period"),
            show_text(entry, "status"), note ? " (" : "", note ? note : "", note ? ")" : "");
    show_sources(out, entry, indent + 2);
  }
}

/* Each role: its kind, who (as written), what the document adds (person,
 * post, organisation and its kind) and the role as written, then its
 * source. */
static void show_roles(FILE *out, const cJSON *record, int indent) {
  const cJSON *role;
  cJSON_ArrayForEach(role, cJSON_GetObjectItemCaseSensitive(record, "roles")) {
    fprintf(out, "%*s%s: %s", indent, "", show_or(show_text(role, "kind"), "?"),
            show_or(show_text(role, "name"), "?"));
    static const char *const keys[] = {"person", "post", "organisation", "organisation_kind"};
    const char *separator = " (";
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
      const char *value = show_text(role, keys[i]);
      if (!value) continue;
      fprintf(out, "%s%s %s", separator, keys[i], value);
      separator = "; ";
    }
    fprintf(out, "%s; as written \"%s\"\n", *separator == ';' ? ")" : "",
            show_or(show_text(role, "role"), "?"));
    show_sources(out, role, indent + 2);
  }
}

static void show_concerns(FILE *out, const cJSON *plan) {
  const cJSON *concern;
  cJSON_ArrayForEach(concern, cJSON_GetObjectItemCaseSensitive(plan, "concerns")) {
    fprintf(out, "  concern %s: %s\n", show_or(show_text(concern, "ref"), "-"),
            show_text(concern, "title"));
    show_themes(out, concern, 4);
    show_sources(out, concern, 4);
    show_roles(out, concern, 4);
    const cJSON *action;
    cJSON_ArrayForEach(action, cJSON_GetObjectItemCaseSensitive(concern, "actions")) {
      fprintf(out, "    action %s", show_or(show_text(action, "ref"), "-"));
      show_return_ref(out, action);
      fprintf(out, ": %s\n",
              show_or(show_text(action, "text"), "(cited, not stated in the documents)"));
      show_sources(out, action, 6);
      show_roles(out, action, 6);
      show_progress(out, action, 6);
      show_measures(out, action, 6);
    }
    show_measures(out, concern, 4);
  }
}

static void show_plans(FILE *out, const cJSON *area) {
  const cJSON *plan;
  cJSON_ArrayForEach(plan, cJSON_GetObjectItemCaseSensitive(area, "plans")) {
    fprintf(out, "\nplan %s: %s; version %s, dated %s, approved %s\n", show_text(plan, "kind"),
            show_or(show_text(plan, "title"), "(untitled)"),
            show_or(show_text(plan, "version"), "?"), show_or(show_text(plan, "dated"), "?"),
            show_or(show_text(plan, "approved"), "?"));
    show_sources(out, plan, 2);
    show_roles(out, plan, 2);
    const cJSON *review;
    cJSON_ArrayForEach(review, cJSON_GetObjectItemCaseSensitive(plan, "reviews")) {
      fprintf(out, "  review %s: due %s, held %s, %d findings\n", show_text(review, "label"),
              show_or(show_text(review, "due"), "?"), show_or(show_text(review, "held"), "?"),
              cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(review, "findings")));
      show_sources(out, review, 4);
    }
    show_measures(out, plan, 2);
    show_concerns(out, plan);
  }
}

static void show_conflicts(FILE *out, const cJSON *area) {
  const cJSON *conflicts = cJSON_GetObjectItemCaseSensitive(area, "conflicts");
  if (cJSON_GetArraySize(conflicts) == 0) return;
  fprintf(out, "\nconflicts between documents:\n");
  const cJSON *conflict;
  cJSON_ArrayForEach(conflict, conflicts) {
    fprintf(out, "  %s, %s:\n", show_or(show_text(conflict, "record"), "?"),
            show_or(show_text(conflict, "field"), "?"));
    const cJSON *claim;
    cJSON_ArrayForEach(claim, cJSON_GetObjectItemCaseSensitive(conflict, "claims")) {
      const cJSON *source = cJSON_GetObjectItemCaseSensitive(claim, "source");
      const char *role = show_text(claim, "role");
      fprintf(out, "    %-12s", show_or(show_text(claim, "value"), "?"));
      if (role && strcmp(role, show_or(show_text(conflict, "field"), "")))
        fprintf(out, " (%s)", role); /* the role this value plays: "letter dated" */
      fprintf(out, " %s, %s: \"%s\"\n", show_or(show_text(source, "document"), "?"),
              show_or(show_text(source, "locator"), "?"), show_or(show_text(source, "quote"), ""));
    }
  }
}

/* The imported returns, and any entry the plan as now loaded cannot place;
 * then the latest return's summary ("4 of 38 actions reported in ..."). */
static void show_returns(FILE *out, const cJSON *area, const char *summary) {
  const cJSON *returns = cJSON_GetObjectItemCaseSensitive(area, "progress_returns");
  if (cJSON_GetArraySize(returns) == 0) return;
  fprintf(out, "\nprogress returns:\n");
  const cJSON *item;
  cJSON_ArrayForEach(item, returns) {
    fprintf(out, "  %s from %s:", show_or(show_text(item, "period"), "?"),
            show_or(show_text(item, "document"), "?"));
    show_count(out, "action statuses", item, "actions");
    show_count(out, "measure values", item, "measures");
    fputc('\n', out);
    const cJSON *entry;
    cJSON_ArrayForEach(entry, cJSON_GetObjectItemCaseSensitive(item, "unlinked")) {
      fprintf(out, "    %s %s (%s): not in the plan as now loaded\n",
              show_or(show_text(entry, "kind"), "?"), show_or(show_text(entry, "ref"), "?"),
              show_or(show_text(entry, "locator"), "?"));
    }
  }
  if (summary) fprintf(out, "  latest: %s\n", summary);
}

/* The area's imported case file, the source of its counted indicators,
 * and in capitals whether it is synthetic: its figures are then made up. */
static void show_cases(FILE *out, sl_store *store, const char *code) {
  sqlite3_stmt *statement = sl_store_prepare(
      store, "SELECT file, rows, requests, reviews, synthetic FROM case_import WHERE area = ?1",
      "t", NULL, code);
  if (!statement || sqlite3_step(statement) != SQLITE_ROW) {
    if (statement) sqlite3_reset(statement);
    return;
  }
  int synthetic =
      sqlite3_column_type(statement, 4) == SQLITE_NULL ? -1 : sqlite3_column_int(statement, 4);
  fprintf(out, "\ncase records: %s, %lld rows (%lld requests, %lld reviews)\n",
          (const char *)sqlite3_column_text(statement, 0),
          (long long)sqlite3_column_int64(statement, 1),
          (long long)sqlite3_column_int64(statement, 2),
          (long long)sqlite3_column_int64(statement, 3));
  if (synthetic == 1)
    fprintf(out,
            "  *** SYNTHETIC DATA: the file says it is synthetic; every figure counted from it is "
            "made up, not real children ***\n");
  else if (synthetic < 0)
    fprintf(out,
            "  (imported before sendlens kept the synthetic marker: import it again to know)\n");
  sqlite3_reset(statement);
}

static void show_area(FILE *out, const cJSON *area, const char *summary) {
  fprintf(out, "%s (%s), LA %s, %s; plugin %s %s\n", show_text(area, "name"),
          show_text(area, "code"), show_or(show_text(area, "la_number"), "?"),
          show_or(show_text(area, "region"), "?"), show_text(area, "plugin"),
          show_text(area, "plugin_version"));
  show_inspections(out, area);
  show_plans(out, area);
  int terms = cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(area, "glossary"));
  if (terms) fprintf(out, "\nglossary: %d terms\n", terms);
  show_conflicts(out, area);
  show_returns(out, area, summary);
}

/* The area as text, each line wrapped to the width at spaces; a line's
 * continuation is indented four more than the line, so the nesting stays
 * plain. */
static int show_print(sl_store *store, const cJSON *area, const char *summary) {
  char *text = NULL;
  size_t length = 0;
  FILE *out = open_memstream(&text, &length);
  if (!out) return sl_cli_fail("show: out of memory");
  show_area(out, area, summary);
  show_cases(out, store, show_text(area, "code"));
  int failed = fclose(out) != 0 || !text;
  if (!failed) sl_table_fit_lines(stdout, text, 4, sl_table_width(stdout));
  free(text);
  return failed ? sl_cli_fail("show: out of memory") : SL_EXIT_OK;
}

/* `show AREA --since PERIOD [--as-of DATE] [--json]`: what changed. */
static int show_since(sl_store *store, const char *area, const sl_cli_options *options) {
  sl_changes_query query = {area, sl_cli_value(options, "since"), sl_cli_value(options, "as-of")};
  sl_error error;
  cJSON *changes = sl_changes_build(store, &query, &error);
  if (!changes) return sl_cli_fail("show: %s", error.message);
  const cJSON *why = cJSON_GetObjectItemCaseSensitive(changes, "nothing_to_compare");
  int status;
  if (cJSON_IsString(why)) {
    status = sl_cli_fail("show: %s", why->valuestring);
  } else if (sl_cli_flag(options, "json")) {
    status = sl_cli_print_json(changes);
    changes = NULL;
  } else {
    status = sl_changes_print(stdout, changes, sl_table_width(stdout), sl_table_colour(stdout))
                 ? sl_cli_fail("show: out of memory")
                 : SL_EXIT_OK;
  }
  cJSON_Delete(changes);
  return status;
}

/* The area in full, its latest return summed up at the end. */
static int show_full(sl_store *store, const char *name, int json) {
  sl_error error;
  cJSON *area = sl_export_area(store, name, 1, &error);
  if (!area) return sl_cli_fail("show: %s", error.message);
  if (json) return sl_cli_print_json(area);
  sl_changes_query query = {show_text(area, "code"), NULL, NULL};
  cJSON *changes = sl_changes_build(store, &query, &error);
  if (!changes) {
    cJSON_Delete(area);
    return sl_cli_fail("show: %s", error.message);
  }
  int status = show_print(store, area,
                          show_text(cJSON_GetObjectItemCaseSensitive(changes, "summary"), "text"));
  cJSON_Delete(changes);
  cJSON_Delete(area);
  return status;
}

int sl_cmd_show(sl_cli *cli) {
  static const char *const flags[] = {"json", NULL};
  static const char *const valued[] = {"since", "as-of", NULL};
  sl_cli_options options;
  int status = sl_cli_parse(cli, flags, valued, -1, &options);
  if (status != SL_EXIT_OK || options.done) goto done;
  if (options.positional_count != 1) {
    status = sl_cli_usage_error(cli, options.positional_count ? "one AREA at a time"
                                                              : "AREA is required");
    goto done;
  }
  if (sl_cli_value(&options, "as-of") && !sl_cli_value(&options, "since")) {
    status = sl_cli_usage_error(cli, "--as-of goes with --since");
    goto done;
  }
  sl_store *store = sl_cli_open_store(cli, 0);
  if (!store)
    status = SL_EXIT_FAILURE;
  else if (sl_cli_value(&options, "since"))
    status = show_since(store, options.positional[0], &options);
  else
    status = show_full(store, options.positional[0], sl_cli_flag(&options, "json"));
  sl_store_close(store);
done:
  sl_cli_options_free(&options);
  return status;
}
