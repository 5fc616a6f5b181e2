/*
 * publication.c: the publication metadata of an export (publication.h).
 * The queries read what the load, import-progress, import-cases and
 * import-statistics stored; nothing here is typed in by hand but the
 * options, and a source says "not recorded" rather than guessing.
 */
#include "publication.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "days.h"
#include "export_json.h"
#include "period.h"
#include "utf8.h"

static const char *const MONTHS[] = {"January",   "February", "March",    "April",
                                     "May",       "June",     "July",     "August",
                                     "September", "October",  "November", "December"};

/* ---- the options ---- */

static int publication_text_ok(const char *option, const char *text, sl_error *error) {
  char why[128];
  if (!text) return 0;
  if (!*text) return sl_error_set(error, "%s: must not be empty", option);
  if (sl_utf8_text_problem(text, SL_PUBLICATION_TEXT_MAX, why, sizeof why) || strchr(text, '\n') ||
      strchr(text, '\t'))
    return sl_error_set(error, "%s: %s", option, *why ? why : "holds a line break or a tab");
  return 0;
}

int sl_publication_check(const sl_publication_options *options, sl_error *error) {
  int64_t day;
  if (publication_text_ok("--title", options->title, error) ||
      publication_text_ok("--publisher", options->publisher, error))
    return -1;
  if (options->date && sl_days_parse(options->date, strlen(options->date), &day))
    return sl_error_set(error, "--date: '%.40s' is not a date written YYYY-MM-DD", options->date);
  return 0;
}

int sl_publication_epoch(time_t *seconds, sl_error *error) {
  const char *epoch = getenv("SOURCE_DATE_EPOCH");
  if (!epoch || !*epoch) return 0;
  char *end;
  errno = 0;
  long long value = strtoll(epoch, &end, 10);
  if (*end || errno || value <= 0)
    return sl_error_set(error, "SOURCE_DATE_EPOCH: '%.40s' is not a positive count of seconds",
                        epoch);
  *seconds = (time_t)value;
  return 1;
}

/* The publication date and what gave it: --date, SOURCE_DATE_EPOCH or
 * the day of the export (UTC, so it does not depend on the machine's
 * zone). */
static int publication_date(const sl_publication_options *options, char *out, size_t size,
                            const char **from, sl_error *error) {
  time_t seconds = 0;
  if (options->date) {
    snprintf(out, size, "%s", options->date);
    *from = "--date";
    return 0;
  }
  int epoch = sl_publication_epoch(&seconds, error);
  if (epoch < 0) return -1;
  *from = epoch ? "SOURCE_DATE_EPOCH" : "the day of the export";
  if (!epoch) seconds = time(NULL);
  sl_period_iso((int64_t)(seconds / 86400 - (seconds % 86400 < 0)), out, size);
  return 0;
}

void sl_publication_long_date(const char *iso, char *out, size_t size) {
  int year, month, day;
  char tail;
  if (iso && sscanf(iso, "%4d-%2d-%2d%c", &year, &month, &day, &tail) == 3 && month >= 1 &&
      month <= 12)
    snprintf(out, size, "%d %s %d", day, MONTHS[month - 1], year);
  else if (iso && sscanf(iso, "%4d-%2d%c", &year, &month, &tail) == 2 && month >= 1 && month <= 12)
    snprintf(out, size, "%s %d", MONTHS[month - 1], year);
  else
    snprintf(out, size, "%s", iso ? iso : "");
}

/* ---- data as at ---- */

/* Every date the data carries, by what it is: the plans' and inspections'
 * own dates (dated, approved, reviews held, reports published) and the
 * periods of the values they report; each progress return's period; each
 * case file's last request; the official statistics' latest period. Dates
 * a plan looks forward to (due dates, targets, milestones) are not data. */
