/*
 * statistics_compare.c: the official figures read back for comparison
 * (statistics_compare.h). All the SQL of the comparison is here, beside the
 * store; the views and exports only draw the tree it builds.
 *
 * Only headline figures (breakdown '') are compared. A symbol (x, z, c,
 * low...) is carried as text and is never a number: it has no rank, it
 * makes no change, and in a group its member is listed as missing.
 */
#include "statistics_compare.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csv.h"
#include "disclosure.h"

const char sl_statcmp_rank_rule[] =
    "Rank among the local authorities with a published number that period: 1 is the best (the "
    "highest where higher is better, the lowest where lower is better); equal values share a "
    "rank. Quartile = 4 x (rank - 1) / n + 1, rounded down, n the number ranked: 1 is the best "
    "quarter. Indicators where neither higher nor lower is better are not ranked.";

const char sl_statcmp_group_rule[] =
    "A group's value is sum(numerator) / sum(denominator) x 100 (pooled) when every member "
    "publishes both counts, else the mean of its members' values (mean), to one decimal place; "
    "a member without a number (a symbol such as x, c or low, or no figure) is listed as "
    "missing and the value is partial.";

void sl_statcmp_number(char *text, size_t size, double value, int sign) {
  snprintf(text, size, sign ? "%+.10g" : "%.10g", value);
}

static cJSON *statcmp_text(sqlite3_stmt *statement, int column) {
  const unsigned char *text = sqlite3_column_text(statement, column);
  return text ? cJSON_CreateString((const char *)text) : cJSON_CreateNull();
}

static cJSON *statcmp_number(sqlite3_stmt *statement, int column) {
  if (sqlite3_column_type(statement, column) == SQLITE_NULL) return cJSON_CreateNull();
  return cJSON_CreateNumber(sqlite3_column_double(statement, column));
}

static const char *statcmp_string(const cJSON *object, const char *key) {
  const cJSON *item = cJSON_GetObjectItemCaseSensitive(object, key);
  return cJSON_IsString(item) ? item->valuestring : NULL;
}

static int statcmp_step_error(sl_store *store, int status, sl_error *error) {
  if (status == SQLITE_DONE) return 0;
  return sl_error_set(error, "%s: %s", sl_store_path(store), sqlite3_errmsg(sl_store_db(store)));
}

int sl_statcmp_has_statistics(sl_store *store, sl_error *error) {
  sqlite3_stmt *statement =
      sl_store_prepare(store, "SELECT EXISTS (SELECT 1 FROM statistic)", "", error);
  if (!statement) return -1;
  int status = sqlite3_step(statement);
  if (status != SQLITE_ROW) return statcmp_step_error(store, status, error);
  int found = sqlite3_column_int(statement, 0);
  sqlite3_reset(statement);
  return found;
}

/*
 * The SQL of the comparison. Its pieces are shared by the series of one
 * geography (SERIES_SQL) and the long-form table of the flat exports
 * (sl_statcmp_table_sql), so both rank, join and subtract the same way.
 * (clang-format is off for them: it would cut the strings into pieces.)
 */
// clang-format off

/* The local authorities ranked, indicator by indicator and period by period
 * (see the header for the rule): rank() shares a rank between equal values.
 * ?1 narrows it to one indicator; unbound (NULL), it ranks them all. */
#define STATCMP_RANKED \
  "WITH ranked AS (SELECT s.indicator, s.geography, s.period, s.period_kind, " \
  "  CASE WHEN i.direction IN ('up', 'down') THEN rank() OVER (PARTITION BY s.indicator, " \
  "    s.period_kind, s.period ORDER BY CASE i.direction WHEN 'down' THEN s.value " \
  "    ELSE -s.value END) END AS rank, " \
  "  count(*) OVER (PARTITION BY s.indicator, s.period_kind, s.period) AS ranked " \
  "  FROM statistic s JOIN stat_indicator i ON i.id = s.indicator " \
  "  JOIN stat_geography g ON g.code = s.geography AND g.level = 'local_authority' " \
  "  WHERE s.breakdown = '' AND s.value IS NOT NULL AND (?1 IS NULL OR s.indicator = ?1)) "

/* Rank, how many were ranked, quartile and change, of a figure s whose
 * adjacent previous figure is p and whose rank row is k. */
#define STATCMP_RANK_COLUMNS \
  "k.rank, CASE WHEN k.rank IS NOT NULL THEN k.ranked END, " \
  "CASE WHEN k.rank IS NOT NULL THEN 4 * (k.rank - 1) / k.ranked + 1 END, " \
  "CASE WHEN s.value IS NOT NULL AND p.value IS NOT NULL THEN round(s.value - p.value, 6) END "

/* England's figure e and the region's r in the same period as s (of
 * geography g), the figure p of the adjacent period of the same kind (the
 * one ending the day before s starts), and s's rank row k. */
#define STATCMP_JOINS \
  "LEFT JOIN statistic e ON e.indicator = s.indicator AND e.period = s.period " \
  "  AND e.breakdown = '' AND e.geography = coalesce(g.country, (SELECT code FROM " \
  "  stat_geography WHERE level = 'national' ORDER BY code LIMIT 1)) " \
  "LEFT JOIN statistic r ON r.indicator = s.indicator AND r.period = s.period " \
  "  AND r.breakdown = '' AND r.geography = g.region " \
  "LEFT JOIN statistic p ON p.indicator = s.indicator AND p.geography = s.geography " \
  "  AND p.breakdown = '' AND p.period_kind = s.period_kind " \
  "  AND p.period_end = date(s.period_start, '-1 day') " \
  "LEFT JOIN ranked k ON k.indicator = s.indicator AND k.geography = s.geography " \
  "  AND k.period = s.period AND k.period_kind = s.period_kind "

