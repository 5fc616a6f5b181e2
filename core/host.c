/*
 * host.c: the top of the host, the loader. Builds the host table, reads the
 * plugin's documents for it, bridges the shared parsers (core/parse/), and
 * wraps the load in one transaction so a failure of any kind leaves the
 * store as it was. It calls down, never up: to the child protocol
 * (host_child.c) when the plugin runs isolated, and to validation and
 * storing (host_emit.c) for its records.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "host_abi1.h"
#include "host_child.h"
#include "host_deadline.h"
#include "parse/parse.h"
#include "period.h"
#include "source_manifest.h"
#include "utf8.h"

/* Documents larger than this are refused rather than read into memory. */
enum { HOST_DOCUMENT_MAX = 64 * 1024 * 1024 };

/* A plugin's line reaches the user's terminal: made printable first. */
static void host_log(sl_host *host, sl_log_level level, const char *format, ...) {
  static const char *const labels[] = {"debug", "info", "warning"};
  if (level == SL_LOG_DEBUG && !getenv("SENDLENS_DEBUG")) return;
  char line[1024];
  va_list args;
  va_start(args, format);
  vsnprintf(line, sizeof line, format ? format : "", args);
  va_end(args);
  sl_utf8_printable(line, 0);
  fprintf(stderr, "%s: %s: %s\n", host->plugin->name,
          labels[(unsigned)level <= SL_LOG_WARN ? (unsigned)level : 2], line);
}

static int host_plugin_fail(sl_host *host, const char *document, size_t line, const char *format,
                            ...) {
  char reason[512];
  va_list args;
  va_start(args, format);
  vsnprintf(reason, sizeof reason, format, args);
  va_end(args);
  if (line)
    sl_host_fail(host, "%s: line %zu: %s", document ? document : "?", line, reason);
  else if (document)
    sl_host_fail(host, "%s: %s", document, reason);
  else
    sl_host_fail(host, "%s", reason);
  return SL_ERROR;
}

/* A document name is a plain file name in sources/: no way out of it. */
static int host_document_name_ok(const char *name) {
  return name && *name && name[0] != '.' && !strchr(name, '/') && !strchr(name, '\\');
}

static char *host_read_file(sl_host *host, const char *path, const char *name, size_t *length) {
  FILE *file = fopen(path, "rb");
  if (!file) {
    sl_host_fail(host, "%s: cannot read: %s", name, strerror(errno));
    return NULL;
  }
  struct stat info;
  char *bytes = NULL;
  if (fstat(fileno(file), &info) != 0 || !S_ISREG(info.st_mode)) {
    sl_host_fail(host, "%s: not a regular file", name);
  } else if (info.st_size > HOST_DOCUMENT_MAX) {
    sl_host_fail(host, "%s: too large (%lld bytes, at most %d)", name, (long long)info.st_size,
                 HOST_DOCUMENT_MAX);
  } else if (!(bytes = sl_arena_alloc(host->arena, (size_t)info.st_size + 1))) {
    sl_host_fail(host, "%s: out of memory", name);
  } else if (fread(bytes, 1, (size_t)info.st_size, file) != (size_t)info.st_size) {
    sl_host_fail(host, "%s: cannot read: short read", name);
    bytes = NULL;
  } else {
    *length = (size_t)info.st_size;
  }
  fclose(file);
  return bytes;
}

/* The document's lines joined by newlines: what quotes are checked against. */
static const char *host_join_lines(sl_arena *arena, const sl_document *document) {
  size_t length = 0;
  for (size_t i = 0; i < document->line_count; i++)
    length += strlen(document->lines[i]) + 1;
  char *text = sl_arena_alloc(arena, length + 1);
  if (!text) return NULL;
  char *end = text;
  for (size_t i = 0; i < document->line_count; i++) {
    size_t line_length = strlen(document->lines[i]);
    memcpy(end, document->lines[i], line_length);
    end += line_length;
    *end++ = '\n';
  }
  *end = '\0';
  return text;
}

static const sl_document *host_read(sl_host *host, const char *name) {
  if (host->failed) return NULL;
  const host_document *known = sl_host_find_document(host, name ? name : "");
  if (known) return &known->document;
  if (!host_document_name_ok(name)) {
    sl_host_fail(host, "'%s' is not a document name (a file name in sources/)", name ? name : "");
    return NULL;
  }
  const char *path = sl_arena_format(host->arena, "%s/%s", host->sources_dir, name);
  size_t length = 0;
  char *bytes = path ? host_read_file(host, path, name, &length) : NULL;
  if (!bytes) return NULL;
  host_document *document = sl_arena_alloc(host->arena, sizeof *document);
  sl_error error;
  if (!document) {
    sl_host_fail(host, "%s: out of memory", name);
    return NULL;
  }
  if (sl_document_from_bytes(host->arena, name, bytes, length, &document->document, &error)) {
    sl_host_fail(host, "%s", error.message);
    return NULL;
  }
  if (!(document->text = host_join_lines(host->arena, &document->document)) ||
      sl_host_add_document(host, document)) {
    sl_host_fail(host, "%s: out of memory", name);
    return NULL;
  }
  return &document->document;
}

