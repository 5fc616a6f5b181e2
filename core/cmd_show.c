/*
 * cmd_show.c: `sendlens show AREA`, one area in full: inspections and their
 * weaknesses with judgements, plans with concerns, actions and measures
 * (each with its baseline, target and comparators), the roles each names
 * (who, with post, organisation and the role as written),
 * reviews, the glossary, every conflict between documents, and imported
 * progress returns (statuses and values per period). Each fact is
 * followed by where it comes from. The text is rendered from the same tree
 * `--json` prints, so the two never disagree. With --since PERIOD it prints
 * instead what changed between that period's return and the latest
 * (core/changes.c); without it, the summary of the latest return follows
 * the list of returns.
 */
#include <cjson/cJSON.h>
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
static void show_sources(const cJSON *record, int indent) {
  const cJSON *source;
  cJSON_ArrayForEach(source, cJSON_GetObjectItemCaseSensitive(record, "sources")) {
    printf("%*s[%s, %s]\n", indent, "", show_or(show_text(source, "document"), "?"),
           show_or(show_text(source, "locator"), "?"));
  }
}

/* Each theme with the rule that gave it, the phrase it matched and where
 * (the title, the weakness answered, an action or measure). */
static void show_themes(const cJSON *record, int indent) {
  const cJSON *reason;
  cJSON_ArrayForEach(reason, cJSON_GetObjectItemCaseSensitive(record, "theme_reasons")) {
    const char *basis = show_text(reason, "basis");
    printf("%*stheme %s (rule %s, matched \"%s\"%s%s)\n", indent, "",
           show_or(show_text(reason, "theme"), "?"), show_or(show_text(reason, "rule"), "?"),
           show_or(show_text(reason, "phrase"), ""), basis ? " in " : "", basis ? basis : "");
  }
}

static void show_count(const char *label, const cJSON *object, const char *key) {
  const cJSON *item = cJSON_GetObjectItemCaseSensitive(object, key);
  if (cJSON_IsNumber(item))
    printf(" %s %d", label, item->valueint);
  else
    printf(" %s unknown", label);
}

static void show_inspections(const cJSON *area) {
  const cJSON *inspection;
  cJSON_ArrayForEach(inspection, cJSON_GetObjectItemCaseSensitive(area, "inspections")) {
    printf("\ninspection %s: %s to %s, published %s;", show_text(inspection, "kind"),
           show_or(show_text(inspection, "started"), "?"),
           show_or(show_text(inspection, "ended"), "?"),
           show_or(show_text(inspection, "published"), "?"));
    show_count("weaknesses", inspection, "weaknesses_found");
    show_count("sufficient", inspection, "weaknesses_sufficient");
    putchar('\n');
    show_sources(inspection, 2);
    const cJSON *weakness;
    cJSON_ArrayForEach(weakness, cJSON_GetObjectItemCaseSensitive(inspection, "weaknesses")) {
      printf("  weakness %s (%s): %s\n", show_or(show_text(weakness, "ref"), "-"),
             show_or(show_text(weakness, "progress"), "not judged"), show_text(weakness, "text"));
      show_themes(weakness, 4);
      show_sources(weakness, 4);
    }
  }
}

/* The ref a progress return uses, when it is not the record's own. */
static void show_return_ref(const cJSON *record) {
  const char *ref = show_text(record, "ref"), *return_ref = show_text(record, "return_ref");
  if (return_ref && (!ref || strcmp(ref, return_ref) != 0)) printf(" [return ref %s]", return_ref);
}

/* Values a measure had, period by period (from progress returns or the
 * plan's own documents), each with its source. */
static void show_observations(const cJSON *measure, int indent) {
  const cJSON *observation;
  cJSON_ArrayForEach(observation, cJSON_GetObjectItemCaseSensitive(measure, "observations")) {
    const cJSON *value = cJSON_GetObjectItemCaseSensitive(observation, "value");
    const char *label = show_text(observation, "label");
    /* "Dec 22 milestone (Milestone 1): 45": the document's words kept. */
    printf("%*s%s %s%s%s%s: ", indent, "", show_text(observation, "period"),
           show_text(observation, "kind"), label ? " (" : "", label ? label : "", label ? ")" : "");
    if (cJSON_IsNumber(value))
      printf("%g", value->valuedouble);
    else
      printf("%s", show_or(show_text(observation, "state"), "?"));
    const char *note = show_text(observation, "note");
    printf("%s%s%s\n", note ? " (" : "", note ? note : "", note ? ")" : "");
    show_sources(observation, indent + 2);
  }
}

/* A number as the documents gave it, or "not stated": nothing invented. */
static void show_number(const char *label, const cJSON *value) {
  if (cJSON_IsNumber(value))
    printf("%s %g", label, value->valuedouble);
  else
    printf("%s not stated", label);
}

/* "baseline 40 (2023-03); target 60 (Aug 23); direction up; indicator ID", then
 * each comparator with its source. */
