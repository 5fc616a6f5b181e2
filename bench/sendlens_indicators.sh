#!/usr/bin/env bash
# bench/sendlens_indicators.sh SENDLENS DB CSV_DIR OUT.csv: the sendlens engine
# of the benchmark. One `sendlens import-cases AREA FILE AREA FILE ...` of
# every area's case file (AREA.csv) into the SQLite file DB, as a national
# analyst would import them, then `sendlens indicators` (the
# standard scripts, scripts/indicators/ehc.lua for these), which store each
# result with its raw counts. Outputs suppress small counts, so the counts
# are read back from the database (sqlite3 shell) into the same CSV as
# bench/indicators.sql.
set -euo pipefail
[ $# -eq 4 ] || { echo "usage: $0 SENDLENS DB CSV_DIR OUT.csv" >&2; exit 2; }
sendlens=$1 db=$2 dir=$3 out=$4
if ! "$sendlens" import-cases --help >/dev/null 2>&1; then
  echo "sendlens engine: this sendlens has no 'import-cases'" >&2
  exit 3
fi
rm -f "$db"
pairs=()
for file in "$dir"/*.csv; do
  area=${file##*/}
  pairs+=("${area%.csv}" "$file")
done
"$sendlens" --db "$db" import-cases "${pairs[@]}" > /dev/null
# The limits are for advisers' scripts; national scale needs more than 10 s.
"$sendlens" --db "$db" indicators --max-seconds 600 --json > /dev/null
sqlite3 -readonly "$db" > "$out" <<'SQL'
.headers on
.mode csv
SELECT area, indicator, period AS quarter, numerator, denominator FROM indicator_result
WHERE indicator IN ('ehcp_within_20_weeks', 'ehcp_within_20_weeks_excl_exceptions',
                    'open_assessments_over_20_weeks', 'annual_reviews_on_time', 'requests_refused')
  AND denominator > 0
ORDER BY area, indicator, quarter;
SQL
