#!/usr/bin/env bash
# The plugin developer kit, as an installed user sees it, on a machine where
# another copy of sendlens is installed. A copy of the source tree, with an
# area scaffolded by tools/new-area.sh (kitarea), is configured for one
# prefix ("other": the copy already installed, its bin/ first on PATH), built
# once and installed there and, with `cmake --install --prefix`, into a
# second prefix, which is then moved elsewhere; the copy and its build are
# deleted, so the moved install can only use what it holds. Checked: the
# files of the kit (header, sendlens-plugin.pc, scripts, schemas, docs, man
# page, which renders and has an entry for every command --help lists, the
# test helper); the moved program finds, lists and loads its own bundled
# areas and kitarea, and nothing of the other install; a plugin built outside
# any tree with the documented one-line `cc` command (flags from pkg-config),
# shipping its own mapping rules, and kitarea's C file built the same way,
# load with `--plugins DIR` (kitarea there shadowing the installed one, with
# a note); what was emitted comes back out of `show --json` and `export
# --format json`; the installed sendlens-plugin-test passes and fails as it
# should; `check-plugin` passes both plugins.
set -u
source_dir=${SENDLENS_SOURCE_DIR:?SENDLENS_SOURCE_DIR is not set}
python=${SENDLENS_PYTHON:-python3}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
src=$work/src build=$work/build prefix=$work/prefix ext=$work/ext db=$work/kit.db
other=$work/other moved=$work/moved
# shellcheck source=tests/kit/kit.sh
source "$(dirname "${BASH_SOURCE[0]}")/kit.sh"
# json_check DESCRIPTION JSON PYTHON_EXPRESSION: the expression, over the
# parsed JSON as `d`, is true. The JSON goes through a file: a whole
# export is longer than one argument may be (MAX_ARG_STRLEN, 128 KiB).
json_check() {
  printf '%s' "$2" >"$work/json_check.json"
  check "$1" "$python" -c 'import json, sys
try:
    with open(sys.argv[1], encoding="utf-8") as handle:
        d = json.load(handle)
    sys.exit(0 if eval(sys.argv[2]) else 1)
except (ValueError, LookupError, TypeError) as error:
    sys.exit("  %s: %s" % (type(error).__name__, error))' "$work/json_check.json" "$3"
}

# ---- build, install, and remove the tree ------------------------------------

mkdir -p "$ext"
if ! copy_tree "$source_dir" "$src" ||
  ! "$src/tools/new-area.sh" --root "$src" kitarea E06000097 "Kit Area" >"$work/new-area.log" 2>&1; then
  check "copy the source tree, scaffold kitarea ($(head -c 300 "$work/new-area.log"))" false
  finish
fi
if ! cmake -S "$src" -B "$build" -DCMAKE_INSTALL_PREFIX="$other" >"$work/configure.log" 2>&1 ||
  ! build_program "$src" "$build" >"$work/build.log" 2>&1 ||
  ! cmake --install "$build" >"$work/install-other.log" 2>&1 ||
  ! cmake --install "$build" --prefix "$prefix" >"$work/install.log" 2>&1; then
  check "configure, build, install ($(grep -m3 -E 'rror' "$work"/*.log))" false
  finish
fi
# While the tree and its build exist, the installed program uses neither:
# its plugins are its own, and a broken rules.lua in the tree is not read.
listed=$("$prefix/bin/sendlens" --db "$db" plugins --json 2>&1)
json_check "with the build still there, the installed program lists only its own plugins" "$listed" \
  "len(d) == 4 and all(p['path'].startswith('$prefix/') for p in d)"
echo 'this is not Lua' >>"$src/scripts/mapping/rules.lua"
"$prefix/bin/sendlens" --db "$db" load walsall >"$work/out" 2>"$work/err"
status=$?
check "the installed program maps with its own scripts, not the tree's ($(head -c 300 "$work/err"))" \
  test "$status" -eq 0
