#!/usr/bin/env bash
# The result cache (issue 6) on the real kernel tree: scan and convert
# --patch-dir over the baseline TUs, each timed with GNU time (wall, peak RSS)
#   1. without the cache (--no-cache), the reference;
#   2. cold: the cache emptied first, so every TU is parsed and stored;
#   3. warm: the same command again, nothing changed;
# and the outputs compared byte for byte: a cache that changes a result is a
# bug, however fast. Never writes into the tree: the cache (--cache-dir) and
# every output go to the work directory.
# Goal (issue 6): a warm re-run under 2 s wall on 2 cores.
#
# Usage: bench/cache-bench.sh [--tree DIR] [--detasklet BIN] [--jobs N] [--work DIR] [--quick]
#   --tree       Linux tree (default ${DETASKLET_CACHE:-/var/cache/detasklet}/linux-6.12,
#                prepared by bench/kernel-tree.sh)
#   --detasklet  the binary (default: build/detasklet)
#   --jobs       parallel jobs (default 2)
#   --work       outputs and the cache (default: a new temporary directory, kept)
#   --quick      the files of bench/quick-sample.txt instead of the 273 baseline ones
#   --no-reference  skip the two --no-cache runs (cold and warm are still compared)
set -euo pipefail

HERE=$(cd "$(dirname "$0")/.." && pwd)
TREE=${DETASKLET_CACHE:-/var/cache/detasklet}/linux-6.12
BIN=$HERE/build/detasklet
JOBS=2
WORK=
QUICK=
REFERENCE=1
while [[ $# -gt 0 ]]; do
    case $1 in
        --tree) TREE=$(realpath "$2"); shift 2 ;;
        --detasklet) BIN=$(realpath "$2"); shift 2 ;;
        --jobs) JOBS=$2; shift 2 ;;
        --work) WORK=$(realpath -m "$2"); shift 2 ;;
        --quick) QUICK=1; shift ;;
        --no-reference) REFERENCE=; shift ;;
        -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
        *) echo "unknown argument: $1" >&2; exit 2 ;;
    esac
done
[[ -x $BIN ]] || { echo "no detasklet binary at $BIN; build it or pass --detasklet" >&2; exit 2; }
[[ -f $TREE/compile_commands.json ]] || { echo "no prepared tree at $TREE; run bench/kernel-tree.sh" >&2; exit 2; }
[[ -x /usr/bin/time ]] || { echo "GNU time is missing: apt-get install time" >&2; exit 2; }
[[ -n $WORK ]] || WORK=$(mktemp -d /tmp/detasklet-cache-bench.XXXXXX)
mkdir -p "$WORK"
CACHE=$WORK/cache

if [[ -n $QUICK ]]; then
    mapfile -t FILES < <(grep -v '^#' "$HERE/bench/quick-sample.txt" | grep .)
else
    mapfile -t FILES < "$TREE/.detasklet/baseline-ok.txt"
fi

# measure NAME CMD...: runs CMD in the tree under GNU time; NAME.out and
# NAME.err keep its output, RESULTS a line "NAME wall rss".
RESULTS=()
measure() {
    local name=$1; shift
    local rc=0
    (cd "$TREE" && /usr/bin/time -v -o "$WORK/$name.time" "$@" > "$WORK/$name.out" 2> "$WORK/$name.err") || rc=$?
    if (( rc > 1 )); then
        echo "$name: exit $rc" >&2; tail -5 "$WORK/$name.err" >&2; exit 1
    fi
    local wall rss
    wall=$(awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, p, ":"); s = 0;
                       for (i = 1; i <= n; i++) s = s * 60 + p[i]; printf "%.2f", s }' "$WORK/$name.time")
    rss=$(awk -F': ' '/Maximum resident set size/ { printf "%.0f", $2 / 1024 }' "$WORK/$name.time")
    local hits
    hits=$(grep -o '[0-9]* TUs: [0-9]* from cache' "$WORK/$name.err" || echo "no cache")
    RESULTS+=("$(printf '%-14s %8s s %7s MiB   %s' "$name" "$wall" "$rss" "$hits")")
    echo "${RESULTS[-1]}" >&2
}

# same A B: byte for byte, but a patch's Date: line (the time it was written).
same() {
    if ! diff -r -I '^Date: ' "$1" "$2" > "$WORK/diff.txt"; then
        echo "DIFFERENT: $1 $2 (see $WORK/diff.txt)" >&2; exit 1
    fi
}

SCAN=("$BIN" scan -p . -j"$JOBS" --no-progress --cache-stats --format json)
CONVERT=("$BIN" convert -p . -j"$JOBS" --no-progress --cache-stats)

if [[ -n $REFERENCE ]]; then
    measure scan-nocache "${SCAN[@]}" --no-cache -o "$WORK/scan-nocache.json" "${FILES[@]}"
fi
rm -rf "$CACHE"
measure scan-cold "${SCAN[@]}" --cache-dir "$CACHE" -o "$WORK/scan-cold.json" "${FILES[@]}"
measure scan-warm "${SCAN[@]}" --cache-dir "$CACHE" -o "$WORK/scan-warm.json" "${FILES[@]}"
[[ -z $REFERENCE ]] || same "$WORK/scan-nocache.json" "$WORK/scan-cold.json"
same "$WORK/scan-cold.json" "$WORK/scan-warm.json"
cache_size=$(du -sh "$CACHE" | cut -f1)

if [[ -n $REFERENCE ]]; then
    measure convert-nocache "${CONVERT[@]}" --no-cache --patch-dir "$WORK/patches-nocache" "${FILES[@]}"
fi
rm -rf "$CACHE"
measure convert-cold "${CONVERT[@]}" --cache-dir "$CACHE" --patch-dir "$WORK/patches-cold" "${FILES[@]}"
measure convert-warm "${CONVERT[@]}" --cache-dir "$CACHE" --patch-dir "$WORK/patches-warm" "${FILES[@]}"
[[ -z $REFERENCE ]] || same "$WORK/patches-nocache" "$WORK/patches-cold"
same "$WORK/patches-cold" "$WORK/patches-warm"

echo
echo "${#FILES[@]} TUs, -j$JOBS, $(nproc) CPUs, load $(cut -d' ' -f1-3 /proc/loadavg); cache $cache_size"
printf '%s\n' "${RESULTS[@]}"
echo "outputs identical with and without the cache (patches: but their Date: line); details in $WORK"
