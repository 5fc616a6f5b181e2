/*
 * host_child.c: running a plugin in a child process, so that a plugin that
 * crashes, exits, hangs or eats memory costs nothing but its own load.
 *
 * The child runs the plugin with a host table whose emit functions write
 * each record to a pipe instead of the store; the parent reads them, gives
 * each to the same validating emit functions an in-process load uses
 * (host_emit.c), and stores them in its own transaction. Child handles are
 * numbered 1, 2, 3... and mapped to the parent's. The parent watches the
 * child's time and resident memory and kills it past either limit.
 *
 * The wire format is private to this file (both ends are this binary): a
 * message is a type byte and fields; text is a 32-bit length (all ones for
 * NULL) and bytes; numbers are 64-bit, native byte order.
 */
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "host_internal.h"
#include "records.h"

enum { CHILD_MESSAGE_MAX = 256 * 1024 * 1024, CHILD_POLL_MS = 50 };

typedef enum child_message {
  MESSAGE_RECORD = 'R',
  MESSAGE_SOURCE = 'S',
  MESSAGE_CLAIM = 'C',
  MESSAGE_DOCUMENT = 'D',
  MESSAGE_FAIL = 'F',
  MESSAGE_END = 'E',
} child_message;

/* ---- the child: messages out ---- */

/* A message being built; written whole with one write() per message, so
 * the parent sees every record as soon as the plugin emits it. */
typedef struct child_buffer {
  char *bytes;
  size_t length, capacity;
  int failed;
} child_buffer;

static void buffer_put(child_buffer *buffer, const void *bytes, size_t length) {
  if (buffer->failed) return;
  if (buffer->length + length > buffer->capacity) {
    size_t capacity = buffer->capacity ? buffer->capacity : 4096;
    while (capacity < buffer->length + length)
      capacity *= 2;
    char *grown = realloc(buffer->bytes, capacity);
    if (!grown) {
      buffer->failed = 1;
      return;
    }
    buffer->bytes = grown;
    buffer->capacity = capacity;
  }
  memcpy(buffer->bytes + buffer->length, bytes, length);
  buffer->length += length;
}

static void buffer_text(child_buffer *buffer, const char *text) {
  uint32_t length = text ? (uint32_t)strlen(text) : UINT32_MAX;
  buffer_put(buffer, &length, sizeof length);
  if (text) buffer_put(buffer, text, length);
}

static void buffer_number(child_buffer *buffer, int64_t number) {
  buffer_put(buffer, &number, sizeof number);
}

static void buffer_source(child_buffer *buffer, const sl_source *source) {
  buffer_text(buffer, source ? source->document : NULL);
  buffer_text(buffer, source ? source->locator : NULL);
  buffer_text(buffer, source ? source->quote : NULL);
}

/* The child's state: the pipe, and the next handle to give. */
typedef struct child_state {
  int fd;
  sl_id next_handle;
} child_state;

static child_state *child_of(sl_host *host) { return host->child; }

static void child_send(sl_host *host, child_buffer *buffer) {
  const char *bytes = buffer->bytes;
  size_t left = buffer->failed ? 0 : buffer->length;
  while (left > 0) {
    ssize_t written = write(child_of(host)->fd, bytes, left);
    if (written < 0 && errno == EINTR) continue;
    if (written <= 0) _exit(70); /* the parent has gone */
    bytes += written;
    left -= (size_t)written;
  }
  if (buffer->failed) _exit(71);
  free(buffer->bytes);
}

/* A field's bytes on the wire: text as length and bytes, counts and
 * handles as 64-bit numbers, a source as its three texts. */
static void buffer_field(child_buffer *buffer, const sl_record_field *field, const void *record) {
  const char *at = (const char *)record + field->offset;
  if (field->type == SL_FIELD_SOURCE)
    buffer_source(buffer, (const sl_source *)(const void *)at);
  else if (field->type == SL_FIELD_COUNT)
    buffer_number(buffer, *(const int *)(const void *)at);
  else if (field->type == SL_FIELD_PARENT)
    buffer_number(buffer, *(const sl_id *)(const void *)at);
  else
    buffer_text(buffer, *(const char *const *)(const void *)at);
}

