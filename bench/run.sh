#!/usr/bin/env bash
# bench/run.sh: the case-indicator benchmark of issue 7 (run by hand, not in
# the test suite). Generates SYNTHETIC case files once (tools/gen-cases), then
# times the same work in four engines, each importing every area's file into
# a database file and computing the five standard indicators:
#   sqlite3   the sqlite3 shell, .import plus bench/indicators.sql (the floor)
#   pandas    bench/pandas_indicators.py (Debian's python3-pandas)
#   duckdb    bench/duckdb_indicators.mjs (@duckdb/node-api, to a file)
#   sendlens  sendlens import-cases per area, then the indicators
# Each runs under /usr/bin/time -v (wall time, peak RSS); bench/report.py
# prints the table, sendlens's targets, and fails if the outputs differ.
#
#   bench/run.sh [--scale national|regional] [--seed N] [--hyperfine RUNS]
#                [--engines sqlite3,pandas,duckdb,sendlens]
# Environment: SENDLENS_BUILD_DIR (default build/); the work goes in
# BUILD/bench/. Exit 0 when every engine ran and all outputs agree.
set -euo pipefail

bench_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
scale=national seed=1 hyperfine_runs=0 engines=sqlite3,pandas,duckdb,sendlens
while [ $# -gt 0 ]; do
  case $1 in
    --scale) scale=${2:?}; shift 2 ;;
    --seed) seed=${2:?}; shift 2 ;;
    --hyperfine) hyperfine_runs=${2:?}; shift 2 ;;
    --engines) engines=${2:?}; shift 2 ;;
    -h|--help) sed -n '2,16p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "bench/run.sh: unknown argument '$1' (see --help)" >&2; exit 2 ;;
  esac
done
case $scale in national|regional) ;; *) echo "bench/run.sh: --scale national or regional" >&2; exit 2 ;; esac

source "$bench_dir/setup.sh"
source "$bench_dir/../tools/setup.sh"   # builds sendlens into $sendlens_build
sendlens_bin=$sendlens_build/sendlens
work=$sendlens_build/bench/$scale-seed$seed
data=$work/data
mkdir -p "$work"

# Generate once; again only when the generator or its arguments change.
stamp="$(sha256sum "$sendlens_root/tools/gen-cases" | cut -d' ' -f1) --preset $scale --seed $seed"
if [ "$(cat "$work/data.stamp" 2>/dev/null)" != "$stamp" ]; then
  rm -rf "$data" "$work/data.stamp"
  echo "bench: generating $scale synthetic data (seed $seed) in $data" >&2
  "$sendlens_root/tools/gen-cases" --preset "$scale" --seed "$seed" --out "$data"
  echo "$stamp" > "$work/data.stamp"
fi
cat "$data"/*.csv > /dev/null   # every engine starts with the files in the page cache

engine_command() {
  case $1 in
    sqlite3) echo "$bench_dir/sqlite3_indicators.sh $work/sqlite3.db $data $work/sqlite3.csv" ;;
    pandas) echo "/usr/bin/python3 $bench_dir/pandas_indicators.py $data $work/pandas.csv" ;;
    duckdb) echo "node $bench_dir/duckdb_indicators.mjs $work/duckdb.duckdb $data $work/duckdb.csv" ;;
    sendlens) echo "$bench_dir/sendlens_indicators.sh $sendlens_bin $work/sendlens.db $data $work/sendlens.csv" ;;
    *) echo "bench/run.sh: unknown engine '$1'" >&2; return 2 ;;
  esac
}

IFS=, read -r -a engine_list <<< "$engines"
rm -f "$work/hyperfine.json"
for engine in "${engine_list[@]}"; do
  command=$(engine_command "$engine")
  rm -f "$work/$engine.csv" "$work/$engine.time" "$work/$engine.failed"
  echo "bench: $engine ..." >&2
  # shellcheck disable=SC2086
  if ! /usr/bin/time -v -o "$work/$engine.time" $command 2> "$work/$engine.err"; then
    touch "$work/$engine.failed"
    tail -3 "$work/$engine.err" >&2
  fi
done

if [ "$hyperfine_runs" -gt 0 ]; then
  commands=()
  for engine in "${engine_list[@]}"; do
    [ -e "$work/$engine.failed" ] || commands+=(-n "$engine" "$(engine_command "$engine")")
  done
  hyperfine --runs "$hyperfine_runs" --export-json "$work/hyperfine.json" "${commands[@]}" >&2
fi

/usr/bin/python3 "$bench_dir/report.py" "$work" "${engine_list[@]}" | tee "$work/report.txt"
