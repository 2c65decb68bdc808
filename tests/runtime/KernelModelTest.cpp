// Locks and contexts, interrupts, timers, memory and per-CPU data; scenarios
// in units/kernel_model.c.
#include "ScenarioTestFixture.h"

namespace detasklet::runtime::test {
namespace {

class KernelModel : public ScenarioTest {
protected:
  KernelModel() : ScenarioTest("kernel_model.c") {}
};

TEST_F(KernelModel, PlainLockSharedWithSoftirqOnTheSameCpuDeadlocks) {
  ExploreResult R = run("plain_lock_shared_with_softirq");
  EXPECT_VIOLATIONS(R, "deadlock");
  EXPECT_NE(R.find(Property::Deadlock)->Message.find("cpu0 softirq waits in spin_lock"), std::string::npos)
      << dump(R);
}

TEST_F(KernelModel, BhLockKeepsTheSoftirqOut) {
  ExploreResult R = run("bh_lock_shared_with_softirq");
  EXPECT_VIOLATIONS(R);
  EXPECT_OUTCOMES(R, "runs=1");
}

TEST_F(KernelModel, PlainLockSharedWithHardirqDeadlocks) {
  EXPECT_VIOLATIONS(run("plain_lock_shared_with_hardirq"), "deadlock");
}

TEST_F(KernelModel, IrqsaveLockKeepsTheHandlerOut) {
  ExploreResult R = run("irqsave_lock_shared_with_hardirq");
  EXPECT_VIOLATIONS(R);
  EXPECT_OUTCOMES(R, "runs=1");
}

TEST_F(KernelModel, OppositeLockOrdersOnTwoCpusDeadlock) {
  ExploreResult R = run("abba");
  EXPECT_VIOLATIONS(R, "deadlock");
  EXPECT_NE(R.find(Property::Deadlock)->Message.find("no context can make progress"), std::string::npos);
  // Most orders do not deadlock: the explorer found the one that does.
  EXPECT_GT(R.Stats.Executions, R.ViolatingExecutions[Property::Deadlock]);
}

TEST_F(KernelModel, SleepingCallsInAtomicContext) {
  EXPECT_VIOLATIONS(run("msleep_under_spinlock"), "sleep-in-atomic");
  EXPECT_VIOLATIONS(run("mutex_in_softirq"), "sleep-in-atomic");
  EXPECT_VIOLATIONS(run("gfp_kernel_in_hardirq"), "sleep-in-atomic");
  ExploreResult Atomic = run("gfp_atomic_in_hardirq");
  EXPECT_VIOLATIONS(Atomic);
  EXPECT_OUTCOMES(Atomic, "allocated=1");
}

TEST_F(KernelModel, ContextQueries) {
  EXPECT_OUTCOMES(run("context_queries"), "task=--t bh_disabled=s-t hardirq=hi-");
}

TEST_F(KernelModel, DriverReadOfFreedMemory) {
  ExploreResult R = run("read_after_free");
  EXPECT_VIOLATIONS(R, "use-after-free");
  EXPECT_NE(R.find(Property::UseAfterFree)->Message.find("driver code in model_scenario__read_after_free"),
            std::string::npos)
      << dump(R);
  EXPECT_TRUE(R.Outcomes.empty()) << "the execution must stop before the read";
}

TEST_F(KernelModel, FreeErrors) {
  EXPECT_VIOLATIONS(run("double_free"), "double-free");
  EXPECT_VIOLATIONS(run("kfree_of_non_heap_pointer"), "api-misuse");
  EXPECT_VIOLATIONS(run("unlock_not_held"), "api-misuse");
}

TEST_F(KernelModel, InterruptOnADisabledLineWaitsForEnable) {
  EXPECT_OUTCOMES(run("disabled_line_holds_interrupt"), "disabled:0; enabled:1");
}

TEST_F(KernelModel, FreeIrqWaitsForARunningHandler) {
  EXPECT_OUTCOMES(run("free_irq_waits_for_handler"), "in_handler=0");
}

TEST_F(KernelModel, ThreadedHandlerRunsInATaskAndMaySleep) {
  ExploreResult R = run("threaded_irq");
  EXPECT_VIOLATIONS(R);
  EXPECT_OUTCOMES(R, "thread_task=1");
}

TEST_F(KernelModel, TimerRunsInSoftirqAndDelTimerSyncWaits) {
  ExploreResult R = run("timer_and_del_timer_sync");
  EXPECT_OUTCOMES(R, "runs=0 in_timer=0 softirq=1", "runs=1 in_timer=0 softirq=1");
  EXPECT_VIOLATIONS(R);
}

TEST_F(KernelModel, EachCpuHasItsOwnPerCpuCopy) {
  EXPECT_OUTCOMES(run("per_cpu_copies"), "cpu0=10 cpu1=20");
}

TEST_F(KernelModel, ADriverCrashEndsTheExecutionNotTheProcess) {
  ExploreResult R = run("null_dereference");
  EXPECT_VIOLATIONS(R, "crash");
  // The process goes on: a later exploration still works.
  EXPECT_OUTCOMES(run("per_cpu_copies"), "cpu0=10 cpu1=20");
}

} // namespace
} // namespace detasklet::runtime::test