static void show_measure_values(const cJSON *measure, int indent) {
  const cJSON *baseline = cJSON_GetObjectItemCaseSensitive(measure, "baseline");
  const char *date = show_text(baseline, "date");
  printf("%*s", indent, "");
  show_number("baseline", cJSON_GetObjectItemCaseSensitive(baseline, "value"));
  if (date) printf(" (%s)", date);
  show_number("; target", cJSON_GetObjectItemCaseSensitive(measure, "target"));
  const char *target_date = show_text(measure, "target_date");
  if (target_date) printf(" (%s)", target_date);
  const char *direction = show_text(measure, "direction"),
             *indicator = show_text(measure, "indicator");
  if (direction) printf("; direction %s", direction);
  if (indicator) printf("; indicator %s", indicator);
  putchar('\n');
  const cJSON *comparator;
  cJSON_ArrayForEach(comparator, cJSON_GetObjectItemCaseSensitive(measure, "comparators")) {
    const cJSON *value = cJSON_GetObjectItemCaseSensitive(comparator, "value");
    printf("%*scomparator %s: ", indent, "", show_or(show_text(comparator, "label"), "?"));
    if (cJSON_IsNumber(value))
      printf("%g", value->valuedouble);
    else
      printf("not stated");
    const char *when = show_text(comparator, "date");
    printf("%s%s%s\n", when ? " (" : "", when ? when : "", when ? ")" : "");
    show_sources(comparator, indent + 2);
  }
}

static void show_measures(const cJSON *parent, int indent) {
  const cJSON *measure;
  cJSON_ArrayForEach(measure, cJSON_GetObjectItemCaseSensitive(parent, "measures")) {
    printf("%*smeasure %s", indent, "", show_or(show_text(measure, "ref"), "-"));
    show_return_ref(measure);
    printf(": %s (kind %s, unit %s)\n", show_text(measure, "name"),
           show_or(show_text(measure, "kind"), "unknown"),
           show_or(show_text(measure, "unit"), "unknown"));
    show_sources(measure, indent + 2);
    show_measure_values(measure, indent + 2);
    show_observations(measure, indent + 2);
  }
}

/* An action's status in each imported progress return. */
static void show_progress(const cJSON *action, int indent) {
  const cJSON *entry;
  cJSON_ArrayForEach(entry, cJSON_GetObjectItemCaseSensitive(action, "progress")) {
    const char *note = show_text(entry, "note");
    printf("%*s%s status: %s%s%s%s\n", indent, "", show_text(entry, "period"),
           show_text(entry, "status"), note ? " (" : "", note ? note : "", note ? ")" : "");
    show_sources(entry, indent + 2);
  }
}

/* Each role: its kind, who (as written), what the document adds (person,
 * post, organisation and its kind) and the role as written, then its
 * source. */
static void show_roles(const cJSON *record, int indent) {
  const cJSON *role;
  cJSON_ArrayForEach(role, cJSON_GetObjectItemCaseSensitive(record, "roles")) {
    printf("%*s%s: %s", indent, "", show_or(show_text(role, "kind"), "?"),
           show_or(show_text(role, "name"), "?"));
    static const char *const keys[] = {"person", "post", "organisation", "organisation_kind"};
    const char *separator = " (";
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
      const char *value = show_text(role, keys[i]);
      if (!value) continue;
      printf("%s%s %s", separator, keys[i], value);
      separator = "; ";
    }
    printf("%s; as written \"%s\"\n", *separator == ';' ? ")" : "",
           show_or(show_text(role, "role"), "?"));
    show_sources(role, indent + 2);
  }
}

static void show_concerns(const cJSON *plan) {
  const cJSON *concern;
  cJSON_ArrayForEach(concern, cJSON_GetObjectItemCaseSensitive(plan, "concerns")) {
    printf("  concern %s: %s\n", show_or(show_text(concern, "ref"), "-"),
           show_text(concern, "title"));
    show_themes(concern, 4);
    show_sources(concern, 4);
    show_roles(concern, 4);
    const cJSON *action;
    cJSON_ArrayForEach(action, cJSON_GetObjectItemCaseSensitive(concern, "actions")) {
      printf("    action %s", show_or(show_text(action, "ref"), "-"));
      show_return_ref(action);
      printf(": %s\n", show_or(show_text(action, "text"), "(cited, not stated in the documents)"));
      show_sources(action, 6);
      show_roles(action, 6);
      show_progress(action, 6);
      show_measures(action, 6);
    }
    show_measures(concern, 4);
  }
}

static void show_plans(const cJSON *area) {
  const cJSON *plan;
  cJSON_ArrayForEach(plan, cJSON_GetObjectItemCaseSensitive(area, "plans")) {
    printf("\nplan %s: %s; version %s, dated %s, approved %s\n", show_text(plan, "kind"),
           show_or(show_text(plan, "title"), "(untitled)"),
           show_or(show_text(plan, "version"), "?"), show_or(show_text(plan, "dated"), "?"),
           show_or(show_text(plan, "approved"), "?"));
    show_sources(plan, 2);
    show_roles(plan, 2);
    const cJSON *review;
    cJSON_ArrayForEach(review, cJSON_GetObjectItemCaseSensitive(plan, "reviews")) {
      printf("  review %s: due %s, held %s, %d findings\n", show_text(review, "label"),
             show_or(show_text(review, "due"), "?"), show_or(show_text(review, "held"), "?"),
             cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(review, "findings")));
      show_sources(review, 4);
    }
    show_measures(plan, 2);
    show_concerns(plan);
  }
}

