#!/usr/bin/env bash
# tools/run.sh: the main job. Build if needed, load every bundled area into
# ./sendlens.db (or $SENDLENS_DB), print the themes x areas comparison.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
"$sendlens_build/sendlens" load
"$sendlens_build/sendlens" compare
