/*
 * sendlens/plugin.h: the whole world of an area plugin.
 *
 * A plugin is a shared object that reads one local area's published documents
 * and emits records of the common model (area, inspection, weakness, plan,
 * concern, action, measure, observation, ...), each with its source.
 *
 * The pattern is SQLite's loadable extensions and Redis modules: the plugin
 * exports one constant descriptor; the host calls its load entry with a table
 * of host functions. A plugin therefore links nothing of the host: this
 * header is all it includes, and every call goes through the table.
 *
 * A plugin calls the host through the wrappers at the end of this file
 * (sl_emit_measure, sl_read_document, ...), after SL_PLUGIN_INIT(api) at the
 * start of its load, as SQLite's extensions do with SQLITE_EXTENSION_INIT1/2.
 *
 * Memory: every pointer the host hands out (documents, parsed pieces, strings
 * made with copy/format) belongs to the host and lives until load returns.
 * Every pointer the plugin passes in is copied by the host before the call
 * returns, so the plugin may pass stack buffers.
 *
 * Errors: a host function that can fail returns SL_OK or an error code
 * (SL_ERROR, SL_MISUSE, SL_NOMEM); by then the host has reported what went
 * wrong, naming the plugin, the record and the field, and the load has
 * failed: the plugin returns the code from load, and nothing of the area is
 * stored. The host functions that compute a value return it: the strings
 * and lists the host makes (NULL or an empty list only when memory ran out,
 * which fails the load too) and the text helpers, which cannot fail.
 *
 * Crash isolation: by default the plugin runs in a child process and its
 * records cross a pipe to the host, which validates and stores them there.
 * So an emit function returns SL_OK once the record is sent, with a handle
 * valid as a parent in this load; a record the host then refuses fails the
 * load when it ends, with the same one-line message, but the plugin is not
 * told at the call. Everything else (documents, parsers, copy, format, log)
 * answers in the child as it would in the host.
 *
 * Growing: see SL_PLUGIN_ABI_VERSION below and sendlens/records.def.
 */
#ifndef SENDLENS_PLUGIN_H
#define SENDLENS_PLUGIN_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/*
 * The ABI this header describes. It changes when a member of the descriptor,
 * a record struct or the host table changes meaning, type or place, or is
 * removed. It does not change when something is appended: a field at the end
 * of a record kind (every record carries its size as its first member, as
 * sqlite3_module carries iVersion, so a host reads a smaller record from an
 * older plugin with the new fields NULL), a new record kind at the end of
 * records.def, or a function at the end of the host table (which carries
 * its size: SL_HOST_HAS). The host refuses a plugin built for an ABI it does
 * not know, and still loads those built for ABI 1 (whose records had no
 * size), through a table of the old shape.
 */
#define SL_PLUGIN_ABI_VERSION 2

/* The oldest ABI the host still loads. */
#define SL_PLUGIN_ABI_OLDEST 1

/* What host functions return. */
#define SL_OK 0
#define SL_ERROR 1  /* refused or failed; the host has said why */
#define SL_MISUSE 2 /* called wrongly: no record, an unknown kind, a bad size */
#define SL_NOMEM 3  /* out of memory */

/* The name of the one symbol a plugin exports. */
#define SL_PLUGIN_SYMBOL "sendlens_plugin"

#if defined(__GNUC__)
#define SL_PLUGIN_EXPORT __attribute__((visibility("default")))
#define SL_PRINTF(f, a) __attribute__((format(printf, f, a)))
#else
#define SL_PLUGIN_EXPORT
#define SL_PRINTF(f, a)
#endif

/* A handle to a record emitted during this load; 0 means none or refused. */
typedef int64_t sl_id;

/* The host's state for one load; opaque to plugins. */
typedef struct sl_host sl_host;

/* Where a fact comes from. document is a file name inside the plugin's
 * sources/ folder; locator a place in it ("line 51", "line 5 cell 3",
 * "lines 86-88"); quote the exact span of the document the fact was read
 * from. All three are required on every record. */
