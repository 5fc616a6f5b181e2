/*
 * keyset.h: a set of 64-bit keys (the pseudonymised RequestIDs of one
 * import), to find a repeated one in a stream of millions without asking
 * the database: 8 bytes a slot, nothing else stored. Zero-initialise one
 * to start; the caller owns it until sl_keyset_free.
 */
#ifndef SL_KEYSET_H
#define SL_KEYSET_H

#include <stddef.h>
#include <stdint.h>

typedef struct sl_keyset {
  uint64_t *slots; /* 0 marks an empty slot; the key 0 is kept aside */
  size_t capacity, count;
  int has_zero;
} sl_keyset;

/* Add key: 1 if it is new, 0 if it was there already, -1 out of memory. */
int sl_keyset_add(sl_keyset *keys, uint64_t key);
int sl_keyset_has(const sl_keyset *keys, uint64_t key);
/* Empty the set, keeping its room for the next file's keys. */
void sl_keyset_clear(sl_keyset *keys);
void sl_keyset_free(sl_keyset *keys);

#endif
