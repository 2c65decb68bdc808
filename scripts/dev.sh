#!/usr/bin/env bash
# Set-up for a fresh Debian 12 machine (run as root) and for CI:
#   scripts/dev.sh demo   install what is missing, build, scan and convert the bundled corpus
#   scripts/dev.sh test   install what is missing, build, run the whole test suite
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
build=${DETASKLET_BUILD_DIR:-$top/build}

packages=(cmake ninja-build g++ llvm-19-dev libclang-19-dev libclang-cpp19-dev clang-19
          libyaml-cpp-dev googletest libgtest-dev python3 git patch perl
          python3-jsonschema nodejs)
# The official SARIF 2.1.0 schema and Microsoft's SARIF validator, from npm,
# for the lint SARIF test (tests/lint/validate_sarif.sh).
npm_tools=${DETASKLET_CACHE:-/var/cache/detasklet}/npm
sarif_package=@microsoft/sarif-multitool-linux@5.7.0

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

install_sarif_tools() {
  [ -f "$npm_tools/node_modules/@microsoft/sarif-multitool-linux/sarif-2.1.0.json" ] && return 0
  # Some nodejs builds bundle npm; Debian's splits it out.
  command -v npm >/dev/null || DEBIAN_FRONTEND=noninteractive apt-get install -y -qq npm
  mkdir -p "$npm_tools"
  npm install --prefix "$npm_tools" --no-save --no-audit --no-fund "$sarif_package" >/dev/null
}

build_all() {
  cmake -S "$top" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DDETASKLET_NPM_TOOLS="$npm_tools" >/dev/null
  ninja -C "$build"
}

case "${1:-}" in
  demo)
    install_missing
    build_all
    cd "$top/test-corpus"
    "$build/detasklet" scan .
    # The conversion of every pattern that converts (the rest are named on stderr).
    "$build/detasklet" convert --diff .
    ;;
  test)
    install_missing
    install_sarif_tools
    build_all
    cd "$build"
    ctest --output-on-failure -j"$(nproc)"
    ;;
  *)
    echo "usage: $0 demo|test" >&2
    exit 2
    ;;
esac
