/* test_parse_letter.c: the standard revisit letter. The real Staffordshire
 * letter (plugins/staffordshire/sources/), with every expectation written
 * from reading it; small letters for the national shape's variants; and
 * letters that are not of the shape, refused with the line named. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "check.h"
#include "documents.h"
#include "parse/parse.h"

static sl_arena *arena;

static int document_of(const char *name, const char *text, size_t length, sl_document *doc) {
  return test_document_of(arena, name, text, length, doc);
}

static int document_read(const char *relative, sl_document *doc) {
  return test_document_read(arena, relative, doc);
}

/* The document's lines joined by "\n", as the host checks quotes against. */
static char *document_joined(const sl_document *doc) {
  size_t length = 1;
  for (size_t i = 0; i < doc->line_count; i++)
    length += strlen(doc->lines[i]) + 1;
  char *text = sl_arena_alloc(arena, length), *out = text;
  for (size_t i = 0; i < doc->line_count; i++) {
    out += sprintf(out, "%s", doc->lines[i]);
    if (i + 1 < doc->line_count) *out++ = '\n';
  }
  *out = '\0';
  return text;
}

static int verbatim(const char *joined, const sl_span *span) {
  return span->quote && *span->quote && strstr(joined, span->quote) != NULL;
}

static int ends_with(const char *text, const char *end) {
  size_t a = text ? strlen(text) : 0, b = strlen(end);
  return a >= b && strcmp(text + a - b, end) == 0;
}

static int starts_with(const char *text, const char *start) {
  return text && strncmp(text, start, strlen(start)) == 0;
}

static void test_staffordshire(void) {
  sl_document doc;
  sl_revisit_letter letter;
  sl_error error;
  if (document_read("plugins/staffordshire/sources/revisit-letter-2022-02-23.txt", &doc)) {
    CHECK(!"the document reads");
    return;
  }
  CHECK(sl_parse_revisit_letter(arena, &doc, &letter, &error) == 0);
  const char *joined = document_joined(&doc);

  CHECK_STR(letter.letter_date.value, "2022-02-23");
  CHECK(letter.letter_date.line == 17);
  CHECK_STR(letter.letter_date.quote, "23 February 2022");
  CHECK_STR(letter.visit_from.value, "2022-01-18");
  CHECK_STR(letter.visit_to.value, "2022-01-20");
  CHECK(letter.visit_from.line == 33 && letter.visit_to.line == 33);
  CHECK_STR(letter.visit_from.quote, "Between 18 and 20 January 2022");
  CHECK_STR(letter.initial_published.value, "2019-01-08");
  CHECK(letter.initial_published.line == 33);
  CHECK(ends_with(letter.initial_published.quote, "published on 8 January 2019"));
  CHECK_STR(letter.statement_fit.value, "2019-05-01");
  CHECK(letter.statement_fit.line == 35);
  CHECK(ends_with(letter.statement_fit.quote, "fit for purpose on 1 May 2019"));
  CHECK(letter.sufficient_count == 6);
  CHECK(letter.insufficient_count == 2);
  const sl_span *spans[] = {&letter.letter_date, &letter.visit_from, &letter.visit_to,
                            &letter.initial_published, &letter.statement_fit};
  for (size_t i = 0; i < sizeof spans / sizeof *spans; i++)
    CHECK(verbatim(joined, spans[i]));

  CHECK(letter.weakness_count == 8);
  if (letter.weakness_count != 8) return;
  /* Where each block's bold statement and judgement are, read off the letter. */
  static const size_t statement_lines[] = {51, 62, 76, 86, 102, 112, 122, 138};
  static const size_t judgement_lines[] = {58, 72, 82, 98, 108, 118, 134, 148};
  for (size_t i = 0; i < 8; i++) {
    const sl_letter_weakness *w = &letter.weaknesses[i];
    CHECK_STR(w->progress, i == 2 || i == 3 ? "insufficient" : "sufficient");
    CHECK(w->statement.line == statement_lines[i]);
    CHECK(w->judgement.line == judgement_lines[i]);
    CHECK(verbatim(joined, &w->statement));
    CHECK(verbatim(joined, &w->judgement));
    CHECK(w->statement.value && !strstr(w->statement.value, "**"));
    CHECK(!starts_with(w->statement.value, "- "));
    CHECK(starts_with(w->judgement.value, i == 2 || i == 3 ? "The area has not made sufficient"
                                                           : "The area has made sufficient"));
    CHECK(w->last_line == (i == 3 ? 88 : statement_lines[i]));
  }
  CHECK_STR(letter.weaknesses[0].statement.value,
            "Leaders in education, health and care had not worked together to organise roles "
            "and responsibilities, establish a united vision and strategic plan, communicate "
            "effectively, drive improvement or share what works well.");
  CHECK_STR(letter.weaknesses[1].statement.value,
            "Aspirations and expectations for children and young people were not routinely "
            "high enough.");
  CHECK(starts_with(letter.weaknesses[2].statement.value, "Co-production was weak."));
  /* Weakness 4's bold ends at "were**"; its sentence ends two lines on. */
  const sl_span *fourth = &letter.weaknesses[3].statement;
  CHECK_STR(fourth->value,
            "The quality of EHC plans was poor. Health and care workers did not contribute to the "
            "process effectively. The targets and outcomes in plans were not aspirational "
            "enough. The annual reviews of EHC plans were often not completed on time or did not "
            "contribute effectively to the review of the children and young people's needs or "
            "the support and help they received.");
  CHECK(ends_with(fourth->value, "the support and help they received."));
  CHECK(fourth->quote && strstr(fourth->quote, "were**\n\noften not completed"));
  CHECK_STR(letter.weaknesses[7].judgement.value,
            "The area has made sufficient progress to improve this area of significant weakness.");
  CHECK(ends_with(letter.weaknesses[7].statement.value,
                  "Arrangements for accessing some services were confusing and complicated."));
}