typedef struct sl_source {
  const char *document;
  const char *locator;
  const char *quote;
} sl_source;

/* Dates are ISO 8601 text: "2022-02-23", or a month "2022-03" or a year
 * "2022" where the document says no more. Observation periods may also be
 * a quarter, "2022-Q3". NULL means the documents do not say; counts are -1
 * where the documents do not give them. */

/*
 * The record structs, one per kind of sendlens/records.def (read it for
 * each field's meaning and allowed values): sl_area_record,
 * sl_inspection_record, sl_weakness_record, sl_plan_record,
 * sl_concern_record, sl_member_record, sl_action_record, sl_measure_record,
 * sl_comparator_record, sl_observation_record, sl_review_record,
 * sl_finding_record, sl_term_record, sl_role_record (the people and bodies
 * a plan, concern or action names; a concern's leads and members are
 * roles, and a member record or an action's lead is stored as one). Each
 * begins with its size, which the
 * sl_emit_* wrappers set; a plugin fills the rest with designated
 * initializers: sl_measure_record m = {.parent = concern, .name = ...}.
 */
#define SL_CTYPE_TEXT const char *
#define SL_CTYPE_DATE const char *
#define SL_CTYPE_PERIOD const char *
#define SL_CTYPE_NUMBER const char * /* a number written as text: "40", "12.5" */
#define SL_CTYPE_ENUM const char *
#define SL_CTYPE_COUNT int
#define SL_CTYPE_PARENT sl_id
#define SL_CTYPE_SOURCE sl_source
#define SL_RECORD(kind, KIND, doc)                                                                 \
  typedef struct sl_##kind##_record {                                                              \
    size_t size; /* sizeof the struct; set by sl_emit_##kind */
#define SL_FIELD(kind, name, type, presence, values, json, doc) SL_CTYPE_##type name;
#define SL_END(kind)                                                                               \
  }                                                                                                \
  sl_##kind##_record;
#include "sendlens/records.def"
#undef SL_RECORD
#undef SL_FIELD
#undef SL_END

/* Roles for sl_member_record (kept for plugins built before the kind role:
 * the host stores such a record as a role of that kind). */
#define SL_ROLE_LEAD "lead"
#define SL_ROLE_MEMBER "member"

/* The record kinds, numbered in the order of sendlens/records.def (which
 * only ever appends): SL_KIND_AREA, SL_KIND_INSPECTION, ... */
typedef enum sl_kind {
#define SL_RECORD(kind, KIND, doc) SL_KIND_##KIND,
#define SL_FIELD(kind, name, type, presence, values, json, doc)
#define SL_END(kind)
#include "sendlens/records.def"
#undef SL_RECORD
#undef SL_FIELD
#undef SL_END
  SL_KIND_COUNT
} sl_kind;

/* ---- shared parsing: results of the helpers below ----------------------- */

/* A document from the plugin's sources/ folder, as lines. The host removes a
 * byte-order mark and CR of CRLF line ends, and refuses NUL bytes and text
 * that is not UTF-8. lines[0] is line 1. */
typedef struct sl_document {
  const char *name;
  const char *const *lines;
  size_t line_count;
} sl_document;

/* A piece found in a document: its value (normalised: an ISO date, clean
 * text), the line it starts on (1-based), and the exact quoted span. */
typedef struct sl_span {
  const char *value;
  size_t line;
  const char *quote;
} sl_span;

/* One weakness of an Ofsted/CQC revisit letter. */
typedef struct sl_letter_weakness {
  sl_span statement;    /* the bold statement, joined across lines */
  size_t last_line;     /* where the statement ends */
  sl_span judgement;    /* "The area has (not) made sufficient progress ..." */
  const char *progress; /* "sufficient" | "insufficient" | NULL */
} sl_letter_weakness;

/* The standard shape of a joint area SEND revisit letter. A span whose
 * value is NULL was not found; counts are -1 where not found. */
