#!/usr/bin/env bash
# The whole real-kernel evaluation in one command: prepare the tree, scan it,
# convert it and score the series (convert-eval.sh), run the peers on the same
# files in the same run (peers.sh), and print one table with the ratios.
#
#   bench/kernel-eval.sh [--tree DIR] [--jobs N] [--out DIR] [--quick] [--check-exact]
#                        [--reuse-peers]
#
# --quick        the sample of bench/quick-sample.txt instead of all 273 files
# --check-exact  convert a second time without the body-skipping shortcut and
#                require the same series (see convert-eval.sh)
# --reuse-peers  accept peers.sh's cached measurement when its inputs did not
#                change (the table then says when it was measured); by default
#                the peers are measured again, so every ratio compares runs
#                made under the same load
#
# Writes $OUT/kernel-eval.json (default ${TMPDIR:-/tmp}/detasklet-kernel-eval[-quick])
# and keeps each step's own output below $OUT: scan.json, convert/, peers/.
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
detasklet=${DETASKLET:-$top/build/detasklet}
jobs=$(nproc)
tree=""
out=""
quick=""
check_exact=""
peers_rerun=--rerun
usage="usage: $0 [--tree DIR] [--jobs N] [--out DIR] [--quick] [--check-exact] [--reuse-peers]"
while [ $# -gt 0 ]; do
  case "$1" in
    --tree) tree=$2; shift 2 ;;
    --jobs) jobs=$2; shift 2 ;;
    --out) out=$2; shift 2 ;;
    --quick) quick=--quick; shift ;;
    --check-exact) check_exact=--check-exact; shift ;;
    --reuse-peers) peers_rerun=""; shift ;;
    *) echo "$usage" >&2; exit 2 ;;
  esac
done
out=${out:-${TMPDIR:-/tmp}/detasklet-kernel-eval${quick:+-quick}}
[ -x "$detasklet" ] || { echo "$detasklet: not built (scripts/dev.sh demo builds it)" >&2; exit 2; }
[ -x /usr/bin/time ] || DEBIAN_FRONTEND=noninteractive apt-get install -y -qq time >/dev/null

tree=$("$top/bench/kernel-tree.sh" ${tree:+--tree "$tree"} $quick | sed -n 's/^tree: //p')
meta=$tree/.detasklet${quick:+-quick}
mkdir -p "$out"
cp "$detasklet" "$out/detasklet.bin"
export DETASKLET=$out/detasklet.bin
t0=$(date +%s)

# 1. scan: the inventory, with its manual objects by reason. Cold (a cache of
# its own, emptied first: every TU parsed), then warm (the same run again,
# every TU from the result cache: what a maintainer's second run costs).
# With the TUs that define their callbacks, as convert-eval.sh converts them.
mapfile -t files < <(cat "$meta/baseline-ok.txt" "$meta/callback-tus.txt" 2>/dev/null \
                       | LC_ALL=C sort -u | sed "s|^|$tree/|")
rm -rf "$out/cache"
scan() { # NAME: time one scan into $out/NAME.{time,json,log}
  set +e
  /usr/bin/time -f '%e %U %S %M' -o "$out/$1.time" \
    "$DETASKLET" scan -p "$tree" --root "$tree" -j"$jobs" --no-progress --cache-dir "$out/cache" \
    --format json -o "$out/$1.json" "${files[@]}" 2> "$out/$1.log"
  local rc=$?
  set -e
  [ "$rc" -le 1 ] || { echo "detasklet scan failed (exit $rc):" >&2; tail -20 "$out/$1.log" >&2; exit 1; }
  echo "$rc"
}
load_before=$(cut -d' ' -f1 /proc/loadavg)
scan_rc=$(scan scan)
load_after=$(cut -d' ' -f1 /proc/loadavg)
scan warm-scan > /dev/null
cmp -s "$out/scan.json" "$out/warm-scan.json" \
  || { echo "the warm scan differs from the cold one: $out/{scan,warm-scan}.json" >&2; exit 1; }
echo "scan: exit $scan_rc"

# 2. convert, apply, rebuild, checkpatch
"$top/bench/convert-eval.sh" --tree "$tree" --jobs "$jobs" --out "$out/convert" $quick $check_exact \
  > "$out/convert-eval.log" 2>&1 || { tail -30 "$out/convert-eval.log" >&2; exit 1; }

# 3. the peers, scored the same way
"$top/bench/peers.sh" --tree "$tree" --jobs "$jobs" --out "$out/peers" $quick $peers_rerun \
  > "$out/peers.log" 2>&1 || { tail -30 "$out/peers.log" >&2; exit 1; }

