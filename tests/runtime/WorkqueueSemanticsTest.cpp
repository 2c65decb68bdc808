// The workqueue model against the semantics of kernel/workqueue.c (6.12) as
// drivers see them; scenarios in units/workqueue_semantics.c.
#include "ScenarioTestFixture.h"

namespace detasklet::runtime::test {
namespace {

class WorkqueueSemantics : public ScenarioTest {
protected:
  WorkqueueSemantics() : ScenarioTest("workqueue_semantics.c") {}
};

TEST_F(WorkqueueSemantics, PendingBitIsVisibleAndMakesASecondQueueANoOp) {
  ExploreResult R = run("pending_bit");
  EXPECT_OUTCOMES(R, "first=1 pending=1 second=0 runs=1 after=0");
  EXPECT_VIOLATIONS(R);
}

TEST_F(WorkqueueSemantics, BhItemRunsInSoftirqOnTheQueueingCpu) {
  ExploreResult R = run("bh_runs_in_softirq_on_queueing_cpu");
  EXPECT_OUTCOMES(R, "cpu=1 serving_softirq=1 task=0 pending_inside=0 current=1");
}

TEST_F(WorkqueueSemantics, SystemWqRunsInProcessContext) {
  ExploreResult R = run("system_wq_runs_in_process_context");
  EXPECT_OUTCOMES(R, "cpu=0 serving_softirq=0 task=1");
  EXPECT_TRUE(R.Observations.count("run-in-process-context"));
}

TEST_F(WorkqueueSemantics, CancelSyncAbsorbsARequeueRacingWithIt) {
  ExploreResult R = run("cancel_absorbs_requeue");
  EXPECT_OUTCOMES(R, "pending=0");
  EXPECT_VIOLATIONS(R);
}

TEST_F(WorkqueueSemantics, BhPoolRunsItemsInQueueingOrder) {
  ExploreResult R = run("bh_pool_is_fifo");
  EXPECT_OUTCOMES(R, "order=bca");
}

TEST_F(WorkqueueSemantics, OneWorkqueueIsNonReentrant) {
  ExploreResult R = run("one_workqueue_is_non_reentrant");
  EXPECT_OUTCOMES(R, "runs=1", "runs=2");
  EXPECT_VIOLATIONS(R);
}

TEST_F(WorkqueueSemantics, TwoBhWorkqueuesRunTheSameItemConcurrently) {
  ExploreResult R = run("two_workqueues_run_concurrently");
  EXPECT_VIOLATIONS(R, "concurrent-run");
}

TEST_F(WorkqueueSemantics, QueueWhileDisabledIsDroppedAndLost) {
  ExploreResult R = run("queue_while_disabled_is_dropped");
  EXPECT_OUTCOMES(R, "queued=0 runs=0");
  EXPECT_VIOLATIONS(R, "lost-run");
}

TEST_F(WorkqueueSemantics, EnableAndQueueAddsARunNoScheduleAskedFor) {
  ExploreResult R = run("enable_and_queue_adds_a_run");
  EXPECT_OUTCOMES(R, "runs=1");
  EXPECT_TRUE(R.Observations.count("extra-run-after-enable")) << dump(R);
}

TEST_F(WorkqueueSemantics, EnableAndQueueRestoresADroppedRun) {
  ExploreResult R = run("enable_and_queue_restores_a_dropped_run");
  EXPECT_OUTCOMES(R, "runs=1");
  EXPECT_VIOLATIONS(R);
  EXPECT_FALSE(R.Observations.count("extra-run-after-enable")) << dump(R);
}

TEST_F(WorkqueueSemantics, DisableDepthNests) {
  ExploreResult R = run("disable_depth_nests");
  EXPECT_OUTCOMES(R, "inner=0 q1=0 outer=1 q2=1 runs=1");
  EXPECT_VIOLATIONS(R);
}

TEST_F(WorkqueueSemantics, EnableWithoutDisableUnderflows) {
  ExploreResult R = run("enable_work_without_disable");
  EXPECT_VIOLATIONS(R, "enable-underflow");
}

TEST_F(WorkqueueSemantics, CancelSyncDropsAPendingRunWithoutALostRun) {
  ExploreResult R = run("cancel_sync_drops_a_pending_run");
  EXPECT_OUTCOMES(R, "was_pending=0 runs=1", "was_pending=1 runs=0");
  EXPECT_VIOLATIONS(R);
  EXPECT_TRUE(R.Observations.count("cancel-dropped-pending"));
}

TEST_F(WorkqueueSemantics, CancelSyncWaitsForTheRunningCallback) {
  ExploreResult R = run("cancel_sync_waits_for_running_callback");
  EXPECT_OUTCOMES(R, "in_cb=0");
}

TEST_F(WorkqueueSemantics, CancelWithoutSyncDoesNotWait) {
  ExploreResult R = run("cancel_does_not_wait");
  EXPECT_OUTCOMES(R, "in_cb=0", "in_cb=1");
}

TEST_F(WorkqueueSemantics, FlushWaitsForThePendingRun) {
  ExploreResult R = run("flush_waits_for_the_run");
  EXPECT_OUTCOMES(R, "runs=1 in_cb=0");
}

TEST_F(WorkqueueSemantics, AWorkItemMayFreeItself) {
  ExploreResult R = run("self_free_is_fine");
  EXPECT_VIOLATIONS(R);
}

TEST_F(WorkqueueSemantics, QueuedFromItsOwnCallbackRunsAgain) {
  ExploreResult R = run("requeue_from_callback_runs_again");
  EXPECT_OUTCOMES(R, "runs=2");
}

TEST_F(WorkqueueSemantics, CancelSyncFromItsOwnCallbackDeadlocks) {
  ExploreResult R = run("cancel_sync_from_own_callback");
  EXPECT_VIOLATIONS(R, "deadlock");
}

TEST_F(WorkqueueSemantics, DisableSyncOfABhItemIsAllowedInAtomicContext) {
  EXPECT_VIOLATIONS(run("disable_sync_of_bh_item_in_atomic"));
  EXPECT_VIOLATIONS(run("disable_sync_of_other_item_in_atomic"), "sleep-in-atomic");
}

} // namespace
} // namespace detasklet::runtime::test
