#!/usr/bin/env bash
# tests/style/test_format.sh: every C source and header of the project is
# formatted as .clang-format says. Fails naming each file and line that is
# not; `clang-format -i FILE` fixes them.
set -euo pipefail
root=${SENDLENS_SOURCE_DIR:?set by ctest}
cd "$root"
mapfile -d '' files < <(find core plugins tests tools bench -type f \( -name '*.c' -o -name '*.h' \) \
  -not -path '*/node_modules/*' -print0 2>/dev/null)
if [ ${#files[@]} -lt 20 ]; then
  echo "FAILED: only ${#files[@]} C files found under $root" >&2
  exit 1
fi
if ! clang-format --dry-run -Werror "${files[@]}"; then
  echo "FAILED: files above are not formatted (clang-format -i FILE)" >&2
  exit 1
fi
echo "${#files[@]} files formatted"
