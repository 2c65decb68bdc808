// Statement-level questions about C source text that adding a line of code
// needs answered: is this call a statement of its own, where does a function's
// body open, does a line declare something. Text only, like CallText: the
// planner works on the bytes it will edit.
#ifndef DETASKLET_REWRITERS_STATEMENTTEXT_H
#define DETASKLET_REWRITERS_STATEMENTTEXT_H

#include "llvm/ADT/StringRef.h"

#include <optional>
#include <string>

namespace detasklet {

// The blanks that start the line holding Offset.
std::string lineIndent(llvm::StringRef Source, unsigned Offset);

// Where a statement can be added right after a call statement spanning
// [Begin, End), to run under the same conditions: the call is the whole
// statement, first on its line and followed by ';', and either sits in a block
// (after ';', '{', '}', a label or a preprocessor line) or is the brace-less
// body of an if without else, a for or a while, which then gets braces.
struct StatementSlot {
  unsigned After = 0;                  // just past the ';'
  std::optional<unsigned> OpenBraceAt; // brace-less body: " {" goes here (after the ')')
  std::string CloseIndent;             // and "}" on a line of its own, at this indent
};
std::optional<StatementSlot> slotAfterCallStatement(llvm::StringRef Source, unsigned Begin,
                                                    unsigned End);

// Just past the '{' of a function definition whose last parameter name ends at
// ParamEnd: ") {" with only blanks and comments between; nullopt for a
// prototype or anything else.
std::optional<unsigned> bodyOpenAfterParameter(llvm::StringRef Source, unsigned ParamEnd);

// Whether the first non-blank line at or after Offset starts a declaration, as
// checkpatch sees one (a blank line must separate declarations from code).
bool nextLineDeclares(llvm::StringRef Source, unsigned Offset);

} // namespace detasklet

#endif
