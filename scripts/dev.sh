#!/usr/bin/env bash
# Set-up for a fresh Debian 12 machine (run as root) and for CI:
#   scripts/dev.sh demo   install what is missing, build, scan the bundled corpus
#   scripts/dev.sh test   install what is missing, build, run the whole test suite
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
build=${DETASKLET_BUILD_DIR:-$top/build}

packages=(cmake ninja-build g++ llvm-19-dev libclang-19-dev libclang-cpp19-dev clang-19
          libyaml-cpp-dev googletest libgtest-dev python3 git patch perl)

install_missing() {
  local missing=()
  for p in "${packages[@]}"; do
    dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "installing: ${missing[*]}"
  local sudo=""
  [ "$(id -u)" -ne 0 ] && sudo=sudo
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
}

build_all() {
  cmake -S "$top" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
  ninja -C "$build"
}

case "${1:-}" in
  demo)
    install_missing
    build_all
    cd "$top/test-corpus"
    "$build/detasklet" scan .
    ;;
  test)
    install_missing
    build_all
    cd "$build"
    ctest --output-on-failure -j"$(nproc)"
    ;;
  *)
    echo "usage: $0 demo|test" >&2
    exit 2
    ;;
esac
