/*
 * error.h: an error message carried back to the caller. Functions that can
 * fail take an sl_error and return -1 (or NULL) after filling it; the CLI
 * prints it as the one line the user sees.
 */
#ifndef SL_ERROR_H
#define SL_ERROR_H

#include <stdarg.h>
#include <stdio.h>

typedef struct sl_error {
  char message[1024];
} sl_error;

static inline int sl_error_set(sl_error *error, const char *format, ...)
    __attribute__((format(printf, 2, 3)));

static inline int sl_error_set(sl_error *error, const char *format, ...) {
  if (error) {
    va_list args;
    va_start(args, format);
    vsnprintf(error->message, sizeof error->message, format, args);
    va_end(args);
  }
  return -1;
}

#endif
