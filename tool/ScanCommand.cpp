#include "tool/ScanCommand.h"

#include "inventory/InventoryJson.h"
#include "inventory/PathUtil.h"
#include "tool/ScanReport.h"
#include "tool/SlotWriters.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/WithColor.h"
#include "llvm/Support/raw_ostream.h"

#include <set>

namespace detasklet {

llvm::Expected<Inventory> buildInventory(const SelectionRequest &Selection,
                                         const RunOptions &Run, const std::string &ApiRules) {
  llvm::Expected<TaskletApi> Api =
      ApiRules.empty() ? TaskletApi::loadDefault() : TaskletApi::load(ApiRules);
  if (!Api)
    return Api.takeError();
  llvm::Expected<TuSelection> Sel = selectTranslationUnits(Selection);
  if (!Sel)
    return Sel.takeError();
  // The shared preamble chooses the headers whose declarations matter by the
  // tasklet API's names (SharedPreamble.h): other rules parse without it.
  RunOptions Options = Run;
  if (!ApiRules.empty())
    Options.SharedPreamble = false;
  std::vector<TuOutcome> Outcomes =
      collectFacts(*Sel->Database, Sel->Files, *Api, Sel->Root, Options);
  InventoryBuilder Builder(Sel->Root);
  for (TuOutcome &O : Outcomes) {
    if (O.Failure)
      Builder.addFailure(*O.Failure);
    else
      Builder.add(O.Facts);
  }
  std::set<std::string> Scanned(Builder.scanned().begin(), Builder.scanned().end());
  Builder.checkSlots([&](const CallbackSlot &S, const std::set<std::string> &Known) {
    return unscannedSlotWriters(S, Known, Sel->Root, Scanned, Run.Overlay);
  });
  Inventory Inv = Builder.finish();
  // What else the database holds: a header shared with those TUs must not be
  // edited on the strength of the selection alone.
  std::set<std::string> Selected(Sel->Files.begin(), Sel->Files.end());
  for (const std::string &F : Sel->Database->getAllFiles())
    if (!Selected.count(F))
      Inv.NotScanned.push_back(relativeTo(F, Sel->Root));
  std::sort(Inv.NotScanned.begin(), Inv.NotScanned.end());
  return Inv;
}

int runScan(const ScanOptions &Options) {
  llvm::Expected<Inventory> Inv = buildInventory(Options.Selection, Options.Run, Options.ApiRules);
  if (!Inv) {
    llvm::WithColor::error(llvm::errs(), "detasklet") << llvm::toString(Inv.takeError()) << "\n";
    return 2;
  }
  for (const TuFailure &F : Inv->Failures)
    llvm::WithColor::error(llvm::errs(), "detasklet")
        << F.Message << " (" << F.Errors << " errors); " << F.File
        << " skipped, the other files go on\n";

  std::error_code EC;
  llvm::raw_fd_ostream Out(Options.Output.empty() ? "-" : Options.Output, EC,
                           llvm::sys::fs::OF_Text);
  if (EC) {
    llvm::WithColor::error(llvm::errs(), "detasklet")
        << Options.Output << ": cannot write: " << EC.message() << "\n";
    return 2;
  }
  if (Options.Format == ScanFormat::Json)
    Out << llvm::formatv("{0:2}", toJSON(*Inv)) << "\n";
  else
    printScanReport(*Inv, Out);
  if (Inv->partial())
    llvm::WithColor::warning(llvm::errs(), "detasklet")
        << "partial result: " << Inv->Failures.size() << " of " << Inv->Scanned.size() +
        Inv->Failures.size() << " translation units could not be analysed\n";
  return Inv->partial() ? 1 : 0;
}

} // namespace detasklet