/* The name, as its file's header writes it, of a column of s's file. */
#define STATCMP_COLUMN_OF_VALUE \
  "(SELECT name FROM stat_column WHERE file = s.file AND position = s.value_column)"
#define STATCMP_COLUMN_OF_NUMERATOR \
  "(SELECT name FROM stat_column WHERE file = s.file AND position = s.numerator_column)"
#define STATCMP_COLUMN_OF_DENOMINATOR \
  "(SELECT name FROM stat_column WHERE file = s.file AND position = s.denominator_column)"

/* A geography's series of one indicator (?1) for geography ?2: its
 * figures, England's and its region's, rank, quartile, change, and where
 * each cell was published. */
static const char SERIES_SQL[] =
  STATCMP_RANKED
  "SELECT s.period, s.period_kind, s.value, s.value_symbol, s.numerator, s.numerator_symbol, "
  "  s.denominator, s.denominator_symbol, e.value, e.value_symbol, r.value, r.value_symbol, "
  STATCMP_RANK_COLUMNS ", " STATCMP_COLUMN_OF_VALUE ", s.period_start, f.document, "
  "  s.row & 4294967295, " STATCMP_COLUMN_OF_NUMERATOR ", " STATCMP_COLUMN_OF_DENOMINATOR " "
  "FROM statistic s JOIN stat_geography g ON g.code = s.geography "
  "JOIN stat_file f ON f.id = s.file "
  STATCMP_JOINS
  "WHERE s.indicator = ?1 AND s.geography = ?2 AND s.breakdown = '' "
  "ORDER BY s.period_start, s.period";

const char sl_statcmp_table_header[] =
  "area_code,area_name,indicator,indicator_title,unit,direction,period,period_kind,value,"
  "symbol,numerator,numerator_symbol,denominator,denominator_symbol,england,england_symbol,"
  "region_name,region,region_symbol,rank,ranked,quartile,change,document,line,column";

/* Every loaded area's every figure at once (run with nothing bound), the
 * area named as everywhere else in the exports (area.name). */
const char sl_statcmp_table_sql[] =
  STATCMP_RANKED
  "SELECT g.code, a.name, s.indicator, i.title, i.unit, i.direction, s.period, s.period_kind, "
  "  s.value, s.value_symbol, s.numerator, s.numerator_symbol, s.denominator, "
  "  s.denominator_symbol, e.value, e.value_symbol, rg.name, r.value, r.value_symbol, "
  STATCMP_RANK_COLUMNS ", f.document, s.row & 4294967295, " STATCMP_COLUMN_OF_VALUE " "
  "FROM area_geography x JOIN area a ON a.code = x.area "
  "JOIN stat_geography g ON g.code = x.geography "
  "JOIN statistic s ON s.geography = g.code AND s.breakdown = '' "
  "JOIN stat_indicator i ON i.id = s.indicator JOIN stat_file f ON f.id = s.file "
  "LEFT JOIN stat_geography rg ON rg.code = g.region "
  STATCMP_JOINS
  "ORDER BY g.code, s.indicator, s.period_start, s.period";

// clang-format on

static const char *statcmp_ranking(const char *direction) {
  if (strcmp(direction, "up") == 0) return "higher is better: rank 1 is the highest";
  if (strcmp(direction, "down") == 0) return "lower is better: rank 1 is the lowest";
  return "not ranked: neither higher nor lower is better";
}

/* Each period an indicator has headline figures for, with the number of
 * local authorities ranked in it. */
static cJSON *statcmp_periods(sl_store *store, const char *indicator, sl_error *error) {
  sqlite3_stmt *statement =
      sl_store_prepare(store,
                       "SELECT s.period, s.period_kind, s.period_start, s.period_end, "
                       "  count(CASE WHEN g.level = 'local_authority' THEN s.value END) "
                       "FROM statistic s JOIN stat_geography g ON g.code = s.geography "
                       "WHERE s.indicator = ?1 AND s.breakdown = '' "
                       "GROUP BY s.period, s.period_kind ORDER BY s.period_start, s.period",
                       "t", error, indicator);
  if (!statement) return NULL;
  static const char *const keys[] = {"period", "period_kind", "start", "end"};
  cJSON *periods = cJSON_CreateArray();
  int status;
  while ((status = sqlite3_step(statement)) == SQLITE_ROW) {
    cJSON *period = cJSON_CreateObject();
    for (int i = 0; i < 4; i++)
      cJSON_AddItemToObject(period, keys[i], statcmp_text(statement, i));
    cJSON_AddNumberToObject(period, "ranked", sqlite3_column_int(statement, 4));
    cJSON_AddItemToArray(periods, period);
  }
  if (statcmp_step_error(store, status, error)) {
    cJSON_Delete(periods);
    return NULL;
  }
  return periods;
}

