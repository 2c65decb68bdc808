#!/usr/bin/env bash
# The conversion mistakes kernel reviewers caught (../shared/CONTEXT.md),
# seeded as hand edits into detasklet's own patch series for real Linux 6.12
# files: `detasklet verify --series` must read each edited conversion back
# from the code the series leaves and report it worse, on the property the
# mistake breaks, with a replay command. One edited series per mistake; the
# other patches stay as convert wrote them.
#
#   bench/seeded-series.sh --tree DIR --patches DIR [--out DIR] [--jobs N]
#
# --patches: convert-eval's series of that tree (its $OUT/convert/patches).
# Prints a table and writes $OUT/seeded-series.json; exits 1 when a seed is
# not reported worse on its property.
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
detasklet=${DETASKLET:-$top/build/detasklet}
out=${TMPDIR:-/tmp}/detasklet-seeded-series
jobs=$(nproc)
tree=""
patches=""
while [ $# -gt 0 ]; do
  case "$1" in
    --tree) tree=$2; shift 2 ;;
    --patches) patches=$2; shift 2 ;;
    --out) out=$2; shift 2 ;;
    --jobs) jobs=$2; shift 2 ;;
    *) echo "usage: $0 --tree DIR --patches DIR [--out DIR] [--jobs N]" >&2; exit 2 ;;
  esac
done
if [ -z "$tree" ] || [ -z "$patches" ] || [ ! -d "$patches" ]; then
  echo "usage: $0 --tree DIR --patches DIR [--out DIR] [--jobs N]" >&2
  exit 2
fi
tree=$(cd "$tree" && pwd)
patches=$(cd "$patches" && pwd)
rm -rf "$out"
mkdir -p "$out"

# name # a file the patch to edit changes # added line to edit (a Python
# regular expression, the whole line after the '+') # what it becomes (empty:
# an empty line, so that the hunk keeps its length) # which of the matching
# lines (all, or 1-based) # object # property it must be worse on # the mistake
seeds=(
  "kill-as-cancel#drivers/atm/fore200e.c#\tcancel_work_sync\(&fore200e->(tx|rx)_bh_work\);#\tcancel_work(&fore200e->\1_bh_work);#all#struct fore200e::#use-after-free#tasklet_kill() as cancel_work(): teardown frees the device under a running callback"
  "kill-as-disable#drivers/atm/fore200e.c#\tcancel_work_sync\(&fore200e->(tx|rx)_bh_work\);#\tdisable_work_sync(&fore200e->\1_bh_work);#all#struct fore200e::#lost-run#tasklet_kill() as disable_work_sync() (the usbnet mistake): later queues are dropped"
  "enable-without-queue#drivers/tty/vt/keyboard.c#\tenable_and_queue_work\(system_bh_wq, &keyboard_tasklet\);#\tenable_work(&keyboard_tasklet);#all#keyboard_tasklet#lost-run#tasklet_enable() as enable_work(): a schedule made while disabled is lost"
  "declare-disabled-enabled#drivers/tty/vt/keyboard.c#\tdisable_work\(&keyboard_tasklet\);##all#keyboard_tasklet#enable-underflow#DECLARE_TASKLET_DISABLED() as a plain DECLARE_WORK(): the first enable underflows"
  "hi-and-normal-split#drivers/net/ethernet/smsc/smc91x.c#\t\tqueue_work\(system_bh_highpri_wq, &lp->tx_task\);#\t\tqueue_work(system_bh_wq, &lp->tx_task);#1#smc_local::tx_task#concurrent-run#tasklet_schedule() (the callback re-arming) and tasklet_hi_schedule() (the interrupt) of one object on two queues: two runs at once"
)

