/*
 * host_sandbox.c: the confined child a plugin's code runs in (see
 * host_sandbox.h). Everything is applied in the child after fork and
 * before the plugin's shared object is opened, so the plugin's
 * constructors run confined too. In order: its own process group and death
 * with the parent; every descriptor closed but the pipe (the database's
 * among them); no core file (rlimit); Landlock, read
 * only, on what the plugin needs; a seccomp filter against new processes,
 * signals to others, tracing and sockets.
 *
 * Landlock and seccomp are called through syscall(2) with the kernel's own
 * structures: the C library wraps neither, and the installed headers may
 * be older than the kernel (the rights of later Landlock ABIs are named
 * here by their documented bits).
 */
#define _GNU_SOURCE /* close_range, pipe2, O_PATH */
#include "host_sandbox.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/landlock.h>
#include <linux/seccomp.h>
#include <signal.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

/* ---- Landlock ---- */

/* The rights of every ABI up to 6 (ABI 7 added none for files). */
enum {
  SANDBOX_FS_READ_FILE = 1 << 2,
  SANDBOX_FS_READ_DIR = 1 << 3,
  SANDBOX_FS_ABI1 = (1 << 13) - 1, /* execute .. make_sym */
  SANDBOX_FS_REFER = 1 << 13,      /* ABI 2 */
  SANDBOX_FS_TRUNCATE = 1 << 14,   /* ABI 3 */
  SANDBOX_FS_IOCTL_DEV = 1 << 15,  /* ABI 5 */
  SANDBOX_NET_ALL = 3,             /* ABI 4: bind and connect TCP */
  SANDBOX_SCOPE_ALL = 3,           /* ABI 6: abstract sockets, signals */
};

/* The ruleset attribute as of ABI 6; older kernels are given its prefix. */
typedef struct sandbox_ruleset {
  uint64_t handled_access_fs;
  uint64_t handled_access_net;
  uint64_t scoped;
} sandbox_ruleset;

/* System folders a shared object's own dependencies load from, and what
 * the sanitizers read of the process itself. Missing ones are skipped. */
static const char *const SANDBOX_SYSTEM_PATHS[] = {
    "/lib",           "/lib64",           "/usr/lib",   "/usr/lib64",
    "/usr/local/lib", "/etc/ld.so.cache", "/proc/self", NULL};

static int sandbox_landlock_abi(void) {
  long abi = syscall(SYS_landlock_create_ruleset, NULL, 0, LANDLOCK_CREATE_RULESET_VERSION);
  return abi > 0 ? (int)abi : 0;
}

/* Everything this ABI can refuse is refused, unless a rule allows it. */
static size_t sandbox_ruleset_for(int abi, sandbox_ruleset *ruleset) {
  memset(ruleset, 0, sizeof *ruleset);
  ruleset->handled_access_fs = SANDBOX_FS_ABI1;
  if (abi >= 2) ruleset->handled_access_fs |= SANDBOX_FS_REFER;
  if (abi >= 3) ruleset->handled_access_fs |= SANDBOX_FS_TRUNCATE;
  if (abi >= 5) ruleset->handled_access_fs |= SANDBOX_FS_IOCTL_DEV;
  if (abi >= 4) ruleset->handled_access_net = SANDBOX_NET_ALL;
  if (abi >= 6) ruleset->scoped = SANDBOX_SCOPE_ALL;
  return abi >= 6 ? sizeof *ruleset : abi >= 4 ? 2 * sizeof(uint64_t) : sizeof(uint64_t);
}

/* Read-only access beneath path (a file: reading it). */
static int sandbox_allow(int ruleset_fd, const char *path) {
  int fd = open(path, O_PATH | O_CLOEXEC);
  if (fd < 0) return errno == ENOENT ? 0 : -1;
  struct stat info;
  struct landlock_path_beneath_attr rule = {.allowed_access = SANDBOX_FS_READ_FILE,
                                            .parent_fd = fd};
  /* a folder also needs its listing; a file may hold only file rights */
  if (fstat(fd, &info) == 0 && S_ISDIR(info.st_mode)) rule.allowed_access |= SANDBOX_FS_READ_DIR;
  int rc = (int)syscall(SYS_landlock_add_rule, ruleset_fd, LANDLOCK_RULE_PATH_BENEATH, &rule, 0);
  close(fd);
  return rc;
}

