#!/usr/bin/env bash
# Prepare a real Linux 6.12 tree for benchmarking/testing detasklet.
#
# Steps (each cached, so a re-run when everything is done takes seconds):
#   1. install the Debian packages we need (only if some are missing)
#   2. extract /usr/src/linux-source-6.12.tar.xz into the cache (or use --tree)
#   3. make allmodconfig + make prepare (clang-19 / lld-19)
#   4. list the .c files that use the tasklet API
#   5. compile their objects once: the "compiles before any change" baseline
#   6. generate compile_commands.json and check the baseline files are in it
#   7. print a summary; the last line is always "tree: /path"
#
# Outputs, in $TREE/.detasklet/:
#   tasklet-files.txt      tasklet-using .c files (relative to $TREE, sorted)
#   baseline-ok.txt        those whose .o built (exists, newer than the .c)
#   baseline-failed.txt    the rest
#   baseline-failed-reasons.txt   "<file>\t<reason>\t<first error>" (best guess)
#   baseline-build.log     make's output for step 5
#   callback-tus.txt       other .c files of their directories that define a callback a
#                          baseline file registers (converted and rebuilt with them,
#                          not counted as baseline files)
# and $TREE/compile_commands.json.
#
# Usage: bench/kernel-tree.sh [--tree DIR] [--rebuild-baseline] [--quick]
#   --tree DIR            use an already-extracted kernel tree instead of the cache
#   --rebuild-baseline    redo steps 4-6 even if they are cached
#   --quick               only the files of bench/quick-sample.txt (about 20, across
#                         subsystems): their outputs go to $TREE/.detasklet-quick/
# Environment: DETASKLET_CACHE (default /var/cache/detasklet)
set -euo pipefail

KVER=6.12
TARBALL=/usr/src/linux-source-${KVER}.tar.xz
CACHE=${DETASKLET_CACHE:-/var/cache/detasklet}
TREE=$CACHE/linux-${KVER}
REBUILD=0
QUICK=0
JOBS=$(nproc)
HERE=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=lib/install-packages.sh
. "$HERE/lib/install-packages.sh"
# The kernel's "LLVM=-19" form means: use clang-19, ld.lld-19, llvm-ar-19, ...
MAKE=(make LLVM=-19)

PACKAGES=("linux-source-${KVER}" flex bison bc libelf-dev libssl-dev
          clang-19 lld-19 llvm-19 python3 make)

usage() { sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; }

while [[ $# -gt 0 ]]; do
    case $1 in
        --tree) TREE=$(realpath "${2:?--tree needs a directory}"); shift 2 ;;
        --tree=*) TREE=$(realpath "${1#--tree=}"); shift ;;
        --rebuild-baseline) REBUILD=1; shift ;;
        --quick) QUICK=1; shift ;;
        -h|--help) usage; exit 0 ;;
        *) echo "unknown argument: $1" >&2; usage >&2; exit 2 ;;
    esac
done

log() { printf '[kernel-tree] %s\n' "$*" >&2; }

# Per-step timing: "step NAME" starts a step, "done_step STATUS" ends it.
declare -a TIMINGS=()
step() { STEP_NAME=$1; STEP_START=$SECONDS; log "== $1"; }
done_step() { TIMINGS+=("$(printf '%-22s %5ds  %s' "$STEP_NAME" $((SECONDS - STEP_START)) "${1:-}")"); }
T0=$SECONDS

# ---------------------------------------------------------------- 1. packages
step packages
installed=$(install_packages "${PACKAGES[@]}")
done_step "$installed"

# ----------------------------------------------------------------- 2. extract
step extract
if [[ -f $TREE/Makefile && -d $TREE/kernel ]]; then
    done_step cached
else
    [[ $TREE == "$CACHE/linux-${KVER}" ]] || { echo "--tree $TREE is not a kernel tree" >&2; exit 1; }
    mkdir -p "$CACHE"
    # Extract beside the final place and rename, so an interrupted run never
    # leaves a half tree that the check above would take as complete.
    tmp=$TREE.partial
    rm -rf "$tmp"; mkdir -p "$tmp"
    tar -xJf "$TARBALL" -C "$tmp" --strip-components=1
    mv "$tmp" "$TREE"
    done_step extracted