python3 - "$out" "$scan_rc" "$load_before" "$load_after" "$(( $(date +%s) - t0 ))" "${quick:+quick}" <<'PY'
import json, os, sys
out, scan_rc, load_before, load_after, total_s, mode = sys.argv[1:]
wall, user, system, rss = open(os.path.join(out, "scan.time")).read().split()
warm = open(os.path.join(out, "warm-scan.time")).read().split()
inv = json.load(open(os.path.join(out, "scan.json")))
conv = json.load(open(os.path.join(out, "convert", "convert-eval.json")))
peers = json.load(open(os.path.join(out, "peers", "peers.json")))
clang, spatch = peers["clang"], peers["spatch"]
s = inv["summary"]
scan = {"exit": int(scan_rc), "wall_s": float(wall), "cpu_s": round(float(user) + float(system), 2),
        "peak_mib": int(rss) // 1024, "loadavg_1m_before": float(load_before),
        "loadavg_1m_after": float(load_after), "tus": s["tus_scanned"], "tus_failed": s["tus_failed"],
        "objects": s["objects"], "files_with_uses": s["files_with_uses"],
        "convertible": s["convertible"], "manual": s["manual"],
        "manual_by_reason": s["manual_by_reason"],
        "warm": {"wall_s": float(warm[0]), "cpu_s": round(float(warm[1]) + float(warm[2]), 2),
                 "peak_mib": int(warm[3]) // 1024}}
dc = conv["convert"]

def ratio(a, b):
    return round(a / b, 2) if b else None

ratios = {
    "convert_vs_spatch": {"wall": ratio(dc["wall_s"], spatch["wall_s"]),
                          "cpu": ratio(dc["cpu_s"], spatch["cpu_s"])},
    "convert_vs_clang": {"wall": ratio(dc["wall_s"], clang["wall_s"]),
                         "cpu": ratio(dc["cpu_s"], clang["cpu_s"])},
    "scan_vs_clang": {"wall": ratio(scan["wall_s"], clang["wall_s"]),
                      "cpu": ratio(scan["cpu_s"], clang["cpu_s"])},
}
result = {"mode": mode or "full", "tree": peers["tree"], "jobs": peers["jobs"],
          "machine": peers["machine"], "tasklet_files": conv["tasklet_files"],
          "baseline_ok": conv["baseline_ok"], "scan": scan, "detasklet": conv,
          "spatch": spatch, "clang": clang, "ratios": ratios, "total_s": int(total_s)}
json.dump(result, open(os.path.join(out, "kernel-eval.json"), "w"), indent=1)

rows = [
    ("tasklet-using .c files", conv["tasklet_files"], "", ""),
    ("compiling at baseline (allmodconfig, clang 19)", conv["baseline_ok"], "", ""),
    ("  of which use the API in code (lint)", conv["in_code"], spatch["in_code"], ""),
    ("TUs parsed / failed", f'{s["tus_scanned"]} / {s["tus_failed"]}', "",
     f'{clang["parsed"]} / {clang["tus"] - clang["parsed"]}'),
    ("tasklet objects (convertible / manual)",
     f'{s["objects"]} ({s["convertible"]} / {s["manual"]})', "", ""),
    ("baseline .c touched", conv["touched_c"], spatch["touched_c"], ""),
    ("fully converted (no API left)", conv["fully_converted"], spatch["fully_converted"], ""),
    ("  converted and compiling (-Werror)", conv["fully_converted_compiling"],
     spatch["fully_converted_compiling"], ""),
    ("baseline objects failing to build", conv["broken_any"], spatch["broken_any"], ""),
    ("checkpatch --strict introduced", conv["checkpatch"]["introduced"],
     spatch["checkpatch"]["introduced"], ""),
    ("convert wall (s)", dc["wall_s"], spatch["wall_s"], clang["wall_s"]),
    ("convert CPU (s)", dc["cpu_s"], spatch["cpu_s"], clang["cpu_s"]),
    ("peak RSS (MiB)", dc["peak_mib"], spatch["peak_mib"], clang["peak_mib"]),
    ("scan wall / CPU (s)", f'{scan["wall_s"]} / {scan["cpu_s"]}', "", ""),
    ("  again, from the result cache", f'{scan["warm"]["wall_s"]} / {scan["warm"]["cpu_s"]}', "", ""),
]
print(f'\n{"":48} {"detasklet":>14} {"spatch":>10} {"clang":>10}')
for name, a, b, c in rows:
    print(f"{name:48} {str(a):>14} {str(b):>10} {str(c):>10}")
print("\nmanual objects by reason:")
for code, n in sorted(s["manual_by_reason"].items(), key=lambda kv: (-kv[1], kv[0])):
    print(f"  {code:40} {n}")
r = ratios
print(f'\nconvert / spatch: {r["convert_vs_spatch"]["wall"]}x wall, {r["convert_vs_spatch"]["cpu"]}x CPU;'
      f' convert / clang: {r["convert_vs_clang"]["wall"]}x wall, {r["convert_vs_clang"]["cpu"]}x CPU')
print(f'same series with --exact: {conv["exact_check"]}; whole run {total_s} s')
print(f'details: {out}/kernel-eval.json')
PY
