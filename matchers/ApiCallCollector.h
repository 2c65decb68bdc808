// Calls of the tasklet API (rules/tasklet-api.yaml): init with its callback and
// legacy data, schedule, disable, enable, kill, and the internals functions.
#ifndef DETASKLET_MATCHERS_APICALLCOLLECTOR_H
#define DETASKLET_MATCHERS_APICALLCOLLECTOR_H

#include "matchers/Collector.h"

namespace detasklet {

class ApiCallCollector : public Collector {
public:
  using Collector::Collector;
  void registerMatchers(clang::ast_matchers::MatchFinder &Finder) override;
  void run(const clang::ast_matchers::MatchFinder::MatchResult &Result) override;
};

} // namespace detasklet

#endif
