// The protocol-level check of one object, as verify on a tree and convert's
// commit messages both need it: which objects the planner converts, their
// protocols, and one verifier whose results are shared between objects with
// the same protocol.
#ifndef DETASKLET_VERIFY_SEMANTICSCHECKER_H
#define DETASKLET_VERIFY_SEMANTICSCHECKER_H

#include "inventory/Inventory.h"
#include "rewriters/EditPlanner.h"
#include "verify/ProtocolExtractor.h"
#include "verify/ProtocolReport.h"
#include "verify/ProtocolVerifier.h"
#include "verify/SeriesConversions.h"

#include <map>
#include <set>
#include <string>

namespace detasklet {

class SemanticsChecker {
public:
  SemanticsChecker(const Inventory &Inv, const ConversionPlan &Plan, const ConvertRules &Rules,
                   ProtocolVerifierOptions Options);
  ObjectCheck check(const ObjectReport &O);
  // O as a patch series converts it, otherwise than the plan: its protocol
  // against the work item's the series leaves (SeriesConversions).
  ObjectCheck checkConversion(const ObjectReport &O, const SeriesConversion &Series);
  size_t convertedCount() const { return Converted.size(); }
  bool converts(const ObjectReport &O) const { return Converted.count(O.Decl.Key) != 0; }

  // One line for a commit message: "same as the tasklet", "documented
  // differences: ...", "WORSE: lost-run (replay: ...)", "not checked: why".
  static std::string summary(const ObjectCheck &C);

  // A new directory of this run's own for the abstract drivers: runs at the
  // same time, with other rules or by other users never share one.
  static llvm::Expected<std::string> createWorkDir();

private:
  // With Series: each callback's instances against the work item's that run
  // the function the series left in its place.
  ObjectCheck checkEachCallback(const ObjectReport &O, const std::vector<std::string> &Callbacks,
                                const SeriesConversion *Series = nullptr);
  ObjectCheck checkPair(ObjectCheck C, const ObjectProtocol &Converted,
                        const SeriesConversion &Series);

  std::set<std::string> Converted;
  std::map<std::string, std::string> NotConverted; // key -> the planner's reason
  ProtocolExtractor Extractor;
  ProtocolVerifier Verifier;
};

} // namespace detasklet

#endif
