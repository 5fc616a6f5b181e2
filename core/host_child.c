/*
 * host_child.c: running a plugin in a child process, so that a plugin that
 * crashes, exits, hangs or eats memory costs nothing but its own load.
 *
 * The child runs the plugin with the loader's table, its emit, add_source,
 * add_claim and read_document replaced by functions that write each call to
 * a pipe instead of the store; the parent reads them and gives each to the
 * same validating functions an in-process load uses (host_emit.c), in its
 * own transaction. Child handles are numbered 1, 2, 3... and mapped to the
 * parent's. The parent watches the child's time and resident memory and
 * kills it past either limit.
 */
#include "host_child.h"

#include "buffer.h"
#include "utf8.h"

#include <dlfcn.h>
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include "host_sandbox.h"

enum { CHILD_POLL_MS = 50 };

/* ---- the wire: out ---- */

static void wire_put(sl_wire_out *out, const void *bytes, size_t length) {
  if (out->failed) return;
  if (out->length + length > out->capacity) {
    size_t capacity = out->capacity ? out->capacity : 4096;
    while (capacity < out->length + length)
      capacity *= 2;
    char *grown = realloc(out->bytes, capacity);
    if (!grown) {
      out->failed = 1;
      return;
    }
    out->bytes = grown;
    out->capacity = capacity;
  }
  memcpy(out->bytes + out->length, bytes, length);
  out->length += length;
}

static void wire_byte(sl_wire_out *out, int byte) {
  unsigned char value = (unsigned char)byte;
  wire_put(out, &value, 1);
}

static void wire_text(sl_wire_out *out, const char *text) {
  uint32_t length = text ? (uint32_t)strlen(text) : UINT32_MAX;
  wire_put(out, &length, sizeof length);
  if (text) wire_put(out, text, length);
}

static void wire_number(sl_wire_out *out, int64_t number) { wire_put(out, &number, sizeof number); }

static void wire_source(sl_wire_out *out, const sl_source *source) {
  wire_text(out, source ? source->document : NULL);
  wire_text(out, source ? source->locator : NULL);
  wire_text(out, source ? source->quote : NULL);
}

/* A field's bytes: text as length and bytes, counts and handles as 64-bit
 * numbers, a source as its three texts. */
static void wire_field(sl_wire_out *out, const sl_record_field *field, const void *record) {
  const char *at = (const char *)record + field->offset;
  if (field->type == SL_FIELD_SOURCE)
    wire_source(out, (const sl_source *)(const void *)at);
  else if (field->type == SL_FIELD_COUNT)
    wire_number(out, *(const int *)(const void *)at);
  else if (field->type == SL_FIELD_PARENT)
    wire_number(out, *(const sl_id *)(const void *)at);
  else
    wire_text(out, *(const char *const *)(const void *)at);
}

void sl_wire_put_record(sl_wire_out *out, sl_kind kind, const void *record) {
  const sl_record_kind *table = &sl_record_kinds[kind];
  wire_byte(out, SL_WIRE_RECORD);
  wire_byte(out, (int)kind);
  for (size_t i = 0; i < table->field_count; i++)
    wire_field(out, &table->fields[i], record);
}

void sl_wire_put_source(sl_wire_out *out, sl_id record, const sl_source *source) {
  wire_byte(out, SL_WIRE_SOURCE);
  wire_number(out, record);
  wire_source(out, source);
}

void sl_wire_put_claim(sl_wire_out *out, sl_id record, const char *field, const char *value,
                       const sl_source *source) {
  wire_byte(out, SL_WIRE_CLAIM);
  wire_number(out, record);
  wire_text(out, field);
  wire_text(out, value);
  wire_source(out, source);
}

void sl_wire_put_text(sl_wire_out *out, sl_wire_type type, const char *text) {
  wire_byte(out, (int)type);
  wire_text(out, text);
}

void sl_wire_put_log(sl_wire_out *out, int level, const char *text) {
  wire_byte(out, SL_WIRE_LOG);
  wire_number(out, level);
  wire_text(out, text);
}

void sl_wire_put_end(sl_wire_out *out, int64_t result) {
  wire_byte(out, SL_WIRE_END);
  wire_number(out, result);
}