mkdir -p "$ext/kitarea"
cp "$src/plugins/kitarea/kitarea.c" "$ext/" && cp -r "$src/plugins/kitarea/sources" "$ext/kitarea/"
rm -rf "$src" "$build" "$db"
# The install moves: nothing of the configured prefix may be needed.
mv "$prefix" "$moved"
prefix=$moved
sendlens=$prefix/bin/sendlens
PATH=$other/bin:$PATH
export PATH
check "the other install's sendlens is the one on PATH" test "$(command -v sendlens)" = "$other/bin/sendlens"
# ---- the installed files ------------------------------------------------------

check "bin/sendlens is installed" test -x "$sendlens"
check "bin/sendlens-plugin-test is installed" test -x "$prefix/bin/sendlens-plugin-test"
check "share/sendlens/python/sendlens_plugin_test.py is installed" \
  test -f "$prefix/share/sendlens/python/sendlens_plugin_test.py"
check "include/sendlens/plugin.h is installed" test -f "$prefix/include/sendlens/plugin.h"
for file in scripts/mapping/rules.lua scripts/mapping/engine.lua scripts/indicators/kpis.lua \
  schemas/store.sql schemas/model.schema.json schemas/themes.json; do
  check "share/sendlens/$file is installed" test -f "$prefix/share/sendlens/$file"
done
for doc in "$source_dir"/docs/*.md README.md; do
  check "share/doc/sendlens/$(basename "$doc") is installed" \
    test -f "$prefix/share/doc/sendlens/$(basename "$doc")"
done
man_page=$prefix/share/man/man1/sendlens.1
check "share/man/man1/sendlens.1 is installed" test -f "$man_page"
if command -v man >/dev/null; then
  MANWIDTH=80 man -l "$man_page" >"$work/man.txt" 2>"$work/man.err"
  status=$?
  check "man -l renders the page ($(head -c 300 "$work/man.err"))" test "$status" -eq 0
  for word in SYNOPSIS plugins load areas show compare export indicators run --db --plugins \
    --scripts --version --help SENDLENS_DB "EXIT STATUS" FILES; do
    check "the man page mentions $word" grep -q -- "$word" "$work/man.txt"
  done
fi
# Every command the program lists has its entry in the page.
commands=$("$sendlens" --help | sed -n '/^commands:/,/^$/s/^  \([a-z][a-z-]*\) .*/\1/p')
check "sendlens --help lists commands" test -n "$commands"
if [ -s "$work/man.txt" ]; then
  for command in $commands; do
    check "the man page has an entry for '$command'" grep -Eq "^       $command( |$)" "$work/man.txt"
  done
fi
if command -v groff >/dev/null; then
  LC_ALL=C.UTF-8 groff -man -Tutf8 -ww "$man_page" >/dev/null 2>"$work/groff.err"
  check "groff -man -ww: no warnings ($(head -c 300 "$work/groff.err"))" test ! -s "$work/groff.err"
fi

pc=$(find "$prefix" -name sendlens-plugin.pc)
check "one sendlens-plugin.pc is installed, in a pkgconfig folder ($pc)" \
  test "$(dirname "$pc" | xargs basename)" = pkgconfig
