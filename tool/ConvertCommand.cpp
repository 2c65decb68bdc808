#include "tool/ConvertCommand.h"

#include "rewriters/EditPlanner.h"
#include "rewriters/InPlaceWriter.h"
#include "rewriters/PatchMessage.h"
#include "rewriters/PatchSeries.h"
#include "rewriters/SubjectPrefix.h"
#include "rewriters/UnifiedDiff.h"
#include "tool/ScanCommand.h"
#include "llvm/ADT/EquivalenceClasses.h"
#include "llvm/Support/WithColor.h"
#include "llvm/Support/raw_ostream.h"

#include <set>

namespace detasklet {

namespace {

llvm::raw_ostream &error() { return llvm::WithColor::error(llvm::errs(), "detasklet"); }

// Every object left a tasklet, and why, as compiler-style notes on stderr.
void reportLeftAlone(const Inventory &Inv, const ConversionPlan &Plan) {
  std::map<std::string, const GroupPlan *> Failed;
  for (const GroupPlan &G : Plan.Groups)
    if (!G.converted())
      for (const std::string &K : G.Objects)
        Failed[K] = &G;
  for (const ObjectReport &O : Inv.Objects) {
    std::vector<Finding> Why = O.Reasons;
    if (auto It = Failed.find(O.Decl.Key); It != Failed.end())
      Why.insert(Why.end(), It->second->Problems.begin(), It->second->Problems.end());
    for (const Finding &F : Why)
      llvm::errs() << O.Decl.Declared.str() << ": note: " << O.Decl.Name
                   << " left as a tasklet [" << F.Code << "]: " << F.Message << "\n";
  }
}

// One patch per driver directory; directories that edit a common file (a shared
// header) go into one patch so that every patch compiles on its own.
std::vector<PatchSpec> patchesFor(const ConversionPlan &Plan, const Inventory &Inv,
                                  const ConvertRules &Rules, const SubjectPrefixes &Prefixes) {
  llvm::EquivalenceClasses<std::string> Drivers;
  std::map<std::string, std::string> FileOwner;
  for (const GroupPlan &G : Plan.Groups) {
    if (!G.converted())
      continue;
    Drivers.insert(G.Directory);
    for (const std::string &F : Plan.FilesByGroup.at(G.Objects.front())) {
      auto [It, New] = FileOwner.emplace(F, G.Directory);
      if (!New)
        Drivers.unionSets(It->second, G.Directory);
    }
  }
  std::map<std::string, const EditedFile *> FileByPath;
  for (const EditedFile &F : Plan.Files)
    FileByPath[F.Path] = &F;
  std::map<std::string, std::vector<const GroupPlan *>> GroupsByLeader;
  for (const GroupPlan &G : Plan.Groups)
    if (G.converted())
      GroupsByLeader[Drivers.getLeaderValue(G.Directory)].push_back(&G);
  std::vector<PatchSpec> Patches;
  for (const auto &[Leader, Groups] : GroupsByLeader) {
    PatchSpec P;
    std::set<std::string> Files;
    for (const GroupPlan *G : Groups)
      for (const std::string &F : Plan.FilesByGroup.at(G->Objects.front()))
        Files.insert(F);
    for (const std::string &F : Files)
      P.Files.push_back(*FileByPath.at(F));
    P.Subject = Prefixes.subject(Leader, "Convert from tasklet to " + Rules.Summary);
    P.Body = patchBody(Groups, Inv, Rules);
    Patches.push_back(std::move(P));
  }
  return Patches;
}

} // namespace

int runConvert(const ConvertOptions &Options) {
  llvm::Expected<ConvertRules> Rules = ConvertRules::select(Options.Target, Options.RulesFile);
  if (!Rules) {
    error() << llvm::toString(Rules.takeError()) << "\n";
    return 2;
  }
  llvm::Expected<SubjectPrefixes> Prefixes = SubjectPrefixes::loadDefault();
  if (!Prefixes) {
    error() << llvm::toString(Prefixes.takeError()) << "\n";
    return 2;
  }
  llvm::Expected<Inventory> Inv = buildInventory(Options.Selection, Options.Run, "");
  if (!Inv) {
    error() << llvm::toString(Inv.takeError()) << "\n";
    return 2;
  }
  for (const TuFailure &F : Inv->Failures)
    error() << F.Message << "; " << F.File << " skipped, its tasklets are not converted\n";

  SourceFiles Sources(Inv->Root);
  ConversionPlan Plan = planConversion(*Inv, *Rules, Sources);
  reportLeftAlone(*Inv, Plan);
  for (const GroupPlan &G : Plan.Groups)
    if (G.converted())
      for (const Finding &W : G.Warnings)
        llvm::WithColor::warning(llvm::errs(), W.At.str()) << W.Message << " [" << W.Code << "]\n";
  unsigned Converted = 0, Left = 0;
  for (const GroupPlan &G : Plan.Groups)
    (G.converted() ? Converted : Left) += G.Objects.size();
  Left += std::count_if(Inv->Objects.begin(), Inv->Objects.end(),
                        [](const ObjectReport &O) { return !O.convertible(); });

  int Status = Inv->partial() ? 1 : 0;
  switch (Options.Output) {
  case ConvertOutput::Diff:
    for (const EditedFile &F : Plan.Files)
      llvm::outs() << unifiedDiff(F);
    break;
  case ConvertOutput::InPlace:
    for (const EditedFile &F : Plan.Files)
      if (llvm::Error E = writeInPlace(F, Inv->Root)) {
        error() << llvm::toString(std::move(E)) << "\n";
        Status = 1;
      }
    break;
  case ConvertOutput::PatchDir: {
    SeriesOptions Series;
    if (!Options.From.empty())
      Series.From = Options.From;
    Series.SignedOffBy = Options.SignedOffBy;
    auto Written =
        writePatchSeries(Options.PatchDir, patchesFor(Plan, *Inv, *Rules, *Prefixes), Series);
    if (!Written) {
      error() << llvm::toString(Written.takeError()) << "\n";
      return 2;
    }
    llvm::errs() << "detasklet: " << Written->size() << " patches in " << Options.PatchDir << "\n";
    break;
  }
  }
  llvm::errs() << "detasklet: " << Converted << " tasklets converted to " << Rules->Summary
               << " in " << Plan.Files.size() << " files; " << Left << " left as tasklets\n";
  return Status;
}

} // namespace detasklet
