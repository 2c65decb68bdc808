#!/usr/bin/env python3
"""Print the .c files that define or store a tasklet callback another file registers.

Usage: callback-tus.py TREE BASELINE_LIST

A baseline file that registers a callback defined in another TU of its
directory (nitrox_isr.c registers pkt_slc_resp_tasklet, defined in
nitrox_reqmgr.c) can only be converted when that TU is parsed too: the
callback's signature changes there. The harness compiles only files that
mention the tasklet API, so those TUs would be missing from the compile
database; this lists the ones not already in the baseline. Textual, like the
rest of the harness's file selection: a name defined twice in one directory
lists both, which only adds a TU to parse. Likewise the TUs below a directory
that registers a callback read from an ops-table field (nn->dp.ops->ctrl_poll)
and store into a field of that shape declared in one of its headers.
"""
import functools
import os
import re
import sys

REGISTER = re.compile(
    r"\btasklet_init\s*\(\s*[^,;]+,\s*(\w+)\s*,"
    r"|\btasklet_setup\s*\(\s*[^,;]+,\s*(\w+)\s*\)"
    r"|\bDECLARE_TASKLET\w*\s*\(\s*\w+\s*,\s*(\w+)")


# tasklet_init/tasklet_setup whose callback argument is a member access.
REGISTER_FROM_FIELD = re.compile(
    r"\btasklet_(?:init|setup)\s*\(\s*[^,;]+,[\s\\]*[\w.>()-]*(?:->|\.)\s*\w+\s*[,)]")


def defines(text, name):
    # "void name(...)\n{" at the start of a line: a definition, not a prototype.
    return re.search(r"^[\w \t*]*\b" + re.escape(name) + r"\s*\([^;{]*\)\s*\{", text, re.M)


# A function-pointer member taking what a tasklet callback takes:
# "void (*txstatus_tasklet) (struct tasklet_struct *t);", "void (*tasklet)(unsigned long);".
OPS_FIELD = re.compile(
    r"\(\s*\*\s*(\w+)\s*\)\s*\(\s*(?:struct\s+tasklet_struct\s*\*\s*\w*|unsigned\s+long\s*\w*)\s*\)")


def ops_filling_tus(tree, directory, known):
    """The .c files below DIRECTORY that store into an ops-table field declared
    in one of its headers: convert retypes what they store (rt2800pci.c fills
    rt2x00lib_ops.txstatus_tasklet for rt2x00dev.c's tasklet_setup)."""
    root = os.path.join(tree, directory)
    fields = set()
    for dirpath, _, names in os.walk(root):
        for name in names:
            if name.endswith(".h"):
                fields.update(OPS_FIELD.findall(read(os.path.join(dirpath, name))))
    if not fields:
        return set()
    store = re.compile(r"(?:\.|->)\s*(?:" + "|".join(map(re.escape, sorted(fields))) + r")\s*=[^=]")
    found = set()
    for dirpath, _, names in os.walk(root):
        for name in names:
            path = os.path.join(dirpath, name)
            rel = os.path.relpath(path, tree)
            if name.endswith(".c") and rel not in known and store.search(read(path)):
                found.add(rel)
    return found


@functools.lru_cache(maxsize=None)
def read(path):
    # Cached: a directory's files are read once, not once per callback name.
    with open(path, errors="replace") as f:
        return f.read()


def main():
    tree, baseline = sys.argv[1], sys.argv[2]
    with open(baseline) as f:
        files = [line.strip() for line in f if line.strip()]
    known = set(files)
    found = set()
    for rel in files:
        text = read(os.path.join(tree, rel))
        names = {n for m in REGISTER.finditer(text) for n in m.groups() if n}
        directory = os.path.dirname(rel)
        for name in sorted(n for n in names if not defines(text, n)):
            for entry in sorted(os.listdir(os.path.join(tree, directory))):
                other = os.path.join(directory, entry)
                if entry.endswith(".c") and other not in known and other not in found \
                        and defines(read(os.path.join(tree, other)), name):
                    found.add(other)
    # Callbacks registered from an ops-table field, filled in other TUs.
    for directory in sorted({os.path.dirname(rel) for rel in files
                             if REGISTER_FROM_FIELD.search(read(os.path.join(tree, rel)))}):
        found |= ops_filling_tus(tree, directory, known)
    for rel in sorted(found):
        print(rel)


if __name__ == "__main__":
    main()