static sl_id child_emit(sl_host *host, sl_kind kind, const void *record) {
  if (!record) return 0;
  child_buffer buffer = {0};
  unsigned char type = MESSAGE_RECORD, index = (unsigned char)kind;
  buffer_put(&buffer, &type, 1);
  buffer_put(&buffer, &index, 1);
  const sl_record_kind *table = &sl_record_kinds[kind];
  for (size_t i = 0; i < table->field_count; i++)
    buffer_field(&buffer, &table->fields[i], record);
  child_send(host, &buffer);
  return ++child_of(host)->next_handle;
}

/* The child's emit functions, one per kind of sendlens/records.def: the
 * same table as the parent's, so none can be left pointing at the store. */
#define SL_RECORD(kind, KIND, doc)                                                                 \
  static sl_id child_emit_##kind(sl_host *host, const sl_##kind##_record *record) {                \
    return child_emit(host, SL_KIND_##KIND, record);                                               \
  }
#define SL_FIELD(kind, name, type, presence, values, json, doc)
#define SL_END(kind)
#include "sendlens/records.def"
#undef SL_RECORD
#undef SL_FIELD
#undef SL_END

static int child_add_source(sl_host *host, sl_id record, const sl_source *source) {
  child_buffer buffer = {0};
  unsigned char type = MESSAGE_SOURCE;
  buffer_put(&buffer, &type, 1);
  buffer_number(&buffer, record);
  buffer_source(&buffer, source);
  child_send(host, &buffer);
  return 0;
}

static int child_add_claim(sl_host *host, sl_id record, const char *field, const char *value,
                           const sl_source *source) {
  child_buffer buffer = {0};
  unsigned char type = MESSAGE_CLAIM;
  buffer_put(&buffer, &type, 1);
  buffer_number(&buffer, record);
  buffer_text(&buffer, field);
  buffer_text(&buffer, value);
  buffer_source(&buffer, source);
  child_send(host, &buffer);
  return 0;
}

static void child_send_text(sl_host *host, child_message message, const char *text) {
  child_buffer buffer = {0};
  unsigned char type = (unsigned char)message;
  buffer_put(&buffer, &type, 1);
  buffer_text(&buffer, text);
  child_send(host, &buffer);
}

/* Documents are read in the child (the plugin parses them there) and named
 * to the parent, which reads them too to check every quote. */
static const sl_document *child_read_document(sl_host *host, const char *name) {
  const sl_document *document = sl_host_read_document(host, name);
  if (document) child_send_text(host, MESSAGE_DOCUMENT, document->name);
  return document;
}

static int child_fail(sl_host *host, const char *document, size_t line, const char *format, ...) {
  char reason[512];
  va_list args;
  va_start(args, format);
  vsnprintf(reason, sizeof reason, format, args);
  va_end(args);
  return sl_host_table.fail(host, document, line, "%s", reason);
}

static void child_run(sl_host *host, int fd) {
  child_state state = {fd, 0};
  host->store = NULL;
  host->child = &state;
  sl_host_api table = sl_host_table;
#define SL_RECORD(kind, KIND, doc) table.emit_##kind = child_emit_##kind;
#define SL_FIELD(kind, name, type, presence, values, json, doc)
#define SL_END(kind)
#include "sendlens/records.def"
#undef SL_RECORD
#undef SL_FIELD
#undef SL_END
  table.add_source = child_add_source;
  table.add_claim = child_add_claim;
  table.read_document = child_read_document;
  table.fail = child_fail;
  int result = host->plugin->load(&table, host);
  /* sl_host_fail formatted "PLUGIN: message"; the parent adds the name. */
  if (host->failed) {
    const char *message = host->error->message;
    size_t prefix = strlen(host->plugin->name);
    if (strncmp(message, host->plugin->name, prefix) == 0 && message[prefix] == ':')
      message += prefix + 2;
    child_send_text(host, MESSAGE_FAIL, message);
  }
  child_buffer buffer = {0};
  unsigned char type = MESSAGE_END;
  buffer_put(&buffer, &type, 1);
  buffer_number(&buffer, result);
  child_send(host, &buffer);
}

/* ---- the parent: messages in ---- */

