// The tasklet model against the semantics of kernel/softirq.c (6.12), one
// behaviour per test; scenarios in units/tasklet_semantics.c.
#include "ScenarioTestFixture.h"

namespace detasklet::runtime::test {
namespace {

class TaskletSemantics : public ScenarioTest {
protected:
  TaskletSemantics() : ScenarioTest("tasklet_semantics.c") {}
};

TEST_F(TaskletSemantics, ScheduledTwiceBeforeItRunsRunsOnce) {
  ExploreResult R = run("schedule_twice_runs_once");
  EXPECT_OUTCOMES(R, "runs=1");
  EXPECT_VIOLATIONS(R);
}

TEST_F(TaskletSemantics, SoftirqMayRunBetweenTwoSchedules) {
  ExploreResult R = run("schedule_twice_may_run_twice");
  EXPECT_OUTCOMES(R, "runs=1", "runs=2");
  EXPECT_VIOLATIONS(R);
}

TEST_F(TaskletSemantics, ScheduledFromItsOwnCallbackRunsAgain) {
  ExploreResult R = run("reschedule_from_callback_runs_again");
  EXPECT_OUTCOMES(R, "runs=2");
  EXPECT_VIOLATIONS(R);
}

TEST_F(TaskletSemantics, SerializedAcrossCpusAndNoScheduleLost) {
  ExploreResult R = run("two_cpus_serialized");
  EXPECT_OUTCOMES(R, "runs=1", "runs=2");
  EXPECT_VIOLATIONS(R);
  EXPECT_GT(R.Stats.Executions, 1u);
}

TEST_F(TaskletSemantics, HiListRunsBeforeTheNormalList) {
  ExploreResult R = run("hi_list_runs_first");
  EXPECT_OUTCOMES(R, "order=HN");
}

TEST_F(TaskletSemantics, DisabledTaskletStaysScheduledUntilEnabled) {
  ExploreResult R = run("disabled_kept_until_enable");
  EXPECT_OUTCOMES(R, "disabled:0; enabled:1");
  EXPECT_VIOLATIONS(R);
}

TEST_F(TaskletSemantics, DeclaredDisabledStartsWithCountOne) {
  ExploreResult R = run("declared_disabled_held");
  EXPECT_OUTCOMES(R, "disabled:0; enabled:1");
  EXPECT_VIOLATIONS(R);
}

TEST_F(TaskletSemantics, DisableWaitsForARunningCallback) {
  ExploreResult R = run("disable_waits_for_running_callback");
  EXPECT_OUTCOMES(R, "in_cb=0");
  EXPECT_VIOLATIONS(R);
}

TEST_F(TaskletSemantics, DisableNosyncDoesNotWait) {
  ExploreResult R = run("disable_nosync_does_not_wait");
  EXPECT_OUTCOMES(R, "in_cb=0", "in_cb=1");
}

TEST_F(TaskletSemantics, KillWaitsForThePendingRunThenForTheCallback) {
  ExploreResult R = run("kill_waits_for_pending_run");
  EXPECT_OUTCOMES(R, "runs=1 in_cb=0");
  EXPECT_VIOLATIONS(R);
}

TEST_F(TaskletSemantics, KillingADisabledScheduledTaskletHangs) {
  ExploreResult R = run("kill_disabled_scheduled_hangs");
  EXPECT_VIOLATIONS(R, "deadlock");
  const Violation *V = R.find(Property::Deadlock);
  ASSERT_TRUE(V);
  EXPECT_NE(V->Message.find("tasklet_kill"), std::string::npos) << V->Message;
  EXPECT_NE(V->Message.find("disabled"), std::string::npos) << V->Message;
}

TEST_F(TaskletSemantics, CallbackFreeingItsTaskletIsAUseAfterFreeByTheCore) {
  ExploreResult R = run("self_free_is_use_after_free");
  EXPECT_VIOLATIONS(R, "use-after-free");
  const Violation *V = R.find(Property::UseAfterFree);
  ASSERT_TRUE(V);
  EXPECT_NE(V->Message.find("the tasklet softirq"), std::string::npos) << V->Message;
  EXPECT_NE(V->Message.find("job_done"), std::string::npos) << V->Message;
}

TEST_F(TaskletSemantics, TrylockHeldByTheDriverHoldsOffTheSoftirq) {
  ExploreResult R = run("trylock_holds_off_the_softirq");
  EXPECT_OUTCOMES(R, "locked:got=1 runs=0; unlocked:runs=1");
}

TEST_F(TaskletSemantics, EnableWithoutDisableUnderflows) {
  ExploreResult R = run("enable_without_disable");
  EXPECT_VIOLATIONS(R, "enable-underflow");
}

TEST_F(TaskletSemantics, CallbackMayNotSleep) {
  ExploreResult R = run("sleep_in_callback");
  EXPECT_VIOLATIONS(R, "sleep-in-atomic");
}

TEST_F(TaskletSemantics, CountClearedBehindTheApiRunsWhileDisabled) {
  ExploreResult R = run("count_poked_to_zero");
  EXPECT_VIOLATIONS(R, "run-while-disabled");
}

TEST_F(TaskletSemantics, RunBitDroppedInTheCallbackAllowsAConcurrentRun) {
  ExploreResult R = run("run_bit_dropped_in_callback");
  EXPECT_VIOLATIONS(R, "concurrent-run");
}

TEST_F(TaskletSemantics, RunBitDroppedInTheCallbackLetsDisableReturnTooEarly) {
  ExploreResult R = run("disable_returns_while_running");
  EXPECT_TRUE(R.violated(Property::RunningAfterSync)) << dump(R);
}

TEST_F(TaskletSemantics, LegacyCallbackReceivesItsData) {
  ExploreResult R = run("legacy_callback_gets_data");
  EXPECT_OUTCOMES(R, "data=0x5eed");
}

TEST_F(TaskletSemantics, KillFromHardirqIsASleepInAtomicContext) {
  ExploreResult R = run("kill_in_hardirq");
  EXPECT_TRUE(R.violated(Property::SleepInAtomic)) << dump(R);
}

TEST_F(TaskletSemantics, CallbackRunsInSoftirqOnTheSchedulingCpu) {
  ExploreResult R = run("callback_runs_in_softirq_on_scheduling_cpu");
  EXPECT_OUTCOMES(R, "cpu=1 serving_softirq=1 interrupt=1 task=0");
}

} // namespace
} // namespace detasklet::runtime::test