/* 0 when applied or not in this kernel (the parent says so); -1 when it
 * failed, and the child must not go on. */
static int sandbox_landlock(const sl_sandbox *sandbox) {
  int abi = sandbox_landlock_abi();
  if (abi <= 0) return 0;
  sandbox_ruleset attr;
  size_t size = sandbox_ruleset_for(abi, &attr);
  int ruleset_fd = (int)syscall(SYS_landlock_create_ruleset, &attr, size, 0);
  if (ruleset_fd < 0) return -1;
  int rc = sandbox_allow(ruleset_fd, sandbox->plugin_path);
  if (rc == 0 && sandbox->sources_dir) rc = sandbox_allow(ruleset_fd, sandbox->sources_dir);
  for (int i = 0; rc == 0 && SANDBOX_SYSTEM_PATHS[i]; i++)
    rc = sandbox_allow(ruleset_fd, SANDBOX_SYSTEM_PATHS[i]);
  if (rc == 0) rc = (int)syscall(SYS_landlock_restrict_self, ruleset_fd, 0);
  close(ruleset_fd);
  return rc;
}

/* ---- seccomp ---- */

#if defined(__x86_64__)
#define SANDBOX_ARCH AUDIT_ARCH_X86_64
#elif defined(__aarch64__)
#define SANDBOX_ARCH AUDIT_ARCH_AARCH64
#endif

#ifdef SANDBOX_ARCH
/* Refused outright: a new process or program, tracing or writing another
 * process, sockets, signals by other routes than kill and tgkill, leaving
 * the namespaces. */
static const int SANDBOX_REFUSED[] = {
#ifdef SYS_fork
    SYS_fork,
#endif
#ifdef SYS_vfork
    SYS_vfork,
#endif
    SYS_clone,
    SYS_clone3,
    SYS_execve,
    SYS_execveat,
    SYS_ptrace,
    SYS_process_vm_writev,
    SYS_process_vm_readv,
    SYS_socket,
    SYS_socketpair,
    SYS_tkill,
    SYS_rt_sigqueueinfo,
    SYS_rt_tgsigqueueinfo,
    SYS_pidfd_open,
    SYS_pidfd_send_signal,
    SYS_pidfd_getfd,
    SYS_unshare,
    SYS_setns,
};

enum { SANDBOX_REFUSED_COUNT = sizeof SANDBOX_REFUSED / sizeof *SANDBOX_REFUSED };

#define SANDBOX_LOAD(field)                                                                        \
  (struct sock_filter) BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, field))
#define SANDBOX_RETURN(value) (struct sock_filter) BPF_STMT(BPF_RET | BPF_K, value)
#define SANDBOX_ERRNO (SECCOMP_RET_ERRNO | (EPERM & SECCOMP_RET_DATA))

/* kill and tgkill pass when their first argument is this process (raise
 * and abort signal themselves so); every other target is refused. The
 * filter: the architecture, then each refused number, then the two signal
 * calls' target. */
static int sandbox_seccomp(void) {
  enum { HEAD = 5, TAIL = 7 }; /* HEAD: at most, with the x32 check */
  struct sock_filter program[HEAD + SANDBOX_REFUSED_COUNT + TAIL];
  size_t n = 0;
  uint32_t self = (uint32_t)getpid();
  program[n++] = SANDBOX_LOAD(arch);
  program[n++] = (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SANDBOX_ARCH, 1, 0);
  program[n++] = SANDBOX_RETURN(SECCOMP_RET_KILL_PROCESS);
  program[n++] = SANDBOX_LOAD(nr);
#ifdef __x86_64__
  /* x32 calls are the same numbers with this bit set: all refused */
  program[n++] = (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JGE | BPF_K, 0x40000000u,
                                              (uint8_t)(SANDBOX_REFUSED_COUNT + TAIL - 1), 0);
#endif
  for (size_t i = 0; i < SANDBOX_REFUSED_COUNT; i++) {
    /* at the end of this list: TAIL - 1 statements on is the refusal */
    uint8_t to_refuse = (uint8_t)(SANDBOX_REFUSED_COUNT - i - 1 + TAIL - 1);
    program[n++] = (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K,
                                                (uint32_t)SANDBOX_REFUSED[i], to_refuse, 0);
  }
  /* TAIL: kill? tgkill? else allow; the target is self? allow : refuse */
  program[n++] = (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SYS_kill, 2, 0);
  program[n++] = (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SYS_tgkill, 1, 0);
  program[n++] = SANDBOX_RETURN(SECCOMP_RET_ALLOW);
  program[n++] = SANDBOX_LOAD(args[0]); /* the low half: pid_t is 32 bits */
  program[n++] = (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, self, 0, 1);
  program[n++] = SANDBOX_RETURN(SECCOMP_RET_ALLOW);
  program[n++] = SANDBOX_RETURN(SANDBOX_ERRNO);
  struct sock_fprog filter = {(unsigned short)n, program};
  return prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &filter, 0, 0);
}
#else
static int sandbox_seccomp(void) { return 0; } /* an architecture not listed: no filter */
#endif