edit() { # patch-in patch-out regex replacement which
  python3 - "$@" <<'PY'
import re, sys
src, dst, pattern, replacement, which = sys.argv[1:6]
lines = open(src, encoding='utf-8', errors='surrogateescape').read().split('\n')
rx = re.compile('^' + pattern.replace('\\t', '\t') + '$')
hits = [i for i, l in enumerate(lines) if l.startswith('+') and rx.match(l[1:])]
chosen = hits if which == 'all' else hits[int(which) - 1:int(which)]
if not chosen:
    sys.exit(f"{src}: no added line matches {pattern!r}")
for i in chosen:
    lines[i] = '+' + (rx.sub(replacement.replace('\\t', '\t'), lines[i][1:]) if replacement else '')
open(dst, 'w', encoding='utf-8', errors='surrogateescape').write('\n'.join(lines))
print(len(chosen))
PY
}

failed=0
printf '%-26s %-40s %-26s %s\n' seed object verdict property | tee "$out/table.txt"
json="["
for seed in "${seeds[@]}"; do
  IFS='#' read -r name file pattern replacement which object property why <<<"$seed"
  dir="$out/$name/series"
  mkdir -p "$dir"
  cp "$patches"/*.patch "$dir/"
  target=$(cd "$dir" && grep -l -x -F "+++ b/$file" *.patch | head -1)
  if [ -z "$target" ]; then
    echo "$name: no patch of $patches changes $file" >&2
    exit 2
  fi
  edited=$(edit "$patches/$target" "$dir/$target" "$pattern" "$replacement" "$which")
  # The TUs of the edited patch: the .c files it changes that the tree builds.
  tus=$(sed -n 's|^+++ b/\(.*\.c\)$|\1|p' "$dir/$target" | sort -u)
  start=$(date +%s.%N)
  set +e
  (cd "$tree" && "$detasklet" verify -p . -j"$jobs" --no-cache --series "$dir" \
      --scratch "$out/$name/protocols" $tus) >"$out/$name/verify.txt" 2>"$out/$name/verify.err"
  rc=$?
  set -e
  seconds=$(echo "$(date +%s.%N) - $start" | bc)
  line=$(grep -E "^[^ ]" "$out/$name/verify.txt" | grep -F "$object" | head -1 || true)
  verdict=$(grep -oE ': (worse|undocumented-difference|incomplete|error|not-checked|documented-difference|better|same|cannot-abstract|not-converted)(:|$)' \
    <<<"$line" | head -1 | sed 's/^: //; s/:$//' || true)
  # The property must be WORSE in the block of that object.
  worse=$(awk -v obj="$object" -v prop="$property" '
    /^[^ ]/ { inside = index($0, obj) > 0 }
    inside && $0 ~ "^    " prop ": WORSE" { print "yes"; exit }' "$out/$name/verify.txt")
  replay=$(awk -v obj="$object" '
    /^[^ ]/ { inside = index($0, obj) > 0 }
    inside && /replay: / { sub(/^ *replay: /, ""); print; exit }' "$out/$name/verify.txt")
  ok=no
  if [ "$verdict" = worse ] && [ "$worse" = yes ] && [ "$rc" = 1 ] && [ -n "$replay" ]; then ok=yes; else failed=1; fi
  printf '%-26s %-40s %-26s %s%s\n' "$name" "$object ($edited lines)" "$verdict (exit $rc)" \
    "$property" "$([ $ok = yes ] && echo ' WORSE' || echo ' NOT REPORTED')" | tee -a "$out/table.txt"
  json+="$( [ "$json" = "[" ] || echo ,){\"seed\":\"$name\",\"patch\":\"$target\",\"edited_lines\":$edited,"
  json+="\"object\":\"$object\",\"property\":\"$property\",\"verdict\":\"$verdict\",\"exit\":$rc,"
  json+="\"reported_worse\":$([ $ok = yes ] && echo true || echo false),\"seconds\":$seconds,"
  json+="\"mistake\":\"$why\",\"replay\":\"${replay//\"/\\\"}\"}"
done
echo "$json]" >"$out/seeded-series.json"
echo "details: $out/<seed>/verify.txt; json: $out/seeded-series.json"
exit $failed
