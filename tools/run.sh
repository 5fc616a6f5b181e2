#!/usr/bin/env bash
# tools/run.sh: the main job. Build if needed, load every bundled area and
# the bundled official statistics (data/, docs/statistics.md) into
# ./sendlens.db (or $SENDLENS_DB), print the themes x areas comparison and
# the areas' official figures beside England and their region.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
"$sendlens_build/sendlens" load
"$sendlens_build/sendlens" import-statistics "$sendlens_root"/data/*/*.zip
"$sendlens_build/sendlens" compare
echo
"$sendlens_build/sendlens" compare --indicators