static void show_conflicts(const cJSON *area) {
  const cJSON *conflicts = cJSON_GetObjectItemCaseSensitive(area, "conflicts");
  if (cJSON_GetArraySize(conflicts) == 0) return;
  printf("\nconflicts between documents:\n");
  const cJSON *conflict;
  cJSON_ArrayForEach(conflict, conflicts) {
    printf("  %s, %s:\n", show_or(show_text(conflict, "record"), "?"),
           show_or(show_text(conflict, "field"), "?"));
    const cJSON *claim;
    cJSON_ArrayForEach(claim, cJSON_GetObjectItemCaseSensitive(conflict, "claims")) {
      const cJSON *source = cJSON_GetObjectItemCaseSensitive(claim, "source");
      const char *role = show_text(claim, "role");
      printf("    %-12s", show_or(show_text(claim, "value"), "?"));
      if (role && strcmp(role, show_or(show_text(conflict, "field"), "")))
        printf(" (%s)", role); /* the role this value plays: "letter dated" */
      printf(" %s, %s: \"%s\"\n", show_or(show_text(source, "document"), "?"),
             show_or(show_text(source, "locator"), "?"), show_or(show_text(source, "quote"), ""));
    }
  }
}

/* The imported returns, and any entry the plan as now loaded cannot place;
 * then the latest return's summary ("4 of 38 actions reported in ..."). */
static void show_returns(const cJSON *area, const char *summary) {
  const cJSON *returns = cJSON_GetObjectItemCaseSensitive(area, "progress_returns");
  if (cJSON_GetArraySize(returns) == 0) return;
  printf("\nprogress returns:\n");
  const cJSON *item;
  cJSON_ArrayForEach(item, returns) {
    printf("  %s from %s:", show_or(show_text(item, "period"), "?"),
           show_or(show_text(item, "document"), "?"));
    show_count("action statuses", item, "actions");
    show_count("measure values", item, "measures");
    putchar('\n');
    const cJSON *entry;
    cJSON_ArrayForEach(entry, cJSON_GetObjectItemCaseSensitive(item, "unlinked")) {
      printf("    %s %s (%s): not in the plan as now loaded\n",
             show_or(show_text(entry, "kind"), "?"), show_or(show_text(entry, "ref"), "?"),
             show_or(show_text(entry, "locator"), "?"));
    }
  }
  if (summary) printf("  latest: %s\n", summary);
}

/* The area's imported case file, the source of its counted indicators,
 * and in capitals whether it is synthetic: its figures are then made up. */
static void show_cases(sl_store *store, const char *code) {
  sqlite3_stmt *statement = sl_store_prepare(
      store, "SELECT file, rows, requests, reviews, synthetic FROM case_import WHERE area = ?1",
      "t", NULL, code);
  if (!statement || sqlite3_step(statement) != SQLITE_ROW) {
    if (statement) sqlite3_reset(statement);
    return;
  }
  int synthetic =
      sqlite3_column_type(statement, 4) == SQLITE_NULL ? -1 : sqlite3_column_int(statement, 4);
  printf("\ncase records: %s, %lld rows (%lld requests, %lld reviews)\n",
         (const char *)sqlite3_column_text(statement, 0),
         (long long)sqlite3_column_int64(statement, 1),
         (long long)sqlite3_column_int64(statement, 2),
         (long long)sqlite3_column_int64(statement, 3));
  if (synthetic == 1)
    printf("  *** SYNTHETIC DATA: the file says it is synthetic; every figure counted from it is "
           "made up, not real children ***\n");
  else if (synthetic < 0)
    printf("  (imported before sendlens kept the synthetic marker: import it again to know)\n");
  sqlite3_reset(statement);
}

static void show_area(const cJSON *area, const char *summary) {
  printf("%s (%s), LA %s, %s; plugin %s %s\n", show_text(area, "name"), show_text(area, "code"),
         show_or(show_text(area, "la_number"), "?"), show_or(show_text(area, "region"), "?"),
         show_text(area, "plugin"), show_text(area, "plugin_version"));
  show_inspections(area);
  show_plans(area);
  int terms = cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(area, "glossary"));
  if (terms) printf("\nglossary: %d terms\n", terms);
  show_conflicts(area);
  show_returns(area, summary);
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
  show_area(area, show_text(cJSON_GetObjectItemCaseSensitive(changes, "summary"), "text"));
  show_cases(store, show_text(area, "code"));
  cJSON_Delete(changes);
  cJSON_Delete(area);
  return SL_EXIT_OK;
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
