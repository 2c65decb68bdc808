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

// Just past the ';' that ends a call statement spanning [Begin, End), when the
// call is the whole statement and sits in a block (so that a statement added
// after it runs right after it, under the same conditions): first on its line,
// after ';', '{', '}', a label or a preprocessor line, and followed by ';'.
std::optional<unsigned> endOfCallStatement(llvm::StringRef Source, unsigned Begin, unsigned End);

// Just past the '{' of a function definition whose last parameter name ends at
// ParamEnd: ") {" with only blanks and comments between; nullopt for a
// prototype or anything else.
std::optional<unsigned> bodyOpenAfterParameter(llvm::StringRef Source, unsigned ParamEnd);

// Whether the first non-blank line at or after Offset starts a declaration, as
// checkpatch sees one (a blank line must separate declarations from code).
bool nextLineDeclares(llvm::StringRef Source, unsigned Offset);

} // namespace detasklet

#endif
