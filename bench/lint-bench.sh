#!/usr/bin/env bash
# detasklet lint speed, measured honestly on this machine:
#   1. the whole kernel tree, lexical engine, against grep -rwE with the same
#      identifiers over the same files (*.c, *.h, hidden directories skipped),
#      in the same run, each timed 3 times alternately after one warm-up pass
#      (page cache warm; the median is reported);
#   2. a 20-patch git format-patch series checked with --patch, and the same
#      change with --diff-base, in a scratch git repository holding the 20
#      tasklet drivers it touches.
# Goals (issue 4): whole tree <= 5 s wall on 2 cores; a 20-patch series < 0.5 s.
#
# Usage: bench/lint-bench.sh [--tree DIR] [--detasklet BIN] [--runs N]
#   --tree       Linux tree (default ${DETASKLET_CACHE:-/var/cache/detasklet}/linux-6.12,
#                prepared by bench/kernel-tree.sh)
#   --detasklet  the binary (default: build/detasklet, then build-lint/detasklet)
set -euo pipefail

HERE=$(cd "$(dirname "$0")/.." && pwd)
TREE=${DETASKLET_CACHE:-/var/cache/detasklet}/linux-6.12
BIN=
RUNS=3
while [[ $# -gt 0 ]]; do
    case $1 in
        --tree) TREE=$(realpath "$2"); shift 2 ;;
        --detasklet) BIN=$(realpath "$2"); shift 2 ;;
        --runs) RUNS=$2; shift 2 ;;
        -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
        *) echo "unknown argument: $1" >&2; exit 2 ;;
    esac
done
if [[ -z $BIN ]]; then
    for b in "$HERE/build/detasklet" "$HERE/build-lint/detasklet"; do
        [[ -x $b ]] && { BIN=$b; break; }
    done
fi
[[ -x ${BIN:-} ]] || { echo "no detasklet binary; build it or pass --detasklet" >&2; exit 2; }
[[ -d $TREE ]] || { echo "no kernel tree at $TREE; run bench/kernel-tree.sh" >&2; exit 2; }

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

# The same identifiers as the lint rules, as one grep -w alternation.
IDS=$(python3 - "$HERE/rules/lint.yaml" <<'PY'
import re, sys
text = open(sys.argv[1]).read()
ids = []
for m in re.finditer(r"identifiers:\s*\[([^\]]*)\]", text):
    ids += [t for t in re.split(r"[\s,]+", m.group(1)) if t]
print("|".join(ids))
PY
)

now() { date +%s.%N; }
# time_cmd VAR cmd...: wall seconds of one run into VAR; the command's output is discarded.
time_cmd() {
    local var=$1; shift
    local t0 t1
    t0=$(now)
    "$@" > /dev/null 2>&1 || true
    t1=$(now)
    printf -v "$var" '%.3f' "$(echo "$t1 - $t0" | bc -l)"
}
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

run_grep() { grep -rnwE --include='*.c' --include='*.h' --exclude-dir='.*' "$IDS" "$TREE"; }
run_lint() { (cd "$TREE" && "$BIN" lint -j"$(nproc)" --format json -o "$WORK/tree.json" .); }

FILES=$(find "$TREE" -mindepth 1 -type d -name '.*' -prune -o -type f \( -name '*.c' -o -name '*.h' \) -print | wc -l)
echo "tree: $TREE ($FILES .c/.h files), $(nproc) cores, $BIN" >&2
echo "warm-up pass (page cache)..." >&2
run_lint > /dev/null 2>&1 || true
run_grep > /dev/null 2>&1 || true

GREP_T=() LINT_T=()
for ((i = 1; i <= RUNS; i++)); do
    time_cmd g run_grep; GREP_T+=("$g")
    time_cmd l run_lint; LINT_T+=("$l")
    echo "run $i: grep ${g}s, lint ${l}s" >&2
done
GREP_LINES=$(run_grep | wc -l)
LINT_FINDINGS=$(python3 -c "import json,sys; print(len(json.load(open(sys.argv[1]))['findings']))" "$WORK/tree.json")
GREP_MED=$(median "${GREP_T[@]}")
LINT_MED=$(median "${LINT_T[@]}")