/* ---- descriptors, group, limits ---- */

/* 0, 1 and 2 on /dev/null, the pipe on 3, nothing else. */
static int sandbox_descriptors(int *write_fd) {
  int null = open("/dev/null", O_RDWR);
  if (null < 0) return -1;
  int fd = *write_fd < 3 ? fcntl(*write_fd, F_DUPFD, 3) : *write_fd;
  if (fd < 0) return -1;
  for (int i = 0; i < 3; i++)
    if (dup2(null, i) < 0) return -1;
  if (fd != 3 && dup2(fd, 3) < 0) return -1;
  *write_fd = 3;
  if (close_range(4, ~0U, 0) != 0) {
    long max = sysconf(_SC_OPEN_MAX);
    for (long i = 4; i < (max > 0 ? max : 65536); i++)
      close((int)i);
  }
  return 0;
}

/* No core file of a crashed plugin (the kernel writes it, not the
 * plugin, so Landlock would not stop it). Writing is otherwise refused by
 * Landlock and the closed descriptors; RLIMIT_FSIZE is not used, as a tool
 * running sendlens (valgrind) keeps its log open in the child. */
static int sandbox_limits(void) {
  struct rlimit none = {0, 0};
  return setrlimit(RLIMIT_CORE, &none);
}

/* In the child: all of it, or _exit (the parent reports the exit). */
static void sandbox_enter(const sl_sandbox *sandbox, pid_t parent, int *write_fd) {
  setpgid(0, 0);
  if (prctl(PR_SET_PDEATHSIG, SIGKILL) != 0 || getppid() != parent) _exit(125);
  signal(SIGPIPE, SIG_DFL);
  if (sandbox_descriptors(write_fd) || sandbox_limits()) _exit(124);
  if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0) _exit(123);
  if (sandbox_landlock(sandbox)) _exit(122);
  if (sandbox_seccomp()) _exit(121);
}

pid_t sl_sandbox_fork(const sl_sandbox *sandbox, int *read_fd, int *write_fd, sl_error *error) {
  int fds[2];
  if (pipe2(fds, O_CLOEXEC) != 0)
    return sl_error_set(error, "cannot make a pipe: %s", strerror(errno));
  pid_t parent = getpid();
  fflush(NULL); /* else the child's copy of a buffer could be written twice */
  pid_t child = fork();
  if (child < 0) {
    close(fds[0]);
    close(fds[1]);
    return sl_error_set(error, "cannot start a process: %s", strerror(errno));
  }
  if (child == 0) {
    close(fds[0]);
    *write_fd = fds[1];
    sandbox_enter(sandbox, parent, write_fd);
    return 0;
  }
  setpgid(child, child); /* as the child does: whichever runs first */
  close(fds[1]);
  *read_fd = fds[0];
  return child;
}

void sl_sandbox_kill(pid_t child) {
  if (child <= 0) return;
  kill(-child, SIGKILL);
  kill(child, SIGKILL);
}

const char *sl_sandbox_weakness(void) {
  if (sandbox_landlock_abi() <= 0)
    return "this kernel has no Landlock: plugins run without the file-system restriction";
  return NULL;
}
