/*
 * host_child.h: the middle of the host, the child protocol. A plugin run in
 * a child process writes its records to a pipe; the parent reads them and
 * gives each to validation and storing (host_emit.h), the layer below. It
 * calls nothing of the loader above it (host.c): the table the plugin runs
 * with is passed in.
 *
 * The wire format is private to this binary (both ends are it): a message
 * is a type byte and fields; text is a 32-bit length (all ones for NULL)
 * and bytes; numbers are 64-bit; native byte order. A record is its kind's
 * byte and its fields in the order of sendlens/records.def.
 */
#ifndef SL_HOST_CHILD_H
#define SL_HOST_CHILD_H

#include <sys/types.h>
#include <time.h>

#include "host_emit.h"

/* Run the plugin in a child process with the table base (its emit,
 * add_source, add_claim and read_document replaced by ones that write to
 * the pipe) and replay its records into host; returns what the plugin's
 * load returned, or -1 with the host failed when the child did not finish.
 * The parent reads documents with base too, to check quotes. entry, if not
 * NULL, is handed to the plugin instead: a table of another shape (ABI 1)
 * whose functions call through host->api, which is then the child's. */
int sl_host_child_load(sl_host *host, const sl_host_options *options, const sl_host_api *base,
                       const sl_host_api *entry);

/* ---- the wire format, for the two ends and their tests ---- */

/* What one load may send, checked as it is read: a text longer than
 * SL_WIRE_TEXT_MAX (the largest document the host reads: no text taken
 * from one is longer), more than SL_WIRE_LOAD_MESSAGES records, sources,
 * claims and log lines, or more than SL_WIRE_LOAD_BYTES in all stops the
 * child with a message saying which. Each is far above what the bundled
 * areas send (docs/plugin-guide.md gives the figures) and bounds what the
 * parent holds for one load. A text within these is then checked against
 * SL_HOST_TEXT_MAX with the record, so the refusal names its field. */
enum {
  SL_WIRE_TEXT_MAX = 64 * 1024 * 1024,
  SL_WIRE_MESSAGE_MAX = SL_WIRE_TEXT_MAX, /* the most one read of a field waits for */
  SL_WIRE_LOAD_MESSAGES = 1000000,
  SL_WIRE_LOAD_BYTES = 256 * 1024 * 1024,
};

typedef enum sl_wire_type {
  SL_WIRE_RECORD = 'R',
  SL_WIRE_SOURCE = 'S',
  SL_WIRE_CLAIM = 'C',
  SL_WIRE_DOCUMENT = 'D',
  SL_WIRE_FAIL = 'F',
  SL_WIRE_END = 'E',
  SL_WIRE_DESCRIPTOR = 'P', /* the plugin's descriptor, read by the loader */
  SL_WIRE_LOG = 'L',        /* a log line: the child's stderr is /dev/null */
} sl_wire_type;

/* A message being built, sent whole by one write. */
typedef struct sl_wire_out {
  char *bytes;
  size_t length, capacity;
  int failed; /* out of memory */
} sl_wire_out;

void sl_wire_put_record(sl_wire_out *out, sl_kind kind, const void *record);
void sl_wire_put_source(sl_wire_out *out, sl_id record, const sl_source *source);
void sl_wire_put_claim(sl_wire_out *out, sl_id record, const char *field, const char *value,
                       const sl_source *source);
void sl_wire_put_text(sl_wire_out *out, sl_wire_type type, const char *text); /* D, F */
void sl_wire_put_end(sl_wire_out *out, int64_t result);
void sl_wire_put_log(sl_wire_out *out, int level, const char *text);
/* P: the ABI, name, area code, area name, version, whether load is set. */
void sl_wire_put_descriptor(sl_wire_out *out, const sl_plugin *plugin);

/* One message read. Text and records live in the reader's arena; a
 * record's parent handles are the child's. */
typedef struct sl_wire_message {
  sl_wire_type type;
  sl_kind kind;     /* R */
  void *record;     /* R: kind's struct, sizeof as this host knows it */
  int64_t number;   /* S, C: the child's handle; E: the load's result; L: the level */
  const char *text; /* C: the field; D: the document; F, L: the message */
  const char *value;
  sl_source source;
  sl_plugin descriptor; /* P: its texts in the arena, load NULL (has_load says) */
  int has_load;
} sl_wire_message;

/* Reads messages from fd. With a child, it watches the child's time and
 * memory while it waits and kills it past a limit (stopped says which). */
typedef struct sl_wire_in {
  int fd;
  pid_t child; /* 0: none (a test reading a file) */
  const sl_host_options *options;
  sl_arena *arena;
  struct timespec started;
  char *buffer;
  size_t length, used, capacity;
  int eof;
  size_t bytes, messages; /* read so far, against the load's limits */
  int reaped, status;     /* the child has ended: its wait status */
  const char *stopped;
} sl_wire_in;

/* The next message: 0; -1 at the end of the input, on a truncated,
 * malformed or oversized message, or when the child was stopped. */
int sl_wire_read(sl_wire_in *in, sl_wire_message *message);

/* What became of a child that sent no end: stopped at a limit, crashed,
 * or exited, as "crashed (signal 11, Segmentation fault)". status is its
 * wait status, unless the reader reaped it. */
void sl_wire_child_end(const sl_wire_in *in, int status, char *why, size_t size);

/* Free the reader's buffer (not the arena). */
void sl_wire_in_done(sl_wire_in *in);

#endif
