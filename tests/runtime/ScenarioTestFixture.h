// A fixture for the tests whose scenarios live in one unit file: run a
// scenario exhaustively and look at its outcomes and violations.
#ifndef DETASKLET_TESTS_RUNTIME_SCENARIOTESTFIXTURE_H
#define DETASKLET_TESTS_RUNTIME_SCENARIOTESTFIXTURE_H

#include "RuntimeTestSupport.h"

#include <gtest/gtest.h>

namespace detasklet::runtime::test {

class ScenarioTest : public ::testing::Test {
protected:
  explicit ScenarioTest(const char *File) : File(File) {}

  // Explores the scenario; the exploration itself must complete.
  ExploreResult run(const std::string &Scenario, ExploreOptions O = {}) {
    ModuleImage *M = unitModule(File);
    if (!M)
      return {};
    ExploreResult R = test::explore(*M, Scenario, O);
    EXPECT_TRUE(R.Error.empty()) << R.Error;
    EXPECT_EQ(R.Done, O.PreemptionBound ? Completeness::ExhaustiveUpToPreemptions : Completeness::Exhaustive)
        << dump(R);
    return R;
  }

  using Set = std::set<std::string>;
  const char *File;
};

} // namespace detasklet::runtime::test

#define EXPECT_OUTCOMES(R, ...) EXPECT_EQ((R).Outcomes, (Set{__VA_ARGS__})) << detasklet::runtime::test::dump(R)
#define EXPECT_VIOLATIONS(R, ...)                                                                  \
  EXPECT_EQ(detasklet::runtime::test::propertyNames(R), (Set{__VA_ARGS__}))                        \
      << detasklet::runtime::test::dump(R)

#endif