/* The indicators with headline figures (of the theme, if one is given). */
static cJSON *statcmp_indicators(sl_store *store, const char *theme, sl_error *error) {
  sqlite3_stmt *statement = sl_store_prepare(
      store,
      "SELECT i.id, i.title, i.unit, i.direction, i.definition FROM stat_indicator i "
      "WHERE EXISTS (SELECT 1 FROM statistic s WHERE s.indicator = i.id AND s.breakdown = '') "
      "  AND (?1 IS NULL OR i.id IN (SELECT indicator FROM theme_indicator WHERE theme = ?1)) "
      "ORDER BY i.id",
      "t", error, theme);
  if (!statement) return NULL;
  static const char *const keys[] = {"id", "title", "unit", "direction", "definition"};
  cJSON *indicators = cJSON_CreateArray();
  int status;
  while ((status = sqlite3_step(statement)) == SQLITE_ROW) {
    cJSON *indicator = cJSON_CreateObject();
    for (int i = 0; i < 5; i++)
      cJSON_AddItemToObject(indicator, keys[i], statcmp_text(statement, i));
    cJSON_AddStringToObject(indicator, "ranking",
                            statcmp_ranking((const char *)sqlite3_column_text(statement, 3)));
    cJSON_AddItemToArray(indicators, indicator);
  }
  if (statcmp_step_error(store, status, error)) {
    cJSON_Delete(indicators);
    return NULL;
  }
  cJSON *indicator;
  cJSON_ArrayForEach(indicator, indicators) {
    cJSON *periods = statcmp_periods(store, statcmp_string(indicator, "id"), error);
    if (!periods) {
      cJSON_Delete(indicators);
      return NULL;
    }
    cJSON_AddItemToObject(indicator, "periods", periods);
  }
  return indicators;
}

/* {"code", "name", "area", "region"} of a geography row (code, name, area,
 * region). */
static cJSON *statcmp_target(sqlite3_stmt *statement) {
  static const char *const keys[] = {"code", "name", "area", "region"};
  cJSON *target = cJSON_CreateObject();
  for (int i = 0; i < 4; i++)
    cJSON_AddItemToObject(target, keys[i], statcmp_text(statement, i));
  return target;
}

/* The loaded areas that are published geographies, by area name. */
static cJSON *statcmp_loaded(sl_store *store, sl_error *error) {
  sqlite3_stmt *statement = sl_store_prepare(
      store,
      "SELECT g.code, a.name, a.code, g.region FROM area_geography x "
      "JOIN area a ON a.code = x.area JOIN stat_geography g ON g.code = x.geography "
      "WHERE g.level = 'local_authority' ORDER BY a.name, g.code",
      "", error);
  if (!statement) return NULL;
  cJSON *targets = cJSON_CreateArray();
  int status;
  while ((status = sqlite3_step(statement)) == SQLITE_ROW)
    cJSON_AddItemToArray(targets, statcmp_target(statement));
  if (statcmp_step_error(store, status, error)) {
    cJSON_Delete(targets);
    return NULL;
  }
  return targets;
}

/* One local authority by GSS code, DfE number or name (any case). */
static cJSON *statcmp_resolve(sl_store *store, const char *what, sl_error *error) {
  sqlite3_stmt *statement = sl_store_prepare(
      store,
      "SELECT g.code, g.name, (SELECT area FROM area_geography WHERE geography = g.code), "
      "  g.region FROM stat_geography g WHERE g.level = 'local_authority' "
      "  AND (g.code = ?1 OR g.la_number = ?1 OR g.name = ?1 COLLATE NOCASE) "
      "ORDER BY g.code = ?1 DESC LIMIT 1",
      "t", error, what);
  if (!statement) return NULL;
  if (sqlite3_step(statement) != SQLITE_ROW) {
    sqlite3_reset(statement);
    sl_error_set(error, "no local authority '%s' in the imported statistics of %s", what,
                 sl_store_path(store));
    return NULL;
  }
  cJSON *target = statcmp_target(statement);
  sqlite3_reset(statement);
  return target;
}

static cJSON *statcmp_targets(sl_store *store, const sl_statcmp_request *request, sl_error *error) {
  if (!request->geographies || request->geography_count == 0) return statcmp_loaded(store, error);
  cJSON *targets = cJSON_CreateArray();
  for (int i = 0; i < request->geography_count; i++) {
    cJSON *target = statcmp_resolve(store, request->geographies[i], error);
    if (!target) {
      cJSON_Delete(targets);
      return NULL;
    }
    cJSON_AddItemToArray(targets, target);
  }
  return targets;
}

/* The source of one cell: document, line and the column's name. Columns
 * 20..25 of the series query hold the three cells' column positions and
 * names. */
static void statcmp_add_source(cJSON *sources, sqlite3_stmt *statement, int column,
                               const char *cell) {
  if (sqlite3_column_type(statement, column) == SQLITE_NULL) return;
  cJSON *source = cJSON_CreateObject();
  cJSON_AddItemToObject(source, "document", statcmp_text(statement, 18));
  cJSON_AddNumberToObject(source, "line", (double)sqlite3_column_int64(statement, 19));
  cJSON_AddItemToObject(source, "column", statcmp_text(statement, column));
  cJSON_AddStringToObject(source, "cell", cell);
  cJSON_AddItemToArray(sources, source);
}

