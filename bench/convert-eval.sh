#!/usr/bin/env bash
# The real tree judges convert: convert every tasklet TU of a prepared Linux
# tree, apply the series with git am on a scratch copy, rebuild the objects
# with Kbuild's own flags (allmodconfig sets CONFIG_WERROR, so a new warning
# fails the build), run checkpatch --strict on every patch, and count what is
# left of the tasklet API.
#
#   bench/convert-eval.sh [--tree DIR] [--target bh|wq] [--out DIR] [--jobs N] [--quick]
#                         [--check-exact]
#
# --quick works on the sample of bench/quick-sample.txt (kernel-tree.sh --quick).
# --check-exact converts a second time with --exact (every function body
# parsed, no shortcut) and compares the two series byte for byte (but the
# Date: lines): the shortcut must change nothing.
#
# Prints a table and writes $OUT/convert-eval.json.
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
detasklet=${DETASKLET:-$top/build/detasklet}
target=bh
out=${TMPDIR:-/tmp}/detasklet-convert-eval
jobs=$(nproc)
tree=""
check_exact=0
quick=""
while [ $# -gt 0 ]; do
  case "$1" in
    --tree) tree=$2; shift 2 ;;
    --target) target=$2; shift 2 ;;
    --out) out=$2; shift 2 ;;
    --jobs) jobs=$2; shift 2 ;;
    --check-exact) check_exact=1; shift ;;
    --quick) quick=--quick; shift ;;
    *) echo "usage: $0 [--tree DIR] [--target bh|wq] [--out DIR] [--jobs N] [--quick] [--check-exact]" >&2; exit 2 ;;
  esac
done
if [ -z "$tree" ] || { [ -n "$quick" ] && [ ! -s "$tree/.detasklet-quick/baseline-ok.txt" ]; }; then
  tree=$("$top/bench/kernel-tree.sh" ${tree:+--tree "$tree"} $quick | sed -n 's/^tree: //p')
fi
meta=$tree/.detasklet${quick:+-quick}
scratch=$tree-eval
mkdir -p "$out"
rm -rf "$out/patches"
# One binary for the whole run, whatever happens to the build meanwhile.
cp "$detasklet" "$out/detasklet.bin"
detasklet=$out/detasklet.bin
t0=$(date +%s)

# A scratch copy under git, reset to the pristine sources for every run.
# shellcheck source=lib/scratch-copy.sh
. "$top/bench/lib/scratch-copy.sh"
scratch_copy "$tree" "$scratch" >/dev/null
git -C "$scratch" am --abort >/dev/null 2>&1 || true
git -C "$scratch" reset -q --hard base

# 1. convert (reads the pristine tree). The compile database is the tree's,
# narrowed to the files evaluated, so that what convert sees of the rest of
# the tree does not depend on what else happens to be built there.
# The inputs are the baseline files and the TUs of their directories that
# define a callback one of them registers (kernel-tree.sh: callback-tus.txt):
# those change with them, and are rebuilt with them, but are not counted.
cat "$meta/baseline-ok.txt" "$meta/callback-tus.txt" 2>/dev/null | LC_ALL=C sort -u > "$out/inputs.txt"
mkdir -p "$out/cdb"
python3 - "$tree" "$out/inputs.txt" "$out/cdb/compile_commands.json" <<'PY'
import json, os, sys
tree, ok, dst = sys.argv[1:]
keep = {os.path.join(tree, l.strip()) for l in open(ok) if l.strip()}
db = json.load(open(os.path.join(tree, "compile_commands.json")))
json.dump([e for e in db if os.path.join(e["directory"], e["file"]) in keep], open(dst, "w"))
PY
mapfile -t files < <(sed "s|^|$tree/|" "$out/inputs.txt")
# --no-cache: the times reported are those of parsing, comparable run to run
# (a re-run with the same --out would otherwise read every TU from the cache).
start=$(date +%s.%N)
set +e
/usr/bin/time -f '%e %U %S %M' -o "$out/convert.time" \
  "$detasklet" convert -p "$out/cdb" --root "$tree" -j"$jobs" --target "$target" --no-progress \
  --no-cache --cache-stats --patch-dir "$out/patches" "${files[@]}" 2> "$out/convert.log"
convert_rc=$?
set -e
read -r wall user sys rss < "$out/convert.time"
echo "convert: exit $convert_rc, ${wall}s wall, $(echo "$user + $sys" | bc)s CPU, $((rss / 1024)) MiB peak"