static const char DATES_SQL[] =
    "SELECT d.basis, d.written, d.ends, coalesce(a.name, d.area) FROM ("
    "SELECT 'plans and inspections' AS basis, p.dated AS written, NULL AS ends, f.area AS area "
    "FROM plan p JOIN fact f ON f.id = p.id WHERE p.dated IS NOT NULL "
    "UNION ALL SELECT 'plans and inspections', p.approved, NULL, f.area FROM plan p "
    "JOIN fact f ON f.id = p.id WHERE p.approved IS NOT NULL "
    "UNION ALL SELECT 'plans and inspections', r.held, NULL, f.area FROM review r "
    "JOIN fact f ON f.id = r.id WHERE r.held IS NOT NULL "
    "UNION ALL SELECT 'plans and inspections', i.published, NULL, f.area FROM inspection i "
    "JOIN fact f ON f.id = i.id WHERE i.published IS NOT NULL "
    "UNION ALL SELECT 'plans and inspections', o.period, o.period_end, f.area FROM observation o "
    "JOIN fact f ON f.id = o.id WHERE o.kind = 'actual' AND o.period_end IS NOT NULL "
    "AND NOT EXISTS (SELECT 1 FROM progress_entry e WHERE e.observation = o.id) "
    "UNION ALL SELECT 'progress returns', period, period_end, area FROM progress_return "
    "WHERE period_end IS NOT NULL "
    "UNION ALL SELECT 'case records', NULL, last_received, area FROM case_import "
    "WHERE last_received IS NOT NULL "
    "UNION ALL SELECT * FROM (SELECT 'official statistics', period, period_end, NULL "
    "FROM statistic ORDER BY period_end DESC, period LIMIT 1)"
    ") d LEFT JOIN area a ON a.code = d.area";

static const char *const DATE_BASES[] = {"plans and inspections", "progress returns",
                                         "case records", "official statistics", NULL};

typedef struct publication_date_row {
  char start[16];   /* the first day the date covers, ISO */
  char end[16];     /* the last day, ISO */
  char written[64]; /* as the data writes it */
  char area[128];   /* the area's name, or "" */
} publication_date_row;

/* The days a row's date covers: from the date as written where it is a
 * period sendlens reads, else its end column alone (ISO text, or a day
 * number for case records). */
static int publication_row_span(sqlite3_stmt *statement, char *start, char *end, size_t size) {
  sl_period period;
  const char *written = (const char *)sqlite3_column_text(statement, 1);
  int parsed = written && sl_period_parse(written, &period) == 0;
  if (parsed) sl_period_iso(period.first, start, size), sl_period_iso(period.last, end, size);
  if (sqlite3_column_type(statement, 2) == SQLITE_INTEGER)
    sl_period_iso(sqlite3_column_int64(statement, 2), end, size);
  else if (sqlite3_column_type(statement, 2) == SQLITE_TEXT)
    snprintf(end, size, "%s", (const char *)sqlite3_column_text(statement, 2));
  else if (!parsed)
    return -1;
  if (!parsed) snprintf(start, size, "%s", end);
  return 0;
}

static int publication_basis(const char *basis) {
  for (int i = 0; DATE_BASES[i]; i++)
    if (strcmp(DATE_BASES[i], basis) == 0) return i;
  return 0;
}

static void publication_keep(publication_date_row *latest, sqlite3_stmt *statement) {
  char start[16], end[16];
  if (publication_row_span(statement, start, end, sizeof end)) return;
  if (*latest->end && strcmp(end, latest->end) <= 0) return;
  const char *written = (const char *)sqlite3_column_text(statement, 1);
  const char *area = (const char *)sqlite3_column_text(statement, 3);
  snprintf(latest->start, sizeof latest->start, "%s", start);
  snprintf(latest->end, sizeof latest->end, "%s", end);
  snprintf(latest->written, sizeof latest->written, "%s", written ? written : end);
  snprintf(latest->area, sizeof latest->area, "%s", area ? area : "");
}

static cJSON *publication_date_json(const char *basis, const publication_date_row *row) {
  cJSON *item = cJSON_CreateObject();
  cJSON_AddStringToObject(item, "basis", basis);
  cJSON_AddStringToObject(item, "date", row->end);
  cJSON_AddStringToObject(item, "from", row->start);
  cJSON_AddStringToObject(item, "as_written", row->written);
  if (*row->area)
    cJSON_AddStringToObject(item, "area_name", row->area);
  else
    cJSON_AddNullToObject(item, "area_name");
  return item;
}

/* "data_dates", the latest of each basis, and "data_as_at", the latest of
 * them all (null when the store holds no dated data). */
