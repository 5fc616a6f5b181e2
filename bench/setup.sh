#!/usr/bin/env bash
# bench/setup.sh: install what the benchmark (bench/run.sh) needs beyond the
# build itself: the sqlite3 shell, Debian's pandas, GNU time, hyperfine, and
# DuckDB's Node API (npm, pinned by bench/package-lock.json) into
# bench/node_modules. Bench-only, so none of it is in tools/setup.sh.
# As root, missing Debian packages are installed; otherwise the exact
# apt-get line is printed and the script stops.
set -euo pipefail

bench_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

# Each package with a file that shows it is installed.
bench_packages=(
  "sqlite3:/usr/bin/sqlite3"
  "python3-pandas:/usr/lib/python3/dist-packages/pandas/__init__.py"
  "time:/usr/bin/time"
  "hyperfine:/usr/bin/hyperfine"
  "npm:/usr/bin/npm"
)

bench_install_missing() {
  local missing=() entry
  for entry in "${bench_packages[@]}"; do
    [ -e "${entry#*:}" ] || missing+=("${entry%%:*}")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" -ne 0 ]; then
    echo "bench: missing Debian packages; install them with:" >&2
    echo "  sudo apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
  echo "bench: installing ${missing[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq "${missing[@]}" >&2
}

bench_install_node() {
  [ -d "$bench_dir/node_modules/@duckdb/node-api" ] && return 0
  echo "bench: npm ci (DuckDB's Node API) in $bench_dir" >&2
  (cd "$bench_dir" && npm ci --no-audit --no-fund >&2)
}

bench_install_missing
bench_install_node
