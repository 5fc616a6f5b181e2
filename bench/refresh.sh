#!/usr/bin/env bash
# bench/refresh.sh: the one-area refresh benchmark of issue 15 (run by hand,
# not in the test suite). On the case-indicator benchmark's SYNTHETIC data
# (tools/gen-cases, the same files as bench/run.sh, generated once), with
# every area imported and the indicators computed, it times:
#   import     `sendlens import-cases` of one area's file again
#   refresh    `sendlens indicators` after that: only that area is counted
#   unchanged  `sendlens indicators` with nothing changed: what every run
#              costs (start, scripts, reading back and printing 14,000 rows)
#   full       `sendlens indicators` with no record of what results were
#              computed from (indicator_source emptied): every area counted,
#              as every run did before results recorded their imports
# under hyperfine (--runs N, default 5; each run starts from a copy of the
# same database, made by --prepare and not timed) and once under
# /usr/bin/time -v (peak RSS), then prints the ratio refresh / full and
# checks that the refreshed results equal a full recount's.
#
#   bench/refresh.sh [--scale national|regional] [--seed N] [--runs N] [--area CODE]
# Environment: SENDLENS_BUILD_DIR (default build/); the work goes in
# BUILD/bench/SCALE-seedN/ (the data shared with bench/run.sh) and its
# refresh/ folder.
set -euo pipefail

bench_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
scale=national seed=1 runs=5 area=
while [ $# -gt 0 ]; do
  case $1 in
    --scale) scale=${2:?}; shift 2 ;;
    --seed) seed=${2:?}; shift 2 ;;
    --runs) runs=${2:?}; shift 2 ;;
    --area) area=${2:?}; shift 2 ;;
    -h|--help) sed -n '2,20p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "bench/refresh.sh: unknown argument '$1' (see --help)" >&2; exit 2 ;;
  esac
done
case $scale in national|regional) ;; *) echo "bench/refresh.sh: --scale national or regional" >&2; exit 2 ;; esac

# What it needs beyond the build: a subset of bench/setup.sh's (no pandas,
# no DuckDB).
source "$bench_dir/../tools/packages.sh"
sendlens_install_missing "sqlite3:/usr/bin/sqlite3" "time:/usr/bin/time" \
  "hyperfine:/usr/bin/hyperfine"
source "$bench_dir/../tools/setup.sh"   # builds sendlens into $sendlens_build
sendlens=$sendlens_build/sendlens
work=$sendlens_build/bench/$scale-seed$seed
data=$work/data
out=$work/refresh
mkdir -p "$out"

# The same data as bench/run.sh, generated once for both.
stamp="$(sha256sum "$sendlens_root/tools/gen-cases" | cut -d' ' -f1) --preset $scale --seed $seed"
if [ "$(cat "$work/data.stamp" 2>/dev/null)" != "$stamp" ]; then
  rm -rf "$data" "$work/data.stamp"
  echo "bench: generating $scale synthetic data (seed $seed) in $data" >&2
  "$sendlens_root/tools/gen-cases" --preset "$scale" --seed "$seed" --out "$data"
  echo "$stamp" > "$work/data.stamp"
fi
files=("$data"/*.csv)
# The area re-imported: by default the one in the middle of the list.
if [ -z "$area" ]; then
  middle=${files[$(( ${#files[@]} / 2 ))]}
  area=$(basename "$middle" .csv)
fi
[ -f "$data/$area.csv" ] || { echo "bench/refresh.sh: no $data/$area.csv" >&2; exit 2; }

# Every area imported and counted once: the state each timed run copies.
base=$out/base.db
rm -f "$base" "$base"-wal "$base"-shm
pairs=()
for file in "${files[@]}"; do
  name=${file##*/}
  pairs+=("${name%.csv}" "$file")
done
echo "bench: importing ${#files[@]} areas and computing their indicators" >&2
"$sendlens" --db "$base" import-cases "${pairs[@]}" > /dev/null
"$sendlens" --db "$base" indicators --max-seconds 600 > /dev/null

db=$out/run.db
# sync: the copy's 300 MB of dirty pages would otherwise be written back
# inside the timed command's first fsync (the checkpoint as it closes),
# which measured the disk, not sendlens (20 s of a 24 s run at 9% CPU).
copy="rm -f $db $db-wal $db-shm && cp $base $db && sync"
reimport="$sendlens --db $db import-cases $area $data/$area.csv"
forget="sqlite3 $db 'DELETE FROM indicator_source'"
indicators="$sendlens --db $db indicators --max-seconds 600"

hyperfine --runs "$runs" --export-json "$out/hyperfine.json" \
  -n import --prepare "$copy" "$reimport" \
  -n unchanged --prepare "$copy" "$indicators" \
  -n refresh --prepare "$copy && $reimport > /dev/null" "$indicators" \
  -n full --prepare "$copy && $reimport > /dev/null && $forget" "$indicators" >&2

# Peak RSS, once each; and the two results side by side.
counts="SELECT indicator, area, period, breakdown, value, numerator, denominator
        FROM indicator_result ORDER BY indicator, area, period, breakdown"
eval "$copy && $reimport > /dev/null"
/usr/bin/time -v -o "$out/refresh.time" $indicators > /dev/null
sqlite3 "$db" "$counts" > "$out/refresh.csv"
eval "$copy && $reimport > /dev/null && $forget"
/usr/bin/time -v -o "$out/full.time" $indicators > /dev/null
sqlite3 "$db" "$counts" > "$out/full.csv"

/usr/bin/python3 "$bench_dir/refresh_report.py" "$out" "$area" "${#files[@]}" | tee "$out/report.txt"