exact="not checked"
if [ "$check_exact" = 1 ]; then
  rm -rf "$out/patches-exact"
  /usr/bin/time -f '%e %U %S %M' -o "$out/convert-exact.time" \
    "$detasklet" convert -p "$out/cdb" --root "$tree" -j"$jobs" --target "$target" --no-progress --exact \
    --no-cache --patch-dir "$out/patches-exact" "${files[@]}" 2> "$out/convert-exact.log" || true
  read -r xwall xuser xsys xrss < "$out/convert-exact.time"
  if diff -r -I '^Date: ' "$out/patches" "$out/patches-exact" > "$out/exact.diff"; then
    exact="identical"
  else
    exact="$(grep -c '^diff -r' "$out/exact.diff" || true) patches differ (see exact.diff)"
  fi
  echo "convert --exact: ${xwall}s wall, $(echo "$xuser + $xsys" | bc)s CPU; series $exact"
fi

# 2. git am, patch by patch, so one bad patch does not hide the others
applied=0; failed_am=0
: > "$out/applied.txt"; : > "$out/am-failures.txt"
for p in "$out"/patches/*.patch; do
  [ -e "$p" ] || continue
  if git -C "$scratch" -c user.name=eval -c user.email=eval@localhost am -q "$p" >/dev/null 2>&1; then
    applied=$((applied + 1))
    echo "$(basename "$p") $(git -C "$scratch" rev-parse HEAD)" >> "$out/applied.txt"
  else
    git -C "$scratch" am --abort >/dev/null 2>&1 || true
    failed_am=$((failed_am + 1))
    echo "git am failed: $(basename "$p")" >> "$out/am-failures.txt"
  fi
done
git -C "$scratch" diff --name-only base HEAD > "$out/touched.txt"

# 3. rebuild with the kernel's flags: only objects whose sources changed rebuild
mapfile -t objects < <(sed 's/\.c$/.o/' "$out/inputs.txt")
( cd "$scratch" && make LLVM=-19 -j"$jobs" -k "${objects[@]}" > "$out/rebuild.log" 2>&1 ) || true

# 4. per baseline .c file: does its object still build, is any tasklet API
# left in its code? Objects are judged from make's own error lines, so an
# edited header that breaks a file the series did not touch counts too. What
# is left is what detasklet lint (clang's lexer: code only, not comments or
# strings) still finds.
grep -oE '\[[^]]*: ([^] ]+\.o)\] Error' "$out/rebuild.log" | sed -E 's/.*: ([^] ]+)\.o\] Error/\1.c/' \
  | sort -u > "$out/broken.txt" || true
lint_files() { # DIR: the baseline files of that tree with tasklet API in code
  # lint exits 1 when it finds something: that is the answer; 2 is a failure
  local rc=0
  (cd "$1" && "$detasklet" lint --root "$1" --format json -o "$out/lint.json" \
     $(cat "$meta/baseline-ok.txt") 2> "$out/lint.err") || rc=$?
  if [ "$rc" -gt 1 ]; then
    echo "detasklet lint failed in $1:" >&2; cat "$out/lint.err" >&2; exit 1
  fi
  python3 -c 'import json,sys; print("\n".join(sorted({f["file"] for f in json.load(open(sys.argv[1]))["findings"]})))' \
    "$out/lint.json"
}
lint_files "$scratch" > "$out/tasklets-left.txt"
lint_files "$tree" > "$out/tasklets-before.txt"
in_code=$(grep -c . "$out/tasklets-before.txt" || true)
touched_c=0; compiled=0; broken=0; full=0; full_ok=0
: > "$out/partial.txt"
while read -r f; do
  case "$f" in *.c) ;; *) continue ;; esac
  grep -qx "$f" "$meta/baseline-ok.txt" || continue
  touched_c=$((touched_c + 1))
  ok=1
  if grep -qx "$f" "$out/broken.txt"; then ok=0; broken=$((broken + 1)); else compiled=$((compiled + 1)); fi
  if grep -qx "$f" "$out/tasklets-left.txt"; then echo "$f" >> "$out/partial.txt"; else full=$((full + 1)); full_ok=$((full_ok + ok)); fi
done < "$out/touched.txt"
broken_all=$(grep -c . "$out/broken.txt" || true)

# 5. checkpatch --strict on every patch, and on the same change reversed: a
# message the reversed change has as often belongs to the original code.
cp_err=0; cp_warn=0; cp_check=0; cp_new=0
: > "$out/checkpatch.txt"; : > "$out/checkpatch-introduced.txt"
for p in "$out"/patches/*.patch; do
  [ -e "$p" ] || continue
  (cd "$tree" && perl scripts/checkpatch.pl --strict --no-signoff --terse "$p" > "$out/cp.fwd" 2>/dev/null) || true
  rev=$(sed -n "s/^$(basename "$p") //p" "$out/applied.txt")
  : > "$out/cp.reverse.diff" # a patch that did not apply has nothing to compare with
  [ -n "$rev" ] && git -C "$scratch" diff "$rev" "$rev^" > "$out/cp.reverse.diff"
  (cd "$tree" && perl scripts/checkpatch.pl --strict --no-signoff --terse "$out/cp.reverse.diff" \
     > "$out/cp.back" 2>/dev/null) || true
  grep -E ': (WARNING|ERROR|CHECK):' "$out/cp.fwd" | sed "s|^|$(basename "$p"): |" >> "$out/checkpatch.txt" || true
  cp_err=$((cp_err + $(grep -c ': ERROR:' "$out/cp.fwd" || true)))
  cp_warn=$((cp_warn + $(grep -c ': WARNING:' "$out/cp.fwd" || true)))
  cp_check=$((cp_check + $(grep -c ': CHECK:' "$out/cp.fwd" || true)))
  cp_new=$((cp_new + $(python3 "$top/bench/lib/checkpatch-introduced.py" \
      "$out/cp.fwd" "$out/cp.back" "$(basename "$p")" "$out/checkpatch-introduced.txt")))
done
rm -f "$out/cp.fwd" "$out/cp.back" "$out/cp.reverse.diff"

tasklet_files=$(wc -l < "$meta/tasklet-files.txt")
baseline_ok=$(wc -l < "$meta/baseline-ok.txt")
patches=$(ls "$out"/patches/*.patch 2>/dev/null | wc -l)
summary=$(sed -n 's/^detasklet: \(.*tasklets converted.*\)$/\1/p' "$out/convert.log")
preamble=$(sed -n 's/^detasklet: shared preamble: \(.*\)$/\1/p' "$out/convert.log")
printf '\n%-44s %s\n' "tasklet-using .c files" "$tasklet_files"
printf '%-44s %s\n' "compiling at baseline (allmodconfig, clang 19)" "$baseline_ok"
printf '%-44s %s\n' "  + TUs defining their callbacks (rebuilt)" "$(( $(wc -l < "$out/inputs.txt") - baseline_ok ))"
printf '%-44s %s\n' "convert" "$summary"
printf '%-44s %s\n' "patches (applied with git am / failed)" "$patches ($applied / $failed_am)"
printf '%-44s %s\n' "  of which use the API in code (lint)" "$in_code"
printf '%-44s %s\n' "baseline .c files touched" "$touched_c"
printf '%-44s %s\n' "  of which rebuild with -Werror" "$compiled (broken: $broken)"
printf '%-44s %s\n' "  fully converted (no tasklet API left)" "$full (compiling: $full_ok)"
printf '%-44s %s\n' "objects failing to build (any baseline)" "$broken_all"
printf '%-44s %s\n' "checkpatch --strict: errors/warnings/checks" "$cp_err / $cp_warn / $cp_check"
printf '%-44s %s\n' "  introduced by the patches" "$cp_new"
printf '%-44s %s\n' "convert wall / CPU / peak" "${wall}s / $(echo "$user + $sys" | bc)s / $((rss / 1024)) MiB"
printf '%-44s %s\n' "  shared preamble" "${preamble:-none}"
printf '%-44s %s\n' "same series with --exact (no shortcut)" "$exact"
cat > "$out/convert-eval.json" <<JSON
{"target": "$target", "tasklet_files": $tasklet_files, "baseline_ok": $baseline_ok,
 "callback_tus": $(( $(wc -l < "$out/inputs.txt") - baseline_ok )),
 "patches": $patches, "applied": $applied, "am_failed": $failed_am,
 "in_code": $in_code, "touched_c": $touched_c, "broken_any": $broken_all, "compiled": $compiled, "broken": $broken,
 "fully_converted": $full, "fully_converted_compiling": $full_ok,
 "checkpatch": {"errors": $cp_err, "warnings": $cp_warn, "checks": $cp_check, "introduced": $cp_new},
 "convert": {"exit": $convert_rc, "wall_s": $wall, "cpu_s": $(echo "$user + $sys" | bc), "peak_mib": $((rss / 1024))},
 "shared_preamble": "${preamble:-none}",
 "exact_check": "$exact",
 "total_s": $(( $(date +%s) - t0 ))}
JSON
echo "details: $out (convert.log, broken.txt, partial.txt, tasklets-left.txt, checkpatch.txt, checkpatch-introduced.txt, rebuild.log)"