/* One point of an area's series (a row of SERIES_SQL). */
static cJSON *statcmp_point(sqlite3_stmt *statement) {
  static const char *const keys[] = {"period",    "period_kind", "value",    "symbol",
                                     "numerator", "denominator", "england",  "region",
                                     "rank",      "ranked",      "quartile", "change"};
  static const int columns[] = {0, 1, 2, 3, 4, 6, 8, 10, 12, 13, 14, 15};
  cJSON *point = cJSON_CreateObject();
  for (int i = 0; i < 12; i++) {
    int column = columns[i];
    int text = column <= 1 || column == 3;
    cJSON_AddItemToObject(
        point, keys[i], text ? statcmp_text(statement, column) : statcmp_number(statement, column));
  }
  /* A count published as a symbol is said as that symbol, never as 0. */
  if (sqlite3_column_type(statement, 5) != SQLITE_NULL)
    cJSON_AddItemToObject(point, "numerator_symbol", statcmp_text(statement, 5));
  if (sqlite3_column_type(statement, 7) != SQLITE_NULL)
    cJSON_AddItemToObject(point, "denominator_symbol", statcmp_text(statement, 7));
  if (sqlite3_column_type(statement, 9) != SQLITE_NULL)
    cJSON_AddItemToObject(point, "england_symbol", statcmp_text(statement, 9));
  if (sqlite3_column_type(statement, 11) != SQLITE_NULL)
    cJSON_AddItemToObject(point, "region_symbol", statcmp_text(statement, 11));
  cJSON *sources = cJSON_AddArrayToObject(point, "sources");
  statcmp_add_source(sources, statement, 16, "value");
  statcmp_add_source(sources, statement, 20, "numerator");
  statcmp_add_source(sources, statement, 21, "denominator");
  return point;
}

static cJSON *statcmp_series(sl_store *store, const char *indicator, const char *geography,
                             sl_error *error) {
  sqlite3_stmt *statement = sl_store_prepare(store, SERIES_SQL, "tt", error, indicator, geography);
  if (!statement) return NULL;
  cJSON *series = cJSON_CreateArray();
  int status;
  while ((status = sqlite3_step(statement)) == SQLITE_ROW)
    cJSON_AddItemToArray(series, statcmp_point(statement));
  if (statcmp_step_error(store, status, error)) {
    cJSON_Delete(series);
    return NULL;
  }
  return series;
}

/* The area's own figures for the same indicator id, counted by `sendlens
 * indicators` from its case records (scripts/indicators/ehc.lua), per
 * quarter: through indicator_published, so small counts come out as "x"
 * as everywhere else (docs/indicators.md). Each is matched with the
 * published period it lies within by span, never by label (a quarter of
 * 2023 within the calendar year 2023, or within the academic year 2022/23
 * or 2023/24 as its days fall): the shortest published period of the
 * series whose first and last days enclose the quarter's; none when the
 * quarter straddles two (docs/statistics.md). */
static const char LOCAL_SQL[] =
    "SELECT l.period, period_kind(l.period), period_start(l.period), period_end(l.period), "
    "l.value, l.numerator, l.denominator, "
    "(SELECT s.period FROM statistic s WHERE s.indicator = ?1 AND s.geography = ?2 "
    "  AND s.breakdown = '' AND s.period_start <= period_start(l.period) "
    "  AND s.period_end >= period_end(l.period) "
    "  ORDER BY julianday(s.period_end) - julianday(s.period_start), s.period_start LIMIT 1), "
    "l.synthetic "
    "FROM indicator_published l "
    "WHERE l.indicator = ?1 AND l.area = ?2 AND l.breakdown = '' "
    "ORDER BY period_start(l.period), l.period";

/* A published cell: a number, or the text "x" of a suppressed count. */
static cJSON *statcmp_published(sqlite3_stmt *statement, int column) {
  return sqlite3_column_type(statement, column) == SQLITE_TEXT ? statcmp_text(statement, column)
                                                               : statcmp_number(statement, column);
}

static cJSON *statcmp_local(sl_store *store, const char *indicator, const char *geography,
                            sl_error *error) {
  sqlite3_stmt *statement = sl_store_prepare(store, LOCAL_SQL, "tt", error, indicator, geography);
  if (!statement) return NULL;
  static const char *const keys[] = {"period", "period_kind", "start", "end"};
  static const char *const counts[] = {"value", "numerator", "denominator"};
  cJSON *local = cJSON_CreateArray();
  int status;
  while ((status = sqlite3_step(statement)) == SQLITE_ROW) {
    cJSON *point = cJSON_CreateObject();
    for (int i = 0; i < 4; i++)
      cJSON_AddItemToObject(point, keys[i], statcmp_text(statement, i));
    for (int i = 0; i < 3; i++)
      cJSON_AddItemToObject(point, counts[i], statcmp_published(statement, 4 + i));
    cJSON_AddItemToObject(point, "within", statcmp_text(statement, 7));
    cJSON_AddItemToObject(point, "synthetic", statcmp_number(statement, 8));
    cJSON_AddItemToArray(local, point);
  }
  if (statcmp_step_error(store, status, error)) {
    cJSON_Delete(local);
    return NULL;
  }
  return local;
}

/* [{"indicator", "series", "local"}] of one geography, the indicators it
 * has. */
