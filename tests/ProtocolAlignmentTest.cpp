// A conversion's protocol against the tasklet's: what it drops is named
// before exploring, its functions run where the original's do, and a
// declared-disabled state is counted once.
#include "verify/ProtocolAlignment.h"

#include <gtest/gtest.h>

namespace detasklet {
namespace {

ProtocolOp op(ProtocolOpKind K, unsigned Line, const std::string &Call = "", int Paired = -1) {
  ProtocolOp Op;
  Op.Kind = K;
  Op.Call = Call;
  Op.Paired = Paired;
  Op.At = SourcePos{"drv.c", Line, 2};
  return Op;
}

// The series adds one line before line 20 (an include, say): later lines move by one.
LineMap::Lines afterSeries(const std::string &, unsigned Line) {
  return {Line >= 20 ? Line + 1 : Line, 1};
}

ProtocolFunction function(const std::string &Name, ProtocolContext C, std::vector<ProtocolOp> Ops) {
  ProtocolFunction F;
  F.Key = "drv.c:" + Name;
  F.Name = Name;
  F.Context = C;
  F.Ops = std::move(Ops);
  return F;
}

ObjectProtocol tasklet() {
  ObjectProtocol P;
  P.Functions = {function("foo_cb", ProtocolContext::Callback, {op(ProtocolOpKind::ScheduleNormal, 12)}),
                 function("foo_irq", ProtocolContext::HardIrq, {op(ProtocolOpKind::ScheduleNormal, 30)}),
                 function("foo_probe", ProtocolContext::InitPath, {}),
                 function("foo_remove", ProtocolContext::Teardown, {op(ProtocolOpKind::Kill, 40)})};
  return P;
}

ObjectProtocol work(const char *RemoveCall, ProtocolOpKind RemoveKind) {
  ObjectProtocol P;
  P.WorkItem = true;
  P.Functions = {
      function("foo_cb_renamed", ProtocolContext::Callback,
               {op(ProtocolOpKind::ScheduleNormal, 12, "queue_work")}),
      function("foo_irq", ProtocolContext::HardIrq,
               {op(ProtocolOpKind::ScheduleNormal, 31, "queue_work")}),
      function("foo_probe", ProtocolContext::InitPath, {}),
      function("foo_remove", ProtocolContext::Process, {op(RemoveKind, 41, RemoveCall)})};
  return P;
}

TEST(ProtocolAlignment, AKillWrittenAsAnotherStopIsKeptAndItsFunctionStaysTeardown) {
  ObjectProtocol Flushed = work("flush_work", ProtocolOpKind::Flush);
  EXPECT_EQ(droppedOperations(tasklet(), Flushed, afterSeries), "");
  takeContexts(tasklet(), Flushed);
  EXPECT_EQ(Flushed.Functions[3].Context, ProtocolContext::Teardown);
  // The callback goes by its role: renamed, it is not given another context.
  EXPECT_EQ(Flushed.Functions[0].Context, ProtocolContext::Callback);
}

TEST(ProtocolAlignment, ADroppedOperationIsNamedWithItsPlace) {
  ObjectProtocol W = work("cancel_work_sync", ProtocolOpKind::Kill);
  W.Functions[3].Ops.clear();
  EXPECT_EQ(droppedOperations(tasklet(), W, afterSeries), "kill in foo_remove() (drv.c:40:2)");
  ObjectProtocol NoQueue = work("cancel_work_sync", ProtocolOpKind::Kill);
  NoQueue.Functions[1].Ops = {op(ProtocolOpKind::Kill, 31, "cancel_work")};
  EXPECT_EQ(droppedOperations(tasklet(), NoQueue, afterSeries), "schedule in foo_irq() (drv.c:30:2)");
  // Counterparts are found by place: the renamed callback's re-arm counts.
  ObjectProtocol Moved = work("cancel_work_sync", ProtocolOpKind::Kill);
  Moved.Functions[0].Ops[0].At.Line = 13;
  EXPECT_EQ(droppedOperations(tasklet(), Moved, afterSeries), "schedule in the callback (drv.c:12:2)");
  // Two operations merged into one on the converted side keep both places.
  ObjectProtocol Merged = work("cancel_work_sync", ProtocolOpKind::Kill);
  Merged.Functions[0].Ops[0].At.Line = 31;
  Merged.Functions[0].Ops[0].AlsoAt = {SourcePos{"drv.c", 12, 2}};
  EXPECT_EQ(droppedOperations(tasklet(), Merged, afterSeries), "");
}

TEST(ProtocolAlignment, AnInitDisableNotUndoneThereRendersTheDisabledState) {
  ObjectProtocol W = work("cancel_work_sync", ProtocolOpKind::Kill);
  EXPECT_FALSE(rendersDisabledState(W));
  W.Functions[2].Ops = {op(ProtocolOpKind::DisableNosync, 21, "disable_work")};
  EXPECT_TRUE(rendersDisabledState(W));
  // Undone in the same function: the state after init is enabled.
  W.Functions[2].Ops.push_back(op(ProtocolOpKind::Enable, 22, "enable_work", 0));
  EXPECT_FALSE(rendersDisabledState(W));
}

} // namespace
} // namespace detasklet
