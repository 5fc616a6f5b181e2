/*
 * fuzz_cases.c: the input as a case file (core/case_record.c, the rules of
 * docs/data-model.md). Every row the rules accept makes a record that keeps
 * them: a request has a ReceivedDate, a StartDate only after a plan, a
 * CeaseDate only after a StartDate, short codes; a review has a due date.
 * And no message depends on an identifier's bytes: the same row with
 * PersonID and RequestID replaced by other bytes of the same lengths gives
 * the same message, or the same record but for the two keys.
 */
#include "case_record.h"
#include "fuzz.h"

enum { FUZZ_PERSON = 1, FUZZ_REQUEST = 2 };

static void fuzz_record_holds(const sl_case_record *record, const sl_csv_row *row) {
  FUZZ_ASSERT(record->line == row->line);
  if (record->kind == SL_CASE_REVIEW) {
    FUZZ_ASSERT(record->due != SL_CASE_NO_DAY && record->received == SL_CASE_NO_DAY);
    return;
  }
  FUZZ_ASSERT(record->kind == SL_CASE_REQUEST && record->received != SL_CASE_NO_DAY);
  FUZZ_ASSERT(record->outcome >= -1 && record->outcome <= 2);
  FUZZ_ASSERT(record->assessment >= -1 && record->assessment <= 2);
  FUZZ_ASSERT((record->outcome >= 0) == (record->outcome_date != SL_CASE_NO_DAY));
  FUZZ_ASSERT((record->assessment >= 0) == (record->assessment_date != SL_CASE_NO_DAY));
  FUZZ_ASSERT(record->assessment < 0 || record->outcome == 0);
  FUZZ_ASSERT(record->start == SL_CASE_NO_DAY || record->assessment == 0);
  FUZZ_ASSERT(record->cease == SL_CASE_NO_DAY || record->start != SL_CASE_NO_DAY);
  FUZZ_ASSERT(record->week20 == 0 || record->week20 == 1);
  FUZZ_ASSERT(record->source.length <= SL_CASE_MAX_CODE &&
              record->cease_reason.length <= SL_CASE_MAX_CODE);
  FUZZ_ASSERT(record->source.text[record->source.length] == '\0');
}

/* The row with its identifiers' bytes changed, lengths kept. */
static void fuzz_other_identifiers(const sl_csv_row *row, sl_csv_cell *cells, char *texts[2]) {
  memcpy(cells, row->cells, row->count * sizeof *cells);
  for (int i = 0; i < 2; i++) {
    const sl_csv_cell *cell = &row->cells[FUZZ_PERSON + i];
    texts[i] = malloc(cell->length + 1);
    FUZZ_ASSERT(texts[i]);
    for (size_t j = 0; j < cell->length; j++)
      texts[i][j] = (char)('A' + (unsigned char)(cell->text[j] + 7 + i) % 26);
    texts[i][cell->length] = '\0';
    cells[FUZZ_PERSON + i] = (sl_csv_cell){texts[i], cell->length};
  }
}

static void fuzz_row(const sl_pseudonym *pseudonym, const sl_csv_row *row) {
  sl_case_record record, other_record;
  sl_error error, other_error;
  memset(&record, 0, sizeof record);
  memset(&other_record, 0, sizeof other_record);
  int rc = sl_case_record_read("fuzz.csv", pseudonym, row, &record, &error);
  if (rc == 0)
    fuzz_record_holds(&record, row);
  else
    FUZZ_ASSERT(strncmp(error.message, "fuzz.csv:", 9) == 0);
  if (row->count <= FUZZ_REQUEST) return;
  sl_csv_cell *cells = malloc(row->count * sizeof *cells);
  char *texts[2];
  FUZZ_ASSERT(cells);
  fuzz_other_identifiers(row, cells, texts);
  sl_csv_row other = {cells, row->count, row->line};
  int other_rc = sl_case_record_read("fuzz.csv", pseudonym, &other, &other_record, &other_error);
  FUZZ_ASSERT(rc == other_rc);
  if (rc != 0) FUZZ_ASSERT(strcmp(error.message, other_error.message) == 0);
  if (rc == 0) {
    other_record.person = record.person;
    other_record.request = record.request;
    FUZZ_ASSERT(memcmp(&record, &other_record, sizeof record) == 0);
  }
  free(texts[0]);
  free(texts[1]);
  free(cells);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  static const unsigned char salt[SL_PSEUDONYM_SALT_BYTES] = {1, 2, 3};
  sl_pseudonym pseudonym;
  FUZZ_ASSERT(sl_pseudonym_init(NULL) == 0);
  sl_pseudonym_setup(&pseudonym, salt);
  sl_csv_options options = {.skip_leading_comments = 1};
  sl_error error;
  sl_csv *csv = sl_csv_open_memory("fuzz.csv", (const char *)data, size, &options, &error);
  FUZZ_ASSERT(csv);
  sl_csv_row row;
  /* The header decides nothing for the rows: they are checked either way,
   * so a fuzzer need not find the header first. */
  if (sl_csv_next(csv, &row, &error) == 1) {
    if (sl_case_header("fuzz.csv", &row, &error) != 0)
      FUZZ_ASSERT(strncmp(error.message, "fuzz.csv:", 9) == 0);
    while (sl_csv_next(csv, &row, &error) == 1)
      fuzz_row(&pseudonym, &row);
  }
  sl_csv_close(csv);
  return 0;
}
