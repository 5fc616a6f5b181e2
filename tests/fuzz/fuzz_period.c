/*
 * fuzz_period.c: each line of the input as a period as documents write it
 * (core/period.c, docs/periods.md). Whatever the parser accepts must be a
 * span that ends no earlier than it starts, whose label fits and reads back
 * to the same kind and span.
 */
#include "fuzz.h"
#include "period.h"

static void fuzz_line(const char *text) {
  sl_period period, again;
  if (sl_period_parse(text, &period)) return;
  FUZZ_ASSERT(period.first <= period.last);
  FUZZ_ASSERT(memchr(period.label, '\0', sizeof period.label) != NULL);
  FUZZ_ASSERT(sl_period_parse(period.label, &again) == 0);
  FUZZ_ASSERT(again.kind == period.kind && again.first == period.first &&
              again.last == period.last);
  FUZZ_ASSERT(strcmp(again.label, period.label) == 0);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  char line[256];
  size_t used = 0;
  for (size_t i = 0; i <= size; i++) {
    if (i == size || data[i] == '\n' || data[i] == '\0' || used + 1 == sizeof line) {
      line[used] = '\0';
      fuzz_line(line);
      used = 0;
      continue;
    }
    line[used++] = (char)data[i];
  }
  return 0;
}