static int host_read_document(sl_host *host, const char *name, const sl_document **out) {
  const sl_document *document = host_read(host, name);
  if (out) *out = document;
  return document ? SL_OK : SL_ERROR;
}

/* A string the host could not make fails the load: NULL is never silent. */
static const char *host_made(sl_host *host, const char *text) {
  if (!text) sl_host_fail(host, "out of memory");
  return text;
}

static const char *host_copy(sl_host *host, const char *text, size_t length) {
  return text ? host_made(host, sl_arena_copy(host->arena, text, length)) : NULL;
}

static const char *host_format(sl_host *host, const char *format, ...) {
  va_list args;
  va_start(args, format);
  const char *text = sl_arena_vformat(host->arena, format, args);
  va_end(args);
  return host_made(host, text);
}

/* ---- the shared parsers, with the host's arena and error reporting ---- */

static const char *host_parse_date(sl_host *host, const char *text) {
  return text ? sl_parse_date(host->arena, text) : NULL;
}

static int host_parse_revisit_letter(sl_host *host, const sl_document *document,
                                     sl_revisit_letter *out) {
  sl_error error;
  if (!document || !out) return sl_host_fail(host, "parse_revisit_letter: no document"), SL_MISUSE;
  if (sl_parse_revisit_letter(host->arena, document, out, &error))
    return sl_host_fail(host, "%s", error.message), SL_ERROR;
  return SL_OK;
}

static sl_strings host_split_cells(sl_host *host, const char *line) {
  return sl_parse_cells(host->arena, line ? line : "");
}

static const char *host_html_text(sl_host *host, const char *html) {
  return sl_parse_html_text(host->arena, html ? html : "");
}

static sl_strings host_html_list_items(sl_host *host, const char *html) {
  return sl_parse_html_list_items(host->arena, html ? html : "");
}

static const char *host_item_number(sl_host *host, const char *text, const char **rest) {
  return sl_parse_item_number(host->arena, text ? text : "", rest);
}

static int host_numbered_paragraphs(sl_host *host, const sl_document *document,
                                    const sl_paragraph **out, size_t *count) {
  sl_error error;
  if (!document || !out || !count)
    return sl_host_fail(host, "numbered_paragraphs: no document"), SL_MISUSE;
  if (sl_parse_numbered_paragraphs(host->arena, document, out, count, &error))
    return sl_host_fail(host, "%s", error.message), SL_ERROR;
  return SL_OK;
}

static sl_strings host_references(sl_host *host, const char *text, const char *prefix) {
  return sl_parse_references(host->arena, text ? text : "", prefix ? prefix : "");
}

static int host_parse_number(sl_host *host, const char *word, size_t length) {
  (void)host;
  return sl_parse_number(word, length);
}

static void host_sentence(sl_host *host, const char *text, const char *at, const char **start,
                          const char **end) {
  (void)host;
  sl_parse_sentence(text, at, start, end);
}

static int host_parse_period(sl_host *host, const char *text, sl_period_span *out) {
  sl_period period;
  if (!text || !out || out->size < sizeof *out) return SL_MISUSE;
  if (sl_period_parse(text, &period)) return SL_ERROR;
  char first[16], last[16];
  sl_period_iso(period.first, first, sizeof first);
  sl_period_iso(period.last, last, sizeof last);
  out->kind = sl_period_kind_name(period.kind);
  out->label = host_made(host, sl_arena_strdup(host->arena, period.label));
  out->first = host_made(host, sl_arena_strdup(host->arena, first));
  out->last = host_made(host, sl_arena_strdup(host->arena, last));
  return out->label && out->first && out->last ? SL_OK : SL_NOMEM;
}

static int host_parse_percent(sl_host *host, const char *text, double *value,
                              const char **as_written) {
  const char *start, *end;
  if (!text || !value) return SL_MISUSE;
  if (sl_parse_percent(text, value, &start, &end)) return SL_ERROR;
  if (as_written &&
      !(*as_written = host_made(host, sl_arena_copy(host->arena, start, (size_t)(end - start)))))
    return SL_NOMEM;
  return SL_OK;
}

static int host_group_members(sl_host *host, const char *text, sl_group_members *out) {
  if (!text || !out || out->size < sizeof *out) return SL_MISUSE;
  return sl_parse_group_members(host->arena, text, out) ? SL_ERROR : SL_OK;
}

/* ---- text helpers ---- */

static const char *host_copy_trimmed(sl_host *host, const char *start, const char *end) {
  if (!start) return NULL;
  start = sl_text_skip_space(start);
  if (!end || end < start) end = start;
  end = sl_text_trim_end(start, end);
  return host_made(host, sl_arena_copy(host->arena, start, (size_t)(end - start)));
}

static const char *host_list_item(const char *line) {
  const char *text = line ? sl_text_after_bullet(line) : NULL;
  return text && *text ? text : NULL;
}

