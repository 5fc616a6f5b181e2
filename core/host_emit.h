/*
 * host_emit.h: the bottom of the host, validation and storing. The state of
 * one load, its first error, the documents the plugin has read, and the
 * records: each is checked against sendlens/records.def and stored as a
 * fact with its source. It calls nothing of the two files above it
 * (host_child.c, the child protocol; host.c, the loader and the table),
 * so it can be read and tested alone.
 */
#ifndef SL_HOST_EMIT_H
#define SL_HOST_EMIT_H

#include "arena.h"
#include "host.h"
#include "records.h"

typedef struct host_document {
  sl_document document;
  const char *text; /* the lines joined by "\n", for checking quotes */
} host_document;

struct sl_host {
  const sl_plugin *plugin;
  const sl_host_api *api; /* the table this load's calls go through */
  const char *sources_dir;
  sl_store *store;           /* NULL in a plugin's child process, which stores nothing */
  struct child_state *child; /* in that child: where records go (host_child.c) */
  sl_arena *arena;
  sl_error *error;
  int failed; /* the first error is kept; later emits are refused */
  int area_emitted;
  int64_t seq;                        /* emission order */
  int kind_counts[SL_KIND_COUNT + 2]; /* offered per kind, sources, claims: for messages */
  sl_load_counts *counts;
  sl_arena_list documents; /* host_document * */
};

/* The longest text a plugin may give in one field of a record, a source or
 * a claim: far above any text of a real area (see docs/plugin-guide.md),
 * far below what would strain the Lua mapping or the store. */
enum { SL_HOST_TEXT_MAX = 1 << 20 };

/* Texts are checked by sl_utf8_text_problem (utf8.h). */

/* Record the load's first error as "PLUGIN: message" and return -1. Bytes
 * of the message that are not clean one-line text become '?': it is
 * printed to a terminal. */
int sl_host_fail(sl_host *host, const char *format, ...) __attribute__((format(printf, 2, 3)));

/* The document named name, if the plugin has read it; NULL otherwise. */
const host_document *sl_host_find_document(sl_host *host, const char *name);

/* Keep a document the plugin has read, for the quotes of its records. */
int sl_host_add_document(sl_host *host, const host_document *document);

/* The table's emit: the record of kind, as big as its size member says,
 * checked and stored; SL_OK with *id (if not NULL) its handle, or an error
 * code with the load failed. */
int sl_host_emit(sl_host *host, int kind, const void *record, sl_id *id);

/* A record of kind as this host knows it (sizeof its struct): checked and
 * stored; its handle, or 0 when refused (the load has failed). */
sl_id sl_host_emit_record(sl_host *host, sl_kind kind, const void *record);

/* The table's add_source and add_claim: SL_OK or SL_ERROR. */
int sl_host_add_source(sl_host *, sl_id record, const sl_source *);
int sl_host_add_claim(sl_host *, sl_id record, const char *field, const char *value,
                      const sl_source *);

#endif
