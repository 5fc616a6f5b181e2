/*
 * roles.c: the common kind of each role's organisation, where the plugin
 * left it unset, read from the words that name the organisation. It runs
 * in the load's transaction after the plugin, so the area's glossary is
 * stored: an organisation written as a term of it ("WCC") is judged by
 * the term's expansion ("Worcestershire County Council"). A role naming a
 * body alone (no person, no post: "Special Schools") is judged by its
 * name, before any bracket (whose words qualify the body rather than name
 * it: "School Phases (... LA maintained ...)"). Words that say nothing of
 * the kind leave it NULL.
 */
#include "roles.h"

#include <string.h>

#include "parse/parse.h"

/* The words a role's organisation is judged by: column 1 (organisation) or
 * the name's part before a bracket, the glossary's expansion of either
 * first. */
#define ROLES_WORDS                                                                                \
  "coalesce(r.organisation, CASE WHEN r.person IS NULL AND r.post IS NULL THEN "                   \
  "rtrim(CASE WHEN instr(r.name, '(') > 0 THEN substr(r.name, 1, instr(r.name, '(') - 1) "         \
  "ELSE r.name END) END)"

int sl_roles_complete(sl_store *store, const char *area, sl_error *error) {
  sqlite3_stmt *statement = sl_store_prepare(
      store,
      "SELECT r.id, w.words, (SELECT t.expansion FROM term t JOIN fact g ON g.id = t.id "
      "WHERE g.area = ?1 AND t.term = w.words) "
      "FROM role r JOIN fact f ON f.id = r.id "
      "JOIN (SELECT r.id AS id, " ROLES_WORDS " AS words FROM role r) w ON w.id = r.id "
      "WHERE f.area = ?1 AND r.organisation_kind IS NULL AND w.words IS NOT NULL",
      "t", error, area);
  if (!statement) return -1;
  int rc;
  while ((rc = sqlite3_step(statement)) == SQLITE_ROW) {
    const char *expansion = (const char *)sqlite3_column_text(statement, 2);
    const char *kind = expansion ? sl_parse_organisation_kind(expansion) : NULL;
    if (!kind) kind = sl_parse_organisation_kind((const char *)sqlite3_column_text(statement, 1));
    if (kind && sl_store_run(store, "UPDATE role SET organisation_kind = ?2 WHERE id = ?1", "it",
                             error, (int64_t)sqlite3_column_int64(statement, 0), kind)) {
      sqlite3_reset(statement);
      return -1;
    }
  }
  sqlite3_reset(statement);
  if (rc != SQLITE_DONE)
    return sl_error_set(error, "roles: %s", sqlite3_errmsg(sl_store_db(store)));
  return 0;
}
