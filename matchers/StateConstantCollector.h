// TASKLET_STATE_SCHED / TASKLET_STATE_RUN: a driver testing the tasklet's state
// bits, attributed to the tasklet whose state word the same call touches.
#ifndef DETASKLET_MATCHERS_STATECONSTANTCOLLECTOR_H
#define DETASKLET_MATCHERS_STATECONSTANTCOLLECTOR_H

#include "matchers/Collector.h"

namespace detasklet {

class StateConstantCollector : public Collector {
public:
  using Collector::Collector;
  void registerMatchers(clang::ast_matchers::MatchFinder &Finder) override;
  void run(const clang::ast_matchers::MatchFinder::MatchResult &Result) override;
};

} // namespace detasklet

#endif
