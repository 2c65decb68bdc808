#include "tool/VerifyTreeCommand.h"

#include "rewriters/EditPlanner.h"
#include "tool/ScanCommand.h"
#include "verify/ProtocolReport.h"
#include "verify/SemanticsChecker.h"
#include "verify/SeriesConversions.h"
#include "verify/SeriesMatch.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Program.h"
#include "llvm/Support/WithColor.h"
#include "llvm/Support/raw_ostream.h"

#include <chrono>
#include <map>
#include <optional>

namespace detasklet {

namespace {

llvm::raw_ostream &error() { return llvm::WithColor::error(llvm::errs(), "detasklet"); }

// detasklet-explore next to this binary (build/runtime/), else by name.
std::string exploreTool() {
  std::string Self = llvm::sys::fs::getMainExecutable("detasklet", reinterpret_cast<void *>(&exploreTool));
  llvm::SmallString<256> P(llvm::sys::path::parent_path(Self));
  llvm::sys::path::append(P, "runtime", "detasklet-explore");
  if (llvm::sys::fs::can_execute(P))
    return std::string(P);
  return "detasklet-explore";
}

// The patches of a series: a directory's *.patch in name order (as
// format-patch numbers them), or the one file given.
llvm::Expected<std::vector<std::string>> patchFiles(const std::string &Series) {
  if (!llvm::sys::fs::is_directory(Series)) {
    if (!llvm::sys::fs::exists(Series))
      return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                     "--series " + Series + " not found: give the directory "
                                     "convert --patch-dir wrote, or one patch file");
    return std::vector<std::string>{Series};
  }
  std::vector<std::string> Files;
  std::error_code EC;
  for (llvm::sys::fs::directory_iterator It(Series, EC), End; It != End && !EC; It.increment(EC))
    if (llvm::StringRef(It->path()).ends_with(".patch") &&
        !llvm::StringRef(It->path()).ends_with("cover-letter.patch")) // format-patch's, no diff
      Files.push_back(It->path());
  if (EC)
    return llvm::createStringError(EC, "--series " + Series + ": " + EC.message());
  if (Files.empty())
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   "--series " + Series + " holds no *.patch file");
  llvm::sort(Files);
  return Files;
}

} // namespace

