/*
 * host_sandbox.h: the process a plugin's code runs in. A child of sendlens,
 * forked before the plugin is opened, that keeps only the write end of its
 * pipe (stdin, stdout and stderr are /dev/null; every other descriptor,
 * the database's among them, is closed), may read only the plugin's file,
 * its sources folder and the system's libraries (Landlock), and may not
 * start a process, signal another, trace, or open a socket (seccomp). It is
 * the leader of its own process group, so it and anything it managed to
 * leave behind are killed together when its load ends, and it dies with
 * sendlens.
 */
#ifndef SL_HOST_SANDBOX_H
#define SL_HOST_SANDBOX_H

#include <sys/types.h>

#include "error.h"

/* What the child may read: the plugin's shared object, and its documents'
 * folder (NULL when it reads none, as when only its descriptor is read). */
typedef struct sl_sandbox {
  const char *plugin_path;
  const char *sources_dir;
} sl_sandbox;

/*
 * Fork the confined child. In the parent: the child's pid (also its
 * process group) with *read_fd the pipe's read end. In the child: 0 with
 * *write_fd the pipe's write end, the only descriptor left open besides
 * /dev/null on 0, 1 and 2, and the sandbox applied (a part the kernel
 * lacks is skipped: see sl_sandbox_notes). -1 with error when no process
 * could be started.
 */
pid_t sl_sandbox_fork(const sl_sandbox *sandbox, int *read_fd, int *write_fd, sl_error *error);

/* Kill the child and its process group (whatever it may have started). */
void sl_sandbox_kill(pid_t child);

/* Why the sandbox is weaker than described on this machine (Landlock not
 * in the kernel), as one line for a note; NULL when it is whole. */
const char *sl_sandbox_weakness(void);

#endif
