// detasklet verify: convert the given driver in a scratch copy, then run a
// scenario against the original and the conversion in the runtime model,
// exploring every interleaving, and compare them property by property.
#ifndef DETASKLET_TOOL_VERIFYCOMMAND_H
#define DETASKLET_TOOL_VERIFYCOMMAND_H

#include "tool/CompileCommands.h"
#include "tool/TuRunner.h"

#include <optional>

namespace detasklet {

struct VerifyOptions {
  SelectionRequest Selection;
  RunOptions Run;
  std::string Target = "bh";
  std::string RulesFile;
  std::string Scenario;                    // the scenario source (MODEL_SCENARIO(...)s)
  std::vector<std::string> ScenarioNames;  // which of them; empty: all
  unsigned Cpus = 2;
  std::optional<unsigned> PreemptionBound;
  bool Traces = false;
  std::string Replay;                      // a token to replay instead of exploring
  bool ReplayOriginal = false;             // replay on the original (default: the conversion)
  std::string ScratchDir;                  // where the converted copy goes; empty: a new temp dir
                                           // (tree mode: where the abstract drivers go)
  uint64_t MaxExecutions = 500000;         // per exploration
  std::string Series;                      // tree mode: a patch series (directory or file) to check
  bool SeriesFromCode = false;             // check objects converted as planned from the code too
};

// With a scenario, the driver itself is built and explored (it must build
// against the shim headers: the corpus); without one, each converted object
// is checked at protocol level (runVerifyProtocols, VerifyTreeCommand.h).
// Exit status: 0 the conversion keeps what the original guarantees (or only
// documented differences); 1 it is worse somewhere, or nothing was converted;
// 2 bad input or a build failure.
int runVerify(const VerifyOptions &Options);

} // namespace detasklet

#endif
