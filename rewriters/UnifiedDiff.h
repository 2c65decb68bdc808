// The text of a change the way git prints it, so `--diff` output, patch files
// and a reviewer's own `git diff` agree line for line and `git apply`,
// `git am` and `patch -p1` accept it.
#ifndef DETASKLET_REWRITERS_UNIFIEDDIFF_H
#define DETASKLET_REWRITERS_UNIFIEDDIFF_H

#include "rewriters/EditedFile.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"

#include <string>

namespace detasklet {

// "diff --git a/P b/P", an "index <old>..<new>" line with 12-digit blob ids
// (what `git am -3` needs to fall back to a three-way merge; no mode, since it
// is not known here and git then keeps the file's own), "--- a/P", "+++ b/P",
// then the hunks: Context lines around each change, hunks merged when their
// contexts touch, each header followed by git's default function context (the
// nearest line above the hunk starting with a letter, '_' or '$'), and
// "\ No newline at end of file" after a last line without one.
// Empty when the file is unchanged.
std::string unifiedDiff(const EditedFile &F, unsigned Context = 3);

struct DiffStat {
  unsigned Insertions = 0, Deletions = 0;
};

// Lines added and removed, as counted by `git diff --stat`.
DiffStat diffStat(const EditedFile &F);

// The block `git format-patch` puts after "---": one " path | N +-" line per
// changed file, graph and names scaled to Width columns as git scales them,
// then " K files changed, X insertions(+), Y deletions(-)". Unchanged files are
// left out.
std::string diffStatBlock(llvm::ArrayRef<EditedFile> Files, unsigned Width = 72);

// A path as git writes it in headers and stats: C-quoted when it holds a
// control character, '"', '\\' or a byte above 0x7f, else unchanged.
std::string gitQuotedPath(llvm::StringRef Path);

} // namespace detasklet

#endif
