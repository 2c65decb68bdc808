// A replay token: the machine's shape and the actor chosen at every point
// where more than one could go, e.g. "dtr1/c2/b2/t0,i1,s1,t3". Points with a
// single enabled actor are not written: replay takes that one.
#ifndef DETASKLET_RUNTIME_CORE_REPLAYTOKEN_H
#define DETASKLET_RUNTIME_CORE_REPLAYTOKEN_H

#include "runtime/core/Actor.h"

#include <optional>
#include <string>
#include <vector>

namespace detasklet::runtime {

struct ReplayToken {
  unsigned Cpus = 2;
  unsigned TimerBudget = 2;
  std::vector<Actor> Choices;

  std::string spell() const;
  // nullopt and a reason when the text is not a token.
  static std::optional<ReplayToken> parse(const std::string &Text, std::string &Error);
};

} // namespace detasklet::runtime

#endif
