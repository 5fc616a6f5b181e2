/*
 * statistics_compare.h: the official statistics (imported by `sendlens
 * import-statistics`, schemas/migrations/005_statistics.sql) read back for
 * comparison: for each area and common indicator, its headline series with
 * England and its region beside it, its rank and quartile among all local
 * authorities, its change since the period before, and the same for
 * comparison groups (the region, the partnership of loaded areas, a group
 * named in a CSV file). Every output (compare --indicators, compare --theme,
 * the JSON, CSV, XLSX and HTML exports) reads this one tree, so they agree.
 *
 * Rank: among the local authorities with a number for the indicator and
 * period; rank 1 is the best (the highest where higher is better, the lowest
 * where lower is); equal values share a rank (1, 2, 2, 4). An indicator
 * whose direction is "none" is not ranked.
 * Quartile: 4 * (rank - 1) / n + 1 in integer arithmetic, n the number
 * ranked; quartile 1 is the best quarter; tied authorities share it.
 */
#ifndef SL_STATISTICS_COMPARE_H
#define SL_STATISTICS_COMPARE_H

#include <cjson/cJSON.h>
#include <stddef.h>

#include "error.h"
#include "store.h"

/* What to compare. */
typedef struct sl_statcmp_request {
  /* Local authorities by GSS code, DfE number or name; NULL (count 0) for
   * the loaded areas that have published figures. */
  const char *const *geographies;
  int geography_count;
  /* Only the indicators that measure this theme (theme_indicator), or NULL
   * for every indicator. */
  const char *theme;
  /* Groups named by the user (sl_statcmp_group_read), or NULL; not owned. */
  const cJSON *named_groups;
  /* Whether to compute the groups at all (the region, the partnership and
   * the named ones). */
  int groups;
} sl_statcmp_request;

/* 1 if the store holds any published figure of a common indicator, 0 if
 * not, -1 with error set. */
int sl_statcmp_has_statistics(sl_store *store, sl_error *error);

/*
 * The comparison, as the "statistics" object of schemas/model.schema.json:
 * {"indicators": [{"id", "title", "unit", "direction", "definition",
 *   "ranking", "periods": [{"period", "period_kind", "start", "end",
 *   "ranked"}]}],
 *  "geographies": [{"code", "level", "name", "la_number", "region"}],
 *  "areas": [{"code", "name", "area", "region", "indicators": [{"indicator",
 *   "series": [{"period", "period_kind", "value", "symbol", "numerator",
 *   "denominator", "england", "region", "rank", "ranked", "quartile",
 *   "change", "sources": [{"document", "line", "column", "cell"}]}]}]}],
 *  "groups": [{"id", "kind", "name", "members": [{"code", "name"}],
 *   "indicators": [{"indicator", "series": [{"period", "period_kind",
 *   "value", "method", "partial", "missing": [{"code", "name", "symbol"}],
 *   "change"}]}]}]}
 * NULL with error set (also for a geography that is not a local authority
 * of the store).
 */
cJSON *sl_statcmp_build(sl_store *store, const sl_statcmp_request *request, sl_error *error);

/*
 * A comparison group from a CSV file: one GSS code or DfE local authority
 * number per row, an optional name column, an optional header row (a first
 * row whose first cell has no digit). Returns {"id", "kind": "named",
 * "name", "members": [{"code", "name"}]}, id and name the file's base name
 * without its extension; NULL with error set as "FILE:LINE: what is wrong".
 */
cJSON *sl_statcmp_group_read(sl_store *store, const char *path, sl_error *error);

/* The long-form table of the flat exports (statistics.csv, the Statistics
 * sheet): a row per loaded area, indicator and period with England, the
 * region, rank, quartile, change and the value's source; its header and
 * its SELECT (columns in the header's order). */
extern const char sl_statcmp_table_header[];
extern const char sl_statcmp_table_sql[];

/* A number as the DfE writes it (28.1, 1234, never 28.100000); with sign,
 * always signed (+7.2, -3.9), for a change. */
void sl_statcmp_number(char *text, size_t size, double value, int sign);

/* How a group's value was found, in words, for legends and notes. */
extern const char sl_statcmp_group_rule[];
/* How ranks and quartiles are found, in words. */
extern const char sl_statcmp_rank_rule[];

#endif
