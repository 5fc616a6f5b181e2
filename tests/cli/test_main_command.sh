#!/usr/bin/env bash
# The README's main command, as a user runs it from a folder of their own:
# it builds if needed (here: already built), loads every bundled area into
# ./sendlens.db and prints the comparison, which must show all three areas
# and their themes.
set -u
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work" || exit 1
output=$(env -u SENDLENS_DB "$SENDLENS_SOURCE_DIR/tools/run.sh" 2>"$work/stderr")
status=$?
passed=0 failed=0
check() { # check DESCRIPTION COMMAND...
  if "${@:2}"; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAILED: $1" >&2; fi
}
check "tools/run.sh exits 0 ($(head -c 500 "$work/stderr"))" test "$status" -eq 0
check "it wrote ./sendlens.db" test -f "$work/sendlens.db"
for area in Staffordshire Walsall Worcestershire; do
  check "the comparison shows $area" grep -q "$area" <<<"$output"
done
for theme in coproduction ehcp_quality local_offer specialist_provision; do
  check "the comparison has a $theme row" grep -q "^$theme " <<<"$output"
done
check "Staffordshire's co-production weakness is judged insufficient" \
  grep -Eq "^coproduction +W:ins" <<<"$output"
echo "$passed passed, $failed failed"
test "$failed" -eq 0
