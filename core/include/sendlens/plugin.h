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
 * Memory: every pointer the host hands out (documents, parsed pieces, strings
 * made with copy/format) belongs to the host and lives until load returns.
 * Every pointer the plugin passes in is copied by the host before the call
 * returns, so the plugin may pass stack buffers.
 *
 * Errors: emit functions return 0 when the record is refused (the host has
 * already reported which record and field); the plugin should then return a
 * non-zero value from load. A load that fails stores nothing of the area.
 */
#ifndef SENDLENS_PLUGIN_H
#define SENDLENS_PLUGIN_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Bumped on any change to the descriptor, a record struct or the host table.
 * The host refuses a plugin built for another version. */
#define SL_PLUGIN_ABI_VERSION 1

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
 * a quarter, "2022-Q3". NULL means the documents do not say. */

typedef struct sl_area_record {
  const char *code;      /* GSS code; must equal the descriptor's area_code */
  const char *la_number; /* DfE local authority number, e.g. "860" */
  const char *name;
  const char *region;
  sl_source source;
} sl_area_record;

/* Counts are -1 where the documents do not give them. */
typedef struct sl_inspection_record {
  const char *kind;          /* "initial" | "revisit" | "full" */
  const char *started;       /* date the visit began */
  const char *ended;         /* date the visit ended */
  const char *published;     /* date the report/letter was published */
  const char *outcome;       /* free text, the letter's own words; may be NULL */
  int weaknesses_found;      /* significant weaknesses named or judged */
  int weaknesses_sufficient; /* of those, judged sufficient progress */
  sl_source source;
} sl_inspection_record;

typedef struct sl_weakness_record {
  sl_id inspection;
  const char *ref;      /* local numbering, or the order in the letter */
  const char *text;     /* the statement, in the document's words */
  const char *progress; /* "sufficient" | "insufficient" | NULL */
  sl_source source;
} sl_weakness_record;

typedef struct sl_plan_record {
  const char *kind; /* "WSOA" | "APP" */
  const char *title;
  const char *version;
  const char *dated;    /* the date the document carries */
  const char *approved; /* date approved or declared fit for purpose */
  const char *period_from;
  const char *period_to;
  const char *board; /* the body that oversees it */
  sl_source source;
} sl_plan_record;

typedef struct sl_concern_record {
  sl_id plan;
  const char *ref;
  const char *title;
  sl_source source;
} sl_concern_record;

/* Roles for sl_member_record. */
#define SL_ROLE_LEAD "lead"
#define SL_ROLE_MEMBER "member"

typedef struct sl_member_record {
  sl_id concern;
  const char *role; /* SL_ROLE_LEAD | SL_ROLE_MEMBER */
  const char *name; /* a person, post or group, as written */
  sl_source source;
} sl_member_record;

typedef struct sl_action_record {
  sl_id concern;
  const char *ref;    /* local numbering kept: "1.2.2", "3.8" */
  const char *text;   /* NULL where the documents cite but do not state it */
  const char *lead;   /* may be NULL */
  const char *due;    /* date; may be NULL */
  const char *status; /* "not_started" | "in_progress" | "completed" |
                         "commenced" | "established" | NULL */
  sl_source source;
} sl_action_record;

typedef struct sl_measure_record {
  sl_id parent;              /* a concern, an action, or the plan itself */
  const char *ref;           /* NULL where the document does not number it */
  const char *name;          /* the area's own words */
  const char *group;         /* the local heading it is listed under; may be NULL */
  const char *kind;          /* "interval" | "nominal" | NULL (not said) */
  const char *unit;          /* e.g. "count", "percent", "count+percent"; NULL */
  const char *direction;     /* "up" | "down" | "none" | NULL */
  const char *baseline;      /* a number as text; NULL */
  const char *baseline_date; /* NULL */
  const char *target;        /* a number as text; NULL */
  sl_source source;
} sl_measure_record;

typedef struct sl_comparator_record {
  sl_id measure;
  const char *label; /* "England average 21/22" */
  const char *value; /* a number as text */
  const char *date;
  sl_source source;
} sl_comparator_record;

typedef struct sl_observation_record {
  sl_id measure;
  const char *period; /* date or quarter */
  const char *kind;   /* "actual" | "milestone" | "projected" */
  const char *value;  /* a number as text, for interval measures; or NULL */
  const char *state;  /* nominal: "not_started" | "commenced" |
                         "established" | "completed"; or NULL */
  const char *note;
  sl_source source;
} sl_observation_record;

/* A review of a plan: the 3, 6 and 12 month milestones. */
typedef struct sl_review_record {
  sl_id plan;
  const char *label; /* the document's words: "six-month review" */
  const char *due;   /* when it is due, if said */
  const char *held;  /* when it was held, if said */
  const char *by;    /* who held it, if said */
  sl_source source;
} sl_review_record;

typedef struct sl_finding_record {
  sl_id review;
  const char *text;
  sl_source source;
} sl_finding_record;

