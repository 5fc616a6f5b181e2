/* test_arena.c: the region allocator: alignment, copies, large pieces, lists. */
#include <stdint.h>
#include <string.h>

#include "arena.h"
#include "check.h"

int main(void) {
  sl_arena *arena = sl_arena_new();
  CHECK(arena != NULL);
  char *small = sl_arena_alloc(arena, 3);
  double *aligned = sl_arena_alloc(arena, sizeof(double));
  CHECK(small && aligned && ((uintptr_t)aligned % 16) == 0);
  CHECK_STR(sl_arena_copy(arena, "abcdef", 3), "abc");
  CHECK_STR(sl_arena_format(arena, "%s-%d", "line", 42), "line-42");
  CHECK(sl_arena_strdup(arena, NULL) == NULL);
  /* A piece larger than a block, then small ones still fit after it. */
  size_t big_size = 10u * 1024 * 1024;
  char *big = sl_arena_alloc(arena, big_size);
  CHECK(big != NULL);
  memset(big, 'x', big_size);
  CHECK(big[0] == 0 || big[0] == 'x');
  char *after = sl_arena_copy(arena, "after", 5);
  CHECK_STR(after, "after");
  CHECK(big[big_size - 1] == 'x');
  sl_arena_list list;
  sl_arena_list_init(&list, arena);
  for (int i = 0; i < 1000; i++)
    CHECK(sl_arena_list_push(&list, sl_arena_format(arena, "%d", i)) == 0);
  CHECK(list.count == 1000);
  CHECK_STR(list.items[0], "0");
  CHECK_STR(list.items[999], "999");
  sl_arena_free(arena);
  sl_arena_free(NULL);
  return CHECK_DONE();
}
