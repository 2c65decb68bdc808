// --diff-base: the work tree against a revision, as git shows it.
#ifndef DETASKLET_LINT_GITDIFF_H
#define DETASKLET_LINT_GITDIFF_H

#include "llvm/Support/Error.h"

#include <string>

namespace detasklet::lint {

struct GitDiffOutput {
  std::string TopLevel; // the work tree's top: diff paths are relative to it
  std::string Diff;     // unified, -U0, renames detected, a/ and b/ prefixes
};

// Runs git in Directory. Whatever the user's configuration (external diff
// drivers, colour, no prefixes, relative paths), the output has the form
// parseUnifiedDiff() reads. Untracked files are not part of it, as with any
// git diff: add them first.
llvm::Expected<GitDiffOutput> gitDiffAgainst(llvm::StringRef Revision, llvm::StringRef Directory);

} // namespace detasklet::lint

#endif