static cJSON *statcmp_geography_indicators(sl_store *store, const cJSON *indicators,
                                           const char *geography, sl_error *error) {
  cJSON *list = cJSON_CreateArray();
  const cJSON *indicator;
  cJSON_ArrayForEach(indicator, indicators) {
    const char *id = statcmp_string(indicator, "id");
    cJSON *series = statcmp_series(store, id, geography, error);
    if (!series) {
      cJSON_Delete(list);
      return NULL;
    }
    if (cJSON_GetArraySize(series) == 0) {
      cJSON_Delete(series);
      continue;
    }
    cJSON *local = statcmp_local(store, id, geography, error);
    if (!local) {
      cJSON_Delete(series);
      cJSON_Delete(list);
      return NULL;
    }
    cJSON *item = cJSON_CreateObject();
    cJSON_AddStringToObject(item, "indicator", id);
    cJSON_AddItemToObject(item, "series", series);
    cJSON_AddItemToObject(item, "local", local);
    cJSON_AddItemToArray(list, item);
  }
  return list;
}

/* One decimal place, as the DfE publishes its percentages. */
static double statcmp_round(double value) { return round(value * 10.0) / 10.0; }

/* A computed group's value in one period (a row of GROUP_SQL): pooled when
 * every member has both counts, else the mean of the numbers there are. */
static cJSON *statcmp_group_point(sqlite3_stmt *statement) {
  int members = sqlite3_column_int(statement, 3), numbers = sqlite3_column_int(statement, 2);
  int pooled =
      sqlite3_column_int(statement, 4) == members && sqlite3_column_double(statement, 6) > 0;
  cJSON *point = cJSON_CreateObject();
  cJSON_AddItemToObject(point, "period", statcmp_text(statement, 0));
  cJSON_AddItemToObject(point, "period_kind", statcmp_text(statement, 1));
  if (pooled) {
    double value = sqlite3_column_double(statement, 5) / sqlite3_column_double(statement, 6);
    cJSON_AddNumberToObject(point, "value", statcmp_round(value * 100.0));
    cJSON_AddStringToObject(point, "method", "pooled");
  } else if (numbers > 0) {
    cJSON_AddNumberToObject(point, "value", statcmp_round(sqlite3_column_double(statement, 7)));
    cJSON_AddStringToObject(point, "method", "mean");
  } else {
    cJSON_AddNullToObject(point, "value");
    cJSON_AddNullToObject(point, "method");
  }
  cJSON_AddBoolToObject(point, "partial", numbers < members);
  cJSON_AddNumberToObject(point, "members_with_value", numbers);
  cJSON *missing = cJSON_Parse((const char *)sqlite3_column_text(statement, 8));
  cJSON_AddItemToObject(point, "missing", missing ? missing : cJSON_CreateArray());
  cJSON_AddNullToObject(point, "change");
  return point;
}

/* A computed group's figures, period by period: every member crossed with
 * every period the indicator has, so a member without a figure counts as
 * missing. Columns 9 and 10 say whether the previous row is the adjacent
 * period of the same kind. */
static const char GROUP_SQL[] =
    "WITH m(code) AS (SELECT value FROM json_each(?2)), "
    "p AS (SELECT DISTINCT period, period_kind, period_start, period_end FROM statistic "
    "  WHERE indicator = ?1 AND breakdown = '') "
    "SELECT p.period, p.period_kind, count(s.value), count(*), "
    "  count(CASE WHEN s.value IS NOT NULL AND s.numerator IS NOT NULL "
    "    AND s.denominator IS NOT NULL THEN 1 END), "
    "  sum(s.numerator), sum(s.denominator), avg(s.value), "
    "  json_group_array(json_object('code', m.code, 'name', (SELECT name FROM stat_geography "
    "    WHERE code = m.code), 'symbol', s.value_symbol)) FILTER (WHERE s.value IS NULL), "
    "  date(p.period_start, '-1 day'), p.period_end "
    "FROM p CROSS JOIN m LEFT JOIN statistic s ON s.indicator = ?1 AND s.geography = m.code "
    "  AND s.period = p.period AND s.period_kind = p.period_kind AND s.breakdown = '' "
    "GROUP BY p.period, p.period_kind ORDER BY p.period_start, p.period";

/* The change of each point since the point before it, where that is the
 * adjacent period of the same kind and both have a value. */
static void statcmp_group_changes(cJSON *series, char ends[][16], char before[][16]) {
  const cJSON *previous = NULL;
  int index = 0;
  cJSON *point;
  cJSON_ArrayForEach(point, series) {
    const cJSON *value = cJSON_GetObjectItemCaseSensitive(point, "value");
    if (previous && strcmp(ends[index - 1], before[index]) == 0 && cJSON_IsNumber(value)) {
      const cJSON *was = cJSON_GetObjectItemCaseSensitive(previous, "value");
      const char *kind = statcmp_string(point, "period_kind");
      if (cJSON_IsNumber(was) && strcmp(kind, statcmp_string(previous, "period_kind")) == 0)
        cJSON_ReplaceItemInObject(
            point, "change",
            cJSON_CreateNumber(statcmp_round(value->valuedouble - was->valuedouble)));
    }
    previous = point;
    index++;
  }
}

enum { STATCMP_PERIODS_MAX = 256 };

