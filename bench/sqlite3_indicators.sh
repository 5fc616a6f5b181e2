#!/usr/bin/env bash
# bench/sqlite3_indicators.sh DB CSV_DIR OUT.csv: the sqlite3 shell engine of
# the benchmark, the floor for SQLite. One sqlite3 process `.import`s every
# area's case file (AREA.csv) into a table of its own, makes the view `cases`
# of them all with the area code, then runs bench/indicators.sql into OUT.csv.
set -euo pipefail
[ $# -eq 3 ] || { echo "usage: $0 DB CSV_DIR OUT.csv" >&2; exit 2; }
db=$1 dir=$2 out=$3
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
rm -f "$db"
{
  echo ".bail on"
  union=""
  for file in "$dir"/*.csv; do
    area=${file##*/} area=${area%.csv}
    # --skip 1 passes the '# SYNTHETIC DATA' line; the header names the new table's columns.
    echo ".import --csv --skip 1 '$file' '$area'"
    union+="${union:+ UNION ALL }SELECT '$area' AS area, * FROM \"$area\""
  done
  # One view over the areas' tables: no copy of the rows.
  echo "CREATE VIEW cases AS $union;"
  echo ".output '$out'"
  cat "$here/indicators.sql"
} | sqlite3 ${SQLITE3_TIMER:+-cmd ".timer on"} "$db"