/* A letter of the national shape with the wording variants the parser must
 * tolerate: CRLF, "Between 30 June and 2 July", a multi-line bold, "*"
 * bullets, digits in the summary, "has not yet made". */
static const char VARIANT[] =
    "\xEF\xBB\xBF"
    "Ofsted\r\n"
    "\r\n"
    "  8 August 2022  \r\n"
    "\r\n"
    "Between 30 June and 2 July 2022, Ofsted and the CQC revisited the area of X to decide\r\n"
    "the areas of significant weakness detailed in the inspection report published on 3 March "
    "2018.\r\n"
    "It was declared fit for purpose on 12th July 2018.\r\n"
    "The area has made sufficient progress in addressing 1 of the significant weaknesses. The "
    "area has not made sufficient progress in addressing one of the significant weaknesses.\r\n"
    "\r\n"
    "At the initial inspection inspectors found:\r\n"
    "* **Leaders did not\r\n"
    "work together.**\r\n"
    "* A finding.\r\n"
    "The area has not yet made sufficient progress in addressing this significant weakness.\r\n"
    "\r\n"
    "AT THE INITIAL INSPECTION, INSPECTORS FOUND THE FOLLOWING:\r\n"
    "- **Plans were poor.** A note.\r\n"
    "- A finding.\r\n"
    "The area has made sufficient progress in addressing three of the weaknesses.\r\n"
    "The area has made sufficient progress to improve this area.\r\n";

static void test_variant(void) {
  sl_document doc;
  sl_revisit_letter letter;
  sl_error error;
  CHECK(document_of("variant.txt", VARIANT, sizeof VARIANT - 1, &doc) == 0);
  CHECK(sl_parse_revisit_letter(arena, &doc, &letter, &error) == 0);
  const char *joined = document_joined(&doc);
  CHECK_STR(letter.letter_date.value, "2022-08-08");
  CHECK_STR(letter.letter_date.quote, "8 August 2022");
  CHECK(letter.letter_date.line == 3);
  CHECK_STR(letter.visit_from.value, "2022-06-30");
  CHECK_STR(letter.visit_to.value, "2022-07-02");
  CHECK_STR(letter.visit_from.quote, "Between 30 June and 2 July 2022");
  CHECK_STR(letter.initial_published.value, "2018-03-03");
  CHECK(letter.initial_published.line == 6);
  CHECK_STR(letter.statement_fit.value, "2018-07-12");
  CHECK_STR(letter.statement_fit.quote, "declared fit for purpose on 12th July 2018");
  CHECK(letter.sufficient_count == 1);
  CHECK(letter.insufficient_count == 1);
  CHECK(letter.weakness_count == 2);
  if (letter.weakness_count != 2) return;
  const sl_letter_weakness *first = &letter.weaknesses[0], *second = &letter.weaknesses[1];
  CHECK_STR(first->statement.value, "Leaders did not work together.");
  CHECK_STR(first->statement.quote, "Leaders did not\nwork together.");
  CHECK(first->statement.line == 11 && first->last_line == 12);
  CHECK_STR(first->progress, "insufficient");
  CHECK(first->judgement.line == 14);
  CHECK_STR(second->statement.value, "Plans were poor.");
  CHECK_STR(second->progress, "sufficient"); /* line 20, not the summary on line 19 */
  CHECK(second->judgement.line == 20);
  CHECK(verbatim(joined, &first->statement) && verbatim(joined, &second->statement));
  CHECK(verbatim(joined, &first->judgement) && verbatim(joined, &second->judgement));
}

