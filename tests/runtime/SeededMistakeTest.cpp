// Conversion mistakes reviewers caught upstream, seeded into small drivers
// (seeded/*/): each is found with the right property, as worse than the
// original, with a token that replays it; the correct conversion passes.
#include "RuntimeTestSupport.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>

#include <unistd.h>

namespace detasklet::runtime::test {
namespace {

struct SeededCase {
  const char *Dir;
  Property Expected;
};

std::ostream &operator<<(std::ostream &OS, const SeededCase &C) { return OS << C.Dir; }

class SeededMistake : public ::testing::TestWithParam<SeededCase> {
protected:
  ModuleImage *variant(const char *Name) {
    std::string Dir = testDir() + "/seeded/" + GetParam().Dir + "/";
    return module({Dir + Name + ".c", Dir + "scenario.c"});
  }
};

TEST_P(SeededMistake, OriginalIsClean) {
  ModuleImage *O = variant("original");
  ASSERT_TRUE(O);
  ExploreResult R = test::explore(*O, "main");
  EXPECT_EQ(R.Done, Completeness::Exhaustive);
  EXPECT_TRUE(R.Violations.empty()) << dump(R);
}

TEST_P(SeededMistake, CorrectConversionIsAcceptable) {
  ModuleImage *O = variant("original"), *G = variant("good");
  ASSERT_TRUE(O && G);
  ScenarioComparison C = compareConversion(*O, *G, "main", {}, BenignCatalogue::shipped());
  EXPECT_TRUE(C.acceptable()) << dump(C);
}

TEST_P(SeededMistake, WrongConversionIsCaughtAndReplays) {
  ModuleImage *O = variant("original"), *W = variant("wrong");
  ASSERT_TRUE(O && W);
  const Property P = GetParam().Expected;
  ScenarioComparison C = compareConversion(*O, *W, "main", {}, BenignCatalogue::shipped());
  EXPECT_FALSE(C.acceptable()) << dump(C);
  EXPECT_EQ(C.property(P).Verdict, PropertyVerdict::Worse) << dump(C);
  const Violation *V = C.Converted.find(P);
  ASSERT_TRUE(V) << dump(C);
  EXPECT_TRUE(V->Replayed) << V->Token;

  // The token alone reproduces the execution, twice the same way.
  ReplayResult A = replay(*W, "main", V->Token, {}), B = replay(*W, "main", V->Token, {});
  ASSERT_TRUE(A.ok()) << A.Error;
  EXPECT_EQ(formatTrace(A.Trace), formatTrace(B.Trace));
  bool Same = false;
  for (const ViolationRecord &X : A.Violations)
    Same |= X.Id == P && X.Message == V->Message;
  EXPECT_TRUE(Same) << formatTrace(A.Trace);
  EXPECT_NE(formatTrace(A.Trace).find(std::string("VIOLATION ") + propertyInfo(P).Name), std::string::npos);
}

INSTANTIATE_TEST_SUITE_P(Seeded, SeededMistake,
                         ::testing::Values(SeededCase{"both-bh-queues", Property::ConcurrentRun},
                                           SeededCase{"enable-work-lost", Property::LostRun},
                                           SeededCase{"disable-sync-for-kill", Property::LostRun},
                                           SeededCase{"cancel-before-free", Property::UseAfterFree},
                                           SeededCase{"process-context-lock", Property::Deadlock}),
                         [](const ::testing::TestParamInfo<SeededCase> &I) {
                           std::string N = I.param.Dir;
                           for (char &Ch : N)
                             if (Ch == '-')
                               Ch = '_';
                           return N;
                         });

// The corpus' own conversion with its cancel_work_sync() weakened to
// cancel_work(): remove returns while the bottom half may still run, and
// devres frees the device's memory under it.
TEST(SeededCorpusMistake, CancelWorkBeforeDevresFreeIsAUseAfterFree) {
  std::vector<std::string> Converted = convertedCorpusSources("setup-basic");
  ASSERT_EQ(Converted.size(), 1u);
  std::ifstream In(Converted[0]);
  std::string Text((std::istreambuf_iterator<char>(In)), std::istreambuf_iterator<char>());
  size_t At = Text.find("cancel_work_sync(");
  ASSERT_NE(At, std::string::npos);
  Text.replace(At, std::string("cancel_work_sync(").size(), "cancel_work(");
  std::string Dir = workDir() + "/mutated-" + std::to_string(getpid());
  std::filesystem::create_directories(Dir);
  std::string Mutated = Dir + "/acme_uart_cancel_work.c";
  std::ofstream(Mutated) << Text;

  std::string Scenario = runtimeDir() + "/scenarios/setup-basic.c";
  ModuleImage *O = module({corpusDir() + "/setup-basic/acme_uart.c", Scenario});
  ModuleImage *W = module({Mutated, Scenario});
  ASSERT_TRUE(O && W);
  ScenarioComparison C = compareConversion(*O, *W, "main", {}, BenignCatalogue::shipped());
  EXPECT_EQ(C.property(Property::UseAfterFree).Verdict, PropertyVerdict::Worse) << dump(C);
  const Violation *V = C.Converted.find(Property::UseAfterFree);
  ASSERT_TRUE(V);
  EXPECT_TRUE(V->Replayed);
  EXPECT_NE(V->Message.find("acme_uart_rx_bh_work"), std::string::npos) << V->Message;
}

} // namespace
} // namespace detasklet::runtime::test
