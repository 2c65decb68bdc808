#!/usr/bin/env bash
# The peers of detasklet, measured on the same real tree and scored the same
# way as bench/convert-eval.sh scores detasklet:
#   1. plain clang, the parsing reference: clang-19 -fsyntax-only on every
#      measured TU with its own command from compile_commands.json (minus the
#      -Wp,-MMD dependency output, -c and -o), N at a time;
#   2. Coccinelle: spatch with bench/cocci/tasklet-to-bh.cocci, as
#      `make coccicheck MODE=patch` would run it (the Options line of the
#      semantic patch, the kernel's LINUXINCLUDE as -I/--include,
#      --very-quiet, --jobs N --chunksize 1), on the measured .c files and
#      the headers their objects were built with that use the tasklet API,
#      each file its own group (--file-groups; files named on the command line
#      would form one group, processed as a unit and not in parallel).
#      spatch rewrites a scratch git copy of the tree in place and the result
#      is one commit; the measured objects are rebuilt with make LLVM=-19 -k
#      (Kbuild's -Werror) and judged by make's error lines, tasklet API left
#      in code is counted with detasklet lint, and checkpatch --strict runs on
#      the change of each file and on the same change reversed (what the
#      reversed change has as often belongs to the original code).
# The measured files are the baseline (.detasklet/baseline-ok.txt), or with
# --quick the sample in bench/quick-sample.txt; spatch's result for a file
# does not depend on which other files are measured.
# Wall and CPU time (user+sys of every process, so concurrent load on the
# machine inflates wall time far more than CPU time) and peak RSS (of the
# largest single process) come from GNU time.
#
# Usage: bench/peers.sh [--tree DIR] [--jobs N] [--out DIR] [--quick]
#                       [--scratch DIR] [--rerun]
#   --tree DIR     kernel tree prepared by bench/kernel-tree.sh (default: run
#                  it and use its tree)
#   --jobs N       parallel jobs for clang, spatch and make (default: nproc)
#   --out DIR      results (default ${TMPDIR:-/tmp}/detasklet-peers, or
#                  ...-peers-quick with --quick); writes DIR/peers.json
#   --quick        only the files in bench/quick-sample.txt
#   --scratch DIR  git copy of the tree to apply spatch's output to (default
#                  TREE-peers; never TREE-eval, which convert-eval.sh owns;
#                  full and --quick runs share it, so run one at a time)
#   --rerun        measure again even if DIR holds results for the same inputs
# Environment: DETASKLET (the detasklet binary used for lint; default
# build/detasklet), DETASKLET_CACHE (see kernel-tree.sh)
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=lib/install-packages.sh
. "$top/bench/lib/install-packages.sh"
# shellcheck source=lib/scratch-copy.sh
. "$top/bench/lib/scratch-copy.sh"
detasklet=${DETASKLET:-$top/build/detasklet}
cocci=$top/bench/cocci/tasklet-to-bh.cocci
sample=$top/bench/quick-sample.txt
jobs=$(nproc)
tree=""
out=""
scratch=""
quick=0
rerun=0

usage() { sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; }
while [[ $# -gt 0 ]]; do
    case $1 in
        --tree) tree=$(realpath "${2:?--tree needs a directory}"); shift 2 ;;
        --jobs) jobs=${2:?--jobs needs a number}; shift 2 ;;
        --out) out=${2:?--out needs a directory}; shift 2 ;;
        --scratch) scratch=${2:?--scratch needs a directory}; shift 2 ;;
        --quick) quick=1; shift ;;
        --rerun) rerun=1; shift ;;
        -h|--help) usage; exit 0 ;;
        *) echo "unknown argument: $1" >&2; usage >&2; exit 2 ;;
    esac
done
[[ -n $out ]] || out=${TMPDIR:-/tmp}/detasklet-peers$([[ $quick -eq 1 ]] && echo -quick || true)
mkdir -p "$out"
out=$(realpath "$out")

log() { printf '[peers] %s\n' "$*" >&2; }
declare -a TIMINGS=()
step() { STEP_NAME=$1; STEP_START=$SECONDS; log "== $1"; }
done_step() { TIMINGS+=("$(printf '%-16s %5ds  %s' "$STEP_NAME" $((SECONDS - STEP_START)) "${1:-}")"); }
T0=$SECONDS
load1() { cut -d' ' -f1 /proc/loadavg; }