/* Parse text as a letter that must be refused; the message it gives. */
static const char *refused(const char *text) {
  sl_document doc;
  sl_revisit_letter letter;
  static sl_error error;
  error.message[0] = '\0';
  if (document_of("letter.txt", text, strlen(text), &doc)) return "(not a document)";
  if (sl_parse_revisit_letter(arena, &doc, &letter, &error) == 0) return "(accepted)";
  return error.message;
}

static void test_refused(void) {
  CHECK_STR(refused(""), "letter.txt: line 1: not a revisit letter: no weakness block (a line "
                         "\"At the initial inspection, inspectors found the following:\")");
  CHECK_STR(refused("Dear Sir\n\nThank you.\n"),
            "letter.txt: lines 1-3: not a revisit letter: no weakness block (a line \"At the "
            "initial inspection, inspectors found the following:\")");
  CHECK_STR(refused("At the initial inspection, inspectors found the following:\n"
                    "- **Weak.**\n- A finding.\n"),
            "letter.txt: line 1: weakness 1 has no judgement (\"The area has (not) made "
            "sufficient progress ...\") before the end of the letter");
  CHECK_STR(refused("At the initial inspection, inspectors found the following:\n"
                    "- **Weak.**\n"
                    "The area has made sufficient progress in addressing six of the eight.\n"
                    "At the initial inspection, inspectors found the following:\n"
                    "- **Poor.**\n"
                    "The area has made sufficient progress to improve this area.\n"),
            "letter.txt: line 1: weakness 1 has no judgement (\"The area has (not) made "
            "sufficient progress ...\") before the next block on line 4");
  CHECK_STR(refused("x\nAt the initial inspection, inspectors found the following:\n\n"
                    "The area has made sufficient progress to improve this area.\n"),
            "letter.txt: line 2: no weakness statement (\"- **...**\") after \"At the initial "
            "inspection, inspectors found\"");
  CHECK_STR(refused("At the initial inspection, inspectors found the following:\n"
                    "- **Weak and never closed.\n"
                    "- A finding.\n"
                    "The area has made sufficient progress to improve this area.\n"),
            "letter.txt: line 2: the weakness's bold statement has no closing \"**\"");
  CHECK_STR(refused("At the initial inspection, inspectors found the following:\n- ****\n"
                    "The area has made sufficient progress to improve this area.\n"),
            "letter.txt: line 2: the weakness statement is empty");
}

/* A letter whose statement line is 10 MB long still parses, in linear time. */
static void test_long_statement(void) {
  size_t length = 10u * 1024 * 1024;
  const char *head = "At the initial inspection, inspectors found the following:\n- **";
  const char *tail = ".**\nThe area has not made sufficient progress to improve this area.\n";
  char *text = malloc(strlen(head) + length + strlen(tail) + 1);
  CHECK(text != NULL);
  if (!text) return;
  char *p = text + strlen(head);
  strcpy(text, head);
  for (size_t i = 0; i < length; i++)
    p[i] = i % 6 == 5 ? ' ' : 'w';
  strcpy(p + length, tail);
  sl_document doc;
  sl_revisit_letter letter;
  sl_error error;
  CHECK(document_of("long.txt", text, strlen(text), &doc) == 0);
  CHECK(sl_parse_revisit_letter(arena, &doc, &letter, &error) == 0);
  CHECK(letter.weakness_count == 1);
  CHECK(letter.weakness_count == 1 && strlen(letter.weaknesses[0].statement.quote) == length + 1);
  CHECK(letter.weakness_count == 1 && strcmp(letter.weaknesses[0].progress, "insufficient") == 0);
  CHECK(letter.letter_date.value == NULL && letter.sufficient_count == -1);
  free(text);
}

int main(void) {
  arena = sl_arena_new();
  test_staffordshire();
  test_variant();
  test_refused();
  test_long_statement();
  sl_arena_free(arena);
  return CHECK_DONE();
}
