#!/usr/bin/env bash
# bench/statistics/run.sh: the official-statistics import benchmark of
# issue 12 (run by hand, not in the test suite). Imports the whole DfE
# "Education, health and care plans" release (its 12 data files, 195,575
# rows, 37 MB unzipped) in three engines and compares them:
#   sendlens  sendlens import-statistics ZIP into a fresh database file,
#             reading the zip itself (nothing unpacked)
#   duckdb    read_csv of each data file into a table of a DuckDB database
#             file (bench/statistics/duckdb_read.mjs, npm's @duckdb/node-api)
#   pandas    pd.read_csv of each data file, from the zip with zipfile
#             (bench/statistics/pandas_read.py, Debian's python3-pandas)
# DuckDB reads no zip: its copies are unpacked into a temporary folder
# before anything is timed (and pandas' too with --pandas-source unpacked).
# Each engine runs once under /usr/bin/time -v (wall, CPU, peak RSS), then
# hyperfine times RUNS more runs of each (wall time: their mean). Then
# bench/statistics/check.py prints the times, the ratios sendlens/DuckDB
# and sendlens/pandas, peak MiB and sendlens's targets (at most 0.5x
# DuckDB's wall time, peak RSS under 64 MiB), and checks that sendlens
# stored what DuckDB read: rows per file, every row's line and geography,
# the numeric cells, empty cells and each symbol of every indicator column
# (stat_row.cells), and every figure of `statistic` against DuckDB's cell
# at its source. Any difference fails the run, loudly.
#
#   bench/statistics/run.sh [--zip FILE] [--runs N] [--engines LIST]
#                           [--pandas-source zip|unpacked] [--require-targets]
#     --zip FILE          the release (default data/dfe-ehcp-2025/
#                         education-health-and-care-plans_2025.zip)
#     --runs N            hyperfine runs per engine (default 3; 0: only the
#                         one run under /usr/bin/time)
#     --engines LIST      default sendlens,duckdb,pandas (the counts are
#                         compared only when sendlens and duckdb both run)
#     --pandas-source S   pandas reads the zip (default) or the unpacked copies
#     --require-targets   exit 1 also when a target is missed
# Environment: SENDLENS_BUILD_DIR (default build/); the work goes in
# BUILD/bench/statistics/. Exit 0 when every engine ran and all counts agree.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
bench_dir=$(dirname "$here")
zip="" runs=3 engines=sendlens,duckdb,pandas pandas_source=zip require_targets=""
while [ $# -gt 0 ]; do
  case $1 in
    --zip) zip=${2:?--zip FILE}; shift 2 ;;
    --runs) runs=${2:?--runs N}; shift 2 ;;
    --engines) engines=${2:?--engines LIST}; shift 2 ;;
    --pandas-source) pandas_source=${2:?--pandas-source zip or unpacked}; shift 2 ;;
    --require-targets) require_targets=--require-targets; shift ;;
    -h|--help) sed -n '2,35p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "bench/statistics/run.sh: unknown argument '$1' (see --help)" >&2; exit 2 ;;
  esac
done
case $pandas_source in zip|unpacked) ;; *)
  echo "bench/statistics/run.sh: --pandas-source zip or unpacked" >&2; exit 2 ;;
esac
case $runs in ''|*[!0-9]*) echo "bench/statistics/run.sh: --runs takes a number" >&2; exit 2 ;; esac

source "$bench_dir/setup.sh"
source "$bench_dir/../tools/setup.sh"   # builds sendlens into $sendlens_build
sendlens_bin=$sendlens_build/sendlens
zip=${zip:-$sendlens_root/data/dfe-ehcp-2025/education-health-and-care-plans_2025.zip}
if [ ! -f "$zip" ]; then
  echo "bench/statistics/run.sh: no release zip at $zip (give one with --zip)" >&2
  exit 1
fi
zip=$(cd "$(dirname "$zip")" && pwd)/$(basename "$zip")
if ! "$sendlens_bin" import-statistics --help > /dev/null 2>&1; then
  echo "bench/statistics/run.sh: this sendlens ($sendlens_bin) has no 'import-statistics'" >&2
  exit 1
fi
work=$sendlens_build/bench/statistics
mkdir -p "$work"

# The unpacked copies, for DuckDB (and pandas if asked): made here, before
# any timing, in a temporary folder removed at the end.
unpacked=$(mktemp -d "${TMPDIR:-/tmp}/sendlens-bench-ehcp.XXXXXX")
trap 'rm -rf "$unpacked"' EXIT
/usr/bin/python3 - "$zip" "$unpacked" <<'PY'
import os, sys, zipfile
with zipfile.ZipFile(sys.argv[1]) as archive:
    for member in archive.namelist():
        if member.startswith("data/") and member.endswith(".csv"):
            with open(os.path.join(sys.argv[2], os.path.basename(member)), "wb") as out:
                out.write(archive.read(member))
PY
data_files=("$unpacked"/*.csv)
echo "bench: ${#data_files[@]} data files of $(basename "$zip") unpacked for DuckDB into $unpacked" >&2
cat "$zip" "${data_files[@]}" > /dev/null   # every engine starts with its input in the page cache

pandas_input=$zip
[ "$pandas_source" = unpacked ] && pandas_input=$unpacked

engine_command() {
  case $1 in
    sendlens) echo "$sendlens_bin --db $work/sendlens.db import-statistics $zip" ;;
    duckdb) echo "node $here/duckdb_read.mjs $work/duckdb.duckdb ${data_files[*]}" ;;
    pandas) echo "/usr/bin/python3 $here/pandas_read.py $pandas_input $work/pandas.json" ;;
    *) echo "bench/statistics/run.sh: unknown engine '$1'" >&2; return 2 ;;
  esac
}
# What each run starts from: no database (a fresh file for each import).
engine_prepare() {
  case $1 in
    sendlens) echo "rm -f $work/sendlens.db $work/sendlens.db-journal $work/sendlens.db-wal" ;;
    duckdb) echo "rm -f $work/duckdb.duckdb $work/duckdb.duckdb.wal" ;;
    pandas) echo "rm -f $work/pandas.json" ;;
  esac
}

IFS=, read -r -a engine_list <<< "$engines"
for engine in "${engine_list[@]}"; do engine_command "$engine" > /dev/null; done
rm -f "$work/hyperfine.json"
for engine in "${engine_list[@]}"; do
  command=$(engine_command "$engine")
  rm -f "$work/$engine.time" "$work/$engine.failed" "$work/$engine.out"
  eval "$(engine_prepare "$engine")"
  echo "bench: $engine ..." >&2
  # shellcheck disable=SC2086
  if ! /usr/bin/time -v -o "$work/$engine.time" $command > "$work/$engine.out" 2> "$work/$engine.err"; then
    touch "$work/$engine.failed"
    tail -3 "$work/$engine.err" >&2
  fi
done
[ -e "$work/sendlens.failed" ] || sed 's/^/sendlens: /' "$work/sendlens.out" >&2

if [ "$runs" -gt 0 ]; then
  arguments=()
  for engine in "${engine_list[@]}"; do
    [ -e "$work/$engine.failed" ] && continue
    arguments+=(--prepare "$(engine_prepare "$engine")" -n "$engine" "$(engine_command "$engine")")
  done
  [ ${#arguments[@]} -eq 0 ] || hyperfine --runs "$runs" --export-json "$work/hyperfine.json" "${arguments[@]}" >&2
fi

# shellcheck disable=SC2086
/usr/bin/python3 "$here/check.py" $require_targets "$work" "$zip" "${engine_list[@]}" \
  | tee "$work/report.txt"
