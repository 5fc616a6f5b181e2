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

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

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

void sl_wire_put_end(sl_wire_out *out, int64_t result) {
  wire_byte(out, SL_WIRE_END);
  wire_number(out, result);
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
  const char *bytes = out->bytes;
  size_t left = out->failed ? 0 : out->length;
  while (left > 0) {
    ssize_t written = write(host->child->fd, bytes, left);
    if (written < 0 && errno == EINTR) continue;
    if (written <= 0) _exit(70); /* the parent has gone */
    bytes += written;
    left -= (size_t)written;
  }
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

/* Documents are read in the child (the plugin parses them there) and named
 * to the parent, which reads them too to check every quote. */
static int child_read_document(sl_host *host, const char *name, const sl_document **out) {
  const sl_document *document = NULL;
  int rc = host->child->base->read_document(host, name, &document);
  if (rc == SL_OK) child_send_text(host, SL_WIRE_DOCUMENT, document->name);
  if (out) *out = document;
  return rc;
}

static void child_run(sl_host *host, int fd, const sl_host_api *base, const sl_host_api *entry) {
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
  host->api = &table;
  int result = host->plugin->load(entry ? entry : &table, host);
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
  kill(in->child, SIGKILL);
  return -1;
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
    if (in->capacity - in->length < 65536 || in->capacity < n) {
      size_t capacity = in->capacity ? in->capacity * 2 : 1 << 20;
      while (capacity < n)
        capacity *= 2;
      char *grown = realloc(in->buffer, capacity);
      if (!grown) return -1;
      in->buffer = grown;
      in->capacity = capacity;
    }
    struct pollfd poll_fd = {in->fd, POLLIN, 0};
    int ready = poll(&poll_fd, 1, CHILD_POLL_MS);
    if (ready < 0 && errno != EINTR) return -1;
    if (ready <= 0) {
      if (wire_check_limits(in)) return -1;
      continue;
    }
    ssize_t got = read(in->fd, in->buffer + in->length, in->capacity - in->length);
    if (got < 0 && errno == EINTR) continue;
    if (got <= 0) {
      in->eof = 1;
      return -1;
    }
    in->length += (size_t)got;
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
  if (wire_read_byte(in, &index) || index >= SL_KIND_COUNT) return -1;
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

int sl_wire_read(sl_wire_in *in, sl_wire_message *message) {
  unsigned char type;
  memset(message, 0, sizeof *message);
  if (wire_read_byte(in, &type)) return -1;
  message->type = (sl_wire_type)type;
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
  case SL_WIRE_END:
    return wire_read_number(in, &message->number);
  default:
    return -1;
  }
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
  default:
    return 0;
  }
}

/* What happened to a child that did not finish its load. */
static void parent_explain(parent_replay *replay, int status) {
  sl_host *host = replay->host;
  host->failed = 0; /* the child's end outranks a record refused on the way */
  if (replay->in.stopped)
    sl_host_fail(host, "%s", replay->in.stopped);
  else if (WIFSIGNALED(status))
    sl_host_fail(host, "crashed (signal %d, %s)", WTERMSIG(status), strsignal(WTERMSIG(status)));
  else if (WIFEXITED(status))
    sl_host_fail(host, "exited with status %d before finishing its load", WEXITSTATUS(status));
  else
    sl_host_fail(host, "stopped before finishing its load");
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
  if (!ended || replay->host->failed) kill(replay->in.child, SIGKILL);
  int status = 0;
  while (waitpid(replay->in.child, &status, 0) < 0 && errno == EINTR)
    continue;
  if (ended) return (int)result;
  parent_explain(replay, status);
  return -1;
}

int sl_host_child_load(sl_host *host, const sl_host_options *options, const sl_host_api *base,
                       const sl_host_api *entry) {
  int pipe_fds[2];
  if (pipe(pipe_fds) != 0) return sl_host_fail(host, "cannot make a pipe: %s", strerror(errno));
  fflush(stdout);
  fflush(stderr);
  pid_t child = fork();
  if (child < 0) {
    close(pipe_fds[0]);
    close(pipe_fds[1]);
    return sl_host_fail(host, "cannot start a process: %s", strerror(errno));
  }
  if (child == 0) {
    close(pipe_fds[0]);
    prctl(PR_SET_PDEATHSIG, SIGKILL); /* never outlive a killed parent */
    signal(SIGPIPE, SIG_DFL);
    child_run(host, pipe_fds[1], base, entry);
    _exit(0);
  }
  close(pipe_fds[1]);
  parent_replay replay = {
      .in = {.fd = pipe_fds[0], .child = child, .options = options}, .host = host, .base = base};
  replay.in.arena = host->arena;
  clock_gettime(CLOCK_MONOTONIC, &replay.in.started);
  sl_arena_list_init(&replay.handles, host->arena);
  int result = parent_run(&replay);
  close(pipe_fds[0]);
  sl_wire_in_done(&replay.in);
  return result;
}