typedef struct parent_reader {
  int fd;
  pid_t child;
  sl_host *host;
  const sl_host_options *options;
  struct timespec started;
  char *buffer;
  size_t length, used, capacity;
  int eof;
  const char *stopped;   /* why the child was killed, if it was */
  sl_arena_list handles; /* child handle n -> parent id, as (void *)(intptr_t) */
} parent_reader;

static double parent_elapsed(const parent_reader *reader) {
  struct timespec now;
  clock_gettime(CLOCK_MONOTONIC, &now);
  return (double)(now.tv_sec - reader->started.tv_sec) +
         (double)(now.tv_nsec - reader->started.tv_nsec) / 1e9;
}

/* The child's resident memory in bytes, from /proc; 0 if unknown. */
static size_t parent_child_resident(pid_t child) {
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
static int parent_check_limits(parent_reader *reader) {
  const sl_host_options *options = reader->options;
  if (parent_elapsed(reader) > options->seconds) {
    reader->stopped = sl_arena_format(reader->host->arena, "did not finish within %g s (stopped)",
                                      options->seconds);
  } else if (parent_child_resident(reader->child) > options->memory) {
    reader->stopped =
        sl_arena_format(reader->host->arena, "used more than its memory limit of %zu MiB (stopped)",
                        options->memory >> 20);
  }
  if (!reader->stopped) return 0;
  kill(reader->child, SIGKILL);
  return -1;
}

/* Make n bytes available at buffer + used, reading (and watching the child)
 * as needed. */
static int parent_need(parent_reader *reader, size_t n) {
  while (reader->length - reader->used < n) {
    if (reader->eof || n > CHILD_MESSAGE_MAX) return -1;
    if (reader->used > 0) {
      memmove(reader->buffer, reader->buffer + reader->used, reader->length - reader->used);
      reader->length -= reader->used;
      reader->used = 0;
    }
    if (reader->capacity - reader->length < 65536) {
      size_t capacity = reader->capacity ? reader->capacity * 2 : 1 << 20;
      char *grown = realloc(reader->buffer, capacity);
      if (!grown) return -1;
      reader->buffer = grown;
      reader->capacity = capacity;
    }
    struct pollfd poll_fd = {reader->fd, POLLIN, 0};
    int ready = poll(&poll_fd, 1, CHILD_POLL_MS);
    if (ready < 0 && errno != EINTR) return -1;
    if (ready <= 0) {
      if (parent_check_limits(reader)) return -1;
      continue;
    }
    ssize_t got =
        read(reader->fd, reader->buffer + reader->length, reader->capacity - reader->length);
    if (got < 0 && errno == EINTR) continue;
    if (got <= 0) {
      reader->eof = 1;
      return -1;
    }
    reader->length += (size_t)got;
    if (parent_check_limits(reader)) return -1;
  }
  return 0;
}

static int parent_byte(parent_reader *reader, unsigned char *byte) {
  if (parent_need(reader, 1)) return -1;
  *byte = (unsigned char)reader->buffer[reader->used++];
  return 0;
}

static int parent_number(parent_reader *reader, int64_t *number) {
  if (parent_need(reader, sizeof *number)) return -1;
  memcpy(number, reader->buffer + reader->used, sizeof *number);
  reader->used += sizeof *number;
  return 0;
}

static int parent_text(parent_reader *reader, const char **text) {
  uint32_t length;
  if (parent_need(reader, sizeof length)) return -1;
  memcpy(&length, reader->buffer + reader->used, sizeof length);
  reader->used += sizeof length;
  if (length == UINT32_MAX) {
    *text = NULL;
    return 0;
  }
  if (parent_need(reader, length)) return -1;
  *text = sl_arena_copy(reader->host->arena, reader->buffer + reader->used, length);
  reader->used += length;
  return *text ? 0 : -1;
}

static int parent_source(parent_reader *reader, sl_source *source) {
  return parent_text(reader, &source->document) || parent_text(reader, &source->locator) ||
         parent_text(reader, &source->quote);
}

/* The parent's id for a child handle; 0 for none or a refused record. */
static sl_id parent_handle(const parent_reader *reader, int64_t handle) {
  if (handle <= 0 || (size_t)handle > reader->handles.count) return 0;
  return (sl_id)(intptr_t)reader->handles.items[handle - 1];
}

/* A field of a record from the wire into the record's struct. */
static int parent_field(parent_reader *reader, const sl_record_field *field, char *record) {
  char *at = record + field->offset;
  int64_t number = 0;
  if (field->type == SL_FIELD_SOURCE) return parent_source(reader, (sl_source *)(void *)at);
  if (field->type != SL_FIELD_COUNT && field->type != SL_FIELD_PARENT)
    return parent_text(reader, (const char **)(void *)at);
  if (parent_number(reader, &number)) return -1;
  if (field->type == SL_FIELD_COUNT) *(int *)(void *)at = (int)number;
  if (field->type == SL_FIELD_PARENT) *(sl_id *)(void *)at = parent_handle(reader, number);
  return 0;
}

static int parent_record(parent_reader *reader) {
  unsigned char index;
  if (parent_byte(reader, &index) || index >= SL_KIND_COUNT) return -1;
  const sl_record_kind *kind = &sl_record_kinds[index];
  char *record = sl_arena_alloc(reader->host->arena, kind->size);
  if (!record) return -1;
  for (size_t i = 0; i < kind->field_count; i++)
    if (parent_field(reader, &kind->fields[i], record)) return -1;
  sl_id id = sl_host_emit_record(reader->host, (sl_kind)index, record);
  return sl_arena_list_push(&reader->handles, (const void *)(intptr_t)id);
}

static int parent_message(parent_reader *reader, int64_t *result, int *ended) {
  unsigned char type;
  int64_t handle;
  const char *field, *value, *text;
  sl_source source;
  if (parent_byte(reader, &type)) return -1;
  switch (type) {
  case MESSAGE_RECORD:
    return parent_record(reader);
  case MESSAGE_SOURCE:
    if (parent_number(reader, &handle) || parent_source(reader, &source)) return -1;
    sl_host_add_source(reader->host, parent_handle(reader, handle), &source);
    return 0;
  case MESSAGE_CLAIM:
    if (parent_number(reader, &handle) || parent_text(reader, &field) ||
        parent_text(reader, &value) || parent_source(reader, &source))
      return -1;
    sl_host_add_claim(reader->host, parent_handle(reader, handle), field, value, &source);
    return 0;
  case MESSAGE_DOCUMENT:
    if (parent_text(reader, &text)) return -1;
    sl_host_read_document(reader->host, text);
    return 0;
  case MESSAGE_FAIL:
    if (parent_text(reader, &text)) return -1;
    sl_host_fail(reader->host, "%s", text ? text : "failed");
    return 0;
  case MESSAGE_END:
    *ended = 1;
    return parent_number(reader, result);
  default:
    return -1;
  }
}

/* What happened to a child that did not finish its load. */
static void parent_explain(parent_reader *reader, int status) {
  sl_host *host = reader->host;
  host->failed = 0; /* the child's end outranks a record refused on the way */
  if (reader->stopped)
    sl_host_fail(host, "%s", reader->stopped);
  else if (WIFSIGNALED(status))
    sl_host_fail(host, "crashed (signal %d, %s)", WTERMSIG(status), strsignal(WTERMSIG(status)));
  else if (WIFEXITED(status))
    sl_host_fail(host, "exited with status %d before finishing its load", WEXITSTATUS(status));
  else
    sl_host_fail(host, "stopped before finishing its load");
}

static int parent_replay(parent_reader *reader) {
  int64_t result = -1;
  int ended = 0;
  while (!ended && parent_message(reader, &result, &ended) == 0)
    continue;
  if (!ended || reader->host->failed) kill(reader->child, SIGKILL);
  int status = 0;
  while (waitpid(reader->child, &status, 0) < 0 && errno == EINTR)
    continue;
  if (ended) return (int)result;
  parent_explain(reader, status);
  return -1;
}

int sl_host_child_load(sl_host *host, const sl_host_options *options) {
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
    child_run(host, pipe_fds[1]);
    _exit(0);
  }
  close(pipe_fds[1]);
  parent_reader reader = {.fd = pipe_fds[0], .child = child, .host = host, .options = options};
  clock_gettime(CLOCK_MONOTONIC, &reader.started);
  sl_arena_list_init(&reader.handles, host->arena);
  int result = parent_replay(&reader);
  close(pipe_fds[0]);
  free(reader.buffer);
  return result;
}