typedef struct sl_revisit_letter {
  sl_span letter_date; /* the date the letter carries */
  sl_span visit_from;  /* "Between 18 and 20 January 2022" */
  sl_span visit_to;
  sl_span initial_published; /* "inspection report letter published on" */
  sl_span statement_fit;     /* WSOA "declared fit for purpose on" */
  int sufficient_count;      /* from the summary sentence */
  int insufficient_count;
  size_t weakness_count;
  const sl_letter_weakness *weaknesses;
} sl_revisit_letter;

/* A numbered paragraph ("2.4. text" or "- 2.4. text"), with the lines that
 * continue it joined (page breaks and blank lines included). */
typedef struct sl_paragraph {
  const char *number; /* "2.4" */
  const char *text;   /* the paragraph's text without its number */
  size_t first_line;
  size_t last_line;
} sl_paragraph;

/* A list of strings owned by the host. */
typedef struct sl_strings {
  const char *const *items;
  size_t count;
} sl_strings;

/* A group and the bodies it draws its members from, as a sentence names
 * them: group_members fills it (size first, set by the wrapper). */
typedef struct sl_group_members {
  size_t size;        /* sizeof(sl_group_members), set by the wrapper */
  const char *group;  /* the group's name as written ("Local Offer Steering
                       * Group"), NULL where the text names none */
  const char *list;   /* the list as written, for a quote */
  sl_strings members; /* its items, as written ("the PCF", "SENDIASS") */
  const char *rest;   /* the text after the list, to look for another */
} sl_group_members;

/* ---- the host table ---------------------------------------------------- */

typedef enum sl_log_level { SL_LOG_DEBUG, SL_LOG_INFO, SL_LOG_WARN } sl_log_level;

/* A period, for parse_period: its kind ("calendar_year", "academic_year",
 * "financial_year", "tax_year", "quarter", "month", "months", "term",
 * "date"; docs/periods.md lists the forms each is read from), its label as
 * sendlens writes it ("2021/22") and its first and last days
 * ("2021-09-01", "2022-08-31"). */
typedef struct sl_period_span {
  size_t size; /* sizeof(sl_period_span), set by the wrapper */
  const char *kind, *label, *first, *last;
} sl_period_span;

