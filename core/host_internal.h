/*
 * host_internal.h: the state of one load, shared by the host's files
 * (host.c: documents, messages and the table; host_emit.c: records).
 */
#ifndef SL_HOST_INTERNAL_H
#define SL_HOST_INTERNAL_H

#include "arena.h"
#include "host.h"

typedef struct host_document {
  sl_document document;
  const char *text; /* the lines joined by "\n", for checking quotes */
} host_document;

struct sl_host {
  const sl_plugin *plugin;
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

/* Record the load's first error as "PLUGIN: message" and return -1. */
int sl_host_fail(sl_host *host, const char *format, ...) __attribute__((format(printf, 2, 3)));

/* The document named name, if the plugin has read it; NULL otherwise. */
const host_document *sl_host_find_document(sl_host *host, const char *name);

/* Check a record of kind against sendlens/records.def and store it
 * (host_emit.c); its handle, or 0 when refused (the load has failed). */
sl_id sl_host_emit_record(sl_host *host, sl_kind kind, const void *record);
int sl_host_add_source(sl_host *, sl_id record, const sl_source *);
int sl_host_add_claim(sl_host *, sl_id record, const char *field, const char *value,
                      const sl_source *);

/* Read a document of the plugin's sources/ (the table's read_document). */
const sl_document *sl_host_read_document(sl_host *host, const char *name);

/* Run the plugin in a child process and replay its records into host
 * (host_child.c); returns what the plugin's load returned, or -1 with the
 * host failed when the child did not finish. */
int sl_host_child_load(sl_host *host, const sl_host_options *options);

/* The host table given to plugins. */
extern const sl_host_api sl_host_table;

#endif
