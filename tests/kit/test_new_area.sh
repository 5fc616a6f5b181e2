#!/usr/bin/env bash
# The scaffold, tools/new-area.sh, run on a copy of the source tree: it
# refuses bad input with one line and exit code 2 and writes nothing; a
# good call makes a plugin that the copy builds (-Werror), that the built
# sendlens lists, loads and compares, and whose fidelity test passes as
# made. The copy keeps the real tree untouched.
set -u
source_dir=${SENDLENS_SOURCE_DIR:?SENDLENS_SOURCE_DIR is not set}
python=${SENDLENS_PYTHON:-python3}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
src=$work/src build=$work/build db=$work/kit.db
new_area=$source_dir/tools/new-area.sh
# shellcheck source=tests/kit/kit.sh
source "$(dirname "${BASH_SOURCE[0]}")/kit.sh"

if ! copy_tree "$source_dir" "$src"; then
  check "copy the source tree" false
  finish
fi

# refuse ARGS...: exit code 2, one line on stderr naming the problem, nothing written.
refuse() { # refuse WHAT EXPECTED_WORDS ARGS...
  local what=$1 words=$2 before after status
  shift 2
  before=$(cd "$src" && ls plugins tests/plugins)
  "$new_area" --root "$src" "$@" >"$work/out" 2>"$work/err"
  status=$?
  after=$(cd "$src" && ls plugins tests/plugins)
  check "$what: exit code 2 (got $status)" test "$status" -eq 2
  check "$what: one line on stderr ($(cat "$work/err"))" test "$(wc -l <"$work/err")" -eq 1
  check "$what: the line says '$words'" grep -q -- "$words" "$work/err"
  check "$what: nothing written" test "$before" = "$after"
}
refuse "upper-case NAME" "bad NAME 'Kit'" Kit E06000099
refuse "NAME starting with a digit" "bad NAME '9kit'" 9kit E06000099
refuse "NAME with a dash" "bad NAME 'kit-area'" kit-area E06000099
refuse "GSS code too short" "bad GSS code 'E0600009'" kitarea E0600009
refuse "GSS code not English" "bad GSS code 'W06000001'" kitarea W06000001
refuse "AREA_NAME with a quote" "bad AREA_NAME" kitarea E06000099 'Kit "Area"'
refuse "an existing plugin" "plugins/walsall already exists" walsall E08000030
refuse "a missing GSS code" "expected NAME GSS_CODE" kitarea
refuse "an unknown option" "unknown option '--force'" --force kitarea E06000099
"$new_area" --root "$work/nowhere" kitarea E06000099 >/dev/null 2>"$work/err"
status=$?
check "--root that is not a source tree: exit code 2" test "$status" -eq 2

# A good call.
"$new_area" --root "$src" kitarea E06000099 "Kit Area" >"$work/out" 2>"$work/err"
status=$?
check "new-area.sh kitarea exits 0 ($(cat "$work/err"))" test "$status" -eq 0
for file in plugins/kitarea/kitarea.c plugins/kitarea/CMakeLists.txt plugins/kitarea/README.md \
  plugins/kitarea/sources/README.txt plugins/kitarea/sources/LICENCE.md \
  tests/plugins/test_kitarea_fidelity.py; do
  check "it made $file" test -s "$src/$file"
done
check "CMakeLists.txt adds the plugin" \
  grep -qx "sendlens_add_plugin(kitarea kitarea.c)" "$src/plugins/kitarea/CMakeLists.txt"
check "the C file declares the plugin" grep -q 'SL_PLUGIN_DEFINE("kitarea"' "$src/plugins/kitarea/kitarea.c"
check "the C file marks where parsing goes" grep -q "TODO" "$src/plugins/kitarea/kitarea.c"
if command -v clang-format >/dev/null; then
  clang-format "--style=file:$src/.clang-format" "$src/plugins/kitarea/kitarea.c" >"$work/formatted"
  check "the C file is clang-formatted" cmp -s "$work/formatted" "$src/plugins/kitarea/kitarea.c"
fi
"$new_area" --root "$src" kitarea E06000099 >/dev/null 2>"$work/err"
status=$?
check "a second call for kitarea is refused with exit code 2" test "$status" -eq 2
check "... saying the folder exists" grep -q "plugins/kitarea already exists" "$work/err"

# The copy builds with the new plugin (warnings are errors).
if ! cmake -S "$src" -B "$build" >"$work/configure.log" 2>&1 ||
  ! build_program "$src" "$build" >"$work/build.log" 2>&1; then
  check "the copy configures and builds ($(grep -m3 -E 'error|Error' "$work"/*.log))" false
  finish
fi
check "the build made plugins/kitarea.so" test -f "$build/plugins/kitarea.so"

sendlens=$build/sendlens
plugins=$("$sendlens" --db "$db" plugins --json 2>&1)
check "plugins --json lists kitarea, status ok" \
  "$python" -c 'import json,sys; p=[x for x in json.loads(sys.argv[1]) if x["name"]=="kitarea"]
sys.exit(not (p and p[0]["status"]=="ok" and p[0]["area_code"]=="E06000099"))' "$plugins"
"$sendlens" --db "$db" load kitarea >"$work/out" 2>"$work/err"
status=$?
check "load kitarea exits 0 ($(cat "$work/err"))" test "$status" -eq 0
areas=$("$sendlens" --db "$db" areas --json 2>&1)
check "areas --json has Kit Area, E06000099, from plugin kitarea" \
  "$python" -c 'import json,sys; a=json.loads(sys.argv[1])
sys.exit(not any(x["code"]=="E06000099" and x["name"]=="Kit Area" and x["plugin"]=="kitarea" for x in a))' \
  "$areas"
header=$("$sendlens" --db "$db" compare 2>&1 | head -n 1)
check "compare's header names Kit Area ($header)" grep -q "Kit Area" <<<"$header"

# The conformance check for plugin authors passes it, where the build has it.
if "$sendlens" --help | grep -q "^  check-plugin "; then
  "$sendlens" check-plugin "$build/plugins/kitarea.so" >"$work/out" 2>&1
  status=$?
  check "check-plugin passes kitarea.so ($(grep -v "^pass" "$work/out" | head -n 3))" test "$status" -eq 0
fi

# The fidelity test it made passes against the copy's build.
SENDLENS=$sendlens SENDLENS_BUILD_DIR=$build SENDLENS_SOURCE_DIR=$src \
  "$python" "$src/tests/plugins/test_kitarea_fidelity.py" >"$work/out" 2>"$work/err"
status=$?
check "test_kitarea_fidelity.py passes ($(tail -n 3 "$work/err"))" test "$status" -eq 0
check "... with checks, none failed ($(tail -n 1 "$work/out"))" \
  grep -Eq "^[1-9][0-9]* passed, 0 failed$" "$work/out"
finish
