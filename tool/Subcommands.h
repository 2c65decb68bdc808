// The detasklet subcommands. Each defines its options and its entry point in
// tool/<Name>Main.cpp; main() dispatches on whichever was named.
#ifndef DETASKLET_TOOL_SUBCOMMANDS_H
#define DETASKLET_TOOL_SUBCOMMANDS_H

#include "llvm/Support/CommandLine.h"

#include <string>
#include <vector>

namespace detasklet {

// FixedFlags: the compile flags given after "--", if any.
using SubcommandMain = int (*)(const std::vector<std::string> &FixedFlags);

extern llvm::cl::SubCommand ScanSubcommand;
int scanMain(const std::vector<std::string> &FixedFlags);
extern llvm::cl::SubCommand ConvertSubcommand;
int convertMain(const std::vector<std::string> &FixedFlags);

extern llvm::cl::SubCommand VerifySubcommand;
int verifyMain(const std::vector<std::string> &FixedFlags);

extern llvm::cl::SubCommand LintSubcommand;
int lintMain(const std::vector<std::string> &FixedFlags);

// Option categories shared by the subcommands' help.
extern llvm::cl::OptionCategory InputCategory;
extern llvm::cl::OptionCategory RunCategory;
extern llvm::cl::OptionCategory OutputCategory;

} // namespace detasklet

#endif
