// detasklet scan: options and entry point.
#include "tool/Progress.h"
#include "tool/ScanCommand.h"
#include "tool/Subcommands.h"

using namespace llvm;

namespace detasklet {

cl::SubCommand ScanSubcommand("scan", "Inventory every tasklet and what converting it takes");

namespace {
cl::opt<std::string> BuildPath("p", cl::desc("Build directory with compile_commands.json"),
                               cl::value_desc("dir"), cl::cat(InputCategory),
                               cl::sub(ScanSubcommand));
cl::list<std::string> Inputs(cl::Positional, cl::desc("<file or directory>..."),
                             cl::cat(InputCategory), cl::sub(ScanSubcommand));
cl::list<std::string> ExtraArgs("extra-arg", cl::desc("Argument to append to each compile command"),
                                cl::cat(InputCategory), cl::sub(ScanSubcommand));
cl::list<std::string> ExtraArgsBefore("extra-arg-before",
                                      cl::desc("Argument to prepend to each compile command"),
                                      cl::cat(InputCategory), cl::sub(ScanSubcommand));
cl::opt<std::string> RootDir("root",
                             cl::desc("Directory paths are reported relative to "
                                      "(default: the compile database's directory)"),
                             cl::cat(InputCategory), cl::sub(ScanSubcommand));
cl::opt<std::string> ApiRules("api-rules",
                              cl::desc("Tasklet API description (default: rules/tasklet-api.yaml)"),
                              cl::cat(InputCategory), cl::sub(ScanSubcommand));
cl::opt<unsigned> Jobs("j", cl::desc("Parallel jobs (default: all cores)"), cl::init(0), cl::Prefix,
                       cl::cat(RunCategory), cl::sub(ScanSubcommand));
cl::opt<bool> NoProgress("no-progress", cl::desc("No progress line on a terminal"),
                         cl::cat(RunCategory), cl::sub(ScanSubcommand));
cl::opt<ScanFormat> Format("format", cl::desc("Report format"),
                           cl::values(clEnumValN(ScanFormat::Text, "text", "readable report"),
                                      clEnumValN(ScanFormat::Json, "json",
                                                 "JSON, schema detasklet-inventory/1")),
                           cl::init(ScanFormat::Text), cl::cat(OutputCategory),
                           cl::sub(ScanSubcommand));
cl::opt<std::string> OutputFile("o", cl::desc("Write the report to a file"),
                                cl::value_desc("file"), cl::cat(OutputCategory),
                                cl::sub(ScanSubcommand));
} // namespace

int scanMain(const std::vector<std::string> &FixedFlags) {
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

} // namespace detasklet
