/*
 * make_seeds.c: writes the seeds of fuzz_wire (the *.wire files beside it)
 * with the writing end of the wire format (sl_wire_put_*), so they are
 * what a plugin's child sends. Not built by CMake; run by hand after the
 * format changes:
 *   cc -Icore -Icore/include tests/fuzz/seeds/fuzz_wire/make_seeds.c \
 *     build/libsendlens_core.a -o /tmp/make_seeds && \
 *     (cd tests/fuzz/seeds/fuzz_wire && /tmp/make_seeds)
 */
#include <stdio.h>

#include "host_child.h"

static void seed_write(const char *name, const sl_wire_out *out) {
  FILE *file = fopen(name, "wb");
  if (!file || fwrite(out->bytes, 1, out->length, file) != out->length) perror(name);
  if (file) fclose(file);
}

int main(void) {
  sl_source area_source = {"letter.txt", "line 1", "Joint area SEND revisit in Fuzzshire"};
  sl_source when = {"letter.txt", "line 2", "Between 6 and 8 February 2023"};
  sl_area_record area = {.size = sizeof area,
                         .code = "E99999999",
                         .la_number = "999",
                         .name = "Fuzzshire",
                         .region = "Nowhere",
                         .source = area_source};
  sl_inspection_record inspection = {.size = sizeof inspection,
                                     .kind = "revisit",
                                     .started = "2023-02-06",
                                     .ended = "2023-02-08",
                                     .weaknesses_found = 2,
                                     .weaknesses_sufficient = 1,
                                     .source = when};
  sl_weakness_record weakness = {.size = sizeof weakness,
                                 .inspection = 2,
                                 .ref = "1",
                                 .text = "caf\xc3\xa9 and a tab\there",
                                 .source = when};
  sl_wire_out out = {0};
  sl_wire_put_text(&out, SL_WIRE_DOCUMENT, "letter.txt");
  sl_wire_put_record(&out, SL_KIND_AREA, &area);
  sl_wire_put_record(&out, SL_KIND_INSPECTION, &inspection);
  sl_wire_put_source(&out, 2, &area_source);
  sl_wire_put_claim(&out, 2, "started", "2023-02-06", &when);
  sl_wire_put_record(&out, SL_KIND_WEAKNESS, &weakness);
  sl_wire_put_log(&out, 1, "read letter.txt");
  sl_wire_put_end(&out, 0);
  seed_write("load.wire", &out);
  out.length = 0;
  sl_wire_put_text(&out, SL_WIRE_DOCUMENT, "letter.txt");
  sl_wire_put_record(&out, SL_KIND_AREA, &area);
  weakness.text = "cleared\x1b[2J";
  sl_wire_put_record(&out, SL_KIND_WEAKNESS, &weakness);
  sl_wire_put_text(&out, SL_WIRE_FAIL, "gave up \x1b]0;title\x07");
  sl_wire_put_end(&out, 1);
  seed_write("refused.wire", &out);
  out.length = 0;
  sl_plugin descriptor = {2, "fuzz_wire", "E99999999", "Fuzzshire", "0.1.0", NULL};
  sl_wire_put_descriptor(&out, &descriptor);
  seed_write("descriptor.wire", &out);
  return 0;
}