static cJSON *statcmp_group_series(sl_store *store, const char *indicator, const char *members,
                                   sl_error *error) {
  sqlite3_stmt *statement = sl_store_prepare(store, GROUP_SQL, "tt", error, indicator, members);
  if (!statement) return NULL;
  char ends[STATCMP_PERIODS_MAX][16], before[STATCMP_PERIODS_MAX][16];
  cJSON *series = cJSON_CreateArray();
  int status, count = 0;
  while ((status = sqlite3_step(statement)) == SQLITE_ROW && count < STATCMP_PERIODS_MAX) {
    const unsigned char *day = sqlite3_column_text(statement, 9);
    const unsigned char *end = sqlite3_column_text(statement, 10);
    snprintf(before[count], sizeof before[count], "%s", day ? (const char *)day : "");
    snprintf(ends[count], sizeof ends[count], "%s", end ? (const char *)end : "");
    cJSON_AddItemToArray(series, statcmp_group_point(statement));
    count++;
  }
  if (status == SQLITE_ROW) {
    sqlite3_reset(statement);
    cJSON_Delete(series);
    sl_error_set(error, "%s: more than %d periods", indicator, STATCMP_PERIODS_MAX);
    return NULL;
  }
  if (statcmp_step_error(store, status, error)) {
    cJSON_Delete(series);
    return NULL;
  }
  statcmp_group_changes(series, ends, before);
  return series;
}

/* A region's published figures as a group's: value, "published", change. */
static cJSON *statcmp_region_series(sl_store *store, const char *indicator, const char *region,
                                    sl_error *error) {
  cJSON *series = statcmp_series(store, indicator, region, error);
  cJSON *point;
  cJSON_ArrayForEach(point, series) {
    static const char *const drop[] = {
        "numerator",     "denominator",      "england",           "region",
        "rank",          "ranked",           "quartile",          "england_symbol",
        "region_symbol", "numerator_symbol", "denominator_symbol"};
    for (size_t i = 0; i < sizeof drop / sizeof drop[0]; i++)
      cJSON_DeleteItemFromObjectCaseSensitive(point, drop[i]);
    cJSON_AddStringToObject(point, "method", "published");
    cJSON_AddFalseToObject(point, "partial");
  }
  return series;
}

static char *statcmp_member_codes(const cJSON *group) {
  cJSON *codes = cJSON_CreateArray();
  const cJSON *member;
  cJSON_ArrayForEach(member, cJSON_GetObjectItemCaseSensitive(group, "members"))
      cJSON_AddItemToArray(codes, cJSON_CreateString(statcmp_string(member, "code")));
  char *text = cJSON_PrintUnformatted(codes);
  cJSON_Delete(codes);
  return text;
}

/* Adds "indicators" to a group: its series of each indicator. */
static int statcmp_group_fill(sl_store *store, cJSON *group, const cJSON *indicators,
                              sl_error *error) {
  const char *kind = statcmp_string(group, "kind");
  char *codes = strcmp(kind, "region") == 0 ? NULL : statcmp_member_codes(group);
  cJSON *list = cJSON_AddArrayToObject(group, "indicators");
  const cJSON *indicator;
  int result = 0;
  cJSON_ArrayForEach(indicator, indicators) {
    const char *id = statcmp_string(indicator, "id");
    cJSON *series = codes ? statcmp_group_series(store, id, codes, error)
                          : statcmp_region_series(store, id, statcmp_string(group, "id"), error);
    if (!series) {
      result = -1;
      break;
    }
    cJSON *item = cJSON_CreateObject();
    cJSON_AddStringToObject(item, "indicator", id);
    cJSON_AddItemToObject(item, "series", series);
    cJSON_AddItemToArray(list, item);
  }
  free(codes);
  return result;
}

static cJSON *statcmp_group(const char *id, const char *kind, const char *name) {
  cJSON *group = cJSON_CreateObject();
  cJSON_AddStringToObject(group, "id", id);
  cJSON_AddStringToObject(group, "kind", kind);
  cJSON_AddStringToObject(group, "name", name);
  cJSON_AddArrayToObject(group, "members");
  return group;
}

static void statcmp_add_member(cJSON *group, const char *code, const char *name) {
  cJSON *member = cJSON_CreateObject();
  cJSON_AddStringToObject(member, "code", code);
  cJSON_AddStringToObject(member, "name", name);
  cJSON_AddItemToArray(cJSON_GetObjectItemCaseSensitive(group, "members"), member);
}

/* The regions of the targets, each with its local authorities. */
static int statcmp_region_groups(sl_store *store, const cJSON *targets, cJSON *groups,
                                 sl_error *error) {
  const cJSON *target;
  cJSON_ArrayForEach(target, targets) {
    const char *region = statcmp_string(target, "region");
    int seen = !region;
    const cJSON *group;
    cJSON_ArrayForEach(group, groups) {
      seen = seen || strcmp(statcmp_string(group, "id"), region) == 0;
    }
    if (seen) continue;
    sqlite3_stmt *statement = sl_store_prepare(
        store,
        "SELECT r.name, g.code, g.name FROM stat_geography r "
        "LEFT JOIN stat_geography g ON g.region = r.code AND g.level = 'local_authority' "
        "WHERE r.code = ?1 ORDER BY g.name",
        "t", error, region);
    if (!statement) return -1;
    cJSON *made = NULL;
    int status;
    while ((status = sqlite3_step(statement)) == SQLITE_ROW) {
      if (!made)
        made = statcmp_group(region, "region", (const char *)sqlite3_column_text(statement, 0));
      if (sqlite3_column_type(statement, 1) != SQLITE_NULL)
        statcmp_add_member(made, (const char *)sqlite3_column_text(statement, 1),
                           (const char *)sqlite3_column_text(statement, 2));
    }
    if (made) cJSON_AddItemToArray(groups, made);
    if (statcmp_step_error(store, status, error)) return -1;
  }
  return 0;
}

