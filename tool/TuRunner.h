// Runs the fact collection over many TUs in parallel. Results come back in
// the order of the input list, whatever order the threads finish in.
#ifndef DETASKLET_TOOL_TURUNNER_H
#define DETASKLET_TOOL_TURUNNER_H

#include "inventory/Inventory.h"
#include "matchers/TaskletApi.h"
#include "clang/Tooling/ArgumentsAdjusters.h"
#include "clang/Tooling/CompilationDatabase.h"

#include <map>
#include <optional>

namespace detasklet {

struct TuOutcome {
  TuFacts Facts;
  std::optional<TuFailure> Failure; // set: Facts are empty and must not be used
  bool FromCache = false;           // Facts were read from the result cache
};

struct RunOptions {
  unsigned Jobs = 0;     // 0: every core
  bool ShowProgress = false;
  std::vector<std::string> ExtraArgsBefore, ExtraArgsAfter;
  bool Exact = false;    // parse every function body (no shortcut)
  bool SharedPreamble = true; // parse on shared precompiled headers (SharedPreamble.h); not with Exact
  std::string CacheDir;  // the result cache (FactsCache.h); empty: parse every TU
  bool CacheStats = false; // report cache hits on stderr even when it is no terminal
  // Absolute path -> contents read instead of the file on disk (a patch
  // series applied in memory). With any, no result cache and no preamble:
  // both key on the files as they are on disk.
  std::map<std::string, std::string> Overlay;
};

std::vector<TuOutcome> collectFacts(const clang::tooling::CompilationDatabase &Database,
                                    const std::vector<std::string> &Files,
                                    const TaskletApi &Api, const std::string &Root,
                                    const RunOptions &Options);

} // namespace detasklet

#endif
