// Direct calls of functions shaped like tasklet callbacks. Whether the callee
// really is some tasklet's callback is only known once every TU is merged, so
// every candidate is recorded and the inventory keeps those that are.
#ifndef DETASKLET_MATCHERS_CALLBACKCALLCOLLECTOR_H
#define DETASKLET_MATCHERS_CALLBACKCALLCOLLECTOR_H

#include "matchers/Collector.h"

namespace detasklet {

class CallbackCallCollector : public Collector {
public:
  using Collector::Collector;
  void registerMatchers(clang::ast_matchers::MatchFinder &Finder) override;
  void run(const clang::ast_matchers::MatchFinder::MatchResult &Result) override;
};

} // namespace detasklet

#endif
