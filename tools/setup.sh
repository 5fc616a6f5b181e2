#!/usr/bin/env bash
# tools/setup.sh: make sure the Debian packages sendlens needs are present,
# then configure and build. Sourced by tools/run.sh and tools/test.sh.
#   SENDLENS_BUILD_DIR   build folder (default: build)
#   SENDLENS_CMAKE_ARGS  extra arguments for cmake's configure step
# As root, missing packages are installed; otherwise the exact apt-get line
# is printed and the script stops.
set -euo pipefail

sendlens_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
sendlens_build=${SENDLENS_BUILD_DIR:-$sendlens_root/build}
case $sendlens_build in /*) ;; *) sendlens_build=$sendlens_root/$sendlens_build ;; esac

# Each package with a file that shows it is installed.
sendlens_packages=(
  "gcc:/usr/bin/gcc"
  "make:/usr/bin/make"
  "cmake:/usr/bin/cmake"
  "pkg-config:/usr/bin/pkg-config"
  "clang-format:/usr/bin/clang-format"
  "libsqlite3-dev:/usr/include/sqlite3.h"
  "libcjson-dev:/usr/include/cjson/cJSON.h"
  "liblua5.4-dev:/usr/include/lua5.4/lua.h"
  "libxlsxwriter-dev:/usr/include/xlsxwriter.h"
  "libzip-dev:/usr/include/zip.h"
  "libxml2-dev:/usr/include/libxml2/libxml/xmlreader.h"
  "libsodium-dev:/usr/include/sodium.h"
  "python3:/usr/bin/python3"
  "python3-jsonschema:/usr/lib/python3/dist-packages/jsonschema/__init__.py"
  "chromium:/usr/bin/chromium"
  "npm:/usr/bin/npm"
  "python3-openpyxl:/usr/lib/python3/dist-packages/openpyxl/__init__.py"
)

source "$sendlens_root/tools/packages.sh"

sendlens_build_tree() {
  if [ ! -f "$sendlens_build/CMakeCache.txt" ]; then
    # shellcheck disable=SC2086
    cmake -S "$sendlens_root" -B "$sendlens_build" ${SENDLENS_CMAKE_ARGS:-} >&2
  fi
  cmake --build "$sendlens_build" -j "$(nproc)" >&2
}

sendlens_install_missing "${sendlens_packages[@]}"
sendlens_build_tree
