/*
 * source_manifest.h: a plugin's description of its documents,
 * plugins/NAME/sources/sources.json (docs/plugin-guide.md, "Describing the
 * documents"): for each file of sources/, its title, publisher, public
 * address and licence, each optional. Declared beside the documents, as
 * Fluent Bit declares a plugin's configuration beside it, so the ABI does
 * not change and an area's author edits text, not C. The host reads it,
 * never the plugin's child.
 */
#ifndef SL_SOURCE_MANIFEST_H
#define SL_SOURCE_MANIFEST_H

#include "error.h"
#include "store.h"

/* The manifest's file name inside sources/. */
#define SL_SOURCE_MANIFEST "sources.json"

/* Read sources_dir/sources.json, when there is one, check it and store
 * each document's description for area (table source_document), inside
 * the caller's transaction. No manifest is no description: 0. A manifest
 * that is not what docs/plugin-guide.md says (bad JSON, an unknown key, a
 * file not in sources/, an address that is not http(s)) is -1 with error
 * set to one line naming the file and the place, without any local folder. */
int sl_source_manifest_load(sl_store *store, const char *area, const char *sources_dir,
                            sl_error *error);

#endif