void sl_wire_put_descriptor(sl_wire_out *out, const sl_plugin *plugin) {
  wire_byte(out, SL_WIRE_DESCRIPTOR);
  wire_number(out, plugin->abi_version);
  wire_text(out, plugin->name);
  wire_text(out, plugin->area_code);
  wire_text(out, plugin->area_name);
  wire_text(out, plugin->version);
  wire_number(out, plugin->load != NULL);
}

/* ---- the child ---- */

/* The child's state: the pipe, the next handle to give, the table it was
 * given (for the documents it reads). */
typedef struct child_state {
  int fd;
  sl_id next_handle;
  const sl_host_api *base;
} child_state;

/* Write the message whole, so the parent sees every record as soon as the
 * plugin emits it. */
static void child_send(sl_host *host, sl_wire_out *out) {
  if (!out->failed && sl_buffer_write_all(host->child->fd, out->bytes, out->length))
    _exit(70); /* the parent has gone */
  if (out->failed) _exit(71);
  free(out->bytes);
}

/* The record as this host knows it (a plugin's may be older or newer), then
 * sent; its handle is the child's next number. */
static int child_emit(sl_host *host, int kind, const void *record, sl_id *id) {
  const char *why = NULL;
  if (id) *id = 0;
  if (kind < 0 || kind >= SL_KIND_COUNT || !record) {
    sl_host_fail(host, "emit: %s", record ? "unknown kind of record" : "no record");
    return SL_MISUSE;
  }
  const sl_record_kind *table = &sl_record_kinds[kind];
  void *known = sl_arena_alloc(host->arena, table->size);
  if (!known) return sl_host_fail(host, "%s: out of memory", table->name), SL_NOMEM;
  if (sl_record_normalize(table, record, known, &why)) {
    sl_host_fail(host, "%s: refused: %s", table->name, why);
    return SL_MISUSE;
  }
  sl_wire_out out = {0};
  sl_wire_put_record(&out, (sl_kind)kind, known);
  child_send(host, &out);
  if (id)
    *id = ++host->child->next_handle;
  else
    host->child->next_handle++;
  return SL_OK;
}

static int child_add_source(sl_host *host, sl_id record, const sl_source *source) {
  sl_wire_out out = {0};
  sl_wire_put_source(&out, record, source);
  child_send(host, &out);
  return SL_OK;
}

static int child_add_claim(sl_host *host, sl_id record, const char *field, const char *value,
                           const sl_source *source) {
  sl_wire_out out = {0};
  sl_wire_put_claim(&out, record, field, value, source);
  child_send(host, &out);
  return SL_OK;
}

static void child_send_text(sl_host *host, sl_wire_type type, const char *text) {
  sl_wire_out out = {0};
  sl_wire_put_text(&out, type, text);
  child_send(host, &out);
}

/* The child's stderr is /dev/null: its log lines go to the parent, which
 * prints them. */
static void child_log(sl_host *host, sl_log_level level, const char *format, ...) {
  char line[1024];
  va_list args;
  va_start(args, format);
  vsnprintf(line, sizeof line, format ? format : "", args);
  va_end(args);
  sl_wire_out out = {0};
  sl_wire_put_log(&out, (int)level, line);
  child_send(host, &out);
}

/* Documents are read in the child (the plugin parses them there) and named
 * to the parent, which reads them too to check every quote. */
static int child_read_document(sl_host *host, const char *name, const sl_document **out) {
  const sl_document *document = NULL;
  int rc = host->child->base->read_document(host, name, &document);
  if (rc == SL_OK) child_send_text(host, SL_WIRE_DOCUMENT, document->name);
  if (out) *out = document;
  return rc;
}

