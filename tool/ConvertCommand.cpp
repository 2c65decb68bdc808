#include "tool/ConvertCommand.h"

#include "rewriters/EditPlanner.h"
#include "rewriters/InPlaceWriter.h"
#include "rewriters/PatchMessage.h"
#include "rewriters/PatchSeries.h"
#include "rewriters/SubjectPrefix.h"
#include "rewriters/UnifiedDiff.h"
#include "tool/ScanCommand.h"
#include "verify/SemanticsChecker.h"
#include "llvm/ADT/EquivalenceClasses.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/Path.h"
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

// What `detasklet verify` concluded for each object of the patch, from its
// protocol; the verdicts are the model's, under the limits README.md states.
std::string semanticsParagraph(const std::vector<const GroupPlan *> &Groups,
                               const std::map<std::string, std::string> &Semantics) {
  std::string Text = wrapText("Semantics checked with detasklet verify: each tasklet's uses, as a "
                              "protocol, explored in a model of both APIs on 2 CPUs, the tasklet "
                              "against the work item:");
  for (const GroupPlan *G : Groups)
    for (const std::string &Key : G->Objects)
      if (auto It = Semantics.find(Key); It != Semantics.end())
        Text += "\n- " + llvm::join(llvm::split(wrapText(It->second, 73), '\n'), "\n  ");
  return Text;
}

// One patch per driver directory; directories that edit a common file (a shared
// header) go into one patch so that every patch compiles on its own.
std::vector<PatchSpec> patchesFor(const ConversionPlan &Plan, const Inventory &Inv,
                                  const ConvertRules &Rules, const SubjectPrefixes &Prefixes,
                                  const std::map<std::string, std::string> &Semantics) {
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
    if (!Semantics.empty())
      P.Body += "\n\n" + semanticsParagraph(Groups, Semantics);
    Patches.push_back(std::move(P));
  }
  return Patches;
}

// Key -> "name: verdict" for every converted object.
llvm::Expected<std::map<std::string, std::string>>
checkSemantics(const Inventory &Inv, const ConversionPlan &Plan, const ConvertRules &Rules) {
  llvm::Expected<std::string> Dir = SemanticsChecker::createWorkDir();
  if (!Dir)
    return Dir.takeError();
  ProtocolVerifierOptions Options;
  Options.WorkDir = *Dir;
  SemanticsChecker Checker(Inv, Plan, Rules, Options);
  std::map<std::string, std::string> Out;
  for (const GroupPlan &G : Plan.Groups) {
    if (!G.converted())
      continue;
    for (const std::string &Key : G.Objects) {
      auto O = std::find_if(Inv.Objects.begin(), Inv.Objects.end(),
                            [&](const ObjectReport &R) { return R.Decl.Key == Key; });
      ObjectCheck C = Checker.check(*O);
      Out[Key] = C.Protocol.Name + ": " + SemanticsChecker::summary(C);
    }
  }
  llvm::sys::fs::remove_directories(*Dir);
  return Out;
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
    std::map<std::string, std::string> Semantics;
    if (Options.CheckSemantics) {
      auto Checked = checkSemantics(*Inv, Plan, *Rules);
      if (!Checked) {
        error() << llvm::toString(Checked.takeError()) << "\n";
        return 2;
      }
      Semantics = std::move(*Checked);
    }
    auto Written = writePatchSeries(Options.PatchDir,
                                    patchesFor(Plan, *Inv, *Rules, *Prefixes, Semantics), Series);
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
