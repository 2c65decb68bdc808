// Walks the code tokens of one C source or header with clang's raw lexer: no
// preprocessing, no includes, no compile flags. Comments are never tokens and
// string or character literals are single tokens, so neither can yield an
// identifier. What the walker decides on top of the lexer:
//  - Directives: the bodies of #define and #undef and the conditions of #if,
//    #ifdef and #elif are code (a macro that calls tasklet_schedule() is a
//    use). #include, #error, #warning, #pragma, #line and #ident lines are
//    not: their words are file names or messages.
//  - Dead code: the branches of "#if 0" / "#elif 0", and the #elif/#else
//    branches after an "#if 1", are never compiled and are skipped. Every
//    other condition is unknown without a configuration, so all its branches
//    count as live.
//  - Each live token is attributed to its top-level declaration
//    (DeclarationContext); a macro body to "#define NAME".
#ifndef DETASKLET_LINT_CODEWALKER_H
#define DETASKLET_LINT_CODEWALKER_H

#include "lint/DeclarationContext.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/StringRef.h"

#include <string>

namespace detasklet::lint {

struct CodeToken {
  llvm::StringRef Spelling; // backslash-newlines removed
  bool IsIdentifier = false;
  // False for the words of a directive that is not code (#include <...>,
  // #error text) and for the directive's own "#" and keyword; they still
  // belong to the line's token text.
  bool IsCode = true;
  unsigned Line = 0;   // 1-based, where the token starts
  unsigned Column = 0; // 1-based byte column
  unsigned Offset = 0; // byte offset in the buffer
  unsigned Declaration = 0; // DeclarationContext id; name it with the walker's names
};

class CodeWalker {
public:
  // Calls Visit for every token of live code, in order. Text must be followed
  // by a NUL byte (Text.data()[Text.size()] == 0), as clang's lexer requires.
  using Visitor = llvm::function_ref<void(const CodeToken &)>;
  void walk(llvm::StringRef Text, Visitor Visit);

  // The name of a declaration id handed out during the last walk().
  llvm::StringRef declarationName(unsigned Id) const { return Declarations.name(Id); }

private:
  DeclarationContext Declarations;
};

} // namespace detasklet::lint

#endif
