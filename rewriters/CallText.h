// A call (or macro invocation) as written in the source: callee token, the
// parenthesised arguments split at top-level commas. Works on text, so it serves
// calls inside macro bodies as well as in code.
#ifndef DETASKLET_REWRITERS_CALLTEXT_H
#define DETASKLET_REWRITERS_CALLTEXT_H

#include "rewriters/ConvertRules.h"
#include "llvm/ADT/StringRef.h"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace detasklet {

struct CallText {
  unsigned Begin = 0;      // offset of the callee token
  unsigned NameEnd = 0;    // just past the callee token
  unsigned Open = 0;       // offset of '('
  unsigned End = 0;        // just past ')'
  std::vector<std::pair<unsigned, unsigned>> Args; // [begin, end) of each argument, trimmed

  // Parses the call whose callee token starts at Offset; nullopt when the text
  // there is not Name followed by a balanced argument list.
  static std::optional<CallText> parse(llvm::StringRef Source, unsigned Offset,
                                       llvm::StringRef Name);
  std::string arg(llvm::StringRef Source, unsigned I) const {
    return Source.slice(Args[I].first, Args[I].second).str();
  }
};

// Rewrites the call per a template. Roles maps a placeholder ({t}, {cb}) to the
// index of the original argument it takes; Literals gives other placeholders'
// text ({wq}). Argument text and the separators between kept neighbours are
// preserved; continuation lines aligned to the old '(' are realigned to the new.
std::string rewriteCall(llvm::StringRef Source, const CallText &Call, const CallTemplate &To,
                        const std::map<std::string, unsigned> &Roles,
                        const std::map<std::string, std::string> &Literals);

// The visual column (tabs to 8) of Offset within its line.
unsigned visualColumn(llvm::StringRef Source, unsigned Offset);

// Replaces Length bytes at Offset with Text and, when the blanks after them
// align the next token in a column (more than one blank, as in struct
// members), rewrites those blanks so that the token stays in its column.
// Returns the replacement and sets Length to what it replaces.
std::string replaceKeepingColumn(llvm::StringRef Source, unsigned Offset, unsigned &Length,
                                 const std::string &Text);

} // namespace detasklet

#endif
