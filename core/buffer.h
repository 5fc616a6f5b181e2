/*
 * buffer.h: a growing string, for text built piece by piece (a cell of a
 * terminal table, a row's cells as JSON). Zero-initialise one to start;
 * its data stays NUL-terminated, and an append that finds no memory leaves
 * it as it was and says so.
 */
#ifndef SL_BUFFER_H
#define SL_BUFFER_H

#include <stddef.h>

typedef struct sl_buffer {
  char *data; /* NULL until something is appended */
  size_t length, capacity;
} sl_buffer;

/* Append length bytes of text: 0, or -1 out of memory. */
int sl_buffer_add(sl_buffer *buffer, const char *text, size_t length);
/* Append a string; NULL appends nothing. */
int sl_buffer_puts(sl_buffer *buffer, const char *text);
/* Append printf's output. */
int sl_buffer_printf(sl_buffer *buffer, const char *format, ...)
    __attribute__((format(printf, 2, 3)));
void sl_buffer_free(sl_buffer *buffer);

/* Write length bytes to the descriptor fd whole (a pipe to or from a child
 * process takes them in pieces): 0, or -1 when fd takes no more (errno
 * says why). */
int sl_buffer_write_all(int fd, const void *bytes, size_t length);

#endif