static int publication_dates(cJSON *publication, sl_store *store, sl_error *error) {
  publication_date_row latest[4] = {0};
  sqlite3_stmt *statement = sl_store_prepare(store, DATES_SQL, "", error);
  if (!statement) return -1;
  while (sqlite3_step(statement) == SQLITE_ROW)
    publication_keep(&latest[publication_basis((const char *)sqlite3_column_text(statement, 0))],
                     statement);
  cJSON *dates = cJSON_AddArrayToObject(publication, "data_dates");
  int newest = -1;
  for (int i = 0; DATE_BASES[i]; i++) {
    if (!*latest[i].end) continue;
    cJSON_AddItemToArray(dates, publication_date_json(DATE_BASES[i], &latest[i]));
    if (newest < 0 || strcmp(latest[i].end, latest[newest].end) > 0) newest = i;
  }
  cJSON_AddItemToObject(publication, "data_as_at",
                        newest < 0 ? cJSON_CreateNull()
                                   : publication_date_json(DATE_BASES[newest], &latest[newest]));
  return 0;
}

/* ---- sources ---- */

static void publication_text(cJSON *object, const char *key, sqlite3_stmt *statement, int column) {
  const char *text = (const char *)sqlite3_column_text(statement, column);
  if (text)
    cJSON_AddStringToObject(object, key, text);
  else
    cJSON_AddNullToObject(object, key);
}

/* Each document an area's facts cite (sources and claims), and each its
 * sources.json describes, with the description where there is one; a
 * progress return's file, which its values cite, is listed with the
 * returns (SUPPLIED_SQL), not here. */
static const char DOCUMENTS_SQL[] =
    "WITH named(area, document) AS ("
    "SELECT f.area, s.document FROM source s JOIN fact f ON f.id = s.fact "
    "UNION SELECT f.area, c.document FROM claim c JOIN fact f ON f.id = c.fact "
    "UNION SELECT area, name FROM source_document) "
    "SELECT n.area, a.name, n.document, d.title, d.publisher, d.url, d.licence "
    "FROM named n JOIN area a ON a.code = n.area "
    "LEFT JOIN source_document d ON d.area = n.area AND d.name = n.document "
    "WHERE d.name IS NOT NULL OR NOT EXISTS (SELECT 1 FROM progress_return r "
    "WHERE r.area = n.area AND r.document = n.document) "
    "ORDER BY a.name, n.area, n.document";

static int publication_documents(cJSON *sources, sl_store *store, sl_error *error) {
  static const char *const keys[] = {"area",      "area_name", "document", "title",
                                     "publisher", "url",       "licence"};
  sqlite3_stmt *statement = sl_store_prepare(store, DOCUMENTS_SQL, "", error);
  if (!statement) return -1;
  while (sqlite3_step(statement) == SQLITE_ROW) {
    cJSON *item = cJSON_CreateObject();
    cJSON_AddStringToObject(item, "kind", "document");
    for (int i = 0; i < 7; i++)
      publication_text(item, keys[i], statement, i);
    cJSON_AddItemToArray(sources, item);
  }
  return 0;
}

/* The official statistics, one entry per publication with its files; the
 * files no mapping's publication claimed (none of their columns is a
 * common indicator) are one last entry, with nothing said of them. */
static const char STATISTICS_SQL[] =
    "SELECT f.publication, coalesce(p.title, f.publication), p.publisher, p.url, p.licence, "
    "f.document FROM stat_file f LEFT JOIN stat_publication p ON p.id = f.publication "
    "ORDER BY f.publication IS NULL, f.publication, f.document";

static int publication_statistics(cJSON *sources, sl_store *store, sl_error *error) {
  static const char *const keys[] = {"publication", "title", "publisher", "url", "licence"};
  sqlite3_stmt *statement = sl_store_prepare(store, STATISTICS_SQL, "", error);
  if (!statement) return -1;
  cJSON *last = NULL;
  while (sqlite3_step(statement) == SQLITE_ROW) {
    const char *id = (const char *)sqlite3_column_text(statement, 0);
    const cJSON *last_id = last ? cJSON_GetObjectItemCaseSensitive(last, "publication") : NULL;
    int same = last && (id ? cJSON_IsString(last_id) && strcmp(last_id->valuestring, id) == 0
                           : cJSON_IsNull(last_id));
    if (!same) {
      last = cJSON_CreateObject();
      cJSON_AddStringToObject(last, "kind", "statistics");
      for (int i = 0; i < 5; i++)
        publication_text(last, keys[i], statement, i);
      cJSON_AddArrayToObject(last, "files");
      cJSON_AddItemToArray(sources, last);
    }
    cJSON_AddItemToArray(cJSON_GetObjectItemCaseSensitive(last, "files"),
                         cJSON_CreateString((const char *)sqlite3_column_text(statement, 5)));
  }
  return 0;
}