static void child_run(sl_host *host, int fd, const sl_host_api *base, const sl_host_api *entry,
                      const sl_plugin *plugin) {
  child_state state = {fd, 0, base};
  host->store = NULL;
  host->child = &state;
  /* Every function that would reach the store is replaced; records of
   * every kind go through the one emit. */
  sl_host_api table = *base;
  table.emit = child_emit;
  table.add_source = child_add_source;
  table.add_claim = child_add_claim;
  table.read_document = child_read_document;
  table.log = child_log;
  host->api = &table;
  int result = plugin ? plugin->load(entry ? entry : &table, host) : -1;
  /* sl_host_fail formatted "PLUGIN: message"; the parent adds the name. */
  if (host->failed) {
    const char *message = host->error->message;
    size_t prefix = strlen(host->plugin->name);
    if (strncmp(message, host->plugin->name, prefix) == 0 && message[prefix] == ':')
      message += prefix + 2;
    child_send_text(host, SL_WIRE_FAIL, message);
  }
  sl_wire_out out = {0};
  sl_wire_put_end(&out, result);
  child_send(host, &out);
}

/* The plugin as the child opens it (the parent never does): it must be
 * the one whose descriptor the parent read. NULL, with the load failed,
 * when it is not. */
static const sl_plugin *child_open(sl_host *host, const char *path) {
  if (!path) return host->plugin->load ? host->plugin : NULL;
  dlerror();
  void *handle = dlopen(path, RTLD_NOW | RTLD_LOCAL);
  const sl_plugin *plugin = handle ? dlsym(handle, SL_PLUGIN_SYMBOL) : NULL;
  if (!plugin) {
    const char *why = dlerror();
    sl_host_fail(host, "cannot open %s: %s", path, why ? why : "no descriptor");
  } else if (!plugin->load || plugin->abi_version != host->plugin->abi_version || !plugin->name ||
             strcmp(plugin->name, host->plugin->name) != 0) {
    sl_host_fail(host, "its descriptor is not the one it gave when it was read");
    plugin = NULL;
  }
  return plugin; /* the handle stays open until the child exits */
}

/* ---- the wire: in ---- */

static double wire_elapsed(const sl_wire_in *in) {
  struct timespec now;
  clock_gettime(CLOCK_MONOTONIC, &now);
  return (double)(now.tv_sec - in->started.tv_sec) +
         (double)(now.tv_nsec - in->started.tv_nsec) / 1e9;
}

/* The child's resident memory in bytes, from /proc; 0 if unknown. */
static size_t wire_child_resident(pid_t child) {
  char path[64];
  snprintf(path, sizeof path, "/proc/%d/statm", (int)child);
  FILE *file = fopen(path, "r");
  unsigned long size = 0, resident = 0;
  if (!file) return 0;
  int read = fscanf(file, "%lu %lu", &size, &resident);
  fclose(file);
  return read == 2 ? (size_t)resident * (size_t)sysconf(_SC_PAGESIZE) : 0;
}

/* Kill the child if it broke a limit; say which. */
static int wire_check_limits(sl_wire_in *in) {
  const sl_host_options *options = in->options;
  if (in->child <= 0 || !options) return 0;
  if (wire_elapsed(in) > options->seconds) {
    in->stopped =
        sl_arena_format(in->arena, "did not finish within %g s (stopped)", options->seconds);
  } else if (wire_child_resident(in->child) > options->memory) {
    in->stopped = sl_arena_format(in->arena, "used more than its memory limit of %zu MiB (stopped)",
                                  options->memory >> 20);
  }
  if (!in->stopped) return 0;
  sl_sandbox_kill(in->child);
  return -1;
}

/* Stop the child for the reason given; -1. */
static int wire_stop(sl_wire_in *in, const char *why) {
  in->stopped = why ? why : "stopped";
  if (in->child > 0) sl_sandbox_kill(in->child);
  return -1;
}

/* Nothing to read for a while and the child has ended: whatever else
 * holds the pipe open, its end is reached (its exit is reported now, not
 * at the time limit). What it wrote before it ended is read first: the
 * end is declared at the first quiet poll after it was reaped. */
static int wire_child_gone(sl_wire_in *in) {
  if (in->child <= 0) return 0;
  if (in->reaped) {
    in->eof = 1;
    return -1;
  }
  if (waitpid(in->child, &in->status, WNOHANG) == in->child) in->reaped = 1;
  return 0;
}

/* Make n bytes available at buffer + used, reading (and watching the child)
 * as needed. A message may not claim more than SL_WIRE_MESSAGE_MAX. */