/* The partnership: the loaded areas that are published geographies. */
static int statcmp_partnership(sl_store *store, cJSON *groups, sl_error *error) {
  cJSON *loaded = statcmp_loaded(store, error);
  if (!loaded) return -1;
  if (cJSON_GetArraySize(loaded) > 0) {
    cJSON *group = statcmp_group("partnership", "partnership", "Partnership");
    const cJSON *area;
    cJSON_ArrayForEach(area, loaded)
        statcmp_add_member(group, statcmp_string(area, "code"), statcmp_string(area, "name"));
    cJSON_AddItemToArray(groups, group);
  }
  cJSON_Delete(loaded);
  return 0;
}

static cJSON *statcmp_groups(sl_store *store, const sl_statcmp_request *request,
                             const cJSON *targets, const cJSON *indicators, sl_error *error) {
  cJSON *groups = cJSON_CreateArray();
  if (statcmp_region_groups(store, targets, groups, error) ||
      statcmp_partnership(store, groups, error)) {
    cJSON_Delete(groups);
    return NULL;
  }
  const cJSON *named;
  cJSON_ArrayForEach(named, request->named_groups)
      cJSON_AddItemToArray(groups, cJSON_Duplicate(named, 1));
  cJSON *group;
  cJSON_ArrayForEach(group, groups) {
    if (statcmp_group_fill(store, group, indicators, error)) {
      cJSON_Delete(groups);
      return NULL;
    }
  }
  return groups;
}

/* Every geography the comparison names: the targets, their regions,
 * England and the groups' members. */
static cJSON *statcmp_geographies(sl_store *store, const cJSON *targets, const cJSON *groups,
                                  sl_error *error) {
  cJSON *codes = cJSON_CreateArray();
  const cJSON *item, *member;
  cJSON_ArrayForEach(item, targets) {
    cJSON_AddItemToArray(codes, cJSON_CreateString(statcmp_string(item, "code")));
    if (statcmp_string(item, "region"))
      cJSON_AddItemToArray(codes, cJSON_CreateString(statcmp_string(item, "region")));
  }
  cJSON_ArrayForEach(item, groups) {
    cJSON_ArrayForEach(member, cJSON_GetObjectItemCaseSensitive(item, "members")) {
      cJSON_AddItemToArray(codes, cJSON_CreateString(statcmp_string(member, "code")));
    }
  }
  char *text = cJSON_PrintUnformatted(codes);
  cJSON_Delete(codes);
  sqlite3_stmt *statement = sl_store_prepare(
      store,
      "SELECT code, level, name, la_number, region FROM stat_geography "
      "WHERE code IN (SELECT value FROM json_each(?1)) OR level = 'national' "
      "ORDER BY CASE level WHEN 'national' THEN 0 WHEN 'regional' THEN 1 ELSE 2 END, code",
      "t", error, text);
  free(text);
  if (!statement) return NULL;
  static const char *const keys[] = {"code", "level", "name", "la_number", "region"};
  cJSON *list = cJSON_CreateArray();
  int status;
  while ((status = sqlite3_step(statement)) == SQLITE_ROW) {
    cJSON *geography = cJSON_CreateObject();
    for (int i = 0; i < 5; i++)
      cJSON_AddItemToObject(geography, keys[i], statcmp_text(statement, i));
    cJSON_AddItemToArray(list, geography);
  }
  if (statcmp_step_error(store, status, error)) {
    cJSON_Delete(list);
    return NULL;
  }
  return list;
}

static int statcmp_fill_targets(sl_store *store, cJSON *targets, const cJSON *indicators,
                                sl_error *error) {
  cJSON *target;
  cJSON_ArrayForEach(target, targets) {
    cJSON *list =
        statcmp_geography_indicators(store, indicators, statcmp_string(target, "code"), error);
    if (!list) return -1;
    cJSON_AddItemToObject(target, "indicators", list);
  }
  return 0;
}

/* England's own series ({"code", "name", "indicators"}), the reference
 * line of every chart; null when no national figure is stored. */
static cJSON *statcmp_england(sl_store *store, const cJSON *indicators, sl_error *error) {
  sqlite3_stmt *statement = sl_store_prepare(
      store, "SELECT code, name FROM stat_geography WHERE level = 'national' ORDER BY code LIMIT 1",
      "", error);
  if (!statement) return NULL;
  if (sqlite3_step(statement) != SQLITE_ROW) {
    sqlite3_reset(statement);
    return cJSON_CreateNull();
  }
  cJSON *england = cJSON_CreateObject();
  cJSON_AddItemToObject(england, "code", statcmp_text(statement, 0));
  cJSON_AddItemToObject(england, "name", statcmp_text(statement, 1));
  sqlite3_reset(statement);
  cJSON *list =
      statcmp_geography_indicators(store, indicators, statcmp_string(england, "code"), error);
  if (!list) {
    cJSON_Delete(england);
    return NULL;
  }
  cJSON_AddItemToObject(england, "indicators", list);
  return england;
}

