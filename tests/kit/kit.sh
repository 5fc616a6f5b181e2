#!/usr/bin/env bash
# tests/kit/kit.sh: what the kit's tests share (sourced, not a test itself):
# named checks counted into the final "N passed, N failed" line, and a copy
# of the source tree to build in a temporary folder.

passed=0 failed=0

check() { # check DESCRIPTION COMMAND...
  if "${@:2}"; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAILED: $1" >&2; fi
}

finish() {
  echo "$passed passed, $failed failed"
  if [ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]; then exit 0; fi
  exit 1
}

# copy_tree FROM TO: the source tree as the repository holds it, without
# .git, build folders (any folder holding a CMakeCache.txt, or named
# build*) and databases, so a new top-level folder needs no change here.
copy_tree() {
  local entry
  mkdir -p "$2" || return 1
  for entry in "$1"/* "$1"/.clang-format; do
    [ -e "$entry" ] || continue
    case ${entry##*/} in build* | *.db) continue ;; esac
    [ -f "$entry/CMakeCache.txt" ] && continue
    cp -r "$entry" "$2"/ || return 1
  done
}

# build_program SRC BUILD: build only what is installed (the program and
# every area plugin of SRC), not the tests, their fixtures or the fuzz
# replays: the kit's tests need no more, and a full build would double
# their time on a shared machine.
build_program() {
  local targets=(sendlens) plugin
  for plugin in "$1"/plugins/*/CMakeLists.txt; do
    plugin=${plugin%/CMakeLists.txt}
    targets+=("sendlens_plugin_${plugin##*/}")
  done
  cmake --build "$2" -j2 --target "${targets[@]}"
}
