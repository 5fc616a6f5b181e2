/*
 * test_wire.c: the child protocol's pipe format (core/host_child.h) without
 * a child: messages written, then read back from a file. A record crosses
 * field for field; a truncated stream ends in an error, never a half
 * record; a message claiming more than the limit is refused before any
 * memory is asked for it.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "host_child.h"

/* A reader over bytes, through a temporary file (no child to watch). */
static sl_wire_in wire_reader(sl_arena *arena, const void *bytes, size_t length) {
  FILE *file = tmpfile();
  sl_wire_in in = {.fd = -1, .arena = arena};
  if (!file) return in;
  if (fwrite(bytes, 1, length, file) != length || fflush(file) != 0) return in;
  in.fd = dup(fileno(file));
  lseek(in.fd, 0, SEEK_SET);
  fclose(file);
  return in;
}

static void wire_close(sl_wire_in *in) {
  if (in->fd >= 0) close(in->fd);
  sl_wire_in_done(in);
}

static const sl_measure_record MEASURE = {.parent = 7,
                                          .ref = "M1",
                                          .name = "Plans issued in 20 weeks",
                                          .group = "Timeliness",
                                          .kind = "interval",
                                          .unit = NULL,
                                          .direction = "up",
                                          .baseline = "40",
                                          .baseline_date = "2023-03",
                                          .target = "",
                                          .source = {"plan.txt", "line 6", "Measure: \xC2\xA0 é"}};

static void test_round_trip(sl_arena *arena) {
  sl_wire_out out = {0};
  sl_inspection_record inspection = {.kind = "revisit",
                                     .weaknesses_found = -1,
                                     .weaknesses_sufficient = 7,
                                     .source = {"letter.txt", "line 7", "Between"}};
  sl_source source = {"a.txt", "line 1", "quote"};
  sl_wire_put_record(&out, SL_KIND_MEASURE, &MEASURE);
  sl_wire_put_record(&out, SL_KIND_INSPECTION, &inspection);
  sl_wire_put_source(&out, 3, &source);
  sl_wire_put_claim(&out, 4, "published", "2022-02-25", &source);
  sl_wire_put_text(&out, SL_WIRE_DOCUMENT, "letter.txt");
  sl_wire_put_text(&out, SL_WIRE_FAIL, NULL);
  sl_wire_put_end(&out, -5);
  CHECK(!out.failed);
  sl_wire_in in = wire_reader(arena, out.bytes, out.length);
  sl_wire_message m;
  CHECK(sl_wire_read(&in, &m) == 0 && m.type == SL_WIRE_RECORD && m.kind == SL_KIND_MEASURE);
  const sl_measure_record *measure = m.record;
  CHECK(measure->size == sizeof *measure && measure->parent == 7);
  CHECK_STR(measure->ref, "M1");
  CHECK_STR(measure->group, "Timeliness");
  CHECK(measure->unit == NULL);   /* NULL stays NULL */
  CHECK_STR(measure->target, ""); /* and "" stays "" */
  CHECK_STR(measure->baseline_date, "2023-03");
  CHECK_STR(measure->source.quote, "Measure: \xC2\xA0 é");
  CHECK(sl_wire_read(&in, &m) == 0 && m.kind == SL_KIND_INSPECTION);
  const sl_inspection_record *read = m.record;
  CHECK(read->weaknesses_found == -1 && read->weaknesses_sufficient == 7);
  CHECK(read->started == NULL);
  CHECK_STR(read->kind, "revisit");
  CHECK(sl_wire_read(&in, &m) == 0 && m.type == SL_WIRE_SOURCE && m.number == 3);
  CHECK_STR(m.source.locator, "line 1");
  CHECK(sl_wire_read(&in, &m) == 0 && m.type == SL_WIRE_CLAIM && m.number == 4);
  CHECK_STR(m.text, "published");
  CHECK_STR(m.value, "2022-02-25");
  CHECK_STR(m.source.quote, "quote");
  CHECK(sl_wire_read(&in, &m) == 0 && m.type == SL_WIRE_DOCUMENT);
  CHECK_STR(m.text, "letter.txt");
  CHECK(sl_wire_read(&in, &m) == 0 && m.type == SL_WIRE_FAIL && m.text == NULL);
  CHECK(sl_wire_read(&in, &m) == 0 && m.type == SL_WIRE_END && m.number == -5);
  CHECK(sl_wire_read(&in, &m) == -1); /* the end of the stream */
  wire_close(&in);
  free(out.bytes);
}

/* Every cut of a record message is an error, not a record. */
static void test_truncated(sl_arena *arena) {
  sl_wire_out out = {0};
  sl_wire_put_record(&out, SL_KIND_MEASURE, &MEASURE);
  int refused = 0;
  for (size_t cut = 0; cut < out.length; cut++) {
    sl_wire_in in = wire_reader(arena, out.bytes, cut);
    sl_wire_message m;
    refused += sl_wire_read(&in, &m) == -1;
    wire_close(&in);
  }
  CHECK(refused == (int)out.length);
  free(out.bytes);
}

static void test_malformed(sl_arena *arena) {
  /* A text claiming 2 GiB: refused at once (the limit is 64 MiB), saying so. */
  unsigned char big[5] = {SL_WIRE_DOCUMENT};
  uint32_t length = 0x7fffffff;
  memcpy(big + 1, &length, sizeof length);
  sl_wire_in in = wire_reader(arena, big, sizeof big);
  sl_wire_message m;
  CHECK(sl_wire_read(&in, &m) == -1);
  CHECK(in.capacity < (size_t)SL_WIRE_MESSAGE_MAX); /* nothing asked for it */
  CHECK(in.stopped && strstr(in.stopped, "more than the host's limit"));
  wire_close(&in);
  /* A kind past the table, and a type no end writes. */
  unsigned char kind[2] = {SL_WIRE_RECORD, SL_KIND_COUNT};
  in = wire_reader(arena, kind, sizeof kind);
  CHECK(sl_wire_read(&in, &m) == -1);
  wire_close(&in);
  unsigned char type[1] = {'Z'};
  in = wire_reader(arena, type, sizeof type);
  CHECK(sl_wire_read(&in, &m) == -1);
  wire_close(&in);
}

int main(void) {
  sl_arena *arena = sl_arena_new();
  test_round_trip(arena);
  test_truncated(arena);
  test_malformed(arena);
  sl_arena_free(arena);
  return CHECK_DONE();
}