# A 20-patch series: 20 tasklet drivers in a scratch repository, one patch
# each, converting tasklet_kill() to cancel_work_sync() (lines removed and
# added, several hunks); the last patch also adds a new tasklet_schedule().
REPO=$WORK/repo
mkdir -p "$REPO"
git -C "$REPO" init -q
GIT=(git -C "$REPO" -c user.name=bench -c user.email=bench@example.org -c commit.gpgsign=false)
mapfile -t DRIVERS < <(cd "$TREE" && grep -rlw --include='*.c' tasklet_kill drivers | sort | head -20)
for f in "${DRIVERS[@]}"; do
    mkdir -p "$REPO/$(dirname "$f")"
    cp "$TREE/$f" "$REPO/$f"
done
"${GIT[@]}" add -A && "${GIT[@]}" commit -qm base
for ((i = 0; i < 20; i++)); do
    f=${DRIVERS[$i]}
    sed -i 's/\btasklet_kill(/cancel_work_sync(/' "$REPO/$f"
    if ((i == 19)); then
        printf '\nstatic void bench_kick(struct tasklet_struct *t)\n{\n\ttasklet_schedule(t);\n}\n' >> "$REPO/$f"
    fi
    "${GIT[@]}" commit -qam "bench: patch $((i + 1)) converts $(basename "$f")"
done
"${GIT[@]}" format-patch -q -20 --stdout > "$WORK/series.mbox"
PATCH_SIZE=$(wc -l < "$WORK/series.mbox")

run_patch() { "$BIN" lint --root "$REPO" --patch "$WORK/series.mbox"; }
run_diffbase() { (cd "$REPO" && "$BIN" lint --diff-base HEAD~20); }
PATCH_T=() DIFF_T=()
for ((i = 1; i <= RUNS; i++)); do
    time_cmd p run_patch; PATCH_T+=("$p")
    time_cmd d run_diffbase; DIFF_T+=("$d")
done
PATCH_OUT=$(run_patch 2>/dev/null || true)
PATCH_FINDINGS=$(printf '%s' "$PATCH_OUT" | grep -c 'warning:\|error:' || true)
set +e; run_patch > /dev/null 2>&1; PATCH_RC=$?; set -e
PATCH_MED=$(median "${PATCH_T[@]}")
DIFF_MED=$(median "${DIFF_T[@]}")

RATIO=$(echo "$GREP_MED / $LINT_MED" | bc -l)
verdict() { if (( $(echo "$1 <= $2" | bc -l) )); then echo "met"; else echo "MISSED"; fi; }
echo
echo "| benchmark | input | result | wall (median of $RUNS) | goal |"
echo "| --- | --- | --- | --- | --- |"
printf '| grep -rnwE, same identifiers | %s files | %s matching lines | %ss | |\n' "$FILES" "$GREP_LINES" "$GREP_MED"
printf '| detasklet lint -j%s (lexical) | %s files | %s findings | %ss | <= 5 s: %s |\n' "$(nproc)" "$FILES" "$LINT_FINDINGS" "$LINT_MED" "$(verdict "$LINT_MED" 5)"
printf '| detasklet lint --patch | 20-patch mbox, %s lines | %s finding(s), exit %s | %ss | < 0.5 s: %s |\n' "$PATCH_SIZE" "$PATCH_FINDINGS" "$PATCH_RC" "$PATCH_MED" "$(verdict "$PATCH_MED" 0.5)"
printf '| detasklet lint --diff-base HEAD~20 | same change, git diff | | %ss | |\n' "$DIFF_MED"
printf '\ngrep / lint wall-time ratio: %.2f (lint is %s)\n' "$RATIO" "$( (( $(echo "$RATIO >= 1" | bc -l) )) && echo "faster" || echo "slower")"
echo "all runs: grep ${GREP_T[*]}; lint ${LINT_T[*]}; patch ${PATCH_T[*]}; diff-base ${DIFF_T[*]}"
echo "grep counts lines, also in comments, strings and the allowlisted implementation files; lint counts identifiers in code only."
