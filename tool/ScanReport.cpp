#include "tool/ScanReport.h"

#include "inventory/InventoryJson.h"
#include "llvm/Support/Format.h"

namespace detasklet {

namespace {

std::string describe(const ObjectDecl &D) {
  std::string S;
  switch (D.Kind) {
  case ObjectKind::Field: S = D.Record + "::" + D.Name; break;
  case ObjectKind::Local: S = D.Name + " (local in " + D.Function + "())"; break;
  default: S = D.Name; break;
  }
  if (D.ArraySize)
    S += "[" + std::to_string(D.ArraySize) + "]";
  return (objectKindCode(D.Kind) + " " + S).str();
}

void printUse(const Use &U, llvm::raw_ostream &OS) {
  OS << "      " << U.Site.Where.str() << "  " << useKindCode(U.Kind) << "  " << U.Text;
  if (!U.Index.empty())
    OS << "  [index " << U.Index << "]";
  if (U.Data != LegacyData::None)
    OS << "  data " << U.DataText << " (" << legacyDataCode(U.Data) << ")";
  if (U.Kind == UseKind::EscapeParam || U.Kind == UseKind::CallbackCall)
    OS << "  -> " << U.Callee << "()";
  for (const MacroStep &M : U.Site.Macros)
    OS << "  via " << M.Name << " (" << M.Definition.str() << ")";
  OS << "\n";
}

void printFindings(llvm::StringRef Label, const std::vector<Finding> &Findings,
                   llvm::raw_ostream &OS) {
  for (const Finding &F : Findings)
    OS << "    " << Label << " " << F.Code << " at " << F.At.str() << ": " << F.Message << "\n";
}

} // namespace

void printScanReport(const Inventory &Inv, llvm::raw_ostream &OS) {
  std::string Directory;
  for (const ObjectReport &O : Inv.Objects) {
    if (O.directory() != Directory) {
      Directory = O.directory();
      OS << "\n" << (Directory.empty() ? "." : Directory) << "/\n";
    }
    OS << "  " << describe(O.Decl) << "  " << O.Decl.Declared.str() << "  "
       << (O.convertible() ? "convertible" : "MANUAL") << "\n";
    for (const CallbackInfo &C : O.Callbacks)
      OS << "    callback " << C.Name << ": " << C.Signature << (C.Legacy ? " (legacy)" : "")
         << "  " << C.Declared.str() << "\n";
    printFindings("reason", O.Reasons, OS);
    printFindings("note  ", O.Notes, OS);
    OS << "    uses:\n";
    for (const Use &U : O.Uses)
      printUse(U, OS);
  }
  if (!Inv.Unattached.empty()) {
    OS << "\nuses whose tasklet could not be identified:\n";
    for (const Use &U : Inv.Unattached)
      printUse(U, OS);
  }
  OS << "\n";
  printSummary(Inv, OS);
}

void printSummary(const Inventory &Inv, llvm::raw_ostream &OS) {
  InventorySummary S = summarize(Inv);
  OS << "summary: " << S.Objects << " tasklet objects in " << S.FilesWithUses << " files; "
     << S.Convertible << " convertible to a BH workqueue, " << S.Manual << " manual\n";
  for (const auto &[Code, N] : S.ManualByReason)
    OS << llvm::format("  manual %-30s %u\n", Code.c_str(), N);
  if (S.UnattachedUses)
    OS << "  uses whose tasklet could not be identified: " << S.UnattachedUses << "\n";
  OS << "translation units: " << S.TusScanned << " analysed, " << S.TusFailed << " failed\n";
  for (const TuFailure &F : Inv.Failures)
    OS << "  failed: " << F.Message << " (" << F.Errors << " errors)\n";
}

} // namespace detasklet
