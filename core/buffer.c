/*
 * buffer.c: the growing string of buffer.h, doubling its room as it
 * grows, so building a long text costs a few reallocations, not one per
 * piece.
 */
#include "buffer.h"

#include <unistd.h>

#include <errno.h>

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int buffer_reserve(sl_buffer *buffer, size_t more) {
  if (buffer->length + more + 1 <= buffer->capacity) return 0;
  size_t capacity = buffer->capacity ? buffer->capacity : 64;
  while (capacity < buffer->length + more + 1)
    capacity *= 2;
  char *grown = realloc(buffer->data, capacity);
  if (!grown) return -1;
  buffer->data = grown;
  buffer->capacity = capacity;
  return 0;
}

int sl_buffer_add(sl_buffer *buffer, const char *text, size_t length) {
  if (buffer_reserve(buffer, length)) return -1;
  memcpy(buffer->data + buffer->length, text, length);
  buffer->length += length;
  buffer->data[buffer->length] = '\0';
  return 0;
}

int sl_buffer_puts(sl_buffer *buffer, const char *text) {
  return text ? sl_buffer_add(buffer, text, strlen(text)) : 0;
}

int sl_buffer_printf(sl_buffer *buffer, const char *format, ...) {
  va_list args;
  va_start(args, format);
  int length = vsnprintf(NULL, 0, format, args);
  va_end(args);
  if (length < 0 || buffer_reserve(buffer, (size_t)length)) return -1;
  va_start(args, format);
  vsnprintf(buffer->data + buffer->length, (size_t)length + 1, format, args);
  va_end(args);
  buffer->length += (size_t)length;
  return 0;
}

void sl_buffer_free(sl_buffer *buffer) {
  free(buffer->data);
  *buffer = (sl_buffer){0};
}

int sl_buffer_write_all(int fd, const void *bytes, size_t length) {
  const char *at = bytes;
  while (length > 0) {
    ssize_t written = write(fd, at, length);
    if (written < 0 && errno == EINTR) continue;
    if (written <= 0) return -1;
    at += written;
    length -= (size_t)written;
  }
  return 0;
}
