// What a lint run hands to the output formats.
#ifndef DETASKLET_LINT_REPORT_H
#define DETASKLET_LINT_REPORT_H

#include "lint/Finding.h"
#include "lint/LexicalEngine.h"
#include "llvm/Support/raw_ostream.h"

namespace detasklet::lint {

enum class Format { Gcc, Json, Sarif };

struct Report {
  const RuleSet *Rules = nullptr;
  Engine Used = Engine::Lexical;
  std::vector<Finding> Findings;   // finalized, after the diff and baseline filters
  std::vector<FileError> Errors;   // files or translation units that could not be checked
  unsigned FilesChecked = 0;
  unsigned Suppressed = 0;         // accepted by the baseline
};

// file:line:col: warning: 'tasklet_schedule': ...; use queue_work(...) [detasklet-tasklet-schedule]
void writeGcc(const Report &R, llvm::raw_ostream &OS);
// Schema "detasklet-lint/1".
void writeJson(const Report &R, llvm::raw_ostream &OS);
// SARIF 2.1.0, for GitHub code scanning and other SARIF viewers.
void writeSarif(const Report &R, llvm::raw_ostream &OS);

} // namespace detasklet::lint

#endif
