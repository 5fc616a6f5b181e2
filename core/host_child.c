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

enum { CHILD_MESSAGE_MAX = 256 * 1024 * 1024, CHILD_POLL_MS = 50 };

typedef enum child_message {
  MESSAGE_RECORD = 'R',
  MESSAGE_SOURCE = 'S',
  MESSAGE_CLAIM = 'C',
  MESSAGE_DOCUMENT = 'D',
  MESSAGE_FAIL = 'F',
  MESSAGE_END = 'E',
} child_message;

/* ---- record layouts: which fields each record struct has ---- */

typedef enum field_type { FIELD_END, FIELD_TEXT, FIELD_INT, FIELD_ID, FIELD_SOURCE } field_type;

typedef struct record_field {
  field_type type;
  size_t offset;
} record_field;

typedef struct record_kind {
  size_t size;
  sl_id (*emit)(sl_host *, const void *); /* the parent's validating emit */
  record_field fields[12];
} record_kind;

#define TEXT(type, name)                                                                           \
  { FIELD_TEXT, offsetof(type, name) }
#define INT(type, name)                                                                            \
  { FIELD_INT, offsetof(type, name) }
#define ID(type, name)                                                                             \
  { FIELD_ID, offsetof(type, name) }
#define SOURCE(type)                                                                               \
  { FIELD_SOURCE, offsetof(type, source) }
#define END                                                                                        \
  { FIELD_END, 0 }

/* Typed calls, so no emit function is called through a cast pointer. */
#define REPLAY(kind, type)                                                                         \
  static sl_id replay_##kind(sl_host *host, const void *record) {                                  \
    return sl_host_emit_##kind(host, (const type *)record);                                        \
  }
REPLAY(area, sl_area_record)
REPLAY(inspection, sl_inspection_record)
REPLAY(weakness, sl_weakness_record)
REPLAY(plan, sl_plan_record)
REPLAY(concern, sl_concern_record)
REPLAY(member, sl_member_record)
REPLAY(action, sl_action_record)
REPLAY(measure, sl_measure_record)
REPLAY(comparator, sl_comparator_record)
REPLAY(observation, sl_observation_record)
REPLAY(review, sl_review_record)
REPLAY(finding, sl_finding_record)
REPLAY(term, sl_term_record)

enum {
  KIND_AREA,
  KIND_INSPECTION,
  KIND_WEAKNESS,
  KIND_PLAN,
  KIND_CONCERN,
  KIND_MEMBER,
  KIND_ACTION,
  KIND_MEASURE,
  KIND_COMPARATOR,
  KIND_OBSERVATION,
  KIND_REVIEW,
  KIND_FINDING,
  KIND_TERM,
  KIND_COUNT
};

static const record_kind RECORD_KINDS[KIND_COUNT] = {
    [KIND_AREA] = {sizeof(sl_area_record),
                   replay_area,
                   {TEXT(sl_area_record, code), TEXT(sl_area_record, la_number),
                    TEXT(sl_area_record, name), TEXT(sl_area_record, region),
                    SOURCE(sl_area_record), END}},
    [KIND_INSPECTION] = {sizeof(sl_inspection_record),
                         replay_inspection,
                         {TEXT(sl_inspection_record, kind), TEXT(sl_inspection_record, started),
                          TEXT(sl_inspection_record, ended), TEXT(sl_inspection_record, published),
                          TEXT(sl_inspection_record, outcome),
                          INT(sl_inspection_record, weaknesses_found),
                          INT(sl_inspection_record, weaknesses_sufficient),
                          SOURCE(sl_inspection_record), END}},
    [KIND_WEAKNESS] = {sizeof(sl_weakness_record),
                       replay_weakness,
                       {ID(sl_weakness_record, inspection), TEXT(sl_weakness_record, ref),
                        TEXT(sl_weakness_record, text), TEXT(sl_weakness_record, progress),
                        SOURCE(sl_weakness_record), END}},
    [KIND_PLAN] = {sizeof(sl_plan_record),
                   replay_plan,
                   {TEXT(sl_plan_record, kind), TEXT(sl_plan_record, title),
                    TEXT(sl_plan_record, version), TEXT(sl_plan_record, dated),
                    TEXT(sl_plan_record, approved), TEXT(sl_plan_record, period_from),
                    TEXT(sl_plan_record, period_to), TEXT(sl_plan_record, board),
                    SOURCE(sl_plan_record), END}},
    [KIND_CONCERN] = {sizeof(sl_concern_record),
                      replay_concern,
                      {ID(sl_concern_record, plan), TEXT(sl_concern_record, ref),
                       TEXT(sl_concern_record, title), SOURCE(sl_concern_record), END}},
    [KIND_MEMBER] = {sizeof(sl_member_record),
                     replay_member,
                     {ID(sl_member_record, concern), TEXT(sl_member_record, role),
                      TEXT(sl_member_record, name), SOURCE(sl_member_record), END}},
    [KIND_ACTION] = {sizeof(sl_action_record),
                     replay_action,
                     {ID(sl_action_record, concern), TEXT(sl_action_record, ref),
                      TEXT(sl_action_record, text), TEXT(sl_action_record, lead),
                      TEXT(sl_action_record, due), TEXT(sl_action_record, status),
                      SOURCE(sl_action_record), END}},
    [KIND_MEASURE] = {sizeof(sl_measure_record),
                      replay_measure,
                      {ID(sl_measure_record, parent), TEXT(sl_measure_record, ref),
                       TEXT(sl_measure_record, name), TEXT(sl_measure_record, group),
                       TEXT(sl_measure_record, kind), TEXT(sl_measure_record, unit),
                       TEXT(sl_measure_record, direction), TEXT(sl_measure_record, baseline),
                       TEXT(sl_measure_record, baseline_date), TEXT(sl_measure_record, target),
                       SOURCE(sl_measure_record), END}},
    [KIND_COMPARATOR] = {sizeof(sl_comparator_record),
                         replay_comparator,
                         {ID(sl_comparator_record, measure), TEXT(sl_comparator_record, label),
                          TEXT(sl_comparator_record, value), TEXT(sl_comparator_record, date),
                          SOURCE(sl_comparator_record), END}},
    [KIND_OBSERVATION] = {sizeof(sl_observation_record),
                          replay_observation,
                          {ID(sl_observation_record, measure), TEXT(sl_observation_record, period),
                           TEXT(sl_observation_record, kind), TEXT(sl_observation_record, value),
                           TEXT(sl_observation_record, state), TEXT(sl_observation_record, note),
                           SOURCE(sl_observation_record), END}},
    [KIND_REVIEW] = {sizeof(sl_review_record),
                     replay_review,
                     {ID(sl_review_record, plan), TEXT(sl_review_record, label),
                      TEXT(sl_review_record, due), TEXT(sl_review_record, held),
                      TEXT(sl_review_record, by), SOURCE(sl_review_record), END}},
    [KIND_FINDING] = {sizeof(sl_finding_record),
                      replay_finding,
                      {ID(sl_finding_record, review), TEXT(sl_finding_record, text),
                       SOURCE(sl_finding_record), END}},
    [KIND_TERM] = {sizeof(sl_term_record),
                   replay_term,
                   {TEXT(sl_term_record, term), TEXT(sl_term_record, expansion),
                    SOURCE(sl_term_record), END}},
};

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

