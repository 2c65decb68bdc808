// detasklet lint: fail a change that adds tasklet use.
#ifndef DETASKLET_LINT_LINTCOMMAND_H
#define DETASKLET_LINT_LINTCOMMAND_H

#include "lint/Report.h"
#include "llvm/Support/raw_ostream.h"

#include <string>
#include <vector>

namespace detasklet::lint {

struct LintOptions {
  std::vector<std::string> Inputs; // files and directories; empty: see runLint
  std::string Root;                // paths are reported relative to it; "": the current directory
  std::string RulesFile;           // "": rules/lint.yaml
  unsigned Jobs = 0;               // 0: every core
  bool ShowProgress = false;       // semantic engine only

  bool Semantic = false;
  std::string BuildDir;                // -p, semantic engine
  std::vector<std::string> FixedFlags; // after "--", semantic engine
  std::string ApiRules;                // semantic engine: rules/tasklet-api.yaml by default
  std::string CacheDir;                // semantic engine's result cache; "": none

  std::string DiffBase;         // report only lines added since this revision
  std::string Patch;            // report only lines this diff or mbox adds; "-": stdin
  unsigned Strip = 1;           // path components stripped from the patch's names
  std::string BaselineFile;     // report only findings not in it
  std::string WriteBaselineFile;// record all findings and exit

  Format OutputFormat = Format::Gcc;
  std::string OutputFile; // "": stdout
};

// Exit status: 0 no finding, 1 findings, 2 usage or input error (including
// files that could not be checked: a gate must not pass what it did not see).
// Without inputs, the lexical engine checks the root directory, or only the
// diff's files in diff mode; the semantic engine checks the whole database.
int runLint(const LintOptions &Options, llvm::raw_ostream &Errors);

} // namespace detasklet::lint

#endif
