/*
 * roles.h: what the host adds to the roles a plugin emitted (roles.c).
 */
#ifndef SL_ROLES_H
#define SL_ROLES_H

#include "error.h"
#include "store.h"

/* Set organisation_kind of each role of area the plugin left without one,
 * from its words (core/parse/organisation.c), once the load has stored
 * the area's glossary. 0, or -1 with error set. */
int sl_roles_complete(sl_store *store, const char *area, sl_error *error);

#endif
