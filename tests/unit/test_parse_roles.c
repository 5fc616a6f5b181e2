/* test_parse_roles.c: the organisation kinds of core/parse/organisation.c
 * and the group members of core/parse/members.c, on the sentences the
 * three areas' documents write and on ones that must give nothing. */
#include <string.h>

#include "arena.h"
#include "check.h"
#include "parse/parse.h"

static void check_kind(const char *text, const char *expected) {
  const char *got = sl_parse_organisation_kind(text);
  if (!expected)
    CHECK(got == NULL);
  else
    CHECK_STR(got ? got : "(null)", expected);
}

/* The group and members of text, members joined by "|". */
static void check_group(sl_arena *arena, const char *text, const char *group, const char *members,
                        const char *list) {
  sl_group_members out = {.size = sizeof out};
  int rc = sl_parse_group_members(arena, text, &out);
  CHECK(rc == 0);
  if (rc) return;
  CHECK_STR(out.group ? out.group : "(null)", group ? group : "(null)");
  char joined[512] = "";
  for (size_t i = 0; i < out.members.count; i++) {
    size_t used = strlen(joined);
    snprintf(joined + used, sizeof joined - used, "%s%s", i ? "|" : "", out.members.items[i]);
  }
  CHECK_STR(joined, members);
  CHECK_STR(out.list, list);
  CHECK(strstr(text, out.list) != NULL); /* quotable */
}

int main(void) {
  check_kind("CCG", "health");
  check_kind("Herefordshire and Worcestershire Clinical Commissioning Group (CCG)", "health");
  check_kind("NHS England", "nhs_england");
  check_kind("DfE", "dfe");
  check_kind("Department for Education", "dfe");
  check_kind("LA", "council");
  check_kind("the Local Authority", "council");
  check_kind("Worcestershire County Council", "council");
  check_kind("SENDIASS", "sendiass");
  check_kind("Parent carer forum", "parent_carer_forum");
  check_kind("Special Schools", "education");
  check_kind("Health partners from the ICB", "health");
  check_kind("WCF", NULL);    /* says nothing of its kind */
  check_kind("SEND", NULL);   /* a field, not a body */
  check_kind("la la", NULL);  /* abbreviations match in their case only */
  check_kind("PLACES", NULL); /* "LA" inside a word is no match */
  check_kind("Schoolhouse", NULL);
  check_kind(NULL, NULL);

  sl_arena *arena = sl_arena_new();
  check_group(arena,
              "They are in the process of establishing a Local Offer Steering Group, with members "
              "from the PCF, SENDIASS, Schools, the Local Authority and Health partners which will "
              "take development forward",
              "Local Offer Steering Group",
              "the PCF|SENDIASS|Schools|the Local Authority|Health partners",
              "the PCF, SENDIASS, Schools, the Local Authority and Health partners");
  check_group(
      arena,
      "The Local Area Improvement Board (LAIB) will continue to have responsibility for the "
      "oversight and challenge of improvement in Walsall and has representation from FACE, "
      "SENDIASS, Education, the Local Authority and Health partners from the ICB, Health "
      "Trust and Mental Health Trust. It is chaired independently.",
      "Local Area Improvement Board (LAIB)",
      "FACE|SENDIASS|Education|the Local Authority|Health partners from the ICB, Health Trust "
      "and Mental Health Trust",
      "FACE, SENDIASS, Education, the Local Authority and Health partners from the ICB, Health "
      "Trust and Mental Health Trust");
  check_group(arena,
              "The APP was formulated using a 'Task and Finish Group' approach. The group included "
              "representatives from the PCF, SENDIASS, schools, CCG, Social Care and LA officers. "
              "This Task Team worked together.",
              "Task and Finish Group", "the PCF|SENDIASS|schools|CCG|Social Care|LA officers",
              "the PCF, SENDIASS, schools, CCG, Social Care and LA officers");
  check_group(arena, "with members from A and B.", NULL, "A|B", "A and B");
  sl_group_members none = {.size = sizeof none};
  CHECK(sl_parse_group_members(arena, "Members gave detailed scrutiny.", &none) == -1);
  CHECK(sl_parse_group_members(arena, "with members from .", &none) == -1);
  sl_arena_free(arena);
  return CHECK_DONE();
}
