#include "verify/SemanticsChecker.h"

#include "verify/ProtocolAlignment.h"

#include "runtime/core/Property.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"

#include <optional>

namespace detasklet {

SemanticsChecker::SemanticsChecker(const Inventory &Inv, const ConversionPlan &Plan,
                                   const ConvertRules &Rules, ProtocolVerifierOptions Options)
    : Extractor(Inv), Verifier(Rules, std::move(Options)) {
  for (const GroupPlan &G : Plan.Groups)
    for (const std::string &Key : G.Objects) {
      if (G.converted())
        Converted.insert(Key);
      else
        NotConverted[Key] = "[" + G.Problems.front().Code + "] " + G.Problems.front().Message;
    }
}

ObjectCheck SemanticsChecker::check(const ObjectReport &O) {
  ObjectCheck C;
  C.Protocol.ObjectKey = O.Decl.Key;
  C.Protocol.Name = O.Decl.Record.empty() ? O.Decl.Name : O.Decl.Record + "::" + O.Decl.Name;
  C.Protocol.Declared = O.Decl.Declared;
  if (!Converted.count(O.Decl.Key)) {
    C.Check.Verdict = ProtocolVerdict::NotConverted;
    auto It = NotConverted.find(O.Decl.Key);
    C.Reason = !O.convertible() ? "[" + O.Reasons.front().Code + "] " + O.Reasons.front().Message
               : It != NotConverted.end() ? It->second
                                          : "not in a converted group";
    return C;
  }
  C.Protocol = Extractor.extract(O);
  if (!C.Protocol.SeveralCallbacks.empty())
    return checkEachCallback(O, C.Protocol.SeveralCallbacks);
  if (!C.Protocol.abstracted()) {
    C.Check.Verdict = ProtocolVerdict::CannotAbstract;
    C.Reason = C.Protocol.CannotAbstract;
    return C;
  }
  C.Check = Verifier.check(C.Protocol);
  return C;
}

ObjectCheck SemanticsChecker::checkConversion(const ObjectReport &O, const SeriesConversion &Series) {
  ObjectCheck C;
  C.Protocol = Extractor.extract(O);
  if (!C.Protocol.SeveralCallbacks.empty())
    return checkEachCallback(O, C.Protocol.SeveralCallbacks, &Series);
  if (!C.Protocol.abstracted()) {
    C.Check.Verdict = ProtocolVerdict::CannotAbstract;
    C.Reason = C.Protocol.CannotAbstract;
    return C;
  }
  if (!Series.Converted) {
    C.Check.Verdict = ProtocolVerdict::NotChecked;
    C.Reason = Series.Why;
    return C;
  }
  return checkPair(std::move(C), *Series.Converted, Series);
}

ObjectCheck SemanticsChecker::checkPair(ObjectCheck C, const ObjectProtocol &Converted,
                                        const SeriesConversion &Series) {
  C.Converted = Converted;
  if (!Converted.abstracted()) {
    C.Check.Verdict = ProtocolVerdict::CannotAbstract;
    C.Reason = "as the series converts it, " + Converted.Name + ": " + Converted.CannotAbstract;
    return C;
  }
  takeContexts(C.Protocol, *C.Converted);
  // What a conversion drops is not there to explore: two drivers where one
  // does less cannot show it worse.
  std::string Dropped = droppedOperations(C.Protocol, *C.Converted, Series.LinesAfter);
  if (!Dropped.empty()) {
    C.Check.Verdict = ProtocolVerdict::NotChecked;
    C.Reason = "the series converts it without a counterpart for " + Dropped +
               ": a conversion doing less than the tasklet cannot be compared by exploring";
    return C;
  }
  C.Check = Verifier.checkPair(C.Protocol, *C.Converted);
  return C;
}

// Instances initialised with different callbacks (one per chip, per queue, per
// ops table) are checked one callback at a time; the object's verdict is the
// worst of them, shown with its callback, and one that cannot be abstracted
// makes the object so.
ObjectCheck SemanticsChecker::checkEachCallback(const ObjectReport &O,
                                                const std::vector<std::string> &Callbacks,
                                                const SeriesConversion *Series) {
  std::optional<ObjectCheck> Worst;
  std::vector<std::string> Verdicts;
  for (const std::string &Key : Callbacks) {
    ObjectCheck C;
    C.Protocol = Extractor.extract(O, Key);
    C.Protocol.Name += " [callback " + C.Protocol.Callback + "]";
    if (!C.Protocol.abstracted()) {
      C.Check.Verdict = ProtocolVerdict::CannotAbstract;
      C.Reason = "with callback " + C.Protocol.Callback + ": " + C.Protocol.CannotAbstract;
      return C;
    }
    if (!Series) {
      C.Check = Verifier.check(C.Protocol);
    } else {
      auto Converted = Series->ByCallback.find(Key);
      if (Converted == Series->ByCallback.end()) {
        C.Check.Verdict = ProtocolVerdict::NotChecked;
        C.Reason = "with callback " + C.Protocol.Callback + ": " +
                   (Series->Converted ? "no work item function of the series takes its place"
                                      : Series->Why);
        return C;
      }
      C = checkPair(std::move(C), Converted->second, *Series);
      if (C.Check.Verdict == ProtocolVerdict::CannotAbstract)
        return C;
    }
    Verdicts.push_back(C.Protocol.Callback + " " + protocolVerdictCode(C.Check.Verdict).str());
    // ProtocolVerdict is ordered from worst to best.
    if (!Worst || C.Check.Verdict < Worst->Check.Verdict)
      Worst = std::move(C);
  }
  Worst->Protocol.Name += " (worst of " + std::to_string(Callbacks.size()) +
                          " callbacks, each instance keeping its own: " +
                          llvm::join(Verdicts, ", ") + ")";
  return std::move(*Worst);
}

llvm::Expected<std::string> SemanticsChecker::createWorkDir() {
  llvm::SmallString<128> Dir;
  if (std::error_code EC = llvm::sys::fs::createUniqueDirectory("detasklet-protocols", Dir))
    return llvm::createStringError(EC, "cannot create a directory for the abstract drivers: %s",
                                   EC.message().c_str());
  return std::string(Dir);
}

std::string SemanticsChecker::summary(const ObjectCheck &C) {
  switch (C.Check.Verdict) {
  case ProtocolVerdict::NotConverted:
  case ProtocolVerdict::CannotAbstract:
  case ProtocolVerdict::NotChecked:
    return "not checked: " + C.Reason;
  case ProtocolVerdict::Error:
    // The details (a build log) are for the terminal, not a commit message.
    return "not checked: the abstract driver could not be checked (detasklet verify shows why)";
  case ProtocolVerdict::Incomplete:
    return "not checked completely: the exploration reached its bound";
  default:
    break;
  }
  const runtime::ScenarioComparison &S = C.Check.Report->Scenarios.front();
  std::vector<std::string> Worse, Better, Documented, Undocumented;
  for (const runtime::PropertyComparison &PC : S.Properties)
    if (PC.Verdict == runtime::PropertyVerdict::Worse)
      Worse.push_back(runtime::propertyInfo(PC.Id).Name);
    else if (PC.Verdict == runtime::PropertyVerdict::Better)
      Better.push_back(runtime::propertyInfo(PC.Id).Name);
  for (const runtime::ObservationDifference &D : S.Differences)
    (D.Documented ? Documented : Undocumented).push_back(D.Id);
  std::vector<std::string> Parts;
  if (!Worse.empty())
    Parts.push_back("WORSE: " + llvm::join(Worse, ", "));
  if (!Undocumented.empty())
    Parts.push_back("undocumented differences: " + llvm::join(Undocumented, ", "));
  if (!Better.empty())
    Parts.push_back("better: " + llvm::join(Better, ", "));
  if (!Documented.empty())
    Parts.push_back("documented differences: " + llvm::join(Documented, ", "));
  return Parts.empty() ? "same as the tasklet" : llvm::join(Parts, "; ");
}

} // namespace detasklet
