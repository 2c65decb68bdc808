// detasklet lint: options and entry point.
#include "lint/LintCommand.h"
#include "tool/FactsCache.h"
#include "tool/Progress.h"
#include "tool/Subcommands.h"

using namespace llvm;

namespace detasklet {

cl::SubCommand LintSubcommand("lint", "Report tasklet API use; with --diff-base, --patch or "
                                      "--baseline only the new ones (exit 1 when any)");

namespace {
using lint::Format;

cl::list<std::string> Inputs(cl::Positional, cl::desc("<file or directory>..."),
                             cl::cat(InputCategory), cl::sub(LintSubcommand));
cl::opt<std::string> RootDir("root",
                             cl::desc("Directory paths are reported relative to and a --patch "
                                      "applies to (default: the current directory)"),
                             cl::value_desc("dir"), cl::cat(InputCategory),
                             cl::sub(LintSubcommand));
cl::opt<std::string> RulesFile("rules", cl::desc("Lint rules (default: rules/lint.yaml)"),
                               cl::value_desc("file"), cl::cat(InputCategory),
                               cl::sub(LintSubcommand));
cl::opt<std::string> DiffBase("diff-base",
                              cl::desc("Report only lines the work tree adds since this revision"),
                              cl::value_desc("rev"), cl::cat(InputCategory),
                              cl::sub(LintSubcommand));
cl::opt<std::string> Patch("patch",
                           cl::desc("Report only lines this unified diff or format-patch mbox "
                                    "adds (- for stdin); the tree must have it applied"),
                           cl::value_desc("file"), cl::cat(InputCategory),
                           cl::sub(LintSubcommand));
cl::opt<unsigned> Strip("strip",
                        cl::desc("Leading path components to strip from --patch names "
                                 "(default 1, as git apply -p1)"),
                        cl::init(1), cl::cat(InputCategory), cl::sub(LintSubcommand));
cl::opt<std::string> BaselineFile("baseline",
                                  cl::desc("Report only findings not accepted in this baseline"),
                                  cl::value_desc("file"), cl::cat(InputCategory),
                                  cl::sub(LintSubcommand));
cl::opt<std::string> WriteBaseline("write-baseline",
                                   cl::desc("Accept every current finding: write them to this "
                                            "baseline and exit"),
                                   cl::value_desc("file"), cl::cat(OutputCategory),
                                   cl::sub(LintSubcommand));
cl::opt<bool> Semantic("semantic",
                       cl::desc("Use the scan inventory (needs a compile database): also finds "
                                "uses behind a driver's own macros, wrappers and typedefs"),
                       cl::cat(InputCategory), cl::sub(LintSubcommand));
cl::opt<std::string> BuildPath("p",
                               cl::desc("Build directory with compile_commands.json (--semantic)"),
                               cl::value_desc("dir"), cl::cat(InputCategory),
                               cl::sub(LintSubcommand));
cl::opt<std::string> ApiRules("api-rules",
                              cl::desc("Tasklet API description for --semantic "
                                       "(default: rules/tasklet-api.yaml)"),
                              cl::value_desc("file"), cl::cat(InputCategory),
                              cl::sub(LintSubcommand));
cl::opt<unsigned> Jobs("j", cl::desc("Parallel jobs (default: all cores)"), cl::init(0), cl::Prefix,
                       cl::cat(RunCategory), cl::sub(LintSubcommand));
cl::opt<bool> NoProgress("no-progress", cl::desc("No progress line on a terminal (--semantic)"),
                         cl::cat(RunCategory), cl::sub(LintSubcommand));
cl::opt<std::string> CacheDir("cache-dir",
                              cl::desc("Keep the --semantic result cache here (default: <-p dir>/"
                                       ".detasklet/cache; without -p, no cache)"),
                              cl::value_desc("dir"), cl::cat(RunCategory), cl::sub(LintSubcommand));
cl::opt<bool> NoCache("no-cache",
                      cl::desc("--semantic: parse every translation unit; neither read nor "
                               "write the cache"),
                      cl::cat(RunCategory), cl::sub(LintSubcommand));
cl::opt<Format> OutputFormat(
    "format", cl::desc("Report format"),
    cl::values(clEnumValN(Format::Gcc, "gcc", "file:line:col: warning: ... [detasklet-<rule>]"),
               clEnumValN(Format::Sarif, "sarif", "SARIF 2.1.0 (GitHub code scanning)"),
               clEnumValN(Format::Json, "json", "JSON, schema detasklet-lint/1")),
    cl::init(Format::Gcc), cl::cat(OutputCategory), cl::sub(LintSubcommand));
cl::opt<std::string> OutputFile("o", cl::desc("Write the report to a file"), cl::value_desc("file"),
                                cl::cat(OutputCategory), cl::sub(LintSubcommand));
} // namespace

int lintMain(const std::vector<std::string> &FixedFlags) {
  lint::LintOptions Options;
  Options.Inputs.assign(Inputs.begin(), Inputs.end());
  Options.Root = RootDir;
  Options.RulesFile = RulesFile;
  Options.Jobs = Jobs;
  Options.ShowProgress = !NoProgress && stderrIsTerminal();
  Options.Semantic = Semantic;
  Options.BuildDir = BuildPath;
  Options.CacheDir = FactsCache::chooseDir(BuildPath, CacheDir, NoCache);
  Options.FixedFlags = FixedFlags;
  Options.ApiRules = ApiRules;
  Options.DiffBase = DiffBase;
  Options.Patch = Patch;
  Options.Strip = Strip;
  Options.BaselineFile = BaselineFile;
  Options.WriteBaselineFile = WriteBaseline;
  Options.OutputFormat = OutputFormat;
  Options.OutputFile = OutputFile;
  return lint::runLint(Options, llvm::errs());
}

} // namespace detasklet