# ---------------------------------------------------------------- packages
# What kernel-tree.sh needs (it installs them itself when it runs), plus
# Coccinelle, GNU time and the tools the scoring uses.
step packages
PACKAGES=(coccinelle time git perl python3 make bc flex bison libelf-dev libssl-dev
          clang-19 lld-19 llvm-19)
installed=$(install_packages "${PACKAGES[@]}")
done_step "$installed"
[[ -x $detasklet ]] || { echo "no detasklet binary at $detasklet (build it, or set DETASKLET)" >&2; exit 2; }
# Lint with a private copy: the build directory may be relinked meanwhile.
mkdir -p "$out"
cp "$detasklet" "$out/detasklet"
detasklet=$out/detasklet
"$detasklet" --version > /dev/null || { echo "$detasklet does not run" >&2; exit 2; }

# -------------------------------------------------------------------- tree
step tree
if [[ -z $tree ]]; then
    tree=$("$top/bench/kernel-tree.sh" | sed -n 's/^tree: //p')
elif [[ ! -s $tree/.detasklet/baseline-ok.txt || ! -s $tree/compile_commands.json ]]; then
    "$top/bench/kernel-tree.sh" --tree "$tree" >&2
fi
meta=$tree/.detasklet
[[ -s $meta/baseline-ok.txt && -s $tree/compile_commands.json ]] \
    || { echo "$tree is not prepared (no baseline-ok.txt or compile_commands.json)" >&2; exit 1; }
[[ -n $scratch ]] || scratch=$tree-peers
scratch=$(realpath -m "$scratch")
[[ $scratch != "$tree-eval" ]] || { echo "$scratch belongs to convert-eval.sh; use another --scratch" >&2; exit 2; }
done_step "$tree"

# ------------------------------------------------------------------- files
# The .c files: the baseline (or the quick sample, which must be in it).
step files
if [[ $quick -eq 1 ]]; then
    grep -vE '^[[:space:]]*(#|$)' "$sample" | sed 's/[[:space:]]*$//' > "$out/files.txt"
    bad=$(grep -vxFf "$meta/baseline-ok.txt" "$out/files.txt" || true)
    [[ -z $bad ]] || { echo "not in the baseline: $bad" >&2; exit 1; }
else
    cp "$meta/baseline-ok.txt" "$out/files.txt"
fi
n_files=$(grep -c . "$out/files.txt")
# What every tool parses and what is rebuilt: the files, plus the TUs of their
# directories that define a callback one of them registers (kernel-tree.sh's
# callback-tus.txt), as convert-eval.sh gives detasklet. Only files.txt is counted.
cat "$out/files.txt" "$meta/callback-tus.txt" 2>/dev/null | LC_ALL=C sort -u > "$out/inputs.txt"
# The headers spatch also gets: those the objects were built with (Kbuild's
# .cmd dependency lists) that use the tasklet API, minus the API itself.
TASKLET_RE='\btasklet_(setup|init|schedule|hi_schedule|kill|disable|disable_nosync|disable_in_atomic|enable|trylock|unlock|unlock_wait|unlock_spin_wait)\b|\bDECLARE_TASKLET|\bfrom_tasklet\b|struct tasklet_struct'
(cd "$tree" && sed -E 's|^(.*/)?([^/]*)\.c$|\1.\2.o.cmd|' "$out/files.txt" \
   | xargs awk '/^deps_/ { d = 1; next } /^$/ { d = 0 }
                d && $1 ~ /\.h$/ && $1 !~ /^\// { print $1 }' \
   | xargs realpath -m -s --relative-to=. | LC_ALL=C sort -u \
   | grep -vxE 'include/linux/interrupt\.h|include/trace/events/irq\.h' \
   | xargs -r grep -lE "$TASKLET_RE" || true) > "$out/headers.txt"
