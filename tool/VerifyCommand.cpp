#include "tool/VerifyCommand.h"

#include "rewriters/EditPlanner.h"
#include "runtime/Verify.h"
#include "runtime/core/ModuleImage.h"
#include "tool/ScanCommand.h"
#include "tool/VerifyTreeCommand.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/WithColor.h"
#include "llvm/Support/raw_ostream.h"

#include <set>

namespace detasklet {

namespace {

llvm::raw_ostream &error() { return llvm::WithColor::error(llvm::errs(), "detasklet"); }

std::string absolute(const std::string &Root, const std::string &Path) {
  if (llvm::sys::path::is_absolute(Path))
    return Path;
  llvm::SmallString<256> Full(Root);
  llvm::sys::path::append(Full, Path);
  return std::string(Full);
}

// The converted driver: its directories copied under Scratch (so that its
// quoted includes still find their neighbours), edited files replaced by
// their conversion. Returns the converted copies of the scanned TUs.
llvm::Expected<std::vector<std::string>> writeConvertedCopy(const Inventory &Inv,
                                                            const ConversionPlan &Plan,
                                                            const std::string &Scratch) {
  std::set<std::string> Dirs;
  for (const std::string &Tu : Inv.Scanned)
    Dirs.insert(llvm::sys::path::parent_path(Tu).str());
  for (const EditedFile &F : Plan.Files)
    Dirs.insert(llvm::sys::path::parent_path(F.Path).str());
  auto Fail = [](const std::string &What, std::error_code EC) {
    return llvm::createStringError(EC, "%s: %s", What.c_str(), EC.message().c_str());
  };
  for (const std::string &Dir : Dirs) {
    std::string To = absolute(Scratch, Dir);
    if (std::error_code EC = llvm::sys::fs::create_directories(To))
      return Fail(To, EC);
    std::error_code EC;
    for (llvm::sys::fs::directory_iterator It(absolute(Inv.Root, Dir), EC), End; It != End && !EC;
         It.increment(EC))
      if (It->type() == llvm::sys::fs::file_type::regular_file)
        if (std::error_code CopyEC = llvm::sys::fs::copy_file(
                It->path(), absolute(To, llvm::sys::path::filename(It->path()).str())))
          return Fail(It->path(), CopyEC);
    if (EC)
      return Fail(absolute(Inv.Root, Dir), EC);
  }
  for (const EditedFile &F : Plan.Files) {
    std::error_code EC;
    llvm::raw_fd_ostream Out(absolute(Scratch, F.Path), EC);
    if (EC)
      return Fail(absolute(Scratch, F.Path), EC);
    Out << F.Modified;
  }
  std::vector<std::string> Converted;
  for (const std::string &Tu : Inv.Scanned)
    Converted.push_back(absolute(Scratch, Tu));
  return Converted;
}

int replayOne(const runtime::VerifyRequest &Request, const VerifyOptions &Options) {
  if (Options.ScenarioNames.size() != 1) {
    error() << "--replay needs exactly one --scenario-name (the report names it)\n";
    return 2;
  }
  runtime::ModuleSources Sources;
  Sources.Sources = Options.ReplayOriginal ? Request.OriginalSources : Request.ConvertedSources;
  Sources.Sources.push_back(Request.ScenarioSource);
  Sources.IncludeDirs = Request.IncludeDirs;
  runtime::LoadedModule M =
      runtime::buildAndLoad(Sources, runtime::Toolchain::fromSourceTree(Request.CacheDir));
  if (!M.Image) {
    error() << M.Error << "\n" << M.BuildLog;
    return 2;
  }
  runtime::ReplayResult R =
      runtime::replay(*M.Image, Options.ScenarioNames[0], Options.Replay, Request.Options);
  llvm::outs() << runtime::formatTrace(R.Trace);
  if (!R.ok()) {
    error() << R.Error << "\n";
    return 2;
  }
  return R.Violations.empty() ? 0 : 1;
}

} // namespace

int runVerify(const VerifyOptions &Options) {
  llvm::Expected<ConvertRules> Rules = ConvertRules::select(Options.Target, Options.RulesFile);
  if (!Rules) {
    error() << llvm::toString(Rules.takeError()) << "\n";
    return 2;
  }
  if (Options.SeriesFromCode && Options.Series.empty()) {
    error() << "--series-from-code reads the code a --series leaves; give the series\n";
    return 2;
  }
  if (Options.Scenario.empty()) {
    if (!Options.Replay.empty()) {
      error() << "--replay needs --scenario; a protocol-level report prints its own replay command\n";
      return 2;
    }
    return runVerifyProtocols(Options, *Rules);
  }
  if (!Options.Series.empty()) {
    error() << "--series checks a series at protocol level, without --scenario\n";
    return 2;
  }
  if (!llvm::sys::fs::exists(Options.Scenario)) {
    error() << "--scenario not found: " << Options.Scenario
            << "; it names a C file with MODEL_SCENARIO()s (see runtime/README.md and "
               "runtime/scenarios/)\n";
    return 2;
  }
  llvm::Expected<Inventory> Inv = buildInventory(Options.Selection, Options.Run, "");
  if (!Inv) {
    error() << llvm::toString(Inv.takeError()) << "\n";
    return 2;
  }
  if (Inv->partial()) {
    for (const TuFailure &F : Inv->Failures)
      error() << F.Message << "\n";
    error() << "a driver that does not parse cannot be verified\n";
    return 2;
  }
  SourceFiles Sources(Inv->Root);
  ConversionPlan Plan = planConversion(*Inv, *Rules, Sources);
  unsigned Converted = 0;
  for (const GroupPlan &G : Plan.Groups)
    if (G.converted())
      Converted += G.Objects.size();
  for (const ObjectReport &O : Inv->Objects)
    if (!O.convertible())
      llvm::errs() << O.Decl.Declared.str() << ": note: " << O.Decl.Name
                   << " stays a tasklet [" << O.Reasons.front().Code << "]; the scenario runs it as one\n";
  if (Converted == 0) {
    error() << "nothing to verify: no tasklet of these files converts to " << Rules->Summary << "\n";
    return 1;
  }

  std::string Scratch = Options.ScratchDir;
  if (Scratch.empty()) {
    llvm::SmallString<128> Dir;
    if (std::error_code EC = llvm::sys::fs::createUniqueDirectory("detasklet-verify", Dir)) {
      error() << "cannot create a scratch directory: " << EC.message() << "\n";
      return 2;
    }
    Scratch = std::string(Dir);
  }
  auto ConvertedSources = writeConvertedCopy(*Inv, Plan, Scratch);
  if (!ConvertedSources) {
    error() << llvm::toString(ConvertedSources.takeError()) << "\n";
    return 2;
  }

  runtime::VerifyRequest Request;
  for (const std::string &Tu : Inv->Scanned)
    Request.OriginalSources.push_back(absolute(Inv->Root, Tu));
  Request.ConvertedSources = *ConvertedSources;
  Request.ScenarioSource = Options.Scenario;
  Request.Scenarios = Options.ScenarioNames;
  // Headers outside the copied directories are found where they are.
  for (const std::string &Tu : Inv->Scanned)
    Request.IncludeDirs.push_back(llvm::sys::path::parent_path(absolute(Inv->Root, Tu)).str());
  Request.Options.Cpus = Options.Cpus;
  Request.Options.PreemptionBound = Options.PreemptionBound;
  Request.Options.MaxExecutions = Options.MaxExecutions;
  // A scratch copy of our own is removed unless it is worth reading: the
  // conversion is worse, or its build failed.
  auto Finish = [&](int Status, bool Keep) {
    if (Keep)
      llvm::outs() << "converted copy kept in " << Scratch << "\n";
    else if (Options.ScratchDir.empty())
      llvm::sys::fs::remove_directories(Scratch);
    return Status;
  };
  if (!Options.Replay.empty())
    return Finish(replayOne(Request, Options), false);

  llvm::errs() << "detasklet: " << Converted << " tasklets converted to " << Rules->Summary
               << "; exploring the scenario against the original and the conversion\n";
  runtime::ConversionReport Report = runtime::verifyConversion(Request);
  if (!Report.ok()) {
    error() << Report.Error << "\n" << Report.BuildLog;
    return Finish(2, true);
  }
  llvm::outs() << runtime::formatReport(Report, Options.Traces);
  return Report.acceptable() ? Finish(0, false) : Finish(1, true);
}

} // namespace detasklet
