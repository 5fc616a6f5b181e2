/*
 * arena.c: a region allocator made of chained blocks. Large requests get a
 * block of their own so a 10 MB line does not waste a block's tail.
 */
#include "arena.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { ARENA_BLOCK_SIZE = 64 * 1024, ARENA_ALIGN = 16 };

typedef struct arena_block {
  struct arena_block *next;
  size_t used;
  size_t size;
  _Alignas(16) unsigned char data[];
} arena_block;

struct sl_arena {
  arena_block *head;
};

sl_arena *sl_arena_new(void) { return calloc(1, sizeof(sl_arena)); }

void sl_arena_free(sl_arena *arena) {
  if (!arena) return;
  arena_block *block = arena->head;
  while (block) {
    arena_block *next = block->next;
    free(block);
    block = next;
  }
  free(arena);
}

static arena_block *arena_block_new(size_t size) {
  arena_block *block = malloc(sizeof(arena_block) + size);
  if (!block) return NULL;
  block->next = NULL;
  block->used = 0;
  block->size = size;
  return block;
}

void *sl_arena_alloc(sl_arena *arena, size_t size) {
  size_t rounded = (size + ARENA_ALIGN - 1) & ~(size_t)(ARENA_ALIGN - 1);
  if (rounded < size) return NULL;
  arena_block *head = arena->head;
  if (!head || head->size - head->used < rounded) {
    if (rounded > ARENA_BLOCK_SIZE / 4) {
      /* A big piece gets its own block behind the head, keeping the head's
       * free tail for the small pieces that follow. */
      arena_block *own = arena_block_new(rounded);
      if (!own) return NULL;
      own->used = rounded;
      if (head) {
        own->next = head->next;
        head->next = own;
      } else {
        arena->head = own;
      }
      memset(own->data, 0, rounded);
      return own->data;
    }
    arena_block *block = arena_block_new(ARENA_BLOCK_SIZE);
    if (!block) return NULL;
    block->next = head;
    arena->head = head = block;
  }
  void *result = head->data + head->used;
  head->used += rounded;
  memset(result, 0, rounded);
  return result;
}

char *sl_arena_copy(sl_arena *arena, const char *text, size_t length) {
  if (length == SIZE_MAX) return NULL;
  char *copy = sl_arena_alloc(arena, length + 1);
  if (!copy) return NULL;
  if (length) memcpy(copy, text, length);
  copy[length] = '\0';
  return copy;
}

char *sl_arena_strdup(sl_arena *arena, const char *text) {
  return text ? sl_arena_copy(arena, text, strlen(text)) : NULL;
}

char *sl_arena_vformat(sl_arena *arena, const char *format, va_list args) {
  va_list copy;
  va_copy(copy, args);
  int length = vsnprintf(NULL, 0, format, copy);
  va_end(copy);
  if (length < 0) return NULL;
  char *text = sl_arena_alloc(arena, (size_t)length + 1);
  if (!text) return NULL;
  vsnprintf(text, (size_t)length + 1, format, args);
  return text;
}

char *sl_arena_format(sl_arena *arena, const char *format, ...) {
  va_list args;
  va_start(args, format);
  char *text = sl_arena_vformat(arena, format, args);
  va_end(args);
  return text;
}

void sl_arena_list_init(sl_arena_list *list, sl_arena *arena) {
  memset(list, 0, sizeof *list);
  list->arena = arena;
}

int sl_arena_list_push(sl_arena_list *list, const void *item) {
  if (list->count == list->capacity) {
    size_t capacity = list->capacity ? list->capacity * 2 : 16;
    const void **items = sl_arena_alloc(list->arena, capacity * sizeof *items);
    if (!items) return -1;
    if (list->count) memcpy(items, list->items, list->count * sizeof *items);
    list->items = items;
    list->capacity = capacity;
  }
  list->items[list->count++] = item;
  return 0;
}