n_headers=$(grep -c . "$out/headers.txt" || true)
# One file per group: spatch treats the files of one group as one unit.
cat "$out/inputs.txt" "$out/headers.txt" | awk '{ print; print "" }' > "$out/spatch-groups.txt"
# The kernel's LINUXINCLUDE, as coccicheck passes it: the -I/-include options
# every selected TU has.
python3 - "$tree" "$out/inputs.txt" > "$out/spatch-includes.txt" <<'PY'
import json, os, shlex, sys
tree, listing = sys.argv[1], sys.argv[2]
want = {l.strip() for l in open(listing) if l.strip()}
common = None
for e in json.load(open(os.path.join(tree, "compile_commands.json"))):
    f = os.path.relpath(os.path.join(e["directory"], e["file"]), tree)
    if f not in want:
        continue
    args = e.get("arguments") or shlex.split(e["command"])
    opts, i = [], 0
    while i < len(args):
        a = args[i]
        if a in ("-I", "-include") and i + 1 < len(args):
            opts.append((a, args[i + 1])); i += 2; continue
        if a.startswith("-I") and len(a) > 2:
            opts.append(("-I", a[2:]))
        i += 1
    common = opts if common is None else [o for o in common if o in opts]
for flag, value in common or []:
    print("-I" if flag == "-I" else "--include")
    print(value)
PY
mapfile -t spatch_includes < "$out/spatch-includes.txt"
options_line=$(sed -n 's|^// Options: *||p' "$cocci" | head -1)
read -r -a spatch_options <<< "$options_line"
spatch_cmd=(spatch --sp-file "$cocci" "${spatch_options[@]}" "${spatch_includes[@]}"
            --very-quiet --jobs "$jobs" --chunksize 1 --in-place
            --file-groups "$out/spatch-groups.txt")
done_step "$n_files .c, $n_headers headers"

# time_into FILE cmd...: run cmd under GNU time; FILE gets "wall user sys maxrss_kb".
time_into() {
    local f=$1; shift
    /usr/bin/time -f '%e %U %S %M' -o "$f" "$@"
}
sum() { echo "$1 + $2" | bc; }

# --------------------------------------------------------- plain clang
# Each TU's own command, as a tiny script; xargs runs N at a time.
step clang
clang_key=$(
  { sha256sum "$out/inputs.txt" "$tree/compile_commands.json" | cut -d' ' -f1
    clang-19 --version | head -1; echo "jobs=$jobs"; } | sha256sum | cut -d' ' -f1)
if [[ $rerun -eq 0 && -f $out/clang.key && $(cat "$out/clang.key") == "$clang_key" ]]; then
    done_step cached
else
    rm -rf "$out/clang"; mkdir -p "$out/clang"
    python3 - "$tree" "$out/inputs.txt" "$out/clang" <<'PY'
import json, os, shlex, sys
tree, listing, dest = sys.argv[1:4]
order = [l.strip() for l in open(listing) if l.strip()]
db = {}
for e in json.load(open(os.path.join(tree, "compile_commands.json"))):
    db[os.path.relpath(os.path.join(e["directory"], e["file"]), tree)] = e
for n, f in enumerate(order):
    e = db.get(f)
    if e is None:
        print(f"not in compile_commands.json: {f}", file=sys.stderr)
        continue
    args = e.get("arguments") or shlex.split(e["command"])
    keep, i = [], 0
    while i < len(args):
        a = args[i]
        if a.startswith("-Wp,-MMD") or a.startswith("-Wp,-MD") or a == "-c":
            i += 1; continue
        if a == "-o":
            i += 2; continue
        keep.append(a); i += 1
    keep.insert(1, "-fsyntax-only")
    with open(os.path.join(dest, f"{n:04d}.sh"), "w") as s:
        s.write(f"cd {shlex.quote(e['directory'])} || exit 1\n")
        s.write(f"{shlex.join(keep)} >{shlex.quote(os.path.join(dest, f'{n:04d}.log'))} 2>&1\n")
        s.write(f"echo \"$? {f}\" >{shlex.quote(os.path.join(dest, f'{n:04d}.rc'))}\n")