fi
cd "$TREE"
META=$TREE/.detasklet
[[ $QUICK -eq 1 ]] && META=$TREE/.detasklet-quick
mkdir -p "$META"

# ----------------------------------------------------------------- 3. prepare
step config+prepare
status=cached
if [[ ! -f .config ]]; then
    "${MAKE[@]}" allmodconfig >"$META/config.log" 2>&1
    status=configured
fi
# Redo prepare if .config changed after the last successful one.
if [[ ! -f $META/prepare.stamp || .config -nt $META/prepare.stamp ]]; then
    "${MAKE[@]}" -j"$JOBS" prepare >"$META/prepare.log" 2>&1 \
        || { tail -30 "$META/prepare.log" >&2; exit 1; }
    touch "$META/prepare.stamp"
    status="$status, prepared"
fi
done_step "$status"

# ------------------------------------------------------------ 4. list files
step list-tasklet-files
FILES=$META/tasklet-files.txt
TASKLET_RE='\btasklet_(setup|init|schedule|hi_schedule|kill|disable|disable_nosync|disable_in_atomic|enable|trylock|unlock|unlock_wait|unlock_spin_wait)\b|\bDECLARE_TASKLET|\bfrom_tasklet\b|struct tasklet_struct'
if [[ $REBUILD -eq 0 && -s $FILES ]]; then
    done_step cached
else
    # kernel/softirq.c implements tasklets; tools/ scripts/ Documentation/
    # samples/ are not kernel code we convert.
    grep -rlE --include='*.c' \
         --exclude-dir=.detasklet --exclude-dir=.git \
         "$TASKLET_RE" . \
      | sed 's|^\./||' \
      | grep -vE '^(tools|scripts|Documentation|samples)/|^kernel/softirq\.c$' \
      | LC_ALL=C sort >"$FILES.tmp"
    if [[ $QUICK -eq 1 ]]; then
        grep -vE '^\s*(#|$)' "$HERE/quick-sample.txt" | LC_ALL=C sort \
          | LC_ALL=C comm -12 - "$FILES.tmp" >"$FILES.sample"
        mv "$FILES.sample" "$FILES.tmp"
    fi
    mv "$FILES.tmp" "$FILES"
    done_step "$(wc -l <"$FILES") files"
fi
N_FILES=$(wc -l <"$FILES")

# -------------------------------------------------------- 5. baseline build
step baseline-build
OK=$META/baseline-ok.txt
FAILED=$META/baseline-failed.txt
REASONS=$META/baseline-failed-reasons.txt
BUILD_LOG=$META/baseline-build.log
# The stamp holds the checksum of the file list, so a changed list rebuilds.
list_sum=$(sha256sum <"$FILES" | cut -d' ' -f1)
if [[ $REBUILD -eq 0 && -f $META/baseline.stamp && $(cat "$META/baseline.stamp") == "$list_sum" ]]; then
    done_step cached
