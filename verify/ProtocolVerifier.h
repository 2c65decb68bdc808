// Checks one object's conversion at the level of its protocol: generates the
// abstract driver, converts it with the same rules and planner `convert` uses
// (so the mapping checked is the one convert applies), builds both against
// the runtime model and compares them property by property. Objects with the
// same protocol share one check.
#ifndef DETASKLET_VERIFY_PROTOCOLVERIFIER_H
#define DETASKLET_VERIFY_PROTOCOLVERIFIER_H

#include "rewriters/ConvertRules.h"
#include "runtime/Verify.h"
#include "verify/Protocol.h"
#include "llvm/ADT/STLFunctionalExtras.h"

#include <map>
#include <memory>
#include <string>

namespace detasklet {

// What a protocol-level check concluded, worst first.
enum class ProtocolVerdict {
  Worse,           // the conversion violates a property the original keeps
  Undocumented,    // a difference the catalogue does not explain
  Incomplete,      // an exploration hit its bounds
  Error,           // the abstract driver did not convert or build: a tool problem
  NotChecked,      // verify --series: the series converts it otherwise than detasklet does
  Documented,      // only catalogued differences (the enable's extra run, a dropped pending run)
  Better,          // the original violates a property the conversion keeps
  Same,            // the same properties, no difference
  CannotAbstract,  // no sound protocol: the reason says why
  NotConverted,    // convert leaves it a tasklet: nothing to check
};
llvm::StringRef protocolVerdictCode(ProtocolVerdict V);

struct ProtocolCheck {
  ProtocolVerdict Verdict = ProtocolVerdict::Error;
  std::string Detail;                  // error text; nothing else
  std::string Directory;               // where the abstract driver, its conversion and scenario are
  std::shared_ptr<runtime::ConversionReport> Report; // set once explored
  bool Shared = false;                 // the result of an earlier object with the same protocol
};

struct ProtocolVerifierOptions {
  std::string WorkDir;                 // abstract drivers go to WorkDir/<protocol hash>/
  runtime::ExploreOptions Explore;
};

class ProtocolVerifier {
public:
  ProtocolVerifier(const ConvertRules &Rules, ProtocolVerifierOptions Options)
      : Rules(Rules), Options(std::move(Options)) {}
  // P must be abstracted().
  ProtocolCheck check(const ObjectProtocol &P);
  // A conversion made otherwise (a patch series): Original is the tasklet's
  // protocol, Converted the work item's as the converted code shows it. Both
  // must be abstracted(); they are explored over one scenario.
  ProtocolCheck checkPair(const ObjectProtocol &Original, const ObjectProtocol &Converted);

  static constexpr const char *DriverFile = "proto.c";
  static constexpr const char *ScenarioFile = "scenario.c";
  static constexpr const char *ConvertedDir = "converted";

private:
  // The check under Key, done once (Run gets the directory for its files).
  ProtocolCheck memoized(const std::string &Key,
                         llvm::function_ref<ProtocolCheck(const std::string &)> Run);
  ProtocolCheck run(const ObjectProtocol &P, const std::string &Dir);
  ProtocolCheck explore(const std::string &OriginalText, const std::string &ConvertedText,
                        const std::string &ScenarioText, const std::string &Dir);

  const ConvertRules &Rules;
  ProtocolVerifierOptions Options;
  std::map<std::string, ProtocolCheck> Memo; // by canonical protocol (or pair of them)
};

ProtocolVerdict verdictOf(const runtime::ScenarioComparison &C);

} // namespace detasklet

#endif
