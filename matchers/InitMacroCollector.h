// Inits written as statement macros that assign the callback field (INIT_WORK
// sets (w)->func = (f)): the assignment names both the object and its
// callback, and the use is attributed to the macro's invocation.
#ifndef DETASKLET_MATCHERS_INITMACROCOLLECTOR_H
#define DETASKLET_MATCHERS_INITMACROCOLLECTOR_H

#include "matchers/Collector.h"

namespace detasklet {

class InitMacroCollector : public Collector {
public:
  using Collector::Collector;
  void registerMatchers(clang::ast_matchers::MatchFinder &Finder) override;
  void run(const clang::ast_matchers::MatchFinder::MatchResult &Result) override;
};

} // namespace detasklet

#endif
