#!/usr/bin/env bash
# The README's main command, as a user runs it from a folder of their own:
# it builds if needed (here: already built), loads every bundled area into
# ./sendlens.db and prints the comparison, which must show all three areas
# and their themes, and their official figures beside England and the region.
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
check "it imported the bundled official statistics" \
  grep -q "^imported education-health-and-care-plans_2025.zip/data/timeliness_20_week.csv: 12211 rows" <<<"$output"
figures=$(sqlite3 "$work/sendlens.db" "SELECT value FROM statistic WHERE indicator = 'ehcp_within_20_weeks' AND geography = 'E10000028' AND period = '2024'" 2>/dev/null ||
  python3 -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute(\"SELECT value FROM statistic WHERE indicator = 'ehcp_within_20_weeks' AND geography = 'E10000028' AND period = '2024'\").fetchone()[0])" "$work/sendlens.db")
check "Staffordshire's 2024 figure is the published 35.3 (got '$figures')" test "$figures" = "35.3"
# The official figures beside England and the region (compare --indicators):
# Staffordshire's 2024 timeliness, 35.3, in the row of 2024 with England's
# 45.9 and the West Midlands' 41 (timeliness_20_week.csv, headline rows).
check "the areas' official figures follow, with England and the region" \
  grep -Eq "^2024 +35\.3 +84\.2 +37\.2 +45\.9 +41( |$)" <<<"$output"
check "with ranks and quartiles" grep -Eq "#[0-9]+ Q[1-4]" <<<"$output"
echo "$passed passed, $failed failed"
test "$failed" -eq 0
