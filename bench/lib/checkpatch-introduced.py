#!/usr/bin/env python3
"""What a change introduces, by checkpatch --terse: the messages of the change
(FWD) that the same change reversed (BACK) does not have as often; those
belong to the original lines. Commit-description messages are not counted.

    checkpatch-introduced.py FWD BACK LABEL OUT

Appends "LABEL: Nx message" lines to OUT and prints how many in all."""
import collections
import re
import sys


def kinds(path):
    counts = collections.Counter()
    for line in open(path):
        m = re.search(r': ((?:WARNING|ERROR|CHECK): .*)$', line.rstrip("\n"))
        if m and "commit description" not in m.group(1):
            counts[m.group(1)] += 1
    return counts


fwd_path, back_path, label, out_path = sys.argv[1:]
fwd, back = kinds(fwd_path), kinds(back_path)
new = {k: n - back[k] for k, n in fwd.items() if n > back[k]}
with open(out_path, "a") as out:
    for k, n in sorted(new.items()):
        out.write(f"{label}: {n}x {k}\n")
print(sum(new.values()))