/* What areas supplied themselves: progress returns and case files, by the
 * file name they were imported from (never its folder). */
static const char SUPPLIED_SQL[] =
    "SELECT 'progress_return', r.area, a.name, r.document, r.period FROM progress_return r "
    "LEFT JOIN area a ON a.code = r.area "
    "UNION ALL SELECT 'case_records', c.area, a.name, c.file, NULL FROM case_import c "
    "LEFT JOIN area a ON a.code = c.area ORDER BY 1 DESC, 2, 5";

static int publication_supplied(cJSON *sources, sl_store *store, sl_error *error) {
  static const char *const keys[] = {"kind", "area", "area_name", "document", "period"};
  sqlite3_stmt *statement = sl_store_prepare(store, SUPPLIED_SQL, "", error);
  if (!statement) return -1;
  while (sqlite3_step(statement) == SQLITE_ROW) {
    cJSON *item = cJSON_CreateObject();
    for (int i = 0; i < 5; i++)
      if (i < 4 || sqlite3_column_type(statement, i) != SQLITE_NULL)
        publication_text(item, keys[i], statement, i);
    cJSON_AddItemToArray(sources, item);
  }
  return 0;
}

/* ---- the whole ---- */

static void publication_head(cJSON *publication, const sl_publication_options *options,
                             const char *date, const char *from) {
  cJSON_AddStringToObject(publication, "title",
                          options->title ? options->title : SL_PUBLICATION_TITLE);
  if (options->publisher)
    cJSON_AddStringToObject(publication, "publisher", options->publisher);
  else
    cJSON_AddNullToObject(publication, "publisher");
  cJSON_AddStringToObject(publication, "published", date);
  cJSON_AddStringToObject(publication, "published_from", from);
  cJSON_AddStringToObject(publication, "sendlens_version", SENDLENS_VERSION);
  cJSON_AddNumberToObject(publication, "store_schema_version", SL_STORE_VERSION);
  cJSON_AddNumberToObject(publication, "interchange_schema_version", SL_EXPORT_SCHEMA_VERSION);
}

cJSON *sl_publication_build(sl_store *store, const sl_publication_options *options,
                            sl_error *error) {
  char date[16];
  const char *from = NULL;
  if (sl_publication_check(options, error) ||
      publication_date(options, date, sizeof date, &from, error))
    return NULL;
  cJSON *publication = cJSON_CreateObject();
  if (!publication) return sl_error_set(error, "out of memory"), NULL;
  publication_head(publication, options, date, from);
  cJSON *sources = cJSON_CreateArray();
  cJSON_AddItemToObject(publication, "sources", sources);
  if (publication_dates(publication, store, error) ||
      publication_documents(sources, store, error) ||
      publication_statistics(sources, store, error) ||
      publication_supplied(sources, store, error)) {
    cJSON_Delete(publication);
    return NULL;
  }
  /* "sources" last, after the dates, for a reader of the JSON. */
  cJSON_DetachItemViaPointer(publication, sources);
  cJSON_AddItemToObject(publication, "sources", sources);
  return publication;
}

/* ---- as rows, for the workbook's README and the CSV folder ---- */

static void rows_add(cJSON *rows, int count, const char *const *cells) {
  cJSON *row = cJSON_CreateArray();
  for (int i = 0; i < count; i++)
    cJSON_AddItemToArray(row, cells[i] ? cJSON_CreateString(cells[i]) : cJSON_CreateNull());
  cJSON_AddItemToArray(rows, row);
}

static void rows_pair(cJSON *rows, const char *label, const char *value) {
  const char *cells[] = {label, value};
  rows_add(rows, 2, cells);
}

static const char *rows_str(const cJSON *object, const char *key) {
  const cJSON *item = cJSON_GetObjectItemCaseSensitive(object, key);
  return cJSON_IsString(item) ? item->valuestring : NULL;
}

