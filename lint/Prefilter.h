// The cheap first pass of the lexical engine: most files of a kernel tree
// never mention the tasklet API, and a substring search rules them out
// without lexing. The needles are a few substrings that every banned
// identifier contains (for the shipped rules, "tasklet" and "TASKLET"), so a
// file without any needle cannot contain a banned identifier.
#ifndef DETASKLET_LINT_PREFILTER_H
#define DETASKLET_LINT_PREFILTER_H

#include "llvm/ADT/StringRef.h"

#include <string>
#include <vector>

namespace detasklet::lint {

class Prefilter {
public:
  explicit Prefilter(const std::vector<std::string> &Identifiers);
  // False only when Text cannot contain any of the identifiers.
  bool mayMatch(llvm::StringRef Text) const;
  const std::vector<std::string> &needles() const { return Needles; }

private:
  std::vector<std::string> Needles;
};

} // namespace detasklet::lint

#endif
