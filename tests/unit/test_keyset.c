/*
 * test_keyset.c: the key set of core/keyset.c: every key added is found,
 * a second add of one says so, keys never added are not found, through
 * many growths, and the key 0 is a key like any other; a cleared set
 * keeps its room and none of its keys.
 */
#include <stdint.h>

#include "check.h"
#include "keyset.h"

/* Distinct, scattered keys, as keyed hashes are. */
static uint64_t key_of(uint64_t i) { return (i + 1) * 0xD6E8FEB86659FD93ull; }

int main(void) {
  sl_keyset keys = {0};
  enum { COUNT = 200000 };
  int added = 0, again = 0, found = 0, strangers = 0;
  for (uint64_t i = 0; i < COUNT; i++)
    added += sl_keyset_add(&keys, key_of(i)) == 1;
  for (uint64_t i = 0; i < COUNT; i++) {
    again += sl_keyset_add(&keys, key_of(i)) == 0;
    found += sl_keyset_has(&keys, key_of(i));
    strangers += sl_keyset_has(&keys, key_of(i + COUNT));
  }
  CHECK(added == COUNT);
  CHECK(again == COUNT);
  CHECK(found == COUNT);
  CHECK(strangers == 0);
  CHECK(keys.count == COUNT && keys.capacity * 3 >= keys.count * 4);
  CHECK(!sl_keyset_has(&keys, 0));
  CHECK(sl_keyset_add(&keys, 0) == 1);
  CHECK(sl_keyset_add(&keys, 0) == 0);
  CHECK(sl_keyset_has(&keys, 0));
  size_t capacity = keys.capacity;
  sl_keyset_clear(&keys);
  CHECK(keys.count == 0 && keys.capacity == capacity);
  CHECK(!sl_keyset_has(&keys, 0) && !sl_keyset_has(&keys, key_of(7)));
  CHECK(sl_keyset_add(&keys, key_of(7)) == 1 && sl_keyset_add(&keys, 0) == 1);
  sl_keyset_free(&keys);
  CHECK(keys.slots == NULL && !sl_keyset_has(&keys, key_of(1)));
  return CHECK_DONE();
}
