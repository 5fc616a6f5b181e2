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

source "$bench_dir/../tools/packages.sh"

bench_install_node() {
  [ -d "$bench_dir/node_modules/@duckdb/node-api" ] && return 0
  echo "bench: npm install (DuckDB's Node API, as package-lock.json pins it) in $bench_dir" >&2
  # Not `npm ci`: npm 11 leaves other platforms' optional bindings out of the
  # lock file, and `npm ci` then calls the lock out of sync.
  (cd "$bench_dir" && npm install --no-save --no-audit --no-fund >&2)
}

sendlens_install_missing "${bench_packages[@]}"
bench_install_node
