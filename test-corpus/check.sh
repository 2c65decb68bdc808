#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Compile every corpus driver against the shim headers with clang and gcc, warnings as errors.
# Usage: test-corpus/check.sh [CLANG [GCC]]   (defaults: clang-19 gcc)
set -u
here=$(cd "$(dirname "$0")" && pwd)
inc="$here/../runtime/include"
clang=${1:-clang-19}
gcc=${2:-gcc}
flags="-fsyntax-only -nostdinc -isystem $inc -std=gnu11 -D__KERNEL__ -Wall -Werror"
pass=0
fail=0
for f in $(find "$here" -name '*.c' | sort); do
	for cc in "$clang" "$gcc"; do
		if $cc $flags "$f"; then
			pass=$((pass + 1))
		else
			echo "FAIL: $cc ${f#"$here"/}"
			fail=$((fail + 1))
		fi
	done
done
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