PKG_CONFIG_PATH=$(dirname "$pc")
export PKG_CONFIG_PATH
cflags=$(pkg-config --cflags sendlens-plugin | sed "s/ *$//")
check "pkg-config --cflags points at the moved install's headers ($cflags)" \
  test "$(realpath "${cflags#-I}")" = "$prefix/include"
# The installed plugins folder: where the bundled areas went.
plugindir=$(dirname "$(find "$prefix" -path '*/sendlens/plugins/walsall.so')")
check "plugindir is the installed plugins folder ($plugindir)" \
  test "$(realpath "$(pkg-config --variable=plugindir sendlens-plugin)")" = "$plugindir"
check "the plugins are installed under --prefix, not the configured prefix ($plugindir)" \
  test "$plugindir" = "$prefix/lib/sendlens/plugins"
datadir=$(pkg-config --variable=datadir sendlens-plugin)
check "datadir holds the helper module ($datadir)" test -f "$datadir/python/sendlens_plugin_test.py"
version=$(pkg-config --modversion sendlens-plugin)
check "the .pc's version is the program's ($version)" grep -q "^sendlens $version " \
  <<<"$("$sendlens" --version)"
check "the man page is of this version" grep -q "^\.TH SENDLENS 1 .*\"sendlens $version\"" "$man_page"

# ---- the installed program and the installed areas ----------------------------

listed=$("$sendlens" --db "$db" plugins --json 2>&1)
for area in staffordshire walsall worcestershire kitarea; do
  check "$plugindir/$area.so is installed" test -f "$plugindir/$area.so"
  check "$plugindir/$area/sources is installed" test -d "$plugindir/$area/sources"
  json_check "plugins --json lists $area from the prefix, status ok" "$listed" \
    "any(p['name'] == '$area' and p['status'] == 'ok' and p['path'] == '$plugindir/$area.so' for p in d)"
done
json_check "plugins --json lists nothing of the other install" "$listed" \
  "len(d) == 4 and not any(p['path'].startswith('$other') for p in d)"
"$sendlens" --db "$db" load >"$work/out" 2>"$work/err"
status=$?
check "the installed program loads the installed areas ($(head -c 300 "$work/err"))" test "$status" -eq 0
check "... saying nothing on stderr" test ! -s "$work/err"
# Themes come from the installed mapping scripts: the source tree is gone.
compare=$("$sendlens" --db "$db" compare 2>&1)
check "compare maps Staffordshire's co-production weakness, after Kit Area's column (installed scripts)" \
  grep -Eq "^coproduction +- +W:ins" <<<"$compare"

# ---- a plugin built outside the tree --------------------------------------------

mkdir -p "$ext/kitdemo/sources"
cat >"$ext/kitdemo/sources/letter.txt" <<'EOF'
Kit Demo local area: a document for the installed kit's test.
Letter published on 3 March 2023.
The quality of education, health and care plans is poor.
EOF
cat >"$ext/kitdemo.c" <<'EOF'
/* kitdemo.c: a plugin built against the installed kit only. */
#include "sendlens/plugin.h"

static int kitdemo_load(const sl_host_api *api, sl_host *host) {
  SL_PLUGIN_INIT(api);
  const sl_document *letter;
  sl_id inspection;
  if (sl_read_document(host, "letter.txt", &letter) || letter->line_count < 3) return SL_ERROR;
  sl_area_record area = {.code = "E06000098", .la_number = "998", .name = "Kit Demo",
                         .region = "West Midlands",
                         .source = {"letter.txt", "line 1", "Kit Demo local area"}};
  sl_inspection_record revisit = {.kind = "revisit",
                                  .published = sl_parse_date(host, letter->lines[1]),
                                  .weaknesses_found = 1,
                                  .weaknesses_sufficient = 0,
                                  .source = {"letter.txt", "line 2", "3 March 2023"}};
  int rc = sl_emit_area(host, &area, NULL);
  if (rc == SL_OK) rc = sl_emit_inspection(host, &revisit, &inspection);
  if (rc != SL_OK) return rc;
  sl_weakness_record weakness = {.inspection = inspection, .ref = "1", .text = letter->lines[2],
                                 .progress = "insufficient",
                                 .source = {"letter.txt", "line 3", letter->lines[2]}};
  return sl_emit_weakness(host, &weakness, NULL);
}

SL_PLUGIN_DEFINE("kitdemo", "E06000098", "Kit Demo", "2.3.4", kitdemo_load);
EOF
# Its own mapping rules, beside its .so: the weakness is about the workforce too.
cat >"$ext/kitdemo.lua" <<'EOF'
return { assign = { { id = "staff", kind = "weakness", ref = "1", theme = "workforce_capacity",
                      why = "The quality of education" } } }
EOF
# The documented command, word splitting of the flags and all; and the
# scaffolded kitarea.c built the same way, out of the tree.
# shellcheck disable=SC2046
(cd "$ext" && cc -shared -fPIC $(pkg-config --cflags sendlens-plugin) -o "$ext/kitdemo.so" \
  kitdemo.c && cc -shared -fPIC $(pkg-config --cflags sendlens-plugin) -o "$ext/kitarea.so" \
  kitarea.c) >"$work/cc.log" 2>&1
check "cc -shared -fPIC \$(pkg-config --cflags sendlens-plugin) builds it ($(head -c 300 "$work/cc.log"))" \
  test -f "$ext/kitdemo.so"
check "... and the scaffolded kitarea.c" test -f "$ext/kitarea.so"
"$sendlens" --db "$db" --plugins "$ext" load kitdemo kitarea >"$work/out" 2>"$work/err"
status=$?
check "--plugins DIR load kitdemo kitarea exits 0 ($(head -c 300 "$work/err"))" test "$status" -eq 0
check "... loads both" test "$(grep -c -E '^loaded (kitdemo|kitarea) ' "$work/out")" -eq 2
listed=$("$sendlens" --db "$db" --plugins "$ext" plugins --json 2>&1)
json_check "plugins --json: DIR's kitarea is used, the installed one shadowed by it" "$listed" \
  "[(p['path'], p['status']) for p in d if p['name'] == 'kitarea'] == [('$ext/kitarea.so', 'ok'), ('$plugindir/kitarea.so', 'shadowed')]"
"$sendlens" --db "$db" --plugins "$ext" load >"$work/out" 2>"$work/err"
status=$?
check "--plugins DIR load (all) exits 0 though kitarea is found twice ($(head -c 300 "$work/err"))" \
  test "$status" -eq 0
check "... with one note, naming the shadowed kitarea" \
  test "$(cat "$work/err")" = "sendlens: load: note: $plugindir/kitarea.so is not loaded: $ext/kitarea.so comes first"

shown=$("$sendlens" --db "$db" show kitdemo --json 2>&1)
json_check "show --json: the area, its code and plugin version" "$shown" \
  "d['code'] == 'E06000098' and d['name'] == 'Kit Demo' and d['la_number'] == '998' and d['plugin'] == 'kitdemo' and d['plugin_version'] == '2.3.4'"
json_check "show --json: the revisit, published 2023-03-03, with its source" "$shown" \
  "[(i['kind'], i['published'], i['sources'][0]['quote']) for i in d['inspections']] == [('revisit', '2023-03-03', '3 March 2023')]"
json_check "show --json: the weakness, insufficient, mapped to ehcp_quality and (its own rules) workforce_capacity" "$shown" \
  "[(w['text'], w['progress'], sorted(w['themes'])) for w in d['inspections'][0]['weaknesses']] == [('The quality of education, health and care plans is poor.', 'insufficient', ['ehcp_quality', 'workforce_capacity'])]"
check "show names the plugin's own kitdemo.lua as the rule" \
  grep -q "theme workforce_capacity (rule kitdemo.lua:staff" <<<"$("$sendlens" --db "$db" show kitdemo)"

"$sendlens" --db "$db" export --format json -o "$work/export.json" 2>"$work/err"
status=$?
check "export --format json exits 0 ($(head -c 300 "$work/err"))" test "$status" -eq 0
exported=$(cat "$work/export.json")
json_check "the export holds the three bundled areas, Kit Area and Kit Demo" "$exported" \
  "sorted(a['plugin'] for a in d['areas']) == ['kitarea', 'kitdemo', 'staffordshire', 'walsall', 'worcestershire']"
json_check "the export's Kit Demo has its source in letter.txt line 1" "$exported" \
  "[a['sources'] for a in d['areas'] if a['plugin'] == 'kitdemo'] == [[{'document': 'letter.txt', 'locator': 'line 1', 'quote': 'Kit Demo local area'}]]"
if "$python" -c "import jsonschema" 2>/dev/null; then
  check "the export is valid against the installed schema" "$python" -c 'import json, sys, jsonschema
jsonschema.validate(json.load(open(sys.argv[1])), json.load(open(sys.argv[2])))' \
    "$work/export.json" "$prefix/share/sendlens/schemas/model.schema.json"
fi
header=$(COLUMNS=200 "$sendlens" --db "$db" compare 2>&1 | head -n 1) # wide: five areas at 80 wrap names
check "compare's header names Kit Demo ($header)" grep -q "Kit Demo" <<<"$header"
check "... and Kit Area ($header)" grep -q "Kit Area" <<<"$header"

# ---- the installed test helper ------------------------------------------------------

cat >"$work/expect.json" <<'EOF'
{"area": {"code": "E06000098", "name": "Kit Demo"},
 "counts": {"inspections": 1, "weaknesses": 1, "plans": 0},
 "records": [{"kind": "weakness", "where": {"ref": "1"},
              "equals": {"progress": "insufficient"}}],
 "sources": true}
EOF
sed 's/"weaknesses": 1/"weaknesses": 2/' "$work/expect.json" >"$work/wrong.json"
# Run as an author would: no $SENDLENS, another sendlens first on PATH.
helper() { env -u SENDLENS "$prefix/bin/sendlens-plugin-test" "$@"; }
helper --plugins "$ext" kitdemo "$work/expect.json" >"$work/out" 2>"$work/err"
status=$?
check "sendlens-plugin-test passes kitdemo ($(head -c 300 "$work/err"))" test "$status" -eq 0
check "... having run checks ($(tail -n 1 "$work/out"))" grep -Eq "^[1-9][0-9]* passed, 0 failed$" "$work/out"
helper --plugins "$ext" kitdemo "$work/wrong.json" >"$work/out" 2>"$work/err"
status=$?
check "sendlens-plugin-test fails a wrong count (status $status)" test "$status" -eq 1
check "... naming it ($(head -c 300 "$work/err"))" grep -q "FAILED: weaknesses: got 1, expected 2" "$work/err"
helper --plugins "$ext" kitdemo >"$work/out" 2>"$work/err"
status=$?
check "sendlens-plugin-test without EXPECT.json: usage, status 2 (got $status)" test "$status" -eq 2
check "the helper module loads kitdemo from Python" env -u SENDLENS "$python" -c 'import sys
sys.path.insert(0, sys.argv[1])
import sendlens_plugin_test as kit
area = kit.load("kitdemo", plugins=sys.argv[2])
sys.exit(0 if kit.counts(area)["weaknesses"] == 1 and kit.find(area, "weakness", ref="1")["progress"] == "insufficient" else 1)' \
  "$datadir/python" "$ext"

# The conformance check for plugin authors, where this build has it; given
# a bare file name too.
if grep -qx "check-plugin" <<<"$commands"; then
  "$sendlens" check-plugin "$ext/kitdemo.so" >"$work/out" 2>&1
  status=$?
  check "check-plugin passes kitdemo.so ($(grep -v "^pass" "$work/out" | head -n 3))" test "$status" -eq 0
  (cd "$ext" && "$sendlens" check-plugin kitarea.so) >"$work/out" 2>&1
  status=$?
  check "check-plugin kitarea.so (no ./) passes ($(grep -v "^pass" "$work/out" | head -n 3))" \
    test "$status" -eq 0
fi

# The helper runs its own install's program, never the one on PATH: break
# that one and the helper still passes.
printf '#!/bin/sh\nexit 3\n' >"$other/bin/sendlens"
helper --plugins "$ext" kitdemo "$work/expect.json" >"$work/out" 2>"$work/err"
status=$?
check "sendlens-plugin-test uses its own install's sendlens, not PATH's ($(head -c 200 "$work/err"))" \
  test "$status" -eq 0
finish
