#!/usr/bin/env bash
# bench/sendlens_indicators.sh SENDLENS DB CSV_DIR OUT.csv: the sendlens engine
# of the benchmark. `sendlens import-cases AREA FILE` for every area's case
# file (AREA.csv) into the SQLite file DB, then the standard case indicators,
# whose raw counts are written as the same CSV as bench/indicators.sql.
set -euo pipefail
[ $# -eq 4 ] || { echo "usage: $0 SENDLENS DB CSV_DIR OUT.csv" >&2; exit 2; }
sendlens=$1 db=$2 dir=$3 out=$4
if ! "$sendlens" import-cases --help >/dev/null 2>&1; then
  echo "sendlens engine: TODO: this build has no 'import-cases' (branch cases not merged yet)" >&2
  exit 3
fi
rm -f "$db"
for file in "$dir"/*.csv; do
  "$sendlens" --db "$db" import-cases "$(basename "$file" .csv)" "$file"
done
echo "sendlens engine: TODO: read the indicators' raw counts (branch cases)" >&2
exit 3