else
    mapfile -t srcs <"$FILES"
    objs=("${srcs[@]/%.c/.o}")
    # One kbuild invocation with all targets: kbuild walks each directory once
    # and -j spreads them over the cores. -k keeps going past the (expected)
    # failures: other architectures, files only #included by other .c files,
    # objects not built in this config.
    "${MAKE[@]}" -j"$JOBS" -k "${objs[@]}" >"$BUILD_LOG" 2>&1 || true

    : >"$OK.tmp"; : >"$FAILED.tmp"; : >"$REASONS.tmp"
    for src in "${srcs[@]}"; do
        obj=${src%.c}.o
        if [[ -f $obj && $obj -nt $src ]]; then
            echo "$src" >>"$OK.tmp"
            continue
        fi
        echo "$src" >>"$FAILED.tmp"
        # Best-guess reason, to spot failures that are not just "not an
        # x86_64 allmodconfig object".
        if [[ $src == arch/* && $src != arch/x86/* ]]; then
            reason=other-arch
        elif grep -qF "$obj] Error" "$BUILD_LOG"; then
            # kbuild's rule for this object ran and failed
            reason=compile-error
        elif grep -qF "No rule to make target '$obj'" "$BUILD_LOG"; then
            reason=no-rule
        else
            reason=not-built
        fi
        # First diagnostic that names the file itself (errors in headers it
        # includes are not caught; the build log has them). awk, not
        # grep -m1 in a pipe, so pipefail never sees a SIGPIPE.
        first=$(awk -v f="$src:" 'index($0, f) == 1 && /error/ { print; exit }' "$BUILD_LOG")
        printf '%s\t%s\t%s\n' "$src" "$reason" "$first" >>"$REASONS.tmp"
    done
    mv "$OK.tmp" "$OK"; mv "$FAILED.tmp" "$FAILED"; mv "$REASONS.tmp" "$REASONS"
    echo "$list_sum" >"$META/baseline.stamp"
    done_step "$(wc -l <"$OK") ok, $(wc -l <"$FAILED") failed"
fi
N_OK=$(wc -l <"$OK")
N_FAILED=$(wc -l <"$FAILED")

# ------------------------------------- 5b. TUs defining baseline callbacks
# A callback registered in a baseline file but defined in another TU of its
# directory changes signature there: that TU must be parsed and rebuilt too.
step callback-tus
CALLBACK_TUS=$META/callback-tus.txt
# Redone when the baseline or the finder changes.
cb_sum=$(cat "$OK" "$HERE/lib/callback-tus.py" | sha256sum | cut -d' ' -f1)
if [[ $REBUILD -eq 0 && -f $CALLBACK_TUS && -f $META/callback-tus.stamp
      && $(cat "$META/callback-tus.stamp") == "$cb_sum" ]]; then
    done_step cached
else
    mapfile -t extra < <(python3 "$HERE/lib/callback-tus.py" . "$OK")
    : >"$CALLBACK_TUS.tmp"
    if [[ ${#extra[@]} -gt 0 ]]; then
        "${MAKE[@]}" -j"$JOBS" -k "${extra[@]/%.c/.o}" >"$META/callback-tus-build.log" 2>&1 || true
        for src in "${extra[@]}"; do
            obj=${src%.c}.o
            [[ -f $obj && $obj -nt $src ]] && echo "$src" >>"$CALLBACK_TUS.tmp"
        done
    fi
    mv "$CALLBACK_TUS.tmp" "$CALLBACK_TUS"
    echo "$cb_sum" >"$META/callback-tus.stamp"
    done_step "$(wc -l <"$CALLBACK_TUS") of ${#extra[@]} built"
fi

# ------------------------------------------------ 6. compile_commands.json
step compile-commands
if [[ -f compile_commands.json && ! $META/baseline.stamp -nt compile_commands.json \
      && ! $CALLBACK_TUS -nt compile_commands.json ]]; then
    done_step cached
else
    # Without paths it scans the whole tree for .cmd files of what was built.
    python3 scripts/clang-tools/gen_compile_commands.py -d . -o compile_commands.json.tmp
    mv compile_commands.json.tmp compile_commands.json
    done_step generated
fi
# How many baseline-ok files the database covers (its "file" is absolute).
N_CDB=$(python3 - "$TREE" "$OK" <<'EOF'
import json, os, sys
tree, ok = sys.argv[1], sys.argv[2]
with open(os.path.join(tree, "compile_commands.json")) as f:
    files = {os.path.relpath(os.path.join(e["directory"], e["file"]), tree)
             for e in json.load(f)}
with open(ok) as f:
    print(sum(1 for line in f if line.strip() in files))
EOF
)
N_CDB_ALL=$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))))' compile_commands.json)

# ----------------------------------------------------------------- 7. summary
echo "tasklet files:          $N_FILES   ($FILES)"
echo "baseline ok:            $N_OK   ($OK)"
echo "baseline failed:        $N_FAILED   ($FAILED)"
if [[ -s $REASONS ]]; then
    echo "  by reason:            $(cut -f2 "$REASONS" | sort | uniq -c | awk '{printf "%s %s, ", $2, $1}' | sed 's/, $//')"
fi
echo "ok in compile_commands: $N_CDB of $N_OK   ($N_CDB_ALL entries in total)"
echo "callback TUs:           $(wc -l <"$CALLBACK_TUS")   ($CALLBACK_TUS)"
echo "timings:"
printf '  %s\n' "${TIMINGS[@]}"
echo "  total                  $((SECONDS - T0))s"
echo "tree: $TREE"