PY
    load_before=$(load1)
    time_into "$out/clang.time" sh -c 'ls "$1"/*.sh | xargs -P "$2" -n 1 sh' sh "$out/clang" "$jobs"
    load_after=$(load1)
    cat "$out"/clang/*.rc | LC_ALL=C sort -k2 > "$out/clang-status.txt"
    read -r wall user sys rss < "$out/clang.time"
    cat > "$out/clang.json" <<JSON
{"tus": $(ls "$out"/clang/*.sh | wc -l), "parsed": $(grep -c '^0 ' "$out/clang-status.txt" || true),
 "wall_s": $wall, "cpu_s": $(sum "$user" "$sys"), "peak_mib": $((rss / 1024)),
 "loadavg_1m_before": $load_before, "loadavg_1m_after": $load_after,
 "command": "clang-19 -fsyntax-only <each TU's compile_commands.json flags minus -Wp,-MMD/-c/-o>, xargs -P $jobs"}
JSON
    echo "$clang_key" > "$out/clang.key"
    done_step "$(grep -c '^0 ' "$out/clang-status.txt" || true)/$(ls "$out"/clang/*.sh | wc -l) parse, ${wall}s"
fi

# ------------------------------------------------------------ scratch copy
# The same kind of copy convert-eval.sh uses (bench/lib/scratch-copy.sh).
step scratch
created=$(scratch_copy "$tree" "$scratch")
done_step "$created"

# ---------------------------------------------------------------- spatch
# Cached when the inputs are the same and the scratch copy still holds the
# commit of that run.
step spatch
spatch_key=$(
  { sha256sum "$out/inputs.txt" "$out/headers.txt" "$cocci" | cut -d' ' -f1
    spatch --version | head -1; echo "${spatch_cmd[*]}"; } | sha256sum | cut -d' ' -f1)
head=$(git -C "$scratch" rev-parse HEAD)
if [[ $rerun -eq 0 && -f $out/spatch.key && $(cat "$out/spatch.key") == "$spatch_key $head" ]]; then
    done_step cached
else
    rm -f "$out/spatch.key" "$out/spatch.json"
    git -C "$scratch" am --abort >/dev/null 2>&1 || true
    git -C "$scratch" reset -q --hard base
    load_before=$(load1)
    set +e
    (cd "$scratch" && time_into "$out/spatch.time" "${spatch_cmd[@]}" > "$out/spatch.log" 2>&1)
    spatch_rc=$?
    set -e
    load_after=$(load1)
    read -r wall user sys rss < "$out/spatch.time"
    # One commit with everything spatch changed (it only edits tracked files).
    git -C "$scratch" add -u
    git -C "$scratch" -c user.name=peers -c user.email=peers@localhost \
        commit -q --allow-empty -m "Coccinelle: tasklet-to-bh.cocci"
    git -C "$scratch" diff base HEAD > "$out/spatch.patch"
    git -C "$scratch" diff --name-only base HEAD > "$out/touched.txt"
    cat > "$out/spatch-run.json" <<JSON
{"exit": $spatch_rc, "wall_s": $wall, "cpu_s": $(sum "$user" "$sys"), "peak_mib": $((rss / 1024)),
 "loadavg_1m_before": $load_before, "loadavg_1m_after": $load_after}
JSON
    echo "$spatch_key $(git -C "$scratch" rev-parse HEAD)" > "$out/spatch.key"
    done_step "exit $spatch_rc, ${wall}s, $(grep -c . "$out/touched.txt" || true) files changed"
fi

# ------------------------------------------------------------- scoring
if [[ $rerun -eq 1 || ! -s $out/spatch.json ]]; then
    step rebuild
    # The object of every measured file, touched or not (a changed header can
    # break a file the change did not touch); make rebuilds only what the
    # change reaches. In full mode that is the whole baseline.
    mapfile -t objects < <(sed 's/\.c$/.o/' "$out/inputs.txt")
    rebuild_start=$(date +%s.%N)
    ( cd "$scratch" && make LLVM=-19 -j"$jobs" -k "${objects[@]}" > "$out/rebuild.log" 2>&1 ) || true
    rebuild_s=$(echo "$(date +%s.%N) - $rebuild_start" | bc)
    grep -oE '\[[^]]*: ([^] ]+\.o)\] Error' "$out/rebuild.log" | sed -E 's/.*: ([^] ]+)\.o\] Error/\1.c/' \
      | sort -u > "$out/broken.txt" || true
    done_step "$(grep -c . "$out/broken.txt" || true) broken"

    step lint
    lint_files() { # DIR: the selected files of that tree with tasklet API in code
      # lint exits 1 when it finds something; anything else is a failure.
      local rc=0
      (cd "$1" && "$detasklet" lint --root "$1" --format json $(cat "$out/files.txt")) \
          > "$out/lint.json" 2> "$out/lint.log" || rc=$?
      [[ $rc -le 1 ]] || { echo "detasklet lint failed (exit $rc), see $out/lint.log" >&2; exit 1; }
      python3 -c 'import json,sys; print("\n".join(sorted({f["file"] for f in json.load(sys.stdin)["findings"]})))' \
          < "$out/lint.json"
    }
    lint_files "$scratch" > "$out/tasklets-left.txt"
    lint_files "$tree" > "$out/in-code.txt"
    touched_c=0; compiled=0; broken=0; full=0; full_ok=0
    : > "$out/partial.txt"; : > "$out/converted-compiling.txt"; : > "$out/stale.txt"
    while read -r f; do
      case "$f" in *.c) ;; *) continue ;; esac
      grep -qxF "$f" "$out/files.txt" || continue
      touched_c=$((touched_c + 1))
      ok=1
      if grep -qxF "$f" "$out/broken.txt"; then ok=0; broken=$((broken + 1)); else compiled=$((compiled + 1))
        # Sanity check, not part of the score: no error line should mean
        # make rebuilt the object after the change.
        [[ $scratch/${f%.c}.o -nt $scratch/$f ]] || echo "$f" >> "$out/stale.txt"; fi
      if grep -qxF "$f" "$out/tasklets-left.txt"; then echo "$f" >> "$out/partial.txt"
      else full=$((full + 1)); full_ok=$((full_ok + ok)); [[ $ok -eq 1 ]] && echo "$f" >> "$out/converted-compiling.txt"; fi
    done < "$out/touched.txt"
    done_step "$touched_c touched, $full_ok converted and compiling"

    # checkpatch --strict on the change of each file, and on the same change
    # reversed: a message the reversed change has as often belongs to the
    # original code (convert-eval.sh does this per patch of the series).
    step checkpatch
    cp_err=0; cp_warn=0; cp_check=0; cp_new=0
    : > "$out/checkpatch.txt"; : > "$out/checkpatch-introduced.txt"
    while read -r f; do
      git -C "$scratch" diff base HEAD -- "$f" > "$out/cp.diff"
      git -C "$scratch" diff HEAD base -- "$f" > "$out/cp.reverse.diff"
      (cd "$tree" && perl scripts/checkpatch.pl --strict --no-signoff --terse "$out/cp.diff" > "$out/cp.fwd" 2>/dev/null) || true
      (cd "$tree" && perl scripts/checkpatch.pl --strict --no-signoff --terse "$out/cp.reverse.diff" > "$out/cp.back" 2>/dev/null) || true
      grep -E ': (WARNING|ERROR|CHECK):' "$out/cp.fwd" | sed "s|^|$f: |" >> "$out/checkpatch.txt" || true
      cp_err=$((cp_err + $(grep -c ': ERROR:' "$out/cp.fwd" || true)))
      cp_warn=$((cp_warn + $(grep -c ': WARNING:' "$out/cp.fwd" || true)))
      cp_check=$((cp_check + $(grep -c ': CHECK:' "$out/cp.fwd" || true)))
      cp_new=$((cp_new + $(python3 "$top/bench/lib/checkpatch-introduced.py" \
          "$out/cp.fwd" "$out/cp.back" "$f" "$out/checkpatch-introduced.txt")))
    done < "$out/touched.txt"
    rm -f "$out/cp.diff" "$out/cp.reverse.diff" "$out/cp.fwd" "$out/cp.back"
    done_step "$cp_new introduced"

    python3 - "$out/spatch-run.json" > "$out/spatch.json.tmp" <<PY
import json, sys
run = json.load(open(sys.argv[1]))
run.update({"version": "$(spatch --version | head -1 | awk '{print $3}')",
 "command": $(python3 -c 'import json,sys; print(json.dumps(" ".join(sys.argv[1:])))' "${spatch_cmd[@]}"),
 "c_files": $n_files, "headers": $n_headers,
 "files_changed": $(grep -c . "$out/touched.txt" || true),
 "headers_changed": $(grep -c '\.h$' "$out/touched.txt" || true),
 "in_code": $(grep -c . "$out/in-code.txt" || true), "touched_c": $touched_c,
 "compiled": $compiled, "broken": $broken, "broken_any": $(grep -c . "$out/broken.txt" || true),
 "fully_converted": $full, "fully_converted_compiling": $full_ok,
 "checkpatch": {"errors": $cp_err, "warnings": $cp_warn, "checks": $cp_check, "introduced": $cp_new},
 "stale_objects": $(grep -c . "$out/stale.txt" || true), "rebuild_wall_s": $rebuild_s})
json.dump(run, sys.stdout, indent=1)
PY
    mv "$out/spatch.json.tmp" "$out/spatch.json"
fi

# ------------------------------------------------------------- report
python3 - "$out" "$quick" "$jobs" "$tree" "$(wc -l < "$meta/tasklet-files.txt")" \
          "$(wc -l < "$meta/baseline-ok.txt")" <<'PY'
import json, os, sys
out, quick, jobs, tree, tasklet_files, baseline_ok = sys.argv[1:7]
clang = json.load(open(os.path.join(out, "clang.json")))
sp = json.load(open(os.path.join(out, "spatch.json")))
result = {
    "mode": "quick" if quick == "1" else "full", "tree": tree, "jobs": int(jobs),
    "machine": {"cpus": os.cpu_count(),
                "mem_gib": round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30, 1)},
    "tasklet_files": int(tasklet_files), "baseline_ok": int(baseline_ok),
    "clang": clang, "spatch": sp,
}
json.dump(result, open(os.path.join(out, "peers.json"), "w"), indent=1)
row = lambda k, v: print(f"{k:<46} {v}")
print()
row("tasklet-using .c files / compiling at baseline", f"{tasklet_files} / {baseline_ok}")
row(".c files measured (" + result["mode"] + ")", sp["c_files"])
row("  of which use the API in code (lint)", sp["in_code"])
print(f"\n{'plain clang -fsyntax-only':<46} ")
row("  TUs parsed", f"{clang['parsed']} / {clang['tus']}")
row("  wall / CPU / peak", f"{clang['wall_s']}s / {clang['cpu_s']}s / {clang['peak_mib']} MiB")
row("  load average (1 min) before / after", f"{clang['loadavg_1m_before']} / {clang['loadavg_1m_after']}")
print(f"\n{'Coccinelle ' + sp['version'] + ' (tasklet-to-bh.cocci)':<46}")
row("  headers given to spatch", sp["headers"])
row("  exit", sp["exit"])
row("  wall / CPU / peak", f"{sp['wall_s']}s / {sp['cpu_s']}s / {sp['peak_mib']} MiB")
row("  load average (1 min) before / after", f"{sp['loadavg_1m_before']} / {sp['loadavg_1m_after']}")
row("  files changed (.h among them)", f"{sp['files_changed']} ({sp['headers_changed']})")
row("  measured .c files touched", sp["touched_c"])
row("    of which rebuild with -Werror", f"{sp['compiled']} (broken: {sp['broken']})")
row("    fully converted (no tasklet API left)", f"{sp['fully_converted']} (compiling: {sp['fully_converted_compiling']})")
row("  objects failing to build (any measured)", sp["broken_any"])
cp = sp["checkpatch"]
row("  checkpatch --strict: errors/warnings/checks", f"{cp['errors']} / {cp['warnings']} / {cp['checks']}")
row("    introduced by the change", cp["introduced"])
if clang["wall_s"]:
    row("\nspatch / clang: wall, CPU", f"{sp['wall_s'] / clang['wall_s']:.2f}x, {sp['cpu_s'] / max(clang['cpu_s'], 0.01):.2f}x")
PY
echo "timings:"
printf '  %s\n' "${TIMINGS[@]}"
echo "  total            $((SECONDS - T0))s"
echo "details: $out (peers.json, spatch.patch, spatch.log, broken.txt, partial.txt, tasklets-left.txt, checkpatch-introduced.txt, rebuild.log, clang-status.txt)"