cJSON *sl_statcmp_build(sl_store *store, const sl_statcmp_request *request, sl_error *error) {
  /* The local figures are read as published (core/disclosure.c). */
  if (sl_disclosure_publish(store, error)) return NULL;
  cJSON *result = cJSON_CreateObject();
  cJSON *indicators = statcmp_indicators(store, request->theme, error);
  cJSON *targets = indicators ? statcmp_targets(store, request, error) : NULL;
  cJSON_AddItemToObject(result, "indicators", indicators ? indicators : cJSON_CreateNull());
  if (!targets || statcmp_fill_targets(store, targets, indicators, error)) {
    cJSON_Delete(targets);
    cJSON_Delete(result);
    return NULL;
  }
  cJSON *groups = request->groups ? statcmp_groups(store, request, targets, indicators, error)
                                  : cJSON_CreateArray();
  cJSON *geographies = groups ? statcmp_geographies(store, targets, groups, error) : NULL;
  if (!geographies) {
    cJSON_Delete(targets);
    cJSON_Delete(groups);
    cJSON_Delete(result);
    return NULL;
  }
  cJSON_AddItemToObject(result, "geographies", geographies);
  cJSON *england = statcmp_england(store, indicators, error);
  if (!england) {
    cJSON_Delete(targets);
    cJSON_Delete(groups);
    cJSON_Delete(result);
    return NULL;
  }
  cJSON_AddItemToObject(result, "england", england);
  cJSON_AddItemToObject(result, "areas", targets);
  cJSON_AddItemToObject(result, "groups", groups);
  return result;
}

/* ---- a group named in a CSV file ---- */

/* Trim the spaces around a cell, in place (the reader's buffer). */
static const char *statcmp_trim(const sl_csv_cell *cell, char *copy, size_t size) {
  size_t start = 0, end = cell->length;
  while (start < end && isspace((unsigned char)cell->text[start]))
    start++;
  while (end > start && isspace((unsigned char)cell->text[end - 1]))
    end--;
  size_t length = end - start < size - 1 ? end - start : size - 1;
  memcpy(copy, cell->text + start, length);
  copy[length] = '\0';
  return copy;
}

static int statcmp_has_digit(const char *text) {
  for (; *text; text++)
    if (isdigit((unsigned char)*text)) return 1;
  return 0;
}

/* A GSS code (a letter and 8 digits) or a DfE number (3 digits). */
static int statcmp_code_shape(const char *text) {
  size_t length = strlen(text);
  int digits = 1;
  for (size_t i = length == 9 ? 1 : 0; i < length; i++)
    digits = digits && isdigit((unsigned char)text[i]);
  if (length == 9) return isupper((unsigned char)text[0]) && digits;
  return length == 3 && digits;
}

/* The group's id and name: the file's base name without its extension. */
static void statcmp_group_name(const char *path, char *name, size_t size) {
  const char *base = strrchr(path, '/');
  snprintf(name, size, "%s", base ? base + 1 : path);
  char *dot = strrchr(name, '.');
  if (dot && dot != name) *dot = '\0';
}

/* One row of the group's file: a code, resolved, not seen before. */
static int statcmp_group_row(sl_store *store, const char *path, const sl_csv_row *row, cJSON *group,
                             sl_error *error) {
  char code[64], extra[64];
  for (size_t i = 2; i < row->count; i++)
    if (*statcmp_trim(&row->cells[i], extra, sizeof extra))
      return sl_error_set(error, "%s:%ld: %zu columns: expected a code and an optional name", path,
                          row->line, row->count);
  statcmp_trim(&row->cells[0], code, sizeof code);
  if (!code[0]) return sl_error_set(error, "%s:%ld: no code in the first column", path, row->line);
  if (!statcmp_code_shape(code))
    return sl_error_set(error,
                        "%s:%ld: '%s' is neither a GSS code (E10000028) nor a DfE local "
                        "authority number (860)",
                        path, row->line, code);
  cJSON *target = statcmp_resolve(store, code, error);
  if (!target) {
    char why[sizeof error->message];
    snprintf(why, sizeof why, "%s", error->message);
    return sl_error_set(error, "%s:%ld: %s", path, row->line, why);
  }
  const cJSON *member;
  int seen = 0;
  cJSON_ArrayForEach(member, cJSON_GetObjectItemCaseSensitive(group, "members")) {
    seen = seen || strcmp(statcmp_string(member, "code"), statcmp_string(target, "code")) == 0;
  }
  if (!seen)
    statcmp_add_member(group, statcmp_string(target, "code"), statcmp_string(target, "name"));
  else
    sl_error_set(error, "%s:%ld: %s (%s) is already in the group", path, row->line, code,
                 statcmp_string(target, "name"));
  cJSON_Delete(target);
  return seen ? -1 : 0;
}

cJSON *sl_statcmp_group_read(sl_store *store, const char *path, sl_error *error) {
  sl_csv *csv = sl_csv_open(path, NULL, error);
  if (!csv) return NULL;
  char name[256], first[64];
  statcmp_group_name(path, name, sizeof name);
  cJSON *group = statcmp_group(name, "named", name);
  sl_csv_row row;
  int status, rows = 0;
  while ((status = sl_csv_next(csv, &row, error)) == 1) {
    /* Only the first row may be a header, and only one with no digit in
     * its first cell, so a mistyped first code is not taken for one. */
    if (rows++ == 0 && row.count > 0 &&
        !statcmp_has_digit(statcmp_trim(&row.cells[0], first, sizeof first)))
      continue;
    if ((status = statcmp_group_row(store, path, &row, group, error)) != 0) break;
  }
  sl_csv_close(csv);
  if (status == 0 && cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(group, "members")) == 0)
    status = sl_error_set(error, "%s: no local authority codes in the file", path);
  if (status != 0) {
    cJSON_Delete(group);
    return NULL;
  }
  return group;
}
