#!/usr/bin/env bash
# tools/new-area.sh: the scaffold of a new area plugin. Writes
#   plugins/NAME/{NAME.c,CMakeLists.txt,README.md}
#   plugins/NAME/sources/{README.txt,LICENCE.md}
#   tests/plugins/test_NAME_fidelity.py
# a skeleton that builds, loads and passes its test as it stands, with TODO
# where the parsing of the area's documents goes (docs/plugin-guide.md).
#
#   tools/new-area.sh [--root DIR] NAME GSS_CODE [AREA_NAME]
#
# --root is the source tree to write into (default: this script's tree), so
# the kit's test can run it on a copy. Bad input is refused with one line on
# stderr and exit code 2, before anything is written.
set -euo pipefail

usage="usage: tools/new-area.sh [--root DIR] NAME GSS_CODE [AREA_NAME]"

refuse() {
  echo "new-area.sh: $*" >&2
  exit 2
}

# ---- arguments -------------------------------------------------------------

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
args=()
while [ $# -gt 0 ]; do
  case $1 in
    --root) [ $# -ge 2 ] || refuse "--root needs a folder ($usage)"; root=$2; shift 2 ;;
    --root=*) root=${1#--root=}; shift ;;
    -h | --help) echo "$usage"; exit 0 ;;
    --) shift; args+=("$@"); break ;;
    -*) refuse "unknown option '$1' ($usage)" ;;
    *) args+=("$1"); shift ;;
  esac
