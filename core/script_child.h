/*
 * script_child.h: running untrusted Lua in a child process, so that its
 * bounds hold whatever the script does inside one C call: RLIMIT_CPU
 * renewed for each call, a memory rlimit, SQLite's process-wide heap
 * limit, and a watchdog in the parent that kills the child when a call
 * outlives its time. The child opens its own read-only connections and
 * sends back one result (text, such as JSON) over a pipe; the parent
 * stores it.
 */
#ifndef SL_SCRIPT_CHILD_H
#define SL_SCRIPT_CHILD_H

#include <stddef.h>

#include "error.h"
#include "lua_sandbox.h"

typedef struct sl_script_child sl_script_child;

/* The work done in the child: a malloc'd result in *output (*length
 * bytes, may be empty), or -1 and error. */
typedef int (*sl_script_work)(void *context, sl_script_child *child, char **output, size_t *length,
                              sl_error *error);

/* Run work in a child under limits; script names it in messages. On
 * success *output (malloc'd, NUL-terminated) holds what the work gave. */
int sl_script_child_run(const char *script, const sl_lua_limits *limits, sl_script_work work,
                        void *context, char **output, size_t *length, sl_error *error);

/* In the child: tell the parent when each call of lua starts (its watchdog
 * and the CPU limit restart), and send a call stuck past its time back as
 * the result's error. */
void sl_script_child_watch(sl_script_child *child, sl_lua *lua);

#endif
