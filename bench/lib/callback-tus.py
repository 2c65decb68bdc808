#!/usr/bin/env python3
"""Print the .c files that define a tasklet callback registered by another file.

Usage: callback-tus.py TREE BASELINE_LIST

A baseline file that registers a callback defined in another TU of its
directory (nitrox_isr.c registers pkt_slc_resp_tasklet, defined in
nitrox_reqmgr.c) can only be converted when that TU is parsed too: the
callback's signature changes there. The harness compiles only files that
mention the tasklet API, so those TUs would be missing from the compile
database; this lists the ones not already in the baseline. Textual, like the
rest of the harness's file selection: a name defined twice in one directory
lists both, which only adds a TU to parse.
"""
import os
import re
import sys

REGISTER = re.compile(
    r"\btasklet_init\s*\(\s*[^,;]+,\s*(\w+)\s*,"
    r"|\btasklet_setup\s*\(\s*[^,;]+,\s*(\w+)\s*\)"
    r"|\bDECLARE_TASKLET\w*\s*\(\s*\w+\s*,\s*(\w+)")


def defines(text, name):
    # "void name(...)\n{" at the start of a line: a definition, not a prototype.
    return re.search(r"^[\w \t*]*\b" + re.escape(name) + r"\s*\([^;{]*\)\s*\{", text, re.M)


def read(path):
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
    for rel in sorted(found):
        print(rel)


if __name__ == "__main__":
    main()
