#include "tool/VerifyTreeCommand.h"

#include "rewriters/EditPlanner.h"
#include "tool/ScanCommand.h"
#include "verify/ProtocolReport.h"
#include "verify/SemanticsChecker.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Program.h"
#include "llvm/Support/WithColor.h"
#include "llvm/Support/raw_ostream.h"

#include <chrono>
#include <map>

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
  for (const ObjectReport &O : Inv->Objects) {
    ObjectCheck C = Checker.check(O);
    Report.printObject(C, llvm::outs());
    llvm::outs().flush();
    Report.add(C);
  }
  double Seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - Start).count();
  Report.printSummary(llvm::outs(), Seconds);
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
             !Inv->Failures.empty();
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