/* "2024/25 (official statistics: 2024-09-01 to 2025-08-31)", and the area
 * a date is from. */
static void rows_date(cJSON *rows, const char *label, const cJSON *date) {
  char text[384];
  const char *area = rows_str(date, "area_name");
  snprintf(text, sizeof text, "%s (%s: %s to %s%s%s)", rows_str(date, "as_written"),
           rows_str(date, "basis"), rows_str(date, "from"), rows_str(date, "date"),
           area ? "; " : "", area ? area : "");
  rows_pair(rows, label, text);
}

cJSON *sl_publication_fields(const cJSON *publication) {
  cJSON *rows = cJSON_CreateArray();
  char text[128];
  if (!rows) return NULL;
  rows_pair(rows, "field", "value");
  rows_pair(rows, "Title", rows_str(publication, "title"));
  rows_pair(rows, "Publisher",
            rows_str(publication, "publisher") ? rows_str(publication, "publisher") : "not stated");
  snprintf(text, sizeof text, "%s (from %s)", rows_str(publication, "published"),
           rows_str(publication, "published_from"));
  rows_pair(rows, "Published", text);
  const cJSON *as_at = cJSON_GetObjectItemCaseSensitive(publication, "data_as_at");
  if (cJSON_IsObject(as_at))
    rows_date(rows, "Data as at", as_at);
  else
    rows_pair(rows, "Data as at", "no dated data is loaded");
  const cJSON *date;
  cJSON_ArrayForEach(date, cJSON_GetObjectItemCaseSensitive(publication, "data_dates")) {
    snprintf(text, sizeof text, "Latest of the %s", rows_str(date, "basis"));
    rows_date(rows, text, date);
  }
  const cJSON *schema = cJSON_GetObjectItemCaseSensitive(publication, "store_schema_version");
  snprintf(text, sizeof text, "sendlens %s (store schema %d, interchange schema %d)",
           rows_str(publication, "sendlens_version"), cJSON_IsNumber(schema) ? schema->valueint : 0,
           SL_EXPORT_SCHEMA_VERSION);
  rows_pair(rows, "Produced with", text);
  return rows;
}

/* The files of a statistics source, "a.csv; b.csv". */
static char *rows_files(const cJSON *source) {
  size_t length = 1;
  const cJSON *file;
  cJSON_ArrayForEach(file, cJSON_GetObjectItemCaseSensitive(source, "files")) {
    length += strlen(cJSON_IsString(file) ? file->valuestring : "") + 2;
  }
  char *text = malloc(length);
  if (!text) return NULL;
  *text = '\0';
  cJSON_ArrayForEach(file, cJSON_GetObjectItemCaseSensitive(source, "files")) {
    if (*text) strcat(text, "; ");
    strcat(text, cJSON_IsString(file) ? file->valuestring : "");
  }
  return text;
}

cJSON *sl_publication_sources_table(const cJSON *publication) {
  static const char *const header[] = {"kind",      "area", "area_name", "document", "title",
                                       "publisher", "url",  "licence",   "period"};
  cJSON *rows = cJSON_CreateArray();
  if (!rows) return NULL;
  rows_add(rows, 9, header);
  const cJSON *source;
  cJSON_ArrayForEach(source, cJSON_GetObjectItemCaseSensitive(publication, "sources")) {
    const char *cells[9];
    char *files = cJSON_GetObjectItemCaseSensitive(source, "files") ? rows_files(source) : NULL;
    for (int i = 0; i < 9; i++)
      cells[i] = rows_str(source, header[i]);
    if (files) cells[3] = files;
    rows_add(rows, 9, cells);
    free(files);
  }
  return rows;
}

cJSON *sl_publication_rows(const cJSON *publication) {
  cJSON *rows = sl_publication_fields(publication);
  cJSON *sources = rows ? sl_publication_sources_table(publication) : NULL;
  if (!sources) return cJSON_Delete(rows), NULL;
  cJSON_DeleteItemFromArray(rows, 0); /* the README's first row says what it is */
  cJSON_AddItemToArray(rows, cJSON_CreateArray());
  cJSON *row;
  while ((row = cJSON_DetachItemFromArray(sources, 0)))
    cJSON_AddItemToArray(rows, row);
  cJSON_Delete(sources);
  return rows;
}
