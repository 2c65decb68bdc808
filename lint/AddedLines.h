// The lines a diff or a patch series adds, numbered as they are in the tree
// after the whole change. Patches of a series are composed in order: a later
// patch shifts the lines an earlier one added, may remove them, or may rename
// or delete their file, exactly as applying the series would.
#ifndef DETASKLET_LINT_ADDEDLINES_H
#define DETASKLET_LINT_ADDEDLINES_H

#include "lint/UnifiedDiff.h"

#include <map>
#include <string>

namespace detasklet::lint {

struct AddedLine {
  std::string Text;       // as the diff adds it
  unsigned InputLine = 0; // in the diff input
  int Patch = -1;         // ParsedDiff::Patches index, -1 outside an mbox
};

// Path (as named in the diff, prefixes stripped) -> line number -> line.
using AddedLineMap = std::map<std::string, std::map<unsigned, AddedLine>>;

AddedLineMap composeAddedLines(const ParsedDiff &Diff);

// Checks that every added line is in the file under Root at its number, so
// that a patch that was not applied, or a tree in another state, is an error
// and not a silently clean result. Errors name the diff input line.
llvm::Error checkAgainstTree(const AddedLineMap &Lines, llvm::StringRef Root,
                             llvm::StringRef InputName);

} // namespace detasklet::lint

#endif
