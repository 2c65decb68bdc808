#!/usr/bin/env bash
# The real tree judges convert: convert every tasklet TU of a prepared Linux
# tree, apply the series with git am on a scratch copy, rebuild the objects
# with Kbuild's own flags (allmodconfig sets CONFIG_WERROR, so a new warning
# fails the build), run checkpatch --strict on every patch, and count what is
# left of the tasklet API.
#
#   bench/convert-eval.sh [--tree DIR] [--target bh|wq] [--out DIR] [--jobs N]
#
# Prints a table and writes $OUT/convert-eval.json.
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
detasklet=${DETASKLET:-$top/build/detasklet}
target=bh
out=${TMPDIR:-/tmp}/detasklet-convert-eval
jobs=$(nproc)
tree=""
while [ $# -gt 0 ]; do
  case "$1" in
    --tree) tree=$2; shift 2 ;;
    --target) target=$2; shift 2 ;;
    --out) out=$2; shift 2 ;;
    --jobs) jobs=$2; shift 2 ;;
    *) echo "usage: $0 [--tree DIR] [--target bh|wq] [--out DIR] [--jobs N]" >&2; exit 2 ;;
  esac
done
[ -n "$tree" ] || tree=$("$top/bench/kernel-tree.sh" | sed -n 's/^tree: //p')
meta=$tree/.detasklet
scratch=$tree-eval
mkdir -p "$out"
rm -rf "$out/patches"
t0=$(date +%s)

# A scratch copy under git, reset to the pristine sources for every run. The
# kernel's .gitignore keeps build outputs out of git, so they stay in place and
# make only rebuilds what the patches touch.
if [ ! -d "$scratch/.git" ]; then
  rsync -a --delete --exclude .detasklet "$tree/" "$scratch/"
  # Debian's source package appends "/*" to .gitignore (its packaging ignores
  # the top level); without that block the kernel's own ignore rules apply.
  sed -i '/^# Debian packaging/,$d' "$scratch/.gitignore"
  git -C "$scratch" init -q
  git -C "$scratch" -c user.name=eval -c user.email=eval@localhost add -A
  git -C "$scratch" -c user.name=eval -c user.email=eval@localhost commit -qm base
  git -C "$scratch" tag base
fi
git -C "$scratch" am --abort >/dev/null 2>&1 || true
git -C "$scratch" reset -q --hard base

# 1. convert (reads the pristine tree, whose compile database it was built with)
mapfile -t files < <(sed "s|^|$tree/|" "$meta/baseline-ok.txt")
start=$(date +%s.%N)
set +e
/usr/bin/time -f '%e %U %S %M' -o "$out/convert.time" \
  "$detasklet" convert -p "$tree" -j"$jobs" --target "$target" --no-progress \
  --patch-dir "$out/patches" "${files[@]}" 2> "$out/convert.log"
convert_rc=$?
set -e
read -r wall user sys rss < "$out/convert.time"
echo "convert: exit $convert_rc, ${wall}s wall, $(echo "$user + $sys" | bc)s CPU, $((rss / 1024)) MiB peak"

