#!/usr/bin/env bash
# tools/packages.sh: sendlens_install_missing, sourced by tools/setup.sh (the
# build's packages) and bench/setup.sh (the benchmark's). Each argument is
# "package:file", the file showing the package is installed. As root, the
# missing packages are installed; otherwise the exact apt-get line is
# printed and the script stops.

sendlens_install_missing() {
  local missing=() entry
  for entry in "$@"; do
    [ -e "${entry#*:}" ] || missing+=("${entry%%:*}")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" -ne 0 ]; then
    echo "sendlens: missing Debian packages; install them with:" >&2
    echo "  sudo apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
  echo "sendlens: installing ${missing[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq "${missing[@]}" >&2
}
