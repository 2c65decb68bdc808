// detasklet: move Linux kernel drivers off tasklets onto workqueues.
#include "tool/Subcommands.h"

#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/raw_ostream.h"

#include <cstring>
#include <utility>

using namespace llvm;

namespace detasklet {
cl::OptionCategory InputCategory("Input");
cl::OptionCategory RunCategory("Running");
cl::OptionCategory OutputCategory("Output");
} // namespace detasklet

int main(int argc, char **argv) {
  InitLLVM X(argc, argv);
  using namespace detasklet;
  // As with clang tools, flags after "--" are the compile command for every file.
  std::vector<std::string> FixedFlags;
  int Argc = argc;
  for (int I = 1; I < argc; ++I)
    if (std::strcmp(argv[I], "--") == 0) {
      FixedFlags.assign(argv + I + 1, argv + argc);
      Argc = I;
      break;
    }
  cl::HideUnrelatedOptions({&InputCategory, &RunCategory, &OutputCategory});
  if (!cl::ParseCommandLineOptions(Argc, argv,
                                   "detasklet: move Linux kernel drivers off tasklets\n"))
    return 2;

  const std::pair<cl::SubCommand *, SubcommandMain> Subcommands[] = {
      {&ScanSubcommand, scanMain},
      {&ConvertSubcommand, convertMain},
      {&VerifySubcommand, verifyMain},
      {&LintSubcommand, lintMain},
  };
  for (const auto &[Cmd, Main] : Subcommands)
    if (*Cmd)
      return Main(FixedFlags);
  errs() << "detasklet: name a subcommand (detasklet --help lists them)\n";
  return 2;
}