# 2. git am, patch by patch, so one bad patch does not hide the others
applied=0; failed_am=0
for p in "$out"/patches/*.patch; do
  [ -e "$p" ] || continue
  if git -C "$scratch" -c user.name=eval -c user.email=eval@localhost am -q "$p" >/dev/null 2>&1; then
    applied=$((applied + 1))
  else
    git -C "$scratch" am --abort >/dev/null 2>&1 || true
    failed_am=$((failed_am + 1))
    echo "git am failed: $(basename "$p")" >> "$out/am-failures.txt"
  fi
done
git -C "$scratch" diff --name-only base HEAD > "$out/touched.txt"

# 3. rebuild with the kernel's flags: only objects whose sources changed rebuild
mapfile -t objects < <(sed 's/\.c$/.o/' "$meta/baseline-ok.txt")
stamp=$(date +%s)
sleep 1
( cd "$scratch" && make LLVM=-19 -j"$jobs" -k "${objects[@]}" > "$out/rebuild.log" 2>&1 ) || true

# 4. per touched .c file: rebuilt? any tasklet API left?
api='\btasklet_(setup|init|schedule|hi_schedule|kill|disable|disable_nosync|disable_in_atomic|enable|trylock|unlock|unlock_wait|unlock_spin_wait)\b|\bDECLARE_TASKLET|\bfrom_tasklet\b|struct tasklet_struct'
touched_c=0; compiled=0; broken=0; full=0; full_ok=0
: > "$out/broken.txt"; : > "$out/partial.txt"
while read -r f; do
  case "$f" in *.c) ;; *) continue ;; esac
  grep -qx "$f" "$meta/baseline-ok.txt" || continue
  touched_c=$((touched_c + 1))
  o="$scratch/${f%.c}.o"
  ok=0
  if [ -e "$o" ] && [ "$(stat -c %Y "$o")" -ge "$stamp" ]; then ok=1; compiled=$((compiled + 1)); else broken=$((broken + 1)); echo "$f" >> "$out/broken.txt"; fi
  if grep -qE "$api" "$scratch/$f"; then echo "$f" >> "$out/partial.txt"; else full=$((full + 1)); full_ok=$((full_ok + ok)); fi
done < "$out/touched.txt"

# 5. checkpatch --strict on every patch
cp_warn=0; cp_err=0; cp_check=0; : > "$out/checkpatch.txt"
for p in "$out"/patches/*.patch; do
  [ -e "$p" ] || continue
  res=$(cd "$tree" && perl scripts/checkpatch.pl --strict --no-signoff --terse "$p" 2>/dev/null || true)
  printf '%s\n' "$res" | grep -E ': (WARNING|ERROR|CHECK):' | sed "s|^|$(basename "$p"): |" >> "$out/checkpatch.txt" || true
  cp_err=$((cp_err + $(printf '%s\n' "$res" | grep -c ': ERROR:' || true)))
  cp_warn=$((cp_warn + $(printf '%s\n' "$res" | grep -c ': WARNING:' || true)))
  cp_check=$((cp_check + $(printf '%s\n' "$res" | grep -c ': CHECK:' || true)))
done

tasklet_files=$(wc -l < "$meta/tasklet-files.txt")
baseline_ok=$(wc -l < "$meta/baseline-ok.txt")
patches=$(ls "$out"/patches/*.patch 2>/dev/null | wc -l)
summary=$(sed -n 's/^detasklet: \(.*tasklets converted.*\)$/\1/p' "$out/convert.log")
printf '\n%-44s %s\n' "tasklet-using .c files" "$tasklet_files"
printf '%-44s %s\n' "compiling at baseline (allmodconfig, clang 19)" "$baseline_ok"
printf '%-44s %s\n' "convert" "$summary"
printf '%-44s %s\n' "patches (applied with git am / failed)" "$patches ($applied / $failed_am)"
printf '%-44s %s\n' "baseline .c files touched" "$touched_c"
printf '%-44s %s\n' "  of which rebuild with -Werror" "$compiled (broken: $broken)"
printf '%-44s %s\n' "  fully converted (no tasklet API left)" "$full (compiling: $full_ok)"
printf '%-44s %s\n' "checkpatch --strict: errors/warnings/checks" "$cp_err / $cp_warn / $cp_check"
printf '%-44s %s\n' "convert wall / CPU / peak" "${wall}s / $(echo "$user + $sys" | bc)s / $((rss / 1024)) MiB"
cat > "$out/convert-eval.json" <<JSON
{"target": "$target", "tasklet_files": $tasklet_files, "baseline_ok": $baseline_ok,
 "patches": $patches, "applied": $applied, "am_failed": $failed_am,
 "touched_c": $touched_c, "compiled": $compiled, "broken": $broken,
 "fully_converted": $full, "fully_converted_compiling": $full_ok,
 "checkpatch": {"errors": $cp_err, "warnings": $cp_warn, "checks": $cp_check},
 "convert": {"exit": $convert_rc, "wall_s": $wall, "cpu_s": $(echo "$user + $sys" | bc), "peak_mib": $((rss / 1024))},
 "total_s": $(( $(date +%s) - t0 ))}
JSON
echo "details: $out (convert.log, broken.txt, partial.txt, checkpatch.txt, rebuild.log)"
