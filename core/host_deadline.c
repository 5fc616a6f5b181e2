/*
 * host_deadline.c: the --in-process time limit (see host_deadline.h). A
 * POSIX timer raises SIGALRM with the message's address as its value, so
 * the handler needs no global: it writes the message and _exits, both
 * async-signal-safe.
 */
#include "host_deadline.h"

#include <errno.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

static void deadline_expired(int signal_number, siginfo_t *info, void *context) {
  (void)signal_number;
  (void)context;
  const char *message = info && info->si_code == SI_TIMER ? info->si_value.sival_ptr : NULL;
  if (!message) return; /* a SIGALRM of someone else's: not ours to end on */
  ssize_t written = write(STDERR_FILENO, message, strlen(message));
  (void)written; /* nothing more can be done about a failed write here */
  _exit(1);
}

int sl_deadline_arm(sl_deadline *deadline, double seconds, const char *message, sl_error *error) {
  deadline->armed = 0;
  struct sigaction action;
  memset(&action, 0, sizeof action);
  action.sa_sigaction = deadline_expired;
  action.sa_flags = SA_SIGINFO;
  sigemptyset(&action.sa_mask);
  struct sigevent event;
  memset(&event, 0, sizeof event);
  event.sigev_notify = SIGEV_SIGNAL;
  event.sigev_signo = SIGALRM;
  event.sigev_value.sival_ptr = (void *)message;
  if (sigaction(SIGALRM, &action, NULL) != 0 ||
      timer_create(CLOCK_MONOTONIC, &event, &deadline->timer) != 0)
    return sl_error_set(error, "cannot set the time limit: %s", strerror(errno));
  time_t whole = (time_t)seconds;
  struct itimerspec when = {{0, 0}, {whole, (long)((seconds - (double)whole) * 1e9)}};
  if (when.it_value.tv_sec == 0 && when.it_value.tv_nsec == 0) when.it_value.tv_nsec = 1;
  if (timer_settime(deadline->timer, 0, &when, NULL) != 0) {
    timer_delete(deadline->timer);
    return sl_error_set(error, "cannot set the time limit: %s", strerror(errno));
  }
  deadline->armed = 1;
  return 0;
}

void sl_deadline_disarm(sl_deadline *deadline) {
  if (!deadline->armed) return;
  timer_delete(deadline->timer);
  deadline->armed = 0;
  signal(SIGALRM, SIG_DFL);
}
