/*
 * fuzz_wire.c: the input as what a plugin's child writes to its pipe, the
 * wire format of core/host_child.c: bytes a hostile plugin chooses. They
 * are read message by message with sl_wire_read, as the parent reads them,
 * and replayed as the parent does into the host's validation and an
 * in-memory store (host_emit.c), in a transaction rolled back after each
 * input. The child may have read one document, letter.txt, whose text is
 * fixed here. Invariants: the reader asks for no more memory than its
 * limit; a message stopped by a limit says so; every record the host
 * accepts holds only clean texts (UTF-8, no control characters but
 * newline and tab, within the length limit); a refusal is one printable
 * line; the store is left with no transaction open.
 */
#define _GNU_SOURCE /* memfd_create */
#include <sys/mman.h>
#include <unistd.h>

#include "fuzz.h"
#include "host_child.h"
#include "store.h"
#include "utf8.h"

static const char FUZZ_LETTER[] = "Joint area SEND revisit in Fuzzshire\n"
                                  "Between 6 and 8 February 2023\n";

static const sl_plugin FUZZ_PLUGIN = {SL_PLUGIN_ABI_VERSION, "fuzz_wire", "E99999999",
                                      "Fuzzshire",           "0.1.0",     NULL};

static sl_store *store;

/* Every text of an accepted record is clean. */
static void fuzz_accepted(sl_kind kind, const void *record) {
  const sl_record_kind *table = &sl_record_kinds[kind];
  char why[160];
  for (size_t i = 0; i < table->field_count; i++) {
    const sl_record_field *field = &table->fields[i];
    const char *at = (const char *)record + field->offset;
    if (field->type == SL_FIELD_COUNT || field->type == SL_FIELD_PARENT) continue;
    if (field->type == SL_FIELD_SOURCE) {
      const sl_source *source = (const sl_source *)(const void *)at;
      FUZZ_ASSERT(!sl_utf8_text_problem(source->document, SL_HOST_TEXT_MAX, why, sizeof why));
      FUZZ_ASSERT(!sl_utf8_text_problem(source->locator, SL_HOST_TEXT_MAX, why, sizeof why));
      FUZZ_ASSERT(!sl_utf8_text_problem(source->quote, SL_HOST_TEXT_MAX, why, sizeof why));
      continue;
    }
    FUZZ_ASSERT(!sl_utf8_text_problem(*(const char *const *)(const void *)at, SL_HOST_TEXT_MAX, why,
                                      sizeof why));
  }
}

static sl_id fuzz_handle(sl_arena_list *handles, int64_t handle) {
  if (handle <= 0 || (size_t)handle > handles->count) return 0;
  return (sl_id)(intptr_t)handles->items[handle - 1];
}

static void fuzz_record(sl_host *host, sl_arena_list *handles, const sl_wire_message *message) {
  const sl_record_kind *kind = &sl_record_kinds[message->kind];
  for (size_t i = 0; i < kind->field_count; i++) {
    if (kind->fields[i].type != SL_FIELD_PARENT) continue;
    sl_id *parent = (sl_id *)(void *)((char *)message->record + kind->fields[i].offset);
    *parent = fuzz_handle(handles, *parent);
  }
  sl_id id = sl_host_emit_record(host, message->kind, message->record);
  if (id) fuzz_accepted(message->kind, message->record);
  sl_arena_list_push(handles, (const void *)(intptr_t)id);
}

/* The document the child says it read: only letter.txt exists. */
static void fuzz_document_read(sl_host *host, const char *name) {
  if (!name || strcmp(name, "letter.txt") != 0 || sl_host_find_document(host, name)) return;
  host_document *document = sl_arena_alloc(host->arena, sizeof *document);
  sl_error error;
  FUZZ_ASSERT(document);
  FUZZ_ASSERT(sl_document_from_bytes(host->arena, name, FUZZ_LETTER, sizeof FUZZ_LETTER - 1,
                                     &document->document, &error) == 0);
  document->text = FUZZ_LETTER;
  FUZZ_ASSERT(sl_host_add_document(host, document) == 0);
}

static void fuzz_dispatch(sl_host *host, sl_arena_list *handles, const sl_wire_message *message) {
  switch (message->type) {
  case SL_WIRE_RECORD:
    fuzz_record(host, handles, message);
    break;
  case SL_WIRE_SOURCE:
    sl_host_add_source(host, fuzz_handle(handles, message->number), &message->source);
    break;
  case SL_WIRE_CLAIM:
    sl_host_add_claim(host, fuzz_handle(handles, message->number), message->text, message->value,
                      &message->source);
    break;
  case SL_WIRE_DOCUMENT:
    fuzz_document_read(host, message->text);
    break;
  case SL_WIRE_FAIL:
    sl_host_fail(host, "%s", message->text ? message->text : "failed");
    break;
  default:
    break;
  }
}

static int fuzz_input_fd(const uint8_t *data, size_t size) {
  int fd = memfd_create("fuzz_wire", 0);
  FUZZ_ASSERT(fd >= 0);
  FUZZ_ASSERT(size == 0 || write(fd, data, size) == (ssize_t)size);
  FUZZ_ASSERT(lseek(fd, 0, SEEK_SET) == 0);
  return fd;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  sl_error error;
  if (!store && !(store = sl_store_open(":memory:", &error))) abort();
  sl_load_counts counts;
  sl_arena *arena = sl_arena_new();
  FUZZ_ASSERT(arena);
  sl_host host = {.plugin = &FUZZ_PLUGIN, .store = store, .error = &error, .arena = arena};
  host.counts = &counts;
  memset(&counts, 0, sizeof counts);
  sl_arena_list_init(&host.documents, arena);
  sl_arena_list handles;
  sl_arena_list_init(&handles, arena);
  FUZZ_ASSERT(sl_store_begin(store, &error) == 0);
  sl_wire_in in = {.fd = fuzz_input_fd(data, size), .arena = arena};
  sl_wire_message message;
  while (sl_wire_read(&in, &message) == 0 && message.type != SL_WIRE_END)
    fuzz_dispatch(&host, &handles, &message);
  FUZZ_ASSERT(in.capacity <= 2 * (size_t)SL_WIRE_MESSAGE_MAX + (1u << 20));
  if (in.stopped) FUZZ_ASSERT(strstr(in.stopped, "(stopped)"));
  if (host.failed) {
    char why[160];
    FUZZ_ASSERT(!strchr(error.message, '\n'));
    FUZZ_ASSERT(!sl_utf8_text_problem(error.message, sizeof error.message, why, sizeof why));
  }
  sl_store_rollback(store);
  FUZZ_ASSERT(sqlite3_get_autocommit(sl_store_db(store)));
  close(in.fd);
  sl_wire_in_done(&in);
  sl_arena_free(arena);
  return 0;
}
