// The subcommands that analyse a tree through its compile commands: scan,
// convert and verify. They share their input options; LLVM's options must be registered
// in the translation unit that defines their subcommands (static init order),
// so both front ends live here.
#include "tool/ConvertCommand.h"
#include "tool/FactsCache.h"
#include "tool/Progress.h"
#include "tool/ScanCommand.h"
#include "tool/Subcommands.h"
#include "tool/VerifyCommand.h"

using namespace llvm;

namespace detasklet {

cl::SubCommand ScanSubcommand("scan", "Inventory every tasklet and what converting it takes");
cl::SubCommand ConvertSubcommand("convert",
                                 "Rewrite convertible tasklets into work items (diff, in place, "
                                 "or a patch series)");
cl::SubCommand VerifySubcommand("verify",
                                "Check a driver's conversion in the runtime model: a scenario "
                                "explored against the original and the conversion");

namespace {

// Shared input options (LibTooling conventions).
cl::opt<std::string> BuildPath("p", cl::desc("Build directory with compile_commands.json"),
                               cl::value_desc("dir"), cl::cat(InputCategory),
                               cl::sub(ScanSubcommand), cl::sub(ConvertSubcommand), cl::sub(VerifySubcommand));
cl::list<std::string> Inputs(cl::Positional, cl::desc("<file or directory>..."),
                             cl::cat(InputCategory), cl::sub(ScanSubcommand),
                             cl::sub(ConvertSubcommand), cl::sub(VerifySubcommand));
cl::list<std::string> ExtraArgs("extra-arg", cl::desc("Argument to append to each compile command"),
                                cl::cat(InputCategory), cl::sub(ScanSubcommand),
                                cl::sub(ConvertSubcommand), cl::sub(VerifySubcommand));
cl::list<std::string> ExtraArgsBefore("extra-arg-before",
                                      cl::desc("Argument to prepend to each compile command"),
                                      cl::cat(InputCategory), cl::sub(ScanSubcommand),
                                      cl::sub(ConvertSubcommand), cl::sub(VerifySubcommand));
cl::opt<std::string> RootDir("root",
                             cl::desc("Directory paths are reported relative to "
                                      "(default: the compile database's directory)"),
                             cl::cat(InputCategory), cl::sub(ScanSubcommand),
                             cl::sub(ConvertSubcommand), cl::sub(VerifySubcommand));
cl::opt<unsigned> Jobs("j", cl::desc("Parallel jobs (default: all cores)"), cl::init(0), cl::Prefix,
                       cl::cat(RunCategory), cl::sub(ScanSubcommand), cl::sub(ConvertSubcommand), cl::sub(VerifySubcommand));
cl::opt<bool> NoProgress("no-progress", cl::desc("No progress line on a terminal"),
                         cl::cat(RunCategory), cl::sub(ScanSubcommand),
                         cl::sub(ConvertSubcommand), cl::sub(VerifySubcommand));

cl::opt<bool> Exact("exact",
                    cl::desc("Parse every function body, also those of headers that never "
                             "mention tasklets (slower; the default skips them)"),
                    cl::cat(RunCategory), cl::sub(ScanSubcommand), cl::sub(ConvertSubcommand),
                    cl::sub(VerifySubcommand));

cl::opt<bool> NoPreamble("no-preamble",
                         cl::desc("Parse each translation unit from scratch, not on a precompiled "
                                  "header of the kernel headers it shares with others (slower)"),
                         cl::cat(RunCategory), cl::sub(ScanSubcommand),
                         cl::sub(ConvertSubcommand), cl::sub(VerifySubcommand));

cl::opt<std::string> CacheDir("cache-dir",
                              cl::desc("Keep the result cache here (default: <-p dir>/.detasklet/"
                                       "cache; without -p, no cache)"),
                              cl::value_desc("dir"), cl::cat(RunCategory), cl::sub(ScanSubcommand),
                              cl::sub(ConvertSubcommand), cl::sub(VerifySubcommand));
cl::opt<bool> NoCache("no-cache",
                      cl::desc("Parse every translation unit; neither read nor write the cache"),
                      cl::cat(RunCategory), cl::sub(ScanSubcommand), cl::sub(ConvertSubcommand),
                      cl::sub(VerifySubcommand));
cl::opt<bool> CacheStats("cache-stats",
                         cl::desc("Say how many translation units came from the cache, also "
                                  "when stderr is no terminal"),
                         cl::cat(RunCategory), cl::sub(ScanSubcommand), cl::sub(ConvertSubcommand),
                         cl::sub(VerifySubcommand));

// scan
cl::opt<std::string> ApiRules("api-rules",
                              cl::desc("Tasklet API description (default: rules/tasklet-api.yaml)"),
                              cl::cat(InputCategory), cl::sub(ScanSubcommand));
cl::opt<ScanFormat> Format("format", cl::desc("Report format"),
                           cl::values(clEnumValN(ScanFormat::Text, "text", "readable report"),
                                      clEnumValN(ScanFormat::Json, "json",
                                                 "JSON, schema detasklet-inventory/1")),
                           cl::init(ScanFormat::Text), cl::cat(OutputCategory),
                           cl::sub(ScanSubcommand));
cl::opt<std::string> OutputFile("o", cl::desc("Write the report to a file"),
                                cl::value_desc("file"), cl::cat(OutputCategory),
                                cl::sub(ScanSubcommand));

// convert
cl::opt<std::string> Target("target",
                            cl::desc("Conversion target: bh (BH workqueue, default) or wq "
                                     "(process context); reads rules/<target>.yaml"),
                            cl::init("bh"), cl::cat(InputCategory), cl::sub(ConvertSubcommand),
                            cl::sub(VerifySubcommand));
cl::opt<std::string> RulesFile("rules", cl::desc("Conversion rules file (overrides --target)"),
                               cl::value_desc("file"), cl::cat(InputCategory),
                               cl::sub(ConvertSubcommand), cl::sub(VerifySubcommand));
cl::opt<bool> Diff("diff", cl::desc("Print a unified diff (the default)"), cl::cat(OutputCategory),
                   cl::sub(ConvertSubcommand));
cl::opt<bool> InPlace("in-place", cl::desc("Edit the files (atomically; refuses changed files)"),
                      cl::cat(OutputCategory), cl::sub(ConvertSubcommand));
cl::opt<std::string> PatchDir("patch-dir",
                              cl::desc("Write a git format-patch series, one patch per driver"),
                              cl::value_desc("dir"), cl::cat(OutputCategory),
                              cl::sub(ConvertSubcommand));
cl::opt<std::string> From("from", cl::desc("Patch author, 'Name <email>'"), cl::cat(OutputCategory),
                          cl::sub(ConvertSubcommand));
cl::opt<bool> CheckSemantics("check-semantics",
                             cl::desc("With --patch-dir: verify each converted tasklet at protocol "
                                      "level (as verify does on a tree) and state the verdict in "
                                      "its patch"),
                             cl::cat(OutputCategory), cl::sub(ConvertSubcommand));
cl::opt<std::string> SignOff("signoff", cl::desc("Add Signed-off-by: 'Name <email>'"),
                             cl::cat(OutputCategory), cl::sub(ConvertSubcommand));

// verify
cl::opt<std::string> Scenario("scenario",
                              cl::desc("C file with the driver's MODEL_SCENARIO()s "
                                       "(runtime/scenarios/ has the corpus')"),
                              cl::value_desc("file"), cl::cat(InputCategory),
                              cl::sub(VerifySubcommand));
cl::list<std::string> ScenarioNames("scenario-name",
                                    cl::desc("Explore only this scenario (repeatable)"),
                                    cl::cat(InputCategory), cl::sub(VerifySubcommand));
cl::opt<unsigned> Cpus("cpus", cl::desc("Simulated CPUs (default 2)"), cl::init(2),
                       cl::cat(RunCategory), cl::sub(VerifySubcommand));
cl::opt<unsigned> PreemptionBound("preemption-bound",
                                  cl::desc("At most this many preemptions per execution "
                                           "(default: unbounded, with sleep sets)"),
                                  cl::cat(RunCategory), cl::sub(VerifySubcommand));
cl::opt<std::string> Replay("replay",
                            cl::desc("Replay one execution from the token a report printed, "
                                     "traced (with one --scenario-name)"),
                            cl::cat(RunCategory), cl::sub(VerifySubcommand));
cl::opt<bool> ReplayOriginal("replay-original",
                             cl::desc("Replay on the original driver instead of the conversion"),
                             cl::cat(RunCategory), cl::sub(VerifySubcommand));
cl::opt<unsigned> MaxExecutions("max-executions",
                                cl::desc("Stop each exploration after this many executions; it is then "
                                         "reported incomplete (default 500000)"),
                                cl::init(500000), cl::cat(RunCategory), cl::sub(VerifySubcommand));
cl::opt<bool> Traces("traces", cl::desc("Print the trace of every violation"),
                     cl::cat(OutputCategory), cl::sub(VerifySubcommand));
cl::opt<std::string> Series("series",
                            cl::desc("Without --scenario: check this patch series (a directory of "
                                     "*.patch, or one patch) instead of detasklet's own conversion; "
                                     "objects it converts otherwise are checked from the code it "
                                     "leaves"),
                            cl::value_desc("dir or file"), cl::cat(InputCategory),
                            cl::sub(VerifySubcommand));
cl::opt<bool> SeriesFromCode("series-from-code",
                             cl::desc("With --series: check every object from the code the series "
                                      "leaves, also those it converts exactly as detasklet's plan "
                                      "(a cross-check of the two; slower)"),
                             cl::cat(InputCategory), cl::sub(VerifySubcommand));
cl::opt<std::string> ScratchDir("scratch",
                                cl::desc("Directory for the converted copy (default: a new temporary "
                                         "one, removed when the conversion is acceptable)"),
                                cl::value_desc("dir"), cl::cat(OutputCategory),
                                cl::sub(VerifySubcommand));

SelectionRequest selection(const std::vector<std::string> &FixedFlags) {
  SelectionRequest S;
  S.BuildDir = BuildPath;
  S.Inputs.assign(Inputs.begin(), Inputs.end());
  S.FixedFlags = FixedFlags;
  S.Root = RootDir;
  return S;
}

RunOptions running() {
  RunOptions R;
  R.Jobs = Jobs;
  R.ShowProgress = !NoProgress && stderrIsTerminal();
  R.ExtraArgsAfter.assign(ExtraArgs.begin(), ExtraArgs.end());
  R.ExtraArgsBefore.assign(ExtraArgsBefore.begin(), ExtraArgsBefore.end());
  R.Exact = Exact;
  R.SharedPreamble = !NoPreamble;
  R.CacheDir = FactsCache::chooseDir(BuildPath, CacheDir, NoCache);
  R.CacheStats = CacheStats;
  return R;
}

} // namespace

int scanMain(const std::vector<std::string> &FixedFlags) {
  ScanOptions Options;
  Options.Selection = selection(FixedFlags);
  Options.Run = running();
  Options.Format = Format;
  Options.ApiRules = ApiRules;
  Options.Output = OutputFile;
  return runScan(Options);
}

int convertMain(const std::vector<std::string> &FixedFlags) {
  if ((InPlace + Diff + !PatchDir.empty()) > 1) {
    errs() << "detasklet convert: choose one of --diff, --in-place, --patch-dir\n";
    return 2;
  }
  ConvertOptions Options;
  Options.Selection = selection(FixedFlags);
  Options.Run = running();
  Options.Target = Target;
  Options.RulesFile = RulesFile;
  Options.Output = InPlace            ? ConvertOutput::InPlace
                   : PatchDir.empty() ? ConvertOutput::Diff
                                      : ConvertOutput::PatchDir;
  Options.PatchDir = PatchDir;
  Options.From = From;
  Options.SignedOffBy = SignOff;
  if (CheckSemantics && PatchDir.empty()) {
    errs() << "detasklet convert: --check-semantics needs --patch-dir\n";
    return 2;
  }
  Options.CheckSemantics = CheckSemantics;
  return runConvert(Options);
}

int verifyMain(const std::vector<std::string> &FixedFlags) {
  VerifyOptions Options;
  Options.Selection = selection(FixedFlags);
  Options.Run = running();
  Options.Target = Target;
  Options.RulesFile = RulesFile;
  Options.Scenario = Scenario;
  Options.ScenarioNames.assign(ScenarioNames.begin(), ScenarioNames.end());
  Options.Cpus = Cpus;
  if (PreemptionBound.getNumOccurrences())
    Options.PreemptionBound = PreemptionBound;
  Options.Traces = Traces;
  Options.Replay = Replay;
  Options.ReplayOriginal = ReplayOriginal;
  Options.ScratchDir = ScratchDir;
  Options.MaxExecutions = MaxExecutions;
  Options.Series = Series;
  Options.SeriesFromCode = SeriesFromCode;
  return runVerify(Options);
}

} // namespace detasklet