static sl_id child_emit(sl_host *host, int kind, const void *record) {
  if (!record) return 0;
  child_buffer buffer = {0};
  unsigned char type = MESSAGE_RECORD, index = (unsigned char)kind;
  buffer_put(&buffer, &type, 1);
  buffer_put(&buffer, &index, 1);
  for (const record_field *field = RECORD_KINDS[kind].fields; field->type != FIELD_END; field++) {
    const char *at = (const char *)record + field->offset;
    if (field->type == FIELD_TEXT) buffer_text(&buffer, *(const char *const *)at);
    if (field->type == FIELD_INT) buffer_number(&buffer, *(const int *)at);
    if (field->type == FIELD_ID) buffer_number(&buffer, *(const sl_id *)at);
    if (field->type == FIELD_SOURCE) buffer_source(&buffer, (const sl_source *)at);
  }
  child_send(host, &buffer);
  return ++child_of(host)->next_handle;
}

#define CHILD_EMIT(kind, type, index)                                                              \
  static sl_id child_emit_##kind(sl_host *host, const type *record) {                              \
    return child_emit(host, index, record);                                                        \
  }
CHILD_EMIT(area, sl_area_record, KIND_AREA)
CHILD_EMIT(inspection, sl_inspection_record, KIND_INSPECTION)
CHILD_EMIT(weakness, sl_weakness_record, KIND_WEAKNESS)
CHILD_EMIT(plan, sl_plan_record, KIND_PLAN)
CHILD_EMIT(concern, sl_concern_record, KIND_CONCERN)
CHILD_EMIT(member, sl_member_record, KIND_MEMBER)
CHILD_EMIT(action, sl_action_record, KIND_ACTION)
CHILD_EMIT(measure, sl_measure_record, KIND_MEASURE)
CHILD_EMIT(comparator, sl_comparator_record, KIND_COMPARATOR)
CHILD_EMIT(observation, sl_observation_record, KIND_OBSERVATION)
CHILD_EMIT(review, sl_review_record, KIND_REVIEW)
CHILD_EMIT(finding, sl_finding_record, KIND_FINDING)
CHILD_EMIT(term, sl_term_record, KIND_TERM)

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
  table.emit_area = child_emit_area;
  table.emit_inspection = child_emit_inspection;
  table.emit_weakness = child_emit_weakness;
  table.emit_plan = child_emit_plan;
  table.emit_concern = child_emit_concern;
  table.emit_member = child_emit_member;
  table.emit_action = child_emit_action;
  table.emit_measure = child_emit_measure;
  table.emit_comparator = child_emit_comparator;
  table.emit_observation = child_emit_observation;
  table.emit_review = child_emit_review;
  table.emit_finding = child_emit_finding;
  table.emit_term = child_emit_term;
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

static int parent_record(parent_reader *reader) {
  unsigned char index;
  if (parent_byte(reader, &index) || index >= KIND_COUNT) return -1;
  const record_kind *kind = &RECORD_KINDS[index];
  char *record = sl_arena_alloc(reader->host->arena, kind->size);
  if (!record) return -1;
  for (const record_field *field = kind->fields; field->type != FIELD_END; field++) {
    char *at = record + field->offset;
    int64_t number = 0;
    int failed = 0;
    if (field->type == FIELD_TEXT) failed = parent_text(reader, (const char **)(void *)at);
    if (field->type == FIELD_SOURCE) failed = parent_source(reader, (sl_source *)(void *)at);
    if (field->type == FIELD_INT || field->type == FIELD_ID)
      failed = parent_number(reader, &number);
    if (failed) return -1;
    if (field->type == FIELD_INT) *(int *)(void *)at = (int)number;
    if (field->type == FIELD_ID) *(sl_id *)(void *)at = parent_handle(reader, number);
  }
  sl_id id = kind->emit(reader->host, record);
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
