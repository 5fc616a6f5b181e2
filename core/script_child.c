/*
 * script_child.c: untrusted Lua in a child process (script_child.h).
 *
 * The Lua sandbox stops what it can see; this bounds what it cannot: a
 * backtracking pattern or other work inside one C call, memory that SQLite
 * takes outside Lua's allocator, and anything that would outlive a call.
 * The child writes to the pipe a byte 'H' when each call starts, then once
 * 'R' and the result, or 'E' and the error, and exits. The parent gives
 * each call its time and a grace period from its 'H', and kills the child
 * past that.
 */
#define _GNU_SOURCE /* pipe2 */
#include "script_child.h"

#include "buffer.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <poll.h>
#include <signal.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#if defined(__SANITIZE_ADDRESS__)
#define SCRIPT_CHILD_SANITIZED 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define SCRIPT_CHILD_SANITIZED 1
#endif
#endif
#ifndef SCRIPT_CHILD_SANITIZED
#define SCRIPT_CHILD_SANITIZED 0
#endif

enum {
  SCRIPT_CHILD_THREADS = 4,      /* the script's and per_import's helpers */
  SCRIPT_CHILD_HEAP_TIMES = 4,   /* SQLite's heap: this many times Lua's */
  SCRIPT_CHILD_POLL_MS = 100,    /* how often the parent looks at the clock */
  SCRIPT_CHILD_STARTUP = 10,     /* seconds to open the store, before any call */
  SCRIPT_CHILD_MAX_OUTPUT = 256, /* MiB of result */
};

/* Beyond Lua's memory and SQLite's heap: the program, its libraries, the
 * threads' stacks, per_import's rows on their way into Lua. */
static const size_t SCRIPT_CHILD_SLACK = (size_t)512 << 20;

struct sl_script_child {
  int fd;
  sl_lua_limits limits;
};

static double script_child_now(void) {
  struct timespec now;
  clock_gettime(CLOCK_MONOTONIC, &now);
  return (double)now.tv_sec + (double)now.tv_nsec / 1e9;
}

/* The grace the sandbox's own watchdog gives a call, and as much again:
 * the parent is the last resort. */
static double script_child_allowed(const sl_lua_limits *limits) {
  return limits->seconds + 2 * (1.0 + limits->seconds / 10);
}

static size_t script_child_heap(const sl_lua_limits *limits) {
  size_t heap = limits->memory * SCRIPT_CHILD_HEAP_TIMES;
  return heap < ((size_t)64 << 20) ? (size_t)64 << 20 : heap;
}

/* ---- in the child ---- */

/* A write to the parent that fails means the parent has gone: the child
 * then has no one to tell. */
static void script_child_write(int fd, const char *bytes, size_t length) {
  (void)sl_buffer_write_all(fd, bytes, length);
}

