// One reported use of the tasklet API, whichever engine found it.
#ifndef DETASKLET_LINT_FINDING_H
#define DETASKLET_LINT_FINDING_H

#include "lint/Rules.h"

#include <string>
#include <tuple>
#include <vector>

namespace detasklet::lint {

enum class Engine { Lexical, Semantic };
llvm::StringRef engineName(Engine E);

struct Finding {
  const Rule *Violated = nullptr; // into the RuleSet, which outlives findings
  std::string File;           // relative to the lint root, '/' separated
  unsigned Line = 0;          // 1-based
  unsigned Column = 0;        // 1-based, in bytes (as clang and gcc count)
  unsigned CharColumn = 0;    // 1-based, in Unicode code points (SARIF)
  // What was found: the identifier (lexical), or the API function / use kind
  // the inventory recorded (semantic).
  std::string Symbol;
  std::string Detail;        // semantic: the tasklet expression and macro path
  // The top-level declaration the use is in: a function name, "struct foo",
  // a variable with an initialiser, "#define NAME", or "" at file scope.
  std::string Context;
  std::string LineTokens;    // the line's tokens joined by one space, comments dropped
  unsigned Occurrence = 0;   // among findings with the same file, context, symbol, line tokens
  std::string Origin;        // --patch: the patch (subject) that added the line

  std::string message() const; // what every output format prints
};

inline bool operator<(const Finding &A, const Finding &B) {
  return std::tie(A.File, A.Line, A.Column, A.Violated->Index, A.Symbol) <
         std::tie(B.File, B.Line, B.Column, B.Violated->Index, B.Symbol);
}

// The 1-based code point column of a byte column on a UTF-8 line.
unsigned codePointColumn(llvm::StringRef LineStart, unsigned ByteColumn);

// Sorts by position and numbers identical uses within their declaration; the
// numbering is part of the baseline key.
void finalizeFindings(std::vector<Finding> &Findings);

} // namespace detasklet::lint

#endif
