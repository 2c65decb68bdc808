// The line diff under every diff and patch the tool prints. Myers' O(ND)
// algorithm in linear space keeps a 10k-line kernel file with a few dozen
// edited lines cheap; afterwards, groups of added or removed lines that could
// sit at several places are slid the way git slides them (its "indent
// heuristic"), so the hunks a reviewer sees are the ones `git diff` would show.
#ifndef DETASKLET_REWRITERS_LINEDIFF_H
#define DETASKLET_REWRITERS_LINEDIFF_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"

#include <vector>

namespace detasklet {

// Lines keep their '\n'; only the last one may lack it. "x" and "x\n" are
// different lines, as they are for git (the diff then says "No newline").
std::vector<llvm::StringRef> splitLines(llvm::StringRef Text);

// One run of differing lines: OldCount lines of the old text starting at
// OldStart (0-based) are replaced by NewCount lines of the new text starting at
// NewStart. Either count may be 0. Runs are in order and never touch.
struct LineChange {
  unsigned OldStart = 0, OldCount = 0;
  unsigned NewStart = 0, NewCount = 0;
};

// A minimal edit script (the longest common subsequence is kept).
std::vector<LineChange> diffLines(llvm::ArrayRef<llvm::StringRef> Old,
                                  llvm::ArrayRef<llvm::StringRef> New);

} // namespace detasklet

#endif