typedef struct sl_host_api {
  int abi_version; /* SL_PLUGIN_ABI_VERSION of the host */
  size_t size;     /* sizeof(sl_host_api) of the host: SL_HOST_HAS */

  /* Records. Checks the record of kind (an SL_KIND_*) against
   * sendlens/records.def (required fields, dates, enum values, parent
   * handles of the right kind, the source's quote in its document), stores
   * it and sets *id (if id is not NULL) to its handle. record->size (its
   * first member) says which fields it has. Use the typed sl_emit_*. */
  int (*emit)(sl_host *, int kind, const void *record, sl_id *id);

  /* Another source for a record already emitted (a fact stated twice). */
  int (*add_source)(sl_host *, sl_id record, const sl_source *source);

  /* A claim about one field of a record, as one document states it: for
   * facts the documents disagree on (a publication date given three ways).
   * Every claim is kept; `show` and the export report fields whose claims
   * differ. field is the record's field name ("published"), optionally
   * followed by ":role" where the document's value plays another role
   * for that field ("published:letter dated": a letter's date beside
   * publication dates); the conflict groups claims by the field before
   * ':' and reports each claim's role. value is text in the field's form
   * (an ISO date for a date). */
  int (*add_claim)(sl_host *, sl_id record, const char *field, const char *value,
                   const sl_source *source);

  /* Diagnostics on stderr, prefixed with the plugin's name. */
  void (*log)(sl_host *, sl_log_level level, const char *format, ...) SL_PRINTF(3, 4);

  /* Report input the plugin cannot read: one line naming the document, the
   * place (line 0: none) and what is wrong. The load then fails. Returns
   * SL_ERROR, so a plugin can write `return sl_fail(host, ...)`. */
  int (*fail)(sl_host *, const char *document, size_t line, const char *format, ...)
      SL_PRINTF(4, 5);

  /* Read a document from the plugin's sources/ folder into *out. */
  int (*read_document)(sl_host *, const char *name, const sl_document **out);

  /* Strings owned by the host, living until load returns. */
  const char *(*copy)(sl_host *, const char *text, size_t length);
  const char *(*format)(sl_host *, const char *format, ...)SL_PRINTF(2, 3);

  /* ---- shared parsing helpers (core/parse/) ---- */

  /* A date written in English ("23 February 2022", "1st April 2022",
   * "18 th – 20 th January 2022" gives the first, "June 2019", "March 2022")
   * as ISO text ("2022-02-23", "2019-06"). NULL if text holds no date. */
  const char *(*parse_date)(sl_host *, const char *text);

  /* The standard Ofsted/CQC revisit letter; SL_ERROR when the document does
   * not have the standard shape (reported with its line). */
  int (*parse_revisit_letter)(sl_host *, const sl_document *, sl_revisit_letter *out);

  /* Cells of a tab-separated line, kept as written (HTML and all). */
  sl_strings (*split_cells)(sl_host *, const char *line);

  /* Plain text of an HTML fragment: tags dropped, entities decoded,
   * white space collapsed and trimmed. */
  const char *(*html_text)(sl_host *, const char *html);

  /* The text of each <li> of an HTML fragment, as html_text gives it. */
  sl_strings (*html_list_items)(sl_host *, const char *html);

  /* A leading item number: "3. Provide" gives "3" and rest "Provide";
   * "1.Improve" gives "1". Text that begins with something else that looks
   * numeric ("0-25 SEND ...") gives NULL. rest may be NULL. */
  const char *(*item_number)(sl_host *, const char *text, const char **rest);

  /* Numbered paragraphs ("2.4. text", optionally after "- ") of a document,
   * each with its continuation lines joined. */
  int (*numbered_paragraphs)(sl_host *, const sl_document *, const sl_paragraph **out,
                             size_t *count);

  /* References like "APP 1.2.2" in text: "APP 1.2.6, APP 1.3.2 and APP 1.3.3"
   * gives three; "APP 2.1.1 – 2.1.5" (a dash) is a range and gives 2.1.1 to
   * 2.1.5; "APP 1.2.2 1.2.4" gives 1.2.2 and 1.2.4 (no dash, no range).
   * prefix is the word before the numbers ("APP"). */
  sl_strings (*references)(sl_host *, const char *text, const char *prefix);

  /* A count of length bytes written in digits ("12") or as an English
   * word, any case ("eight", "Nine", up to "twenty"); -1 if it is neither. */
  int (*parse_number)(sl_host *, const char *word, size_t length);

  /* The sentence of text around at: *start at its first character, *end
   * just past its closing "." (or "!", "?", and a closing quote), or at the
   * end of text, trailing white space left out. */
  void (*sentence)(sl_host *, const char *text, const char *at, const char **start,
                   const char **end);

  /* ---- text helpers ----
   * White space is what Word and PDF exports write: space, tab, line ends
   * and the no-break space (U+00A0). */

  /* text past its leading white space. */
  const char *(*skip_space)(const char *text);

  /* end moved back over the white space before it, never before start. */
  const char *(*trim_end)(const char *start, const char *end);

  /* A copy of start..end without the white space around it (owned by the
   * host, like copy). end before start copies "". */
  const char *(*copy_trimmed)(sl_host *, const char *start, const char *end);

  /* The text of a list item: after white space, a marker ("-", "*", "·" or
   * "•") and white space. NULL when line is not a list item or nothing
   * follows the marker. */
  const char *(*list_item)(const char *line);

  /* ---- appended: a member added here keeps the ABI; its wrapper below
   * checks SL_HOST_HAS, so a plugin running in an older host fails its
   * load with one line rather than calling past the table ---- */

  /* A period as documents write it: "2024" (a calendar year), "2021/22",
   * "21/22" and "2021/2022" (academic years, 1 September to 31 August),
   * "FY 2021-22", "2024-Q1", "2024-03", "Mar 24" and "March 2024"
   * (months), "2024-03-31" (a date). SL_OK with out filled (strings owned
   * by the host), SL_ERROR if text is none of these (nothing reported:
   * the plugin decides). The same period type as the statistics'
   * (docs/statistics.md). */
  int (*parse_period)(sl_host *, const char *text, sl_period_span *out);

  /* The first percentage in text ("45.50%", "45.5 %"): its value, and the
   * span as written (trailing zeros kept, for a quote). SL_OK, or SL_ERROR
   * when text has none. */
  int (*parse_percent)(sl_host *, const char *text, double *value, const char **as_written);

  /* The first group's members in text: "a Local Offer Steering Group,
   * with members from the PCF, SENDIASS, Schools, the Local Authority and
   * Health partners" gives the group "Local Offer Steering Group" and
   * five members; also "has representation from" and "representatives
   * from" (core/parse/members.c says how the list and the group are
   * found). SL_OK with out filled (strings owned by the host), SL_ERROR
   * if text names no such list (nothing reported). */
  int (*group_members)(sl_host *, const char *text, sl_group_members *out);
} sl_host_api;

