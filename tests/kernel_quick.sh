#!/usr/bin/env bash
# The real kernel as a regression test: convert the quick sample of Linux 6.12
# (bench/quick-sample.txt, ~20 files across subsystems) and hold the line:
# every patch applies with git am, every object rebuilds with Kbuild's flags
# (-Werror), checkpatch --strict finds nothing the patches introduced, and at
# least FLOOR files are fully converted (what the tool achieved when the floor
# was set; raise it when the tool converts more, never lower it silently).
#   tests/kernel_quick.sh DETASKLET OUT_DIR FLOOR
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
detasklet=$1 out=$2 floor=$3
DETASKLET=$detasklet bash "$here/bench/convert-eval.sh" --quick --out "$out" >"$out.log" 2>&1 \
  || { tail -40 "$out.log"; exit 1; }
tail -16 "$out.log"
python3 - "$out/convert-eval.json" "$floor" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
floor = int(sys.argv[2])
problems = []
if r["convert"]["exit"] != 0: problems.append(f"convert exited {r['convert']['exit']}")
if r["am_failed"]: problems.append(f"{r['am_failed']} patches do not apply with git am")
if r["broken_any"]: problems.append(f"{r['broken_any']} objects no longer build")
if r["checkpatch"]["introduced"]: problems.append(f"{r['checkpatch']['introduced']} checkpatch findings introduced")
if r["fully_converted_compiling"] < floor:
    problems.append(f"{r['fully_converted_compiling']} files fully converted and compiling, fewer than {floor}")
for p in problems: print("FAIL:", p)
sys.exit(1 if problems else 0)
PY