static int wire_need(sl_wire_in *in, size_t n) {
  while (in->length - in->used < n) {
    if (in->eof || n > SL_WIRE_MESSAGE_MAX) return -1;
    if (in->used > 0) {
      memmove(in->buffer, in->buffer + in->used, in->length - in->used);
      in->length -= in->used;
      in->used = 0;
    }
    /* The buffer grows with what arrives, not with what a length claims:
     * a message claiming 60 MB costs nothing until the bytes come. */
    if (in->capacity - in->length < 65536) {
      size_t capacity = in->capacity ? in->capacity * 2 : 1 << 16;
      char *grown = realloc(in->buffer, capacity);
      if (!grown) return -1;
      in->buffer = grown;
      in->capacity = capacity;
    }
    struct pollfd poll_fd = {in->fd, POLLIN, 0};
    int ready = poll(&poll_fd, 1, CHILD_POLL_MS);
    if (ready < 0 && errno != EINTR) return -1;
    if (ready <= 0) {
      if (wire_check_limits(in) || wire_child_gone(in)) return -1;
      continue;
    }
    ssize_t got = read(in->fd, in->buffer + in->length, in->capacity - in->length);
    if (got < 0 && errno == EINTR) continue;
    if (got <= 0) {
      in->eof = 1;
      return -1;
    }
    in->length += (size_t)got;
    in->bytes += (size_t)got;
    if (in->bytes > SL_WIRE_LOAD_BYTES)
      return wire_stop(in, sl_arena_format(in->arena,
                                           "sent more than the host's limit of %d MiB in one load "
                                           "(stopped)",
                                           SL_WIRE_LOAD_BYTES >> 20));
    if (wire_check_limits(in)) return -1;
  }
  return 0;
}

static int wire_read_byte(sl_wire_in *in, unsigned char *byte) {
  if (wire_need(in, 1)) return -1;
  *byte = (unsigned char)in->buffer[in->used++];
  return 0;
}

static int wire_read_number(sl_wire_in *in, int64_t *number) {
  if (wire_need(in, sizeof *number)) return -1;
  memcpy(number, in->buffer + in->used, sizeof *number);
  in->used += sizeof *number;
  return 0;
}

static int wire_read_text(sl_wire_in *in, const char **text) {
  uint32_t length;
  if (wire_need(in, sizeof length)) return -1;
  memcpy(&length, in->buffer + in->used, sizeof length);
  in->used += sizeof length;
  if (length == UINT32_MAX) {
    *text = NULL;
    return 0;
  }
  if (length > SL_WIRE_TEXT_MAX)
    return wire_stop(in, sl_arena_format(in->arena,
                                         "sent a text of %u bytes, more than the host's limit of "
                                         "%d bytes for one text (stopped)",
                                         (unsigned)length, SL_WIRE_TEXT_MAX));
  if (wire_need(in, length)) return -1;
  *text = sl_arena_copy(in->arena, in->buffer + in->used, length);
  in->used += length;
  return *text ? 0 : -1;
}

static int wire_read_source(sl_wire_in *in, sl_source *source) {
  return wire_read_text(in, &source->document) || wire_read_text(in, &source->locator) ||
         wire_read_text(in, &source->quote);
}

static int wire_read_field(sl_wire_in *in, const sl_record_field *field, char *record) {
  char *at = record + field->offset;
  int64_t number = 0;
  if (field->type == SL_FIELD_SOURCE) return wire_read_source(in, (sl_source *)(void *)at);
  if (field->type != SL_FIELD_COUNT && field->type != SL_FIELD_PARENT)
    return wire_read_text(in, (const char **)(void *)at);
  if (wire_read_number(in, &number)) return -1;
  if (field->type == SL_FIELD_COUNT) *(int *)(void *)at = (int)number;
  if (field->type == SL_FIELD_PARENT) *(sl_id *)(void *)at = (sl_id)number;
  return 0;
}

static int wire_read_record(sl_wire_in *in, sl_wire_message *message) {
  unsigned char index;
  if (wire_read_byte(in, &index)) return -1;
  if (index >= SL_KIND_COUNT)
    return wire_stop(in, sl_arena_format(in->arena,
                                         "sent a malformed message (a record of unknown kind %d) "
                                         "(stopped)",
                                         index));
  const sl_record_kind *kind = &sl_record_kinds[index];
  char *record = sl_arena_alloc(in->arena, kind->size);
  if (!record) return -1;
  memcpy(record, &kind->size, sizeof kind->size);
  for (size_t i = 0; i < kind->field_count; i++)
    if (wire_read_field(in, &kind->fields[i], record)) return -1;
  message->kind = (sl_kind)index;
  message->record = record;
  return 0;
}