/* An entry of an area's glossary: "WCF" -> "Worcestershire Children First". */
typedef struct sl_term_record {
  const char *term;
  const char *expansion;
  sl_source source;
} sl_term_record;

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

/* ---- the host table ---------------------------------------------------- */

typedef enum sl_log_level { SL_LOG_DEBUG, SL_LOG_INFO, SL_LOG_WARN } sl_log_level;

typedef struct sl_host_api {
  int abi_version; /* SL_PLUGIN_ABI_VERSION of the host */
  size_t size;     /* sizeof(sl_host_api) of the host */

  /* Records. Each validates its record (required fields, dates, enum values,
   * parent handles of the right kind) and returns its handle, or 0. */
  sl_id (*emit_area)(sl_host *, const sl_area_record *);
  sl_id (*emit_inspection)(sl_host *, const sl_inspection_record *);
  sl_id (*emit_weakness)(sl_host *, const sl_weakness_record *);
  sl_id (*emit_plan)(sl_host *, const sl_plan_record *);
  sl_id (*emit_concern)(sl_host *, const sl_concern_record *);
  sl_id (*emit_member)(sl_host *, const sl_member_record *);
  sl_id (*emit_action)(sl_host *, const sl_action_record *);
  sl_id (*emit_measure)(sl_host *, const sl_measure_record *);
  sl_id (*emit_comparator)(sl_host *, const sl_comparator_record *);
  sl_id (*emit_observation)(sl_host *, const sl_observation_record *);
  sl_id (*emit_review)(sl_host *, const sl_review_record *);
  sl_id (*emit_finding)(sl_host *, const sl_finding_record *);
  sl_id (*emit_term)(sl_host *, const sl_term_record *);

  /* Another source for a record already emitted (a fact stated twice).
   * Returns 0 on success, -1 if refused. */
  int (*add_source)(sl_host *, sl_id record, const sl_source *source);

  /* A claim about one field of a record, as one document states it: for
   * facts the documents disagree on (a publication date given three ways).
   * Every claim is kept; `show` and the export report fields whose claims
   * differ. field is the record's field name ("published"). value is text
   * in the field's form (an ISO date for a date). Returns 0 or -1. */
  int (*add_claim)(sl_host *, sl_id record, const char *field, const char *value,
                   const sl_source *source);

  /* Diagnostics on stderr, prefixed with the plugin's name. */
  void (*log)(sl_host *, sl_log_level level, const char *format, ...) SL_PRINTF(3, 4);

  /* Report input the plugin cannot read: one line naming the document, the
   * place and what is wrong. The load then fails. Returns -1, so a plugin can
   * write `return api->fail(host, ...)`. */
  int (*fail)(sl_host *, const char *document, size_t line, const char *format, ...)
      SL_PRINTF(4, 5);

  /* Read a document from the plugin's sources/ folder. NULL on error (the
   * host has reported it). */
  const sl_document *(*read_document)(sl_host *, const char *name);

  /* Strings owned by the host, living until load returns. */
  const char *(*copy)(sl_host *, const char *text, size_t length);
  const char *(*format)(sl_host *, const char *format, ...)SL_PRINTF(2, 3);

  /* ---- shared parsing helpers (core/parse/) ---- */

  /* A date written in English ("23 February 2022", "1st April 2022",
   * "18 th – 20 th January 2022" gives the first, "June 2019", "March 2022")
   * as ISO text ("2022-02-23", "2019-06"). NULL if text holds no date. */
  const char *(*parse_date)(sl_host *, const char *text);

  /* The standard Ofsted/CQC revisit letter. Returns 0, or -1 when the
   * document does not have the standard shape (reported with its line). */
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

  /* ---- text helpers (appended: check api->size before calling) ----
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
} sl_host_api;

/* Whether the host's table has member (a host older than this header may
 * lack the helpers appended last). */
#define SL_HOST_HAS(api, member)                                                                   \
  ((api)->size >= offsetof(sl_host_api, member) + sizeof((api)->member))

/* ---- the descriptor ---------------------------------------------------- */

typedef struct sl_plugin {
  int abi_version;       /* SL_PLUGIN_ABI_VERSION this plugin was built for */
  const char *name;      /* short name, the area folder: "walsall" */
  const char *area_code; /* GSS code of the area it loads */
  const char *area_name; /* "Walsall" */
  const char *version;   /* the plugin's own version, "1.0.0" */
  /* Read the documents and emit the records. Return 0 on success. */
  int (*load)(const sl_host_api *api, sl_host *host);
} sl_plugin;

/* In the plugin: SL_PLUGIN_DEFINE(name, area_code, area_name, version, load) */
#define SL_PLUGIN_DEFINE(name_, code_, area_name_, version_, load_)                                \
  SL_PLUGIN_EXPORT const sl_plugin sendlens_plugin = {                                             \
      SL_PLUGIN_ABI_VERSION, name_, code_, area_name_, version_, load_}

#ifdef __cplusplus
}
#endif

#endif /* SENDLENS_PLUGIN_H */