/* Whether the host's table has member (a host older than this header may
 * lack the members appended last). */
#define SL_HOST_HAS(api, member)                                                                   \
  ((api)->size >= offsetof(sl_host_api, member) + sizeof((api)->member))

/* ---- the descriptor ---------------------------------------------------- */

typedef struct sl_plugin {
  int abi_version;       /* SL_PLUGIN_ABI_VERSION this plugin was built for */
  const char *name;      /* short name, the area folder: "walsall" */
  const char *area_code; /* GSS code of the area it loads */
  const char *area_name; /* "Walsall" */
  const char *version;   /* the plugin's own version, "1.0.0" */
  /* Read the documents and emit the records. Return SL_OK on success. */
  int (*load)(const sl_host_api *api, sl_host *host);
} sl_plugin;

/* In the plugin, once: SL_PLUGIN_DEFINE(name, area_code, area_name, version,
 * load). It also defines sl_api. */
#define SL_PLUGIN_DEFINE(name_, code_, area_name_, version_, load_)                                \
  const sl_host_api *sl_api;                                                                       \
  SL_PLUGIN_EXPORT const sl_plugin sendlens_plugin = {                                             \
      SL_PLUGIN_ABI_VERSION, name_, code_, area_name_, version_, load_}

/* First thing in load: SL_PLUGIN_INIT(api). */
#define SL_PLUGIN_INIT(api) ((void)(sl_api = (api)))

/* The host's own sources (SENDLENS_HOST) have functions of these names
 * and no table to call. */
#ifndef SENDLENS_HOST

/* The host table of this load, for the wrappers below: set by
 * SL_PLUGIN_INIT, defined by SL_PLUGIN_DEFINE, hidden in the plugin. */
#if defined(__GNUC__)
extern const sl_host_api *sl_api __attribute__((visibility("hidden")));
#else
extern const sl_host_api *sl_api;
#endif

/* ---- the wrappers: sl_emit_measure(host, &m, &id) for
 * sl_api->emit(host, SL_KIND_MEASURE, &m, &id) ---------------------------- */