static int wire_read_descriptor(sl_wire_in *in, sl_wire_message *message) {
  sl_plugin *plugin = &message->descriptor;
  int64_t abi = 0, has_load = 0;
  if (wire_read_number(in, &abi) || wire_read_text(in, &plugin->name) ||
      wire_read_text(in, &plugin->area_code) || wire_read_text(in, &plugin->area_name) ||
      wire_read_text(in, &plugin->version) || wire_read_number(in, &has_load))
    return -1;
  plugin->abi_version = abi < INT32_MIN || abi > INT32_MAX ? -1 : (int)abi;
  message->has_load = has_load != 0;
  return 0;
}

int sl_wire_read(sl_wire_in *in, sl_wire_message *message) {
  unsigned char type;
  memset(message, 0, sizeof *message);
  if (wire_read_byte(in, &type)) return -1;
  message->type = (sl_wire_type)type;
  if (type == SL_WIRE_RECORD || type == SL_WIRE_SOURCE || type == SL_WIRE_CLAIM ||
      type == SL_WIRE_LOG) {
    if (++in->messages > SL_WIRE_LOAD_MESSAGES)
      return wire_stop(in, sl_arena_format(in->arena,
                                           "sent more than the host's limit of %d records, "
                                           "sources, claims and log lines in one load (stopped)",
                                           SL_WIRE_LOAD_MESSAGES));
  }
  switch (type) {
  case SL_WIRE_RECORD:
    return wire_read_record(in, message);
  case SL_WIRE_SOURCE:
    return wire_read_number(in, &message->number) || wire_read_source(in, &message->source) ? -1
                                                                                            : 0;
  case SL_WIRE_CLAIM:
    return wire_read_number(in, &message->number) || wire_read_text(in, &message->text) ||
                   wire_read_text(in, &message->value) || wire_read_source(in, &message->source)
               ? -1
               : 0;
  case SL_WIRE_DOCUMENT:
  case SL_WIRE_FAIL:
    return wire_read_text(in, &message->text);
  case SL_WIRE_LOG:
    return wire_read_number(in, &message->number) || wire_read_text(in, &message->text) ? -1 : 0;
  case SL_WIRE_END:
    return wire_read_number(in, &message->number);
  case SL_WIRE_DESCRIPTOR:
    return wire_read_descriptor(in, message);
  default:
    return wire_stop(in, sl_arena_format(in->arena,
                                         "sent a malformed message (unknown type 0x%02X) (stopped)",
                                         type));
  }
}

void sl_wire_child_end(const sl_wire_in *in, int status, char *why, size_t size) {
  if (in->reaped) status = in->status;
  if (in->stopped)
    snprintf(why, size, "%s", in->stopped);
  else if (WIFSIGNALED(status))
    snprintf(why, size, "crashed (signal %d, %s)", WTERMSIG(status), strsignal(WTERMSIG(status)));
  else if (WIFEXITED(status))
    snprintf(why, size, "exited with status %d before finishing", WEXITSTATUS(status));
  else
    snprintf(why, size, "stopped before finishing");
}

void sl_wire_in_done(sl_wire_in *in) {
  free(in->buffer);
  in->buffer = NULL;
  in->length = in->used = in->capacity = 0;
}

/* ---- the parent: replaying the child's calls ---- */

typedef struct parent_replay {
  sl_wire_in in;
  sl_host *host;
  const sl_host_api *base;
  sl_arena_list handles; /* child handle n -> parent id, as (void *)(intptr_t) */
} parent_replay;

/* The parent's id for a child handle; 0 for none or a refused record. */
static sl_id parent_handle(const parent_replay *replay, int64_t handle) {
  if (handle <= 0 || (size_t)handle > replay->handles.count) return 0;
  return (sl_id)(intptr_t)replay->handles.items[handle - 1];
}

