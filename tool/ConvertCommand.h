// detasklet convert: rewrite the convertible tasklets of the given TUs into
// work items, as a diff, in place, or as a patch series (one patch per driver).
#ifndef DETASKLET_TOOL_CONVERTCOMMAND_H
#define DETASKLET_TOOL_CONVERTCOMMAND_H

#include "tool/CompileCommands.h"
#include "tool/TuRunner.h"

namespace detasklet {

enum class ConvertOutput { Diff, InPlace, PatchDir };

struct ConvertOptions {
  SelectionRequest Selection;
  RunOptions Run;
  std::string Target = "bh";  // rules/<target>.yaml
  std::string RulesFile;      // overrides Target
  ConvertOutput Output = ConvertOutput::Diff;
  std::string PatchDir;
  std::string From, SignedOffBy;
  bool CheckSemantics = false; // --patch-dir: verify each object at protocol level, say so in its patch
};

// Exit status: 0 done; 1 partial (a TU failed to parse, or an in-place write
// was refused); 2 bad input.
int runConvert(const ConvertOptions &Options);

} // namespace detasklet

#endif
