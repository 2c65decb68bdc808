// detasklet: move Linux kernel drivers off tasklets onto workqueues.
// Subcommands: scan (inventory). Each subcommand's options live next to it here;
// the work is done in the tool/ library so tests can call it directly.
#include "tool/Progress.h"
#include "tool/ScanCommand.h"

#include "llvm/Support/CommandLine.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/raw_ostream.h"

#include <cstring>

using namespace llvm;
using namespace detasklet;

namespace {

cl::SubCommand ScanCmd("scan", "Inventory every tasklet and what converting it takes");

cl::OptionCategory InputCategory("Input (LibTooling conventions)");
cl::opt<std::string> BuildPath("p", cl::desc("Build directory with compile_commands.json"),
                               cl::value_desc("dir"), cl::cat(InputCategory), cl::sub(ScanCmd));
cl::list<std::string> Inputs(cl::Positional, cl::desc("<file or directory>..."),
                             cl::cat(InputCategory), cl::sub(ScanCmd));
cl::list<std::string> ExtraArgs("extra-arg", cl::desc("Argument to append to each compile command"),
                                cl::cat(InputCategory), cl::sub(ScanCmd));
cl::list<std::string> ExtraArgsBefore("extra-arg-before",
                                      cl::desc("Argument to prepend to each compile command"),
                                      cl::cat(InputCategory), cl::sub(ScanCmd));
cl::opt<std::string> RootDir("root",
                             cl::desc("Directory paths are reported relative to "
                                      "(default: the compile database's directory)"),
                             cl::cat(InputCategory), cl::sub(ScanCmd));
cl::opt<std::string> ApiRules("api-rules",
                              cl::desc("Tasklet API description (default: rules/tasklet-api.yaml)"),
                              cl::cat(InputCategory), cl::sub(ScanCmd));

cl::OptionCategory RunCategory("Running");
cl::opt<unsigned> Jobs("j", cl::desc("Parallel jobs (default: all cores)"), cl::init(0),
                       cl::cat(RunCategory), cl::sub(ScanCmd));
cl::opt<bool> NoProgress("no-progress", cl::desc("No progress line on a terminal"),
                         cl::cat(RunCategory), cl::sub(ScanCmd));

cl::OptionCategory OutputCategory("Output");
cl::opt<ScanFormat> Format("format", cl::desc("Report format"),
                           cl::values(clEnumValN(ScanFormat::Text, "text", "readable report"),
                                      clEnumValN(ScanFormat::Json, "json",
                                                 "JSON, schema detasklet-inventory/1")),
                           cl::init(ScanFormat::Text), cl::cat(OutputCategory), cl::sub(ScanCmd));
cl::opt<std::string> OutputFile("o", cl::desc("Write the report to a file"),
                                cl::value_desc("file"), cl::cat(OutputCategory), cl::sub(ScanCmd));

} // namespace

int main(int argc, char **argv) {
  InitLLVM X(argc, argv);
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

  if (ScanCmd) {
    ScanOptions Options;
    Options.Selection.BuildDir = BuildPath;
    Options.Selection.Inputs.assign(Inputs.begin(), Inputs.end());
    Options.Selection.FixedFlags = FixedFlags;
    Options.Selection.Root = RootDir;
    Options.Run.Jobs = Jobs;
    Options.Run.ShowProgress = !NoProgress && stderrIsTerminal();
    Options.Run.ExtraArgsAfter.assign(ExtraArgs.begin(), ExtraArgs.end());
    Options.Run.ExtraArgsBefore.assign(ExtraArgsBefore.begin(), ExtraArgsBefore.end());
    Options.Format = Format;
    Options.ApiRules = ApiRules;
    Options.Output = OutputFile;
    return runScan(Options);
  }
  errs() << "detasklet: name a subcommand: scan (see detasklet --help)\n";
  return 2;
}