int runVerifyProtocols(const VerifyOptions &Options, const ConvertRules &Rules) {
  auto Start = std::chrono::steady_clock::now();
  llvm::Expected<Inventory> Inv = buildInventory(Options.Selection, Options.Run, "");
  if (!Inv) {
    error() << llvm::toString(Inv.takeError()) << "\n";
    return 2;
  }
  for (const TuFailure &F : Inv->Failures)
    error() << F.Message << "; " << F.File << " skipped, its objects are not verified\n";

  SourceFiles Sources(Inv->Root);
  ConversionPlan Plan = planConversion(*Inv, Rules, Sources);

  std::optional<AppliedSeries> Series;
  std::optional<SeriesMatch> Match;
  if (!Options.Series.empty()) {
    llvm::Expected<std::vector<std::string>> Patches = patchFiles(Options.Series);
    if (!Patches) {
      error() << llvm::toString(Patches.takeError()) << "\n";
      return 2;
    }
    llvm::Expected<AppliedSeries> Applied =
        AppliedSeries::apply(*Patches, [&](llvm::StringRef Path) -> std::optional<std::string> {
          if (const std::string *Text = Sources.get(Path.str()))
            return *Text;
          return std::nullopt;
        });
    if (!Applied) {
      error() << llvm::toString(Applied.takeError()) << "\n";
      return 2;
    }
    Series = std::move(*Applied);
    Match.emplace(*Inv, Plan, *Series);
  }

  std::string WorkDir = Options.ScratchDir;
  if (WorkDir.empty()) {
    llvm::Expected<std::string> Dir = SemanticsChecker::createWorkDir();
    if (!Dir) {
      error() << llvm::toString(Dir.takeError()) << "\n";
      return 2;
    }
    WorkDir = *Dir;
  }
  ProtocolVerifierOptions VO;
  VO.WorkDir = WorkDir;
  VO.Explore.Cpus = Options.Cpus;
  VO.Explore.PreemptionBound = Options.PreemptionBound;
  VO.Explore.MaxExecutions = Options.MaxExecutions;
  SemanticsChecker Checker(*Inv, Plan, Rules, VO);
  ProtocolReport Report(exploreTool());

  llvm::errs() << "detasklet: " << Checker.convertedCount() << " of " << Inv->Objects.size()
               << " tasklets convert to " << Rules.Summary
               << "; checking each one's protocol against its conversion (abstract drivers in "
               << WorkDir << ")\n";
  // The objects the series converts otherwise than the plan (or, on request,
  // every object it touches): their converted side is read from the patched
  // code, in one scan.
  auto fromCode = [&](const ObjectReport &O) {
    SeriesStatus S = Match->of(O.Decl.Key).Status;
    return S == SeriesStatus::HandEdited ||
           (Options.SeriesFromCode && S == SeriesStatus::AsPlanned && Checker.converts(O));
  };
  std::optional<SeriesConversions> Patched;
  if (Match) {
    std::vector<const ObjectReport *> Others;
    for (const ObjectReport &O : Inv->Objects)
      if (fromCode(O))
        Others.push_back(&O);
    if (!Others.empty()) {
      llvm::errs() << "detasklet: checking " << Others.size()
                   << " objects from the code the series leaves"
                   << (Options.SeriesFromCode ? "" : " (it converts them otherwise than detasklet's plan)")
                   << "; scanning the selection again through it\n";
      llvm::Expected<SeriesConversions> Scanned =
          SeriesConversions::scan(*Inv, Others, *Series, Options.Selection, Options.Run);
      if (!Scanned) {
        error() << llvm::toString(Scanned.takeError()) << "\n";
        return 2;
      }
      Patched = std::move(*Scanned);
    }
  }
  unsigned OutsideSeries = 0, OwnConversions = 0;
  for (const ObjectReport &O : Inv->Objects) {
    ObjectCheck C;
    if (Match && Match->of(O.Decl.Key).Status == SeriesStatus::NotInSeries) {
      ++OutsideSeries;
      continue;
    }
    if (Match && fromCode(O)) {
      ++OwnConversions;
      C = Checker.checkConversion(O, Patched->of(O));
      if (C.Check.Verdict == ProtocolVerdict::NotChecked && !Match->of(O.Decl.Key).Why.empty())
        C.Reason += " (the series differs from detasklet's plan at " + Match->of(O.Decl.Key).Why + ")";
    } else {
      C = Checker.check(O);
    }
    Report.printObject(C, llvm::outs());
    llvm::outs().flush();
    Report.add(C);
  }
  double Seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - Start).count();
  Report.printSummary(llvm::outs(), Seconds);
  if (Match)
    llvm::outs() << "series: " << Options.Series << "; " << OwnConversions
                 << " objects checked from the code it leaves; "
                 << OutsideSeries << " scanned objects it does not touch are left out\n";
  llvm::outs() << "limits: each object's protocol is what its uses in the scanned files show; "
                  "calls between functions other than passing the tasklet are not followed, "
                  "conditions are abstracted by choices (see README.md, verify on a tree)\n";
  if (!Inv->Failures.empty())
    llvm::outs() << "partial: " << Inv->Failures.size() << " translation unit"
                 << (Inv->Failures.size() == 1 ? "" : "s")
                 << " could not be parsed; the objects they define or use are not verified\n";
  // Skipped TUs leave objects unverified: the run is partial, as a scan would be.
  bool Bad = Report.count(ProtocolVerdict::Worse) || Report.count(ProtocolVerdict::Undocumented) ||
             Report.count(ProtocolVerdict::Incomplete) || Report.count(ProtocolVerdict::Error) ||
             Report.count(ProtocolVerdict::NotChecked) || !Inv->Failures.empty();
  // The replay commands above point into the abstract drivers: keep them when
  // there is something to replay or read.
  bool Replays = Bad || Report.count(ProtocolVerdict::Documented) ||
                 Report.count(ProtocolVerdict::Better);
  if (Replays)
    llvm::outs() << "abstract drivers (for the replay commands above) kept in " << WorkDir << "\n";
  else if (Options.ScratchDir.empty())
    llvm::sys::fs::remove_directories(WorkDir);
  return Bad ? 1 : 0;
}

} // namespace detasklet
