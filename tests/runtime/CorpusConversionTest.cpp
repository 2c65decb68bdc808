// Every corpus driver that `detasklet convert` converts (a non-empty
// expected/convert.diff), explored with its scenario (runtime/scenarios/) as
// it is and as converted: the conversion must keep every property the
// original has, and differ only in documented ways.
#include "RuntimeTestSupport.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>

namespace detasklet::runtime::test {
namespace {

std::string scenarioFor(const std::string &Pattern) { return runtimeDir() + "/scenarios/" + Pattern + ".c"; }

std::vector<std::string> withScenario(std::vector<std::string> Files, const std::string &Pattern) {
  Files.push_back(scenarioFor(Pattern));
  return Files;
}

bool mentions(const std::vector<std::string> &Files, const std::string &Text) {
  for (const std::string &F : Files) {
    std::ifstream In(F);
    std::string S((std::istreambuf_iterator<char>(In)), std::istreambuf_iterator<char>());
    if (S.find(Text) != std::string::npos)
      return true;
  }
  return false;
}

std::vector<std::string> convertedPatterns() {
  std::vector<std::string> Names;
  for (const std::string &P : corpusPatterns())
    if (hasConversion(P))
      Names.push_back(P);
  return Names;
}

TEST(CorpusScenarios, EveryConvertedDriverHasAScenario) {
  std::vector<std::string> Converted = convertedPatterns();
  EXPECT_GE(Converted.size(), 10u) << "the corpus lost its conversions?";
  for (const std::string &P : Converted)
    EXPECT_TRUE(std::filesystem::exists(scenarioFor(P))) << "no runtime/scenarios/" << P << ".c";
}

class CorpusConversion : public ::testing::TestWithParam<std::string> {};

TEST_P(CorpusConversion, KeepsTheOriginalsProperties) {
  const std::string Pattern = GetParam();
  std::vector<std::string> Converted = convertedCorpusSources(Pattern);
  ASSERT_FALSE(Converted.empty());
  ModuleImage *O = module(withScenario(corpusSources(Pattern), Pattern));
  ModuleImage *C = module(withScenario(Converted, Pattern));
  ASSERT_TRUE(O && C);
  BenignCatalogue Catalogue = BenignCatalogue::shipped();
  for (const std::string &Scenario : O->scenarioNames()) {
    ScenarioComparison Cmp = compareConversion(*O, *C, Scenario, {}, Catalogue);
    EXPECT_TRUE(Cmp.acceptable()) << dump(Cmp);
    for (const ObservationDifference &D : Cmp.Differences)
      EXPECT_TRUE(D.Documented) << D.Id << "\n" << dump(Cmp);

    if (Pattern == "oneshot-selffree") {
      // The case that started the WQ_BH work: flagged as a tasklet, clean as a work item.
      EXPECT_EQ(Cmp.property(Property::UseAfterFree).Verdict, PropertyVerdict::Better) << dump(Cmp);
      EXPECT_TRUE(Cmp.Converted.Violations.empty()) << dump(Cmp);
    } else {
      EXPECT_TRUE(Cmp.Original.Violations.empty()) << dump(Cmp);
      EXPECT_TRUE(Cmp.Converted.Violations.empty()) << dump(Cmp);
    }
    // tasklet_enable() -> enable_and_queue_work() shows its extra run, documented.
    if (mentions(Converted, "enable_and_queue_work")) {
      bool Extra = false;
      for (const ObservationDifference &D : Cmp.Differences)
        Extra |= D.Id == "extra-run-after-enable" && D.InConverted && D.Documented;
      EXPECT_TRUE(Extra) << dump(Cmp);
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Corpus, CorpusConversion, ::testing::ValuesIn(convertedPatterns()),
                         [](const ::testing::TestParamInfo<std::string> &I) {
                           std::string N = I.param;
                           for (char &Ch : N)
                             if (Ch == '-')
                               Ch = '_';
                           return N;
                         });

// Drivers left manual are still explored as they are (their scenarios exist
// so that a conversion written by hand can be checked the same way).
TEST(CorpusOriginals, ManualDriversExploreCleanly) {
  for (const std::string &P : corpusPatterns()) {
    if (hasConversion(P) || !std::filesystem::exists(scenarioFor(P)))
      continue;
    ModuleImage *M = module(withScenario(corpusSources(P), P));
    ASSERT_TRUE(M) << P;
    ExploreResult R = test::explore(*M, "main");
    EXPECT_EQ(R.Done, Completeness::Exhaustive) << P << "\n" << dump(R);
    EXPECT_TRUE(R.Violations.empty()) << P << "\n" << dump(R);
  }
}

} // namespace
} // namespace detasklet::runtime::test