done
if [ ${#args[@]} -lt 2 ] || [ ${#args[@]} -gt 3 ]; then
  refuse "expected NAME GSS_CODE [AREA_NAME] ($usage)"
fi
name=${args[0]}
code=${args[1]}
# The default area name: the plugin name with a capital and spaces.
default_area=${name//_/ }
area=${args[2]:-${default_area^}}

# ---- checks: all before anything is written ----------------------------------

# NAME is a C identifier prefix, a file name and a folder name at once.
[[ $name =~ ^[a-z][a-z0-9_]*$ ]] ||
  refuse "bad NAME '$name': must match [a-z][a-z0-9_]* (lower case, it names the plugin file)"
[[ $code =~ ^E[0-9]{8}$ ]] ||
  refuse "bad GSS code '$code': must match ^E[0-9]{8}\$ (an English area, e.g. E08000030)"
# The area name goes into C and Python string literals as written.
[[ -n $area && $area != *[\"\\\`\$]* && $area =~ ^[[:print:]]+$ ]] ||
  refuse "bad AREA_NAME '$area': must be printable text without \" \\ \` or \$"
if [ ! -d "$root/plugins" ] || [ ! -f "$root/CMakeLists.txt" ]; then
  refuse "bad --root '$root': not a sendlens source tree (no plugins/ or CMakeLists.txt)"
fi
plugin=$root/plugins/$name
test_file=$root/tests/plugins/test_${name}_fidelity.py
[ ! -e "$plugin" ] || refuse "plugins/$name already exists in $root: choose another NAME"
[ ! -e "$test_file" ] || refuse "tests/plugins/test_${name}_fidelity.py already exists in $root"

# ---- the files ---------------------------------------------------------------

write_c() {
  cat <<EOF
/*
 * $name.c: the area plugin of $area, made by tools/new-area.sh.
 * Declares the plugin and the area's identity, reads the area's documents
 * from sources/ and emits the records of the common model, each with the
 * source it was read from. docs/plugin-guide.md describes the host table.
 *
 * TODO: replace sources/README.txt with the documents the area publishes
 * (its revisit letter, its Accelerated Progress Plan) and read them below.
 */
#include <string.h>

#include "sendlens/plugin.h"

#define AREA_CODE "$code"
#define AREA_NAME "$area"
/* TODO: the document the area's identity is quoted from. */
#define DOCUMENT "README.txt"

/* The first line of the document holding text (1-based), or 0: a record's
 * locator must name the line its quote is on, or the host refuses it. */
static size_t ${name}_line_with(const sl_document *document, const char *text) {
  for (size_t i = 0; i < document->line_count; i++)
    if (strstr(document->lines[i], text)) return i + 1;
  return 0;
}

/* The area, always the first record; its source is the first line naming it.
 * TODO: the DfE local authority number ("335") and the region ("West
 * Midlands"), NULL until a document gives them. */
static int ${name}_area(sl_host *host, const sl_document *document) {
  size_t line = ${name}_line_with(document, AREA_NAME);
  if (!line) return sl_fail(host, DOCUMENT, 0, "no line names %s", AREA_NAME);
  sl_area_record area = {
      .code = AREA_CODE,
      .name = AREA_NAME,
      .source = {DOCUMENT, sl_format(host, "line %zu", line), document->lines[line - 1]}};
  return sl_emit_area(host, &area, NULL);
}

static int ${name}_load(const sl_host_api *api, sl_host *host) {
  SL_PLUGIN_INIT(api); /* first: the sl_* calls go through api */
  const sl_document *document;
  int rc = sl_read_document(host, DOCUMENT, &document);
  if (rc != SL_OK) return rc; /* the host has said why */
  if ((rc = ${name}_area(host, document)) != SL_OK) return rc;
  /* TODO: parse the documents and emit what they say, in this order:
   *   the revisit letter: sl_parse_revisit_letter, then sl_emit_inspection
   *     and sl_emit_weakness for each of its weaknesses;
   *   the plan: sl_emit_plan, sl_emit_concern, sl_emit_action,
   *     sl_emit_measure, sl_emit_observation;
   * each record with the document, the line and the exact quote (the
   * fields of each kind: sendlens/records.def). Use the shared parsers
   * (sl_parse_date, sl_numbered_paragraphs, sl_split_cells, sl_html_text,
   * sl_references) rather than new ones, and sl_fail(host, document, line,
   * ...) for input that cannot be read. */
  return SL_OK;
}

SL_PLUGIN_DEFINE("$name", AREA_CODE, AREA_NAME, "0.1.0", ${name}_load);
EOF
}

write_cmake() {
  echo "sendlens_add_plugin($name $name.c)"
}

write_readme() {
  cat <<EOF
# $area plugin

Area $code, $area. Made by \`tools/new-area.sh\`: it loads the area's
identity from the placeholder document \`sources/README.txt\` and nothing
else yet.

TODO:

- put the documents $area publishes in \`sources/\`, as text, and list
  them in \`sources/LICENCE.md\`;
- give the DfE local authority number and the region in \`$name.c\`;
- read the documents in \`$name.c\` (docs/plugin-guide.md), and write here
  what is read from where and the choices made;
- check it in \`tests/plugins/test_${name}_fidelity.py\` against values
  worked out by reading the documents.

| file | reads |
|---|---|
| \`$name.c\` | the descriptor, the area |
EOF
}

write_placeholder() {
  cat <<EOF
Placeholder document of a new area plugin, made by tools/new-area.sh.

Local area: $area
GSS code: $code

TODO: replace this file with the documents $area publishes (its revisit
letter, its Accelerated Progress Plan), as text, and list them in
LICENCE.md.
EOF
}

write_licence() {
  cat <<EOF
# Licence of these documents

The documents in this folder are public-sector information published in
England, reused under the Open Government Licence v3.0
(https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/).

Contains public sector information licensed under the Open Government Licence v3.0.

| file | publisher | what it is |
|---|---|---|
| README.txt | (none) | TODO: a placeholder made by tools/new-area.sh; replace it with the area's documents and list them here |
EOF
}

write_test() {
  cat <<EOF
"""$area plugin fidelity (made by tools/new-area.sh): what the documents
in plugins/$name/sources/ say, read by a person and written down here (never
copied from the program's output), is what the export holds, and every
source quotes its document on the line its locator names. It uses the
kit's test helper, sendlens_plugin_test (tools/sendlens_plugin_test.py;
installed as share/sendlens/python/ and bin/sendlens-plugin-test).

TODO: as $name.c learns to read the documents, add the counts and spot
values worked out by reading them, e.g.
    checks.equal(kit.counts(area)["weaknesses"], 3, "three weaknesses")
    checks.equal(kit.find(area, "weakness", ref="2")["progress"], "insufficient", "2's judgement")
"""

import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
import sendlens_test as t  # noqa: E402

kit = t.kit
NAME = "$name"
SOURCES = os.path.join(t.SOURCE_DIR, "plugins", NAME, "sources")

checks = kit.Checks()
try:
    area = kit.load(NAME)
except kit.LoadError as error:
    checks.check(False, str(error))
    checks.done()
checks.equal(area["code"], "$code", "the area's GSS code")
checks.equal(area["name"], "$area", "the area's name")
checks.check(area["sources"], "the area has a source")
kit.check_sources(checks, area, SOURCES)
checks.done()
EOF
}

mkdir -p "$plugin/sources" "$(dirname "$test_file")"
write_c >"$plugin/$name.c"
# Long names can push a line past the column limit: let the repo's style
# decide the layout where clang-format is installed.
if command -v clang-format >/dev/null && [ -f "$root/.clang-format" ]; then
  clang-format -i "--style=file:$root/.clang-format" "$plugin/$name.c"
fi
write_cmake >"$plugin/CMakeLists.txt"
write_readme >"$plugin/README.md"
write_placeholder >"$plugin/sources/README.txt"
write_licence >"$plugin/sources/LICENCE.md"
write_test >"$test_file"

echo "new-area.sh: made plugins/$name/ ($code, $area) and tests/plugins/test_${name}_fidelity.py"
echo "next: put the documents in plugins/$name/sources/, read them in plugins/$name/$name.c"
echo "      (docs/plugin-guide.md), then: tools/test.sh -R $name"
