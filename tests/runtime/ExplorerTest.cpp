// The explorer: it finds every outcome of small concurrent programs, sleep
// sets change how much it runs but not what it finds, the preemption bound
// cuts what needs more preemptions, and a violation's token replays it.
#include "ScenarioTestFixture.h"

#include "runtime/core/ReplayToken.h"

namespace detasklet::runtime::test {
namespace {

class Explorer : public ScenarioTest {
protected:
  Explorer() : ScenarioTest("litmus.c") {}
  static ExploreOptions plain() {
    ExploreOptions O;
    O.SleepSets = false;
    return O;
  }
  static ExploreOptions bound(unsigned K) {
    ExploreOptions O;
    O.PreemptionBound = K;
    return O;
  }
};

TEST_F(Explorer, FindsEveryOutcomeOfSmallPrograms) {
  EXPECT_OUTCOMES(run("lost_update"), "counter=1", "counter=2");
  EXPECT_OUTCOMES(run("lost_update3"), "counter=1", "counter=2", "counter=3");
  EXPECT_OUTCOMES(run("message_passing"), "flag=0 data=0", "flag=0 data=42", "flag=1 data=42");
  // Sequential consistency: both loads cannot miss both stores.
  EXPECT_OUTCOMES(run("store_buffering"), "r1=0 r2=1", "r1=1 r2=0", "r1=1 r2=1");
}

TEST_F(Explorer, SleepSetsFindTheSameOutcomesWithFewerExecutions) {
  for (const char *S : {"lost_update", "lost_update3", "message_passing", "store_buffering"}) {
    ExploreResult Reduced = run(S);
    ExploreResult Plain = run(S, plain());
    EXPECT_EQ(Reduced.Outcomes, Plain.Outcomes) << S;
    EXPECT_EQ(Plain.Stats.SleepBlocked, 0u) << S;
    EXPECT_EQ(Plain.Stats.SleepPruned, 0u) << S;
    EXPECT_LT(Reduced.Stats.Executions, Plain.Stats.Executions) << S;
  }
}

TEST_F(Explorer, DporFindsTheSameOutcomesWithoutMoreExecutions) {
  ExploreOptions Dpor;
  Dpor.Dpor = true;
  for (const char *S : {"lost_update", "lost_update3", "message_passing", "store_buffering"}) {
    ExploreResult Reduced = run(S), WithDpor = run(S, Dpor);
    EXPECT_EQ(WithDpor.Outcomes, Reduced.Outcomes) << S;
    EXPECT_LE(WithDpor.Stats.Executions + WithDpor.Stats.SleepBlocked,
              Reduced.Stats.Executions + Reduced.Stats.SleepBlocked)
        << S;
  }
}

TEST_F(Explorer, PreemptionBoundCutsWhatNeedsMorePreemptions) {
  ExploreResult Zero = run("lost_update", bound(0));
  EXPECT_OUTCOMES(Zero, "counter=2");
  EXPECT_EQ(Zero.completenessText(), "exhaustive up to 0 preemptions");
  EXPECT_GT(Zero.Stats.BoundPruned, 0u);
  EXPECT_OUTCOMES(run("lost_update", bound(1)), "counter=1", "counter=2");
  EXPECT_OUTCOMES(run("store_buffering", bound(0)), "r1=0 r2=1", "r1=1 r2=0");
  EXPECT_OUTCOMES(run("store_buffering", bound(1)), "r1=0 r2=1", "r1=1 r2=0", "r1=1 r2=1");
}

TEST_F(Explorer, MoreCpusKeepTheOutcomesOfTwoCpuPrograms) {
  ExploreOptions Three;
  Three.Cpus = 3;
  EXPECT_OUTCOMES(run("lost_update", Three), "counter=1", "counter=2");
  EXPECT_OUTCOMES(run("store_buffering", Three), "r1=0 r2=1", "r1=1 r2=0", "r1=1 r2=1");
}

TEST_F(Explorer, ChooseExploresEveryValueWithEveryReduction) {
  std::set<std::string> All = {"v=0 sum=1", "v=0 sum=10", "v=1 sum=1", "v=1 sum=10"};
  ExploreOptions Dpor;
  Dpor.Dpor = true;
  for (const ExploreOptions &O : {ExploreOptions(), plain(), bound(0), Dpor}) {
    ExploreResult R = run("choose", O);
    EXPECT_EQ(R.Outcomes, All) << dump(R);
  }
  ExploreResult One = run("choose_one");
  EXPECT_OUTCOMES(One, "v=0");
  EXPECT_EQ(One.Stats.Executions, 1u);
}

TEST_F(Explorer, ExecutionLimitMakesTheResultIncomplete) {
  ModuleImage *M = unitModule("litmus.c");
  ASSERT_TRUE(M);
  ExploreOptions O = plain();
  O.MaxExecutions = 3;
  ExploreResult R = test::explore(*M, "lost_update3", O);
  EXPECT_EQ(R.Done, Completeness::Incomplete);
  EXPECT_NE(R.completenessText().find("stopped after 3 executions"), std::string::npos) << R.completenessText();
}

TEST_F(Explorer, UnknownScenarioIsAnError) {
  ModuleImage *M = unitModule("litmus.c");
  ASSERT_TRUE(M);
  ExploreResult R = test::explore(*M, "no_such_scenario");
  EXPECT_NE(R.Error.find("no scenario 'no_such_scenario'"), std::string::npos) << R.Error;
}

TEST_F(Explorer, SameResultEveryTime) {
  ExploreResult A = run("lost_update3"), B = run("lost_update3");
  EXPECT_EQ(A.Stats.Executions, B.Stats.Executions);
  EXPECT_EQ(A.Stats.Transitions, B.Stats.Transitions);
  EXPECT_EQ(A.Stats.SleepBlocked, B.Stats.SleepBlocked);
  EXPECT_EQ(A.Outcomes, B.Outcomes);
}

class Replay : public ScenarioTest {
protected:
  Replay() : ScenarioTest("kernel_model.c") {}
};

TEST_F(Replay, AViolationReplaysToTheSameViolationAndTrace) {
  ExploreResult R = run("abba");
  const Violation *V = R.find(Property::Deadlock);
  ASSERT_TRUE(V) << dump(R);
  EXPECT_TRUE(V->Replayed);
  EXPECT_FALSE(V->Trace.empty());
  ModuleImage *M = unitModule("kernel_model.c");
  ReplayResult A = replay(*M, "abba", V->Token, {});
  ReplayResult B = replay(*M, "abba", V->Token, {});
  ASSERT_TRUE(A.ok()) << A.Error;
  EXPECT_EQ(formatTrace(A.Trace), formatTrace(B.Trace));
  EXPECT_EQ(formatTrace(A.Trace), formatTrace(V->Trace));
  ASSERT_EQ(A.Violations.size(), 1u);
  EXPECT_EQ(A.Violations[0].Message, V->Message);
  std::string Text = formatTrace(A.Trace);
  EXPECT_NE(Text.find("cpu1 task:task1"), std::string::npos) << Text;
  EXPECT_NE(Text.find("spin_lock(lock_b)"), std::string::npos) << Text;
}

TEST_F(Replay, TokenThatDoesNotFitIsRejected) {
  ModuleImage *M = unitModule("kernel_model.c");
  ASSERT_TRUE(M);
  ReplayResult Bad = replay(*M, "abba", "dtr1/c2/b2/i1,i1,i1", {});
  EXPECT_NE(Bad.Error.find("not possible"), std::string::npos) << Bad.Error;
  ReplayResult Garbage = replay(*M, "abba", "not a token", {});
  EXPECT_FALSE(Garbage.ok());
  // The deadlock needs choices: with none left the replay stops at the first one.
  ReplayResult Short = replay(*M, "abba", "dtr1/c2/b2/", {});
  EXPECT_NE(Short.Error.find("ends before the execution does"), std::string::npos) << Short.Error;
}

TEST_F(Replay, TraceOfAUseAfFreeNamesWhoFreedAndWhoUsed) {
  ExploreResult R = run("read_after_free");
  const Violation *V = R.find(Property::UseAfterFree);
  ASSERT_TRUE(V);
  std::string Text = formatTrace(V->Trace);
  EXPECT_NE(Text.find("kmalloc(4) = heap#1"), std::string::npos) << Text;
  EXPECT_NE(Text.find("kfree(heap#1)"), std::string::npos) << Text;
  EXPECT_NE(Text.find("VIOLATION use-after-free"), std::string::npos) << Text;
}

// Sleep sets against plain enumeration, and DPOR against sleep sets, on real
// drivers: the same violations and observations, fewer executions.
TEST(ExplorerOnDrivers, ReductionsKeepEveryFinding) {
  struct Case {
    std::vector<std::string> Files;
  };
  std::string Seeded = testDir() + "/seeded/";
  std::vector<Case> Cases = {
      {{corpusDir() + "/setup-basic/acme_uart.c", runtimeDir() + "/scenarios/setup-basic.c"}},
      {{corpusDir() + "/declare-global/beep_button.c", runtimeDir() + "/scenarios/declare-global.c"}},
      {{Seeded + "process-context-lock/wrong.c", Seeded + "process-context-lock/scenario.c"}},
      {{Seeded + "both-bh-queues/wrong.c", Seeded + "both-bh-queues/scenario.c"}},
  };
  for (const Case &C : Cases) {
    ModuleImage *M = module(C.Files);
    ASSERT_TRUE(M);
    ExploreOptions Plain;
    Plain.SleepSets = false;
    ExploreResult Reduced = test::explore(*M, "main"), Full = test::explore(*M, "main", Plain);
    EXPECT_EQ(Full.Done, Completeness::Exhaustive) << C.Files[0];
    EXPECT_EQ(propertyNames(Reduced), propertyNames(Full)) << C.Files[0];
    EXPECT_EQ(Reduced.Observations, Full.Observations) << C.Files[0];
    EXPECT_LT(Reduced.Stats.Executions * 4, Full.Stats.Executions) << C.Files[0];
    ExploreOptions Dpor;
    Dpor.Dpor = true;
    ExploreResult WithDpor = test::explore(*M, "main", Dpor);
    EXPECT_EQ(WithDpor.Done, Completeness::Exhaustive) << C.Files[0];
    EXPECT_EQ(propertyNames(WithDpor), propertyNames(Reduced)) << C.Files[0];
    EXPECT_EQ(WithDpor.Observations, Reduced.Observations) << C.Files[0];
    EXPECT_LE(WithDpor.Stats.Steps, Reduced.Stats.Steps) << C.Files[0];
  }
}

// The case that made the DPOR rule for waiting actors look at every writer
// of their condition: a softirq kept from running by a disabled tasklet.
TEST(ExplorerOnDrivers, DporSeesRacesWithActorsThatNeverRan) {
  ModuleImage *M = unitModule("tasklet_semantics.c");
  ASSERT_TRUE(M);
  ExploreOptions Dpor;
  Dpor.Dpor = true;
  ExploreResult R = test::explore(*M, "disable_nosync_does_not_wait", Dpor);
  EXPECT_EQ(R.Outcomes, (std::set<std::string>{"in_cb=0", "in_cb=1"})) << dump(R);
  ExploreResult V = test::explore(*M, "disable_returns_while_running", Dpor);
  EXPECT_TRUE(V.violated(Property::RunningAfterSync)) << dump(V);
}

} // namespace
} // namespace detasklet::runtime::test