/* The CPU the process has used, in seconds. */
static double script_child_cpu(void) {
  struct rusage usage;
  if (getrusage(RUSAGE_SELF, &usage)) return 0;
  return (double)usage.ru_utime.tv_sec + (double)usage.ru_stime.tv_sec +
         (double)(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

/* A call starts: the parent's watchdog restarts, and the CPU limit is the
 * call's time on every thread it may use, from now (the kernel sends
 * SIGXCPU past it, which no script can catch). */
static void script_child_on_call(void *context) {
  sl_script_child *child = context;
  script_child_write(child->fd, "H", 1);
  double allowed = script_child_cpu() + child->limits.seconds * SCRIPT_CHILD_THREADS + 2;
  struct rlimit cpu;
  if (getrlimit(RLIMIT_CPU, &cpu) == 0) {
    cpu.rlim_cur = (rlim_t)ceil(allowed);
    if (cpu.rlim_max != RLIM_INFINITY && cpu.rlim_cur > cpu.rlim_max) cpu.rlim_cur = cpu.rlim_max;
    setrlimit(RLIMIT_CPU, &cpu);
  }
}

static void script_child_on_expiry(void *context, const char *message) {
  sl_script_child *child = context;
  script_child_write(child->fd, "E", 1);
  script_child_write(child->fd, message, strlen(message));
  _exit(1);
}

void sl_script_child_watch(sl_script_child *child, sl_lua *lua) {
  sl_lua_set_callbacks(lua, script_child_on_call, script_child_on_expiry, child);
}

/* No core file; memory bounded (not under AddressSanitizer, whose shadow
 * memory is address space). The descriptors the child inherits stay open:
 * SQLite keeps one table of open files per process, and the child's own
 * connection to the store finds the parent's entry in its copy of it (and
 * in WAL mode uses its shared-memory descriptor). The script cannot use
 * a descriptor: it has no io library. */
static void script_child_confine(const sl_lua_limits *limits) {
  struct rlimit none = {0, 0};
  setrlimit(RLIMIT_CORE, &none);
  if (!SCRIPT_CHILD_SANITIZED) {
    rlim_t bytes = (rlim_t)(2 * limits->memory + script_child_heap(limits) + SCRIPT_CHILD_SLACK);
    struct rlimit memory = {bytes, bytes};
    setrlimit(RLIMIT_AS, &memory);
  }
  sqlite3_hard_heap_limit64((sqlite3_int64)script_child_heap(limits));
}

static void script_child_main(const sl_lua_limits *limits, sl_script_work work, void *context,
                              int fd) {
  script_child_confine(limits);
  sl_script_child child = {fd, *limits};
  char *output = NULL;
  size_t length = 0;
  sl_error error = {{0}};
  int rc = work(context, &child, &output, &length, &error);
  fflush(stdout); /* what `run` printed */
  script_child_write(child.fd, rc == 0 ? "R" : "E", 1);
  if (rc == 0)
    script_child_write(child.fd, output ? output : "", output ? length : 0);
  else
    script_child_write(child.fd, error.message, strlen(error.message));
  free(output);
  _exit(rc == 0 ? 0 : 1); /* not exit: the parent's atexit and buffers are its own */
}

/* ---- in the parent ---- */

typedef struct script_child_reading {
  char *bytes; /* after the status byte */
  size_t length, capacity;
  char status; /* 0 until 'R' or 'E' */
  double deadline;
  int too_big;
} script_child_reading;

static void script_child_take(script_child_reading *reading, const char *bytes, size_t count,
                              const sl_lua_limits *limits) {
  size_t i = 0;
  while (!reading->status && i < count) {
    char byte = bytes[i++];
    if (byte == 'H')
      reading->deadline = script_child_now() + script_child_allowed(limits);
    else
      reading->status = byte;
  }
  bytes += i;
  count -= i;
  if (!reading->status || count == 0 || reading->too_big) return;
  if (reading->length + count > (size_t)SCRIPT_CHILD_MAX_OUTPUT << 20) {
    reading->too_big = 1;
    return;
  }
  if (reading->length + count + 1 > reading->capacity) {
    size_t capacity = (reading->length + count + 1) * 2;
    char *grown = realloc(reading->bytes, capacity);
    if (!grown) {
      reading->too_big = 1;
      return;
    }
    reading->bytes = grown;
    reading->capacity = capacity;
  }
  memcpy(reading->bytes + reading->length, bytes, count);
  reading->length += count;
}

/* Read until the child closes the pipe, killing it when a call outlives
 * its time. Returns whether it was killed. */
static int script_child_read(pid_t child, int fd, const sl_lua_limits *limits,
                             script_child_reading *reading) {
  reading->deadline = script_child_now() + SCRIPT_CHILD_STARTUP + script_child_allowed(limits);
  char buffer[65536];
  for (;;) {
    struct pollfd wait = {fd, POLLIN, 0};
    int ready = poll(&wait, 1, SCRIPT_CHILD_POLL_MS);
    if (ready < 0 && errno != EINTR) break;
    if (ready > 0) {
      ssize_t got = read(fd, buffer, sizeof buffer);
      if (got < 0 && errno == EINTR) continue;
      if (got <= 0) break; /* closed: the child has ended */
      script_child_take(reading, buffer, (size_t)got, limits);
    }
    if (!reading->status && script_child_now() > reading->deadline) {
      kill(child, SIGKILL);
      return 1;
    }
  }
  return 0;
}

/* What the child's end says, as the result or the error. */
static int script_child_outcome(const char *script, const sl_lua_limits *limits, int status,
                                int killed, script_child_reading *reading, sl_error *error) {
  if (killed)
    return sl_error_set(error, "%s: time limit exceeded (%.1f s) in one call: stopped", script,
                        limits->seconds);
  if (reading->too_big)
    return sl_error_set(error, "%s: the result is larger than %d MiB", script,
                        SCRIPT_CHILD_MAX_OUTPUT);
  if (reading->status == 'E')
    return sl_error_set(error, "%.*s", (int)reading->length, reading->bytes ? reading->bytes : "");
  if (WIFSIGNALED(status) && WTERMSIG(status) == SIGXCPU)
    return sl_error_set(error, "%s: CPU time limit exceeded (%.1f s per call): stopped", script,
                        limits->seconds);
  if (WIFSIGNALED(status))
    return sl_error_set(error, "%s: the script's process ended by signal %d", script,
                        WTERMSIG(status));
  if (reading->status != 'R' || !WIFEXITED(status) || WEXITSTATUS(status) != 0)
    return sl_error_set(error, "%s: the script's process failed without a result", script);
  return 0;
}

int sl_script_child_run(const char *script, const sl_lua_limits *limits, sl_script_work work,
                        void *context, char **output, size_t *length, sl_error *error) {
  *output = NULL;
  *length = 0;
  int pipe_fds[2];
  if (pipe2(pipe_fds, O_CLOEXEC))
    return sl_error_set(error, "%s: cannot make a pipe: %s", script, strerror(errno));
  fflush(NULL); /* or the child would write the parent's buffers again */
  pid_t child = fork();
  if (child < 0) {
    close(pipe_fds[0]);
    close(pipe_fds[1]);
    return sl_error_set(error, "%s: cannot start a process: %s", script, strerror(errno));
  }
  if (child == 0) {
    close(pipe_fds[0]);
    script_child_main(limits, work, context, pipe_fds[1]);
  }
  close(pipe_fds[1]);
  script_child_reading reading = {0};
  int killed = script_child_read(child, pipe_fds[0], limits, &reading);
  close(pipe_fds[0]);
  int status = 0;
  while (waitpid(child, &status, 0) < 0 && errno == EINTR)
    ;
  int rc = script_child_outcome(script, limits, status, killed, &reading, error);
  if (rc != 0) {
    free(reading.bytes);
    return -1;
  }
  *output = reading.bytes ? reading.bytes : calloc(1, 1);
  if (!*output) return sl_error_set(error, "out of memory");
  (*output)[reading.length] = '\0';
  *length = reading.length;
  return 0;
}
