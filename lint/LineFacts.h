// For a finding known only by its position (the semantic engine's), the
// facts the lexical engine records while it scans: the enclosing top-level
// declaration and the line's tokens, both needed by the baseline key.
#ifndef DETASKLET_LINT_LINEFACTS_H
#define DETASKLET_LINT_LINEFACTS_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"

#include <string>
#include <vector>

namespace detasklet::lint {

struct LinePosition {
  unsigned Line = 0, Column = 0; // 1-based; Column in bytes
};

struct LineFacts {
  std::string Context;    // the declaration of the first token at or after Column
  std::string LineTokens; // the line's code tokens joined by one space
  unsigned CharColumn = 0;
};

// One entry per position, in the same order. Text must be NUL-terminated.
std::vector<LineFacts> describeLines(llvm::StringRef Text, llvm::ArrayRef<LinePosition> Positions);

} // namespace detasklet::lint

#endif