static int parent_record(parent_replay *replay, const sl_wire_message *message) {
  const sl_record_kind *kind = &sl_record_kinds[message->kind];
  for (size_t i = 0; i < kind->field_count; i++) {
    if (kind->fields[i].type != SL_FIELD_PARENT) continue;
    sl_id *parent = (sl_id *)(void *)((char *)message->record + kind->fields[i].offset);
    *parent = parent_handle(replay, *parent);
  }
  sl_id id = sl_host_emit_record(replay->host, message->kind, message->record);
  return sl_arena_list_push(&replay->handles, (const void *)(intptr_t)id);
}

/* A log line of the child's, printed as an in-process load would, made
 * printable first: a plugin's text reaches the user's terminal. */
static void parent_log(parent_replay *replay, const sl_wire_message *message) {
  char line[1024];
  snprintf(line, sizeof line, "%s", message->text ? message->text : "");
  sl_utf8_printable(line, 0);
  int level = message->number < SL_LOG_DEBUG || message->number > SL_LOG_WARN
                  ? SL_LOG_WARN
                  : (int)message->number;
  replay->base->log(replay->host, (sl_log_level)level, "%s", line);
}

static int parent_dispatch(parent_replay *replay, const sl_wire_message *message) {
  sl_host *host = replay->host;
  const sl_document *document;
  switch (message->type) {
  case SL_WIRE_RECORD:
    return parent_record(replay, message);
  case SL_WIRE_SOURCE:
    sl_host_add_source(host, parent_handle(replay, message->number), &message->source);
    return 0;
  case SL_WIRE_CLAIM:
    sl_host_add_claim(host, parent_handle(replay, message->number), message->text, message->value,
                      &message->source);
    return 0;
  case SL_WIRE_DOCUMENT:
    replay->base->read_document(host, message->text, &document);
    return 0;
  case SL_WIRE_FAIL:
    sl_host_fail(host, "%s", message->text ? message->text : "failed");
    return 0;
  case SL_WIRE_LOG:
    parent_log(replay, message);
    return 0;
  default:
    return 0;
  }
}

/* What happened to a child that did not finish its load. */
static void parent_explain(parent_replay *replay, int status) {
  sl_host *host = replay->host;
  char why[512];
  host->failed = 0; /* the child's end outranks a record refused on the way */
  sl_wire_child_end(&replay->in, status, why, sizeof why);
  if (strncmp(why, "exited with status", 18) == 0)
    sl_host_fail(host, "%s its load", why);
  else
    sl_host_fail(host, "%s", why);
}

static int parent_run(parent_replay *replay) {
  sl_wire_message message;
  int64_t result = -1;
  int ended = 0;
  while (!ended && sl_wire_read(&replay->in, &message) == 0) {
    if (message.type == SL_WIRE_END) {
      ended = 1;
      result = message.number;
    } else if (parent_dispatch(replay, &message)) {
      break;
    }
  }
  /* Whatever the child left running ends with it. */
  sl_sandbox_kill(replay->in.child);
  int status = 0;
  while (!replay->in.reaped && waitpid(replay->in.child, &status, 0) < 0 && errno == EINTR)
    continue;
  if (ended) return (int)result;
  parent_explain(replay, status);
  return -1;
}

int sl_host_child_load(sl_host *host, const sl_host_options *options, const sl_host_api *base,
                       const sl_host_api *entry) {
  sl_sandbox sandbox = {options->plugin_path, host->sources_dir};
  sl_error error;
  int read_fd = -1, write_fd = -1;
  pid_t child = sl_sandbox_fork(&sandbox, &read_fd, &write_fd, &error);
  if (child < 0) return sl_host_fail(host, "%s", error.message);
  if (child == 0) {
    host->store = NULL;
    child_run(host, write_fd, base, entry, child_open(host, options->plugin_path));
    _exit(0);
  }
  parent_replay replay = {
      .in = {.fd = read_fd, .child = child, .options = options}, .host = host, .base = base};
  replay.in.arena = host->arena;
  clock_gettime(CLOCK_MONOTONIC, &replay.in.started);
  sl_arena_list_init(&replay.handles, host->arena);
  int result = parent_run(&replay);
  close(read_fd);
  sl_wire_in_done(&replay.in);
  return result;
}
