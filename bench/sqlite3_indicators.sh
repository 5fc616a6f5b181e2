#!/usr/bin/env bash
# bench/sqlite3_indicators.sh DB CSV_DIR OUT.csv: the sqlite3 shell engine of
# the benchmark, the floor for SQLite. One sqlite3 process `.import`s every
# area's case file (AREA.csv) into a staging table, copies it into `cases`
# with its area code, then runs bench/indicators.sql into OUT.csv.
set -euo pipefail
[ $# -eq 3 ] || { echo "usage: $0 DB CSV_DIR OUT.csv" >&2; exit 2; }
db=$1 dir=$2 out=$3
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
rm -f "$db"
{
  echo ".bail on"
  echo "CREATE TABLE cases(area TEXT, Module TEXT, PersonID TEXT, RequestID TEXT,"
  echo "  ReceivedDate TEXT, RequestSource TEXT, RequestOutcome TEXT, RequestOutcomeDate TEXT,"
  echo "  AssessmentOutcome TEXT, AssessmentOutcomeDate TEXT, Week20 TEXT, StartDate TEXT,"
  echo "  CeaseDate TEXT, CeaseReason TEXT, ReviewDueDate TEXT, ReviewHeldDate TEXT);"
  for file in "$dir"/*.csv; do
    area=${file##*/} area=${area%.csv}
    # --skip 1 passes the '# SYNTHETIC DATA' line; the header names the new table's columns.
    echo "DROP TABLE IF EXISTS staging;"
    echo ".import --csv --skip 1 '$file' staging"
    echo "INSERT INTO cases SELECT '$area', * FROM staging;"
  done
  echo "DROP TABLE staging;"
  echo ".output '$out'"
  cat "$here/indicators.sql"
} | sqlite3 ${SQLITE3_TIMER:+-cmd ".timer on"} "$db"
