#!/usr/bin/env bash
# tools/test.sh: the whole test suite. Build if needed, then ctest.
# Extra arguments go to ctest (e.g. -R walsall).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
cd "$sendlens_build"
ctest --output-on-failure -j "$(nproc)" "$@"
