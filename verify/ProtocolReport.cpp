#include "verify/ProtocolReport.h"

#include "verify/AbstractDriver.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/Path.h"

namespace detasklet {

namespace {

std::string path(llvm::StringRef Dir, llvm::StringRef A, llvm::StringRef B = "") {
  llvm::SmallString<256> P(Dir);
  llvm::sys::path::append(P, A);
  if (!B.empty())
    llvm::sys::path::append(P, B);
  return std::string(P);
}

// Each abstract function, the real ones it stands for, its context and its
// operations (a work item's as the calls it makes).
void printFunctions(const ObjectProtocol &P, llvm::raw_ostream &OS) {
  for (size_t I = 0; I < P.Functions.size(); ++I) {
    const ProtocolFunction &F = P.Functions[I];
    OS << "    " << (F.Context == ProtocolContext::Callback ? std::string("proto_cb") : abstractFunctionName(I))
       << " = " << F.Name;
    if (!F.Alike.empty())
      OS << " (and " << F.Alike.size() << " alike: " << F.Alike.front() << (F.Alike.size() > 1 ? ", ..." : "")
         << ")";
    OS << " [" << protocolContextCode(F.Context) << ": " << F.Why << "]:";
    if (F.Ops.empty())
      OS << " (no operation)";
    for (const ProtocolOp &Op : F.Ops) {
      OS << " " << (Op.Call.empty() ? protocolOpCode(Op.Kind) : llvm::StringRef(Op.Call));
      if (!Op.Queue.empty())
        OS << "(" << Op.Queue << ")";
      OS << (Op.Optional ? "?" : "");
    }
    OS << "\n";
  }
}

} // namespace

void ProtocolReport::printObject(const ObjectCheck &O, llvm::raw_ostream &OS) const {
  const ObjectProtocol &P = O.Protocol;
  OS << P.Declared.str() << ": " << P.Name << ": " << protocolVerdictCode(O.Check.Verdict);
  if (!O.Reason.empty())
    OS << ": " << O.Reason;
  OS << "\n";
  if (O.Check.Verdict == ProtocolVerdict::NotConverted ||
      O.Check.Verdict == ProtocolVerdict::CannotAbstract ||
      O.Check.Verdict == ProtocolVerdict::NotChecked)
    return;
  printFunctions(P, OS);
  if (O.Converted) {
    OS << "  as the series converts it (" << O.Converted->Name << "):\n";
    printFunctions(*O.Converted, OS);
  }
  if (O.Check.Verdict == ProtocolVerdict::Error) {
    OS << "    error: " << O.Check.Detail << "\n";
    return;
  }
  if (!O.Check.Report)
    return;
  const runtime::ScenarioComparison &C = O.Check.Report->Scenarios.front();
  OS << "    explored: original " << C.Original.completenessText() << " ("
     << C.Original.Stats.Executions << " executions), converted " << C.Converted.completenessText() << " ("
     << C.Converted.Stats.Executions << " executions)" << (O.Check.Shared ? ", shared with an earlier object" : "")
     << "\n";
  for (const runtime::PropertyComparison &PC : C.Properties) {
    if (PC.Verdict == runtime::PropertyVerdict::Same)
      continue;
    std::string Name = runtime::propertyInfo(PC.Id).Name;
    bool Worse = PC.Verdict == runtime::PropertyVerdict::Worse;
    OS << "    " << Name << ": " << (Worse ? "WORSE" : "better") << "\n";
    const runtime::ExploreResult &Side = Worse ? C.Converted : C.Original;
    if (const runtime::Violation *V = Side.find(PC.Id)) {
      OS << "      " << (Worse ? "converted" : "original") << ": " << V->Message << "\n";
      OS << "      replay: " << ExploreTool << " "
         << path(O.Check.Directory, Worse ? ProtocolVerifier::ConvertedDir : "", ProtocolVerifier::DriverFile) << " "
         << path(O.Check.Directory, ProtocolVerifier::ScenarioFile) << " --scenario "
         << AbstractDriver::ScenarioName << " --replay '" << V->Token << "'\n";
    }
  }
  for (const runtime::ObservationDifference &D : C.Differences) {
    OS << "    " << (D.Documented ? "documented difference: " : "UNDOCUMENTED difference: ") << D.Id << " ("
       << (D.InConverted ? "conversion" : "original") << " only)\n";
    // Where the conversion behaves differently, show one execution that does.
    const runtime::ExploreResult &Side = D.InConverted ? C.Converted : C.Original;
    auto Witness = Side.ObservationWitnesses.find(D.Id);
    if (Witness == Side.ObservationWitnesses.end())
      continue;
    OS << "      shown by: " << ExploreTool << " "
       << path(O.Check.Directory, D.InConverted ? ProtocolVerifier::ConvertedDir : "",
               ProtocolVerifier::DriverFile)
       << " " << path(O.Check.Directory, ProtocolVerifier::ScenarioFile) << " --scenario "
       << AbstractDriver::ScenarioName << " --replay '" << Witness->second << "'\n";
  }
}

void ProtocolReport::add(const ObjectCheck &O) {
  ++Counts[O.Check.Verdict];
  if (!O.Check.Report)
    return;
  if (!O.Check.Shared)
    ++Explorations;
  const runtime::ScenarioComparison &C = O.Check.Report->Scenarios.front();
  for (const runtime::ObservationDifference &D : C.Differences)
    if (D.Documented)
      ++Documented[D.Id];
  for (const runtime::PropertyComparison &PC : C.Properties)
    if (PC.Verdict == runtime::PropertyVerdict::Worse)
      ++WorseBy[runtime::propertyInfo(PC.Id).Name];
    else if (PC.Verdict == runtime::PropertyVerdict::Better)
      ++BetterBy[runtime::propertyInfo(PC.Id).Name];
}

void ProtocolReport::printSummary(llvm::raw_ostream &OS, double Seconds) const {
  unsigned Total = 0;
  for (const auto &[V, N] : Counts)
    Total += N;
  OS << "summary: " << Total << " objects, " << Explorations << " distinct protocols explored in "
     << llvm::format("%.1f", Seconds) << " s\n";
  for (const auto &[V, N] : Counts)
    OS << "  " << protocolVerdictCode(V) << ": " << N << "\n";
  for (const auto &[Id, N] : WorseBy)
    OS << "  worse on " << Id << ": " << N << " objects\n";
  for (const auto &[Id, N] : BetterBy)
    OS << "  better on " << Id << ": " << N << " objects\n";
  for (const auto &[Id, N] : Documented)
    OS << "  documented difference " << Id << ": " << N << " objects\n";
}

} // namespace detasklet