/* The typed emit of each kind; it sets the record's size. id may be NULL. */
#define SL_RECORD(kind, KIND, doc)                                                                 \
  static inline int sl_emit_##kind(sl_host *host, const sl_##kind##_record *record, sl_id *id) {   \
    sl_##kind##_record sized;                                                                      \
    if (!record) return sl_api->emit(host, SL_KIND_##KIND, record, id);                            \
    sized = *record;                                                                               \
    sized.size = sizeof sized;                                                                     \
    return sl_api->emit(host, SL_KIND_##KIND, &sized, id);                                         \
  }
#define SL_FIELD(kind, name, type, presence, values, json, doc)
#define SL_END(kind)
#include "sendlens/records.def"
#undef SL_RECORD
#undef SL_FIELD
#undef SL_END

static inline int sl_add_source(sl_host *host, sl_id record, const sl_source *source) {
  return sl_api->add_source(host, record, source);
}
static inline int sl_add_claim(sl_host *host, sl_id record, const char *field, const char *value,
                               const sl_source *source) {
  return sl_api->add_claim(host, record, field, value, source);
}
#define sl_log(host, ...) (sl_api->log((host), __VA_ARGS__))
#define sl_fail(host, ...) (sl_api->fail((host), __VA_ARGS__))
#define sl_format(host, ...) (sl_api->format((host), __VA_ARGS__))
static inline int sl_read_document(sl_host *host, const char *name, const sl_document **out) {
  return sl_api->read_document(host, name, out);
}
static inline const char *sl_copy(sl_host *host, const char *text, size_t length) {
  return sl_api->copy(host, text, length);
}
static inline const char *sl_parse_date(sl_host *host, const char *text) {
  return sl_api->parse_date(host, text);
}
static inline int sl_parse_revisit_letter(sl_host *host, const sl_document *document,
                                          sl_revisit_letter *out) {
  return sl_api->parse_revisit_letter(host, document, out);
}
static inline sl_strings sl_split_cells(sl_host *host, const char *line) {
  return sl_api->split_cells(host, line);
}
static inline const char *sl_html_text(sl_host *host, const char *html) {
  return sl_api->html_text(host, html);
}
static inline sl_strings sl_html_list_items(sl_host *host, const char *html) {
  return sl_api->html_list_items(host, html);
}
static inline const char *sl_item_number(sl_host *host, const char *text, const char **rest) {
  return sl_api->item_number(host, text, rest);
}
static inline int sl_numbered_paragraphs(sl_host *host, const sl_document *document,
                                         const sl_paragraph **out, size_t *count) {
  return sl_api->numbered_paragraphs(host, document, out, count);
}
static inline sl_strings sl_references(sl_host *host, const char *text, const char *prefix) {
  return sl_api->references(host, text, prefix);
}
static inline int sl_parse_number(sl_host *host, const char *word, size_t length) {
  return sl_api->parse_number(host, word, length);
}
static inline void sl_sentence(sl_host *host, const char *text, const char *at, const char **start,
                               const char **end) {
  sl_api->sentence(host, text, at, start, end);
}
static inline const char *sl_skip_space(const char *text) { return sl_api->skip_space(text); }
static inline const char *sl_trim_end(const char *start, const char *end) {
  return sl_api->trim_end(start, end);
}
static inline const char *sl_copy_trimmed(sl_host *host, const char *start, const char *end) {
  return sl_api->copy_trimmed(host, start, end);
}
static inline const char *sl_list_item(const char *line) { return sl_api->list_item(line); }

static inline int sl_missing(sl_host *host, const char *member);

static inline int sl_parse_period(sl_host *host, const char *text, sl_period_span *out) {
  if (!SL_HOST_HAS(sl_api, parse_period)) return sl_missing(host, "parse_period");
  out->size = sizeof *out;
  return sl_api->parse_period(host, text, out);
}
static inline int sl_parse_percent(sl_host *host, const char *text, double *value,
                                   const char **as_written) {
  if (!SL_HOST_HAS(sl_api, parse_percent)) return sl_missing(host, "parse_percent");
  return sl_api->parse_percent(host, text, value, as_written);
}

static inline int sl_group_members_in(sl_host *host, const char *text, sl_group_members *out) {
  if (!SL_HOST_HAS(sl_api, group_members)) return sl_missing(host, "group_members");
  out->size = sizeof *out;
  return sl_api->group_members(host, text, out);
}

/* The wrapper of a member appended after ABI 2 checks it is there first:
 *   static inline int sl_new_helper(sl_host *host, ...) {
 *     if (!SL_HOST_HAS(sl_api, new_helper)) return sl_missing(host, "new_helper");
 *     return sl_api->new_helper(host, ...);
 *   } */
static inline int sl_missing(sl_host *host, const char *member) {
  return sl_api->fail(host, NULL, 0, "this sendlens has no host function '%s': use a newer one",
                      member);
}

#endif /* SENDLENS_HOST */

#ifdef __cplusplus
}
#endif

#endif /* SENDLENS_PLUGIN_H */
