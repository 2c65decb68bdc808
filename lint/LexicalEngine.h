// The default engine: the tasklet API's identifiers in the code of .c and .h
// files, found by CodeWalker, without a build. A prefilter skips files that
// cannot contain any identifier; the rest are lexed in parallel.
#ifndef DETASKLET_LINT_LEXICALENGINE_H
#define DETASKLET_LINT_LEXICALENGINE_H

#include "lint/Finding.h"
#include "lint/Prefilter.h"
#include "lint/SourceFiles.h"

namespace detasklet::lint {

struct FileError {
  std::string File;
  std::string Message;
};

struct LexicalResult {
  std::vector<Finding> Findings; // unnumbered; see finalizeFindings()
  std::vector<FileError> Errors; // unreadable files
  unsigned FilesRead = 0;
  unsigned FilesLexed = 0;       // past the prefilter
};

class LexicalEngine {
public:
  explicit LexicalEngine(const RuleSet &Rules);

  // Text must be NUL-terminated (see CodeWalker). File is the display path.
  std::vector<Finding> scanText(llvm::StringRef Text, llvm::StringRef File) const;

  // Files in any order; findings come back in the order of Files, whatever
  // order the threads finish in. Jobs 0: every core. Allowlisted files are
  // skipped.
  LexicalResult scanFiles(const std::vector<SourceFile> &Files, unsigned Jobs) const;

private:
  const RuleSet &Rules;
  Prefilter Filter;
};

} // namespace detasklet::lint

#endif
