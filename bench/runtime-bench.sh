#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The runtime model's explorer on the corpus: every driver with a scenario in
# runtime/scenarios/, as it is and (when expected/convert.diff is not empty)
# converted, explored exhaustively with sleep sets and then with plain
# depth-first enumeration, to show what the reduction saves.
#
# Usage: bench/runtime-bench.sh [BUILD_DIR]   (default: build-runtime)
#   PLAIN_LIMIT=N   stop plain enumeration after N executions (default 2000000)
#
# Columns: executions (complete executions explored), blocked (executions cut
# because every enabled actor slept), transitions (distinct transitions of the
# execution tree: the states visited), time, exec/s (executions and blocked
# ones per second) with sleep sets; executions, blocked and time with DPOR on
# top (--dpor); executions, time and exec/s with plain enumeration; and the
# reduction (plain executions / executions with sleep sets).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
build=${1:-$root/build-runtime}
explore=$build/runtime/detasklet-explore
plain_limit=${PLAIN_LIMIT:-2000000}
if [ ! -x "$explore" ]; then
	echo "build detasklet-explore first: ninja -C $build detasklet-explore" >&2
	exit 2
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cache=$work/modules

# "main: exhaustive; 191 executions, 36 sleep-blocked, ...; 2239 transitions, ...; 0.005 s (45527 executions/s)"
fields() {
	sed -n 's/^[^:]*: \([^;]*\); \([0-9]*\) executions, \([0-9]*\) sleep-blocked.*; \([0-9]*\) transitions, [0-9]* steps, depth [0-9]*; \([0-9.]*\) s (\([0-9]*\) executions\/s).*/\1|\2|\3|\4|\5|\6/p' | head -1
}

run() { # label scenario sources...
	local label=$1 scenario=$2
	shift 2
	local reduced plain violations
	reduced=$("$explore" --quiet --cache "$cache" "$@" "$scenario" 2>&1 || true)
	violations=$(echo "$reduced" | sed -n 's/^  VIOLATION \([a-z-]*\).*/\1/p' | sort -u | tr '\n' ' ')
	dpor=$("$explore" --quiet --dpor --cache "$cache" "$@" "$scenario" 2>&1 || true)
	plain=$("$explore" --quiet --no-sleep-sets --max-executions "$plain_limit" --cache "$cache" "$@" "$scenario" 2>&1 || true)
	IFS='|' read -r done e b t s r <<<"$(echo "$reduced" | fields)"
	IFS='|' read -r ddone de db dt ds dr <<<"$(echo "$dpor" | fields)"
	IFS='|' read -r pdone pe pb pt ps pr <<<"$(echo "$plain" | fields)"
	local reduction="-"
	[ -n "$e" ] && [ "$e" -gt 0 ] && reduction=$(awk -v p="$pe" -v e="$e" 'BEGIN { printf "%.1fx", p / e }')
	[ "$pdone" = "exhaustive" ] || reduction=">$reduction"
	printf "%-34s %9s %8s %11s %8s %9s | %9s %8s %8s | %9s %8s %9s | %8s  %s%s\n" "$label" "$e" "$b" "$t" "$s" "$r" \
		"$de" "$db" "$ds" "$pe" "$ps" "$pr" "$reduction" "${done/exhaustive/}" "${violations:+ found: $violations}"
}

printf "%-34s %9s %8s %11s %8s %9s | %9s %8s %8s | %9s %8s %9s | %8s\n" "scenario" "execs" "blocked" "transitions" \
	"time s" "exec/s" "dpor" "blocked" "time s" "plain" "time s" "exec/s" "reduction"
for scenario in "$root"/runtime/scenarios/*.c; do
	pattern=$(basename "$scenario" .c)
	dir=$root/test-corpus/$pattern
	[ -d "$dir" ] || continue
	run "$pattern" "$scenario" "$dir"/*.c
	diff=$dir/expected/convert.diff
	if [ -s "$diff" ]; then
		mkdir -p "$work/converted"
		rm -rf "$work/converted/$pattern"
		cp -r "$dir" "$work/converted/"
		patch -s -p1 -d "$work/converted" -i "$diff"
		run "$pattern (converted)" "$scenario" "$work/converted/$pattern"/*.c
	fi
done
