/*
 * arena.h: a region allocator. Everything made while loading one area
 * (documents, parsed pieces, strings for plugins) lives in one arena and is
 * freed at once when the load ends, so no plugin or parser tracks frees.
 */
#ifndef SL_ARENA_H
#define SL_ARENA_H

#include <stdarg.h>
#include <stddef.h>

typedef struct sl_arena sl_arena;

sl_arena *sl_arena_new(void);
void sl_arena_free(sl_arena *arena);

/* Zeroed memory aligned for any type; NULL only when memory is exhausted. */
void *sl_arena_alloc(sl_arena *arena, size_t size);

/* A NUL-terminated copy of length bytes of text. */
char *sl_arena_copy(sl_arena *arena, const char *text, size_t length);
char *sl_arena_strdup(sl_arena *arena, const char *text);
char *sl_arena_format(sl_arena *arena, const char *format, ...)
    __attribute__((format(printf, 2, 3)));
char *sl_arena_vformat(sl_arena *arena, const char *format, va_list args);

/* A growable array of pointers in the arena: push, then read items/count. */
typedef struct sl_arena_list {
  sl_arena *arena;
  const void **items;
  size_t count;
  size_t capacity;
} sl_arena_list;

void sl_arena_list_init(sl_arena_list *list, sl_arena *arena);
int sl_arena_list_push(sl_arena_list *list, const void *item);

#endif
