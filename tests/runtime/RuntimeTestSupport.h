// What the runtime tests share: modules built from test and corpus sources
// (once per process), converted copies of corpus drivers, and explorations
// with readable failure output.
#ifndef DETASKLET_TESTS_RUNTIME_RUNTIMETESTSUPPORT_H
#define DETASKLET_TESTS_RUNTIME_RUNTIMETESTSUPPORT_H

#include "runtime/Verify.h"
#include "runtime/core/Explorer.h"
#include "runtime/core/ModuleImage.h"

#include <set>
#include <string>
#include <vector>

namespace detasklet::runtime::test {

std::string testDir();    // tests/runtime
std::string corpusDir();  // test-corpus
std::string runtimeDir(); // runtime
std::string workDir();    // scratch space in the build directory

// The module built from these files, loaded; fails the test (and returns
// nullptr) when it does not build or load.
ModuleImage *module(const std::vector<std::string> &Files);
// A unit scenario file in tests/runtime/units.
ModuleImage *unitModule(const std::string &File);

// The corpus driver's .c files, and the same after expected/convert.diff is
// applied to a copy in the build directory (empty when the diff is empty).
std::vector<std::string> corpusSources(const std::string &Pattern);
std::vector<std::string> convertedCorpusSources(const std::string &Pattern);
std::vector<std::string> corpusPatterns();
bool hasConversion(const std::string &Pattern);

ExploreResult explore(ModuleImage &M, const std::string &Scenario, const ExploreOptions &O = {});
std::set<std::string> propertyNames(const ExploreResult &R);
// Everything about a result, for assertion messages.
std::string dump(const ExploreResult &R);
std::string dump(const ScenarioComparison &C);

} // namespace detasklet::runtime::test

#endif
