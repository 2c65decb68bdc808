// The text report of a protocol-level verify over a tree: per object its
// protocol (the abstract functions and the real ones they stand for), its
// verdict, per property what differs, and for anything worse the replay
// token and the command that replays it; then counts by verdict.
#ifndef DETASKLET_VERIFY_PROTOCOLREPORT_H
#define DETASKLET_VERIFY_PROTOCOLREPORT_H

#include "verify/Protocol.h"
#include "verify/ProtocolVerifier.h"

#include "llvm/Support/raw_ostream.h"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace detasklet {

struct ObjectCheck {
  ObjectProtocol Protocol;
  // verify --series, for a conversion the series makes otherwise than the
  // plan: the work item's protocol as the converted code shows it.
  std::optional<ObjectProtocol> Converted;
  ProtocolCheck Check;
  std::string Reason; // NotConverted / CannotAbstract: why
};

class ProtocolReport {
public:
  explicit ProtocolReport(std::string ExploreTool) : ExploreTool(std::move(ExploreTool)) {}
  void printObject(const ObjectCheck &O, llvm::raw_ostream &OS) const;
  void add(const ObjectCheck &O);
  void printSummary(llvm::raw_ostream &OS, double Seconds) const;
  bool anyWorse() const { return Counts.count(ProtocolVerdict::Worse) != 0; }
  unsigned count(ProtocolVerdict V) const {
    auto It = Counts.find(V);
    return It == Counts.end() ? 0 : It->second;
  }

private:
  std::string ExploreTool; // detasklet-explore, to replay a token
  std::map<ProtocolVerdict, unsigned> Counts;
  std::map<std::string, unsigned> Documented; // observation id -> objects
  std::map<std::string, unsigned> WorseBy;    // property -> objects
  std::map<std::string, unsigned> BetterBy;   // property -> objects
  unsigned Explorations = 0;
};

} // namespace detasklet

#endif
