#!/usr/bin/env bash
# tests/fuzz/run.sh BUILD_DIR SECONDS: run every libFuzzer target of a build
# configured with -DSENDLENS_FUZZ=ON for SECONDS each, from its seed corpus
# (BUILD_DIR/fuzz-corpus/<target>) and its regressions. The corpus is copied
# to a temporary folder first: libFuzzer adds what it finds to the first
# folder it is given, and the seeds must stay as the documents made them.
# Fails if any target finds a crash, a leak or a broken invariant; the
# input is left in BUILD_DIR/fuzz-findings/<target>/ to become a regression.
set -euo pipefail

if [ $# -ne 2 ]; then
  echo "usage: $0 BUILD_DIR SECONDS" >&2
  exit 2
fi
build=$(cd "$1" && pwd)
seconds=$2
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# The targets are declared once, in replay.cmake's SENDLENS_FUZZ_TARGETS.
read -r -a targets <<<"$(sed -n '/^set(SENDLENS_FUZZ_TARGETS/,/)/p' "$here/replay.cmake" |
  tr -d '()' | tr '\n' ' ' | sed 's/^setSENDLENS_FUZZ_TARGETS//')"
[ ${#targets[@]} -gt 0 ] || { echo "$0: no targets in replay.cmake" >&2; exit 2; }
work=$(mktemp -d "${TMPDIR:-/tmp}/sendlens-fuzz-run-XXXXXX")
trap 'rm -rf "$work"' EXIT

export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}

# One target: its seeds, its regressions and the corpus kept from earlier
# runs in this build (BUILD_DIR/fuzz-kept/<target>/, which the run grows),
# then fuzzed; the last lines of its log (execs, coverage) are printed
# either way. A finding is copied into regressions/<target>/, where the
# ctest test fuzz/replay runs it on every build once it is committed.
run_target() {
  local target=$1 binary=$build/tests/fuzz/$1 findings=$build/fuzz-findings/$1
  local kept=$build/fuzz-kept/$1
  if [ ! -x "$binary" ]; then
    echo "$target: not built in $build (configure with CC=clang -DSENDLENS_FUZZ=ON)" >&2
    return 1
  fi
  mkdir -p "$work/$target" "$findings" "$kept"
  cp -R "$build/fuzz-corpus/$target/." "$kept/"
  if [ -d "$here/regressions/$target" ]; then
    cp -R "$here/regressions/$target/." "$kept/"
  fi
  cp -R "$kept/." "$work/$target/"
  local status=0
  "$binary" -max_total_time="$seconds" -timeout=25 -rss_limit_mb=2048 \
    -artifact_prefix="$findings/" -print_final_stats=1 "$work/$target" \
    >"$work/$target.log" 2>&1 || status=$?
  grep -E '^#[0-9]+[[:space:]]+(DONE|INITED)|stat::number_of_executed_units|stat::peak_rss' \
    "$work/$target.log" | sed "s/^/$target: /"
  cp -R "$work/$target/." "$kept/"
  if [ $status -ne 0 ]; then
    echo "$target: FAILED (exit $status); log and input follow" >&2
    tail -n 60 "$work/$target.log" >&2
    ls -l "$findings" >&2
    mkdir -p "$here/regressions/$target"
    cp "$findings"/* "$here/regressions/$target/" 2>/dev/null &&
      echo "$target: the input is kept in tests/fuzz/regressions/$target/ (commit it with the fix)" >&2
    return 1
  fi
}

failed=()
for target in "${targets[@]}"; do
  run_target "$target" || failed+=("$target")
done
if [ ${#failed[@]} -ne 0 ]; then
  echo "fuzz: findings in ${failed[*]}: see $build/fuzz-findings/" >&2
  exit 1
fi
echo "fuzz: ${#targets[@]} targets, ${seconds}s each, no findings"
