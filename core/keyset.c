/*
 * keyset.c: the set of keyset.h, open addressing with linear probing,
 * grown to keep it under three quarters full. Keys are keyed hashes
 * already, so a multiplication spreads them well enough.
 */
#include "keyset.h"

#include <stdlib.h>

static size_t keyset_slot(uint64_t key, size_t capacity) {
  return (size_t)(key * 0x9E3779B97F4A7C15ull) & (capacity - 1);
}

static int keyset_grow(sl_keyset *keys) {
  size_t capacity = keys->capacity ? keys->capacity * 2 : 4096;
  uint64_t *slots = calloc(capacity, sizeof *slots);
  if (!slots) return -1;
  for (size_t i = 0; i < keys->capacity; i++) {
    uint64_t key = keys->slots[i];
    if (!key) continue;
    size_t slot = keyset_slot(key, capacity);
    while (slots[slot])
      slot = (slot + 1) & (capacity - 1);
    slots[slot] = key;
  }
  free(keys->slots);
  keys->slots = slots;
  keys->capacity = capacity;
  return 0;
}

int sl_keyset_add(sl_keyset *keys, uint64_t key) {
  if (key == 0) {
    int added = !keys->has_zero;
    keys->has_zero = 1;
    return added;
  }
  if ((keys->count + 1) * 4 > keys->capacity * 3 && keyset_grow(keys)) return -1;
  size_t slot = keyset_slot(key, keys->capacity);
  while (keys->slots[slot]) {
    if (keys->slots[slot] == key) return 0;
    slot = (slot + 1) & (keys->capacity - 1);
  }
  keys->slots[slot] = key;
  keys->count++;
  return 1;
}

int sl_keyset_has(const sl_keyset *keys, uint64_t key) {
  if (key == 0) return keys->has_zero;
  if (!keys->capacity) return 0;
  size_t slot = keyset_slot(key, keys->capacity);
  while (keys->slots[slot]) {
    if (keys->slots[slot] == key) return 1;
    slot = (slot + 1) & (keys->capacity - 1);
  }
  return 0;
}

void sl_keyset_clear(sl_keyset *keys) {
  for (size_t i = 0; i < keys->capacity; i++)
    keys->slots[i] = 0;
  keys->count = 0;
  keys->has_zero = 0;
}

void sl_keyset_free(sl_keyset *keys) {
  free(keys->slots);
  *keys = (sl_keyset){0};
}
