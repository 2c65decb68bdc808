// Accepted findings: a tree's existing tasklet uses, recorded once, so that
// lint reports only what is added afterwards.
//
// A finding's key is (file, declaration, symbol, line tokens, occurrence):
//  - declaration: the enclosing function (or struct, initialised variable,
//    #define) found lexically, so that moving code around elsewhere in the
//    file, or editing other lines of the same function, changes nothing;
//  - line tokens: the tokens of the finding's line joined by single spaces,
//    so re-indenting or editing a comment on that line changes nothing, while
//    changing the code of the line (another tasklet, another argument) makes
//    it a new use;
//  - occurrence: the index among findings of the same file, declaration,
//    symbol and line tokens, so that a second identical line is new. When one
//    of several identical lines is added, the last one is reported.
// No line numbers: inserting or deleting lines above a use does not matter.
// Renaming the function or the file makes its uses new; that is a change a
// reviewer should look at anyway.
//
// The file is text, one accepted finding per line, sorted, with TAB-separated
// fields (TAB, newline and backslash escaped as \t, \n, \\), so that it reads
// and diffs well in review.
#ifndef DETASKLET_LINT_BASELINE_H
#define DETASKLET_LINT_BASELINE_H

#include "lint/Finding.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/raw_ostream.h"

#include <set>
#include <string>
#include <tuple>

namespace detasklet::lint {

struct BaselineKey {
  std::string File, Context, Symbol, LineTokens;
  unsigned Occurrence = 0;
  static BaselineKey of(const Finding &F);
  friend bool operator<(const BaselineKey &A, const BaselineKey &B) {
    return std::tie(A.File, A.Context, A.Symbol, A.LineTokens, A.Occurrence) <
           std::tie(B.File, B.Context, B.Symbol, B.LineTokens, B.Occurrence);
  }
};

// The same key as a short stable hash: SARIF's partialFingerprints. The file
// is left out (code scanning pairs fingerprints with the file itself).
std::string fingerprint(const Finding &F);

class Baseline {
public:
  // Errors name the file and line that is malformed.
  static llvm::Expected<Baseline> load(llvm::StringRef Path);
  static llvm::Expected<Baseline> parse(llvm::StringRef Text, llvm::StringRef Name);
  // Findings must be finalized (numbered).
  static void write(const std::vector<Finding> &Findings, Engine Used, llvm::raw_ostream &OS);

  Engine engine() const { return Written; }
  bool accepts(const Finding &F) const { return Keys.count(BaselineKey::of(F)) != 0; }
  size_t size() const { return Keys.size(); }
  // Entries that match none of All: uses that were removed or changed.
  size_t countUnmatched(const std::vector<Finding> &All) const;

private:
  Engine Written = Engine::Lexical;
  std::set<BaselineKey> Keys;
};

} // namespace detasklet::lint

#endif