static const sl_host_api HOST_TABLE = {
    .abi_version = SL_PLUGIN_ABI_VERSION,
    .size = sizeof(sl_host_api),
    .emit = sl_host_emit,
    .add_source = sl_host_add_source,
    .add_claim = sl_host_add_claim,
    .log = host_log,
    .fail = host_plugin_fail,
    .read_document = host_read_document,
    .copy = host_copy,
    .format = host_format,
    .parse_date = host_parse_date,
    .parse_revisit_letter = host_parse_revisit_letter,
    .split_cells = host_split_cells,
    .html_text = host_html_text,
    .html_list_items = host_html_list_items,
    .item_number = host_item_number,
    .numbered_paragraphs = host_numbered_paragraphs,
    .references = host_references,
    .parse_number = host_parse_number,
    .sentence = host_sentence,
    .skip_space = sl_text_skip_space,
    .trim_end = sl_text_trim_end,
    .copy_trimmed = host_copy_trimmed,
    .list_item = host_list_item,
    .parse_period = host_parse_period,
    .parse_percent = host_parse_percent,
    .group_members = host_group_members,
};

/* The plugin returned; decide whether what it emitted may stand. */
static int host_finish(sl_host *host, int plugin_result) {
  if (host->failed) return -1;
  if (plugin_result != 0)
    return sl_host_fail(host, "load failed (returned %d) without saying why", plugin_result);
  if (!host->area_emitted) return sl_host_fail(host, "emitted no area");
  return 0;
}

sl_host_options sl_host_default_options(void) {
  return (sl_host_options){NULL, NULL, 1, 60.0, (size_t)1 << 30, NULL};
}

int sl_host_load(const sl_plugin *plugin, const char *plugin_dir, sl_store *store,
                 sl_host_after_load after_load, void *after_context, sl_load_counts *counts,
                 sl_error *error) {
  sl_host_options options = {after_load, after_context, 0, 0, 0, NULL};
  return sl_host_load_with(plugin, plugin_dir, store, &options, counts, error);
}

/* The mapping (or any hook) after the records are in, inside the load's
 * transaction; its error is named by the plugin too. */
static int host_after(sl_host *host, const sl_host_options *options) {
  if (!options->after_load) return 0;
  sl_error *error = host->error;
  if (options->after_load(host->store, host->plugin->area_code, options->after_context, error) == 0)
    return 0;
  char message[sizeof error->message];
  snprintf(message, sizeof message, "%s", error->message);
  return sl_error_set(error, "%s: %s", host->plugin->name, message);
}

/* The documents' description beside them (sources/sources.json), stored
 * with the area in its transaction: a bad manifest stores nothing. */
static int host_manifest(sl_host *host) {
  sl_error *error = host->error;
  if (sl_source_manifest_load(host->store, host->plugin->area_code, host->sources_dir, error) == 0)
    return 0;
  char message[sizeof error->message];
  snprintf(message, sizeof message, "%s", error->message);
  return sl_error_set(error, "%s: %s", host->plugin->name, message);
}

/* The plugin's load, in a child process or here. A plugin built for ABI 1
 * is handed that ABI's table, whose functions call through host->api. */
static int host_run(sl_host *host, const sl_host_options *options) {
  const sl_host_api *entry = NULL;
  if (host->plugin->abi_version == 1) entry = sl_host_abi1_table(&HOST_TABLE);
  if (options->isolate) return sl_host_child_load(host, options, &HOST_TABLE, entry);
  if (!host->plugin->load) return sl_host_fail(host, "not opened in this process");
  host->api = &HOST_TABLE;
  sl_deadline deadline = {0};
  if (options->seconds > 0) {
    const char *message = sl_arena_format(
        host->arena,
        "sendlens: %s: did not finish within %g s (run --in-process, so sendlens itself is "
        "stopped; nothing of this load is stored)\n",
        host->plugin->name, options->seconds);
    sl_error error;
    if (!message) return sl_host_fail(host, "out of memory");
    if (sl_deadline_arm(&deadline, options->seconds, message, &error))
      return sl_host_fail(host, "%s", error.message);
  }
  int result = host->plugin->load(entry ? entry : &HOST_TABLE, host);
  sl_deadline_disarm(&deadline);
  return result;
}

int sl_host_load_with(const sl_plugin *plugin, const char *plugin_dir, sl_store *store,
                      const sl_host_options *options, sl_load_counts *counts, sl_error *error) {
  sl_load_counts ignored;
  sl_host host = {.plugin = plugin, .store = store, .error = error};
  host.counts = counts ? counts : &ignored;
  memset(host.counts, 0, sizeof *host.counts);
  if (!(host.arena = sl_arena_new())) return sl_error_set(error, "%s: out of memory", plugin->name);
  sl_arena_list_init(&host.documents, host.arena);
  host.sources_dir = sl_arena_format(host.arena, "%s/%s/sources", plugin_dir, plugin->name);
  int result = sl_store_begin(store, error);
  if (result == 0) {
    int plugin_result = host_run(&host, options);
    result = host_finish(&host, plugin_result);
    if (result == 0) result = host_after(&host, options);
    if (result == 0) result = host_manifest(&host);
    if (result == 0) result = sl_store_commit(store, error);
    if (result != 0) sl_store_rollback(store);
  }
  sl_arena_free(host.arena);
  return result;
}
