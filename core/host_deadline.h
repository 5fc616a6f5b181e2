/*
 * host_deadline.h: the time limit of a plugin run in sendlens itself
 * (--in-process, for debugging). Nothing can stop a plugin's code from
 * outside while it runs in this process, so the limit ends the process: a
 * timer whose expiry prints the message it was armed with and exits with
 * status 1. The load is one transaction, so nothing of it is stored.
 */
#ifndef SL_HOST_DEADLINE_H
#define SL_HOST_DEADLINE_H

#include <time.h>

#include "error.h"

typedef struct sl_deadline {
  timer_t timer;
  int armed;
} sl_deadline;

/* Arm: after seconds, print message (one line, owned by the caller until
 * disarmed) to stderr and exit. 0, or -1 with error. */
int sl_deadline_arm(sl_deadline *deadline, double seconds, const char *message, sl_error *error);

/* Disarm, if armed. */
void sl_deadline_disarm(sl_deadline *deadline);

#endif
