// preempt_count() and its friends, bottom-half and preemption control, the
// current CPU, and delays: what a context can ask about or do to itself.
#include "runtime/abi/model_abi.h"
#include "runtime/core/Machine.h"

using namespace detasklet::runtime;

namespace {
// The kernel's preempt_count() layout.
constexpr unsigned long SoftirqOffset = 0x100;
constexpr unsigned long SoftirqDisableOffset = 0x200;
constexpr unsigned long HardirqOffset = 0x10000;
constexpr unsigned long SoftirqMask = 0xff00;
constexpr unsigned long HardirqMask = 0xf0000;

unsigned long preemptCount(const Thread &T) {
  unsigned long C = (unsigned long)(T.PreemptDepth & 0xff);
  C += (unsigned long)T.BhDepth * SoftirqDisableOffset;
  if (T.Kind == ThreadKind::SoftIrq)
    C += SoftirqOffset;
  if (T.Kind == ThreadKind::HardIrq)
    C += HardirqOffset;
  return C;
}
} // namespace

extern "C" {
unsigned long mdl_context_query(mdl_context_kind Q) {
  unsigned long C = preemptCount(Machine::active().current());
  switch (Q) {
  case MDL_IN_INTERRUPT:
    return C & (HardirqMask | SoftirqMask);
  case MDL_IN_SOFTIRQ:
    return C & SoftirqMask;
  case MDL_IN_SERVING_SOFTIRQ:
    return C & SoftirqOffset;
  case MDL_IN_HARDIRQ:
    return C & HardirqMask;
  case MDL_IN_TASK:
    return !(C & (HardirqMask | SoftirqOffset));
  }
  return 0;
}

int mdl_current_cpu(void) { return int(Machine::active().current().Cpu); }

void mdl_preempt_disable(void) {
  Machine &M = Machine::active();
  M.point("preempt_disable");
  M.changePreempt(1);
}

void mdl_preempt_enable(void) {
  Machine &M = Machine::active();
  M.point("preempt_enable");
  M.changePreempt(-1);
}

void mdl_bh_disable(void) {
  Machine &M = Machine::active();
  M.point("local_bh_disable");
  M.changeBh(1);
}

// The kernel runs pending softirqs right here when the count drops to 0; the
// explorer may also start them later, which ksoftirqd does when the budget of
// __do_softirq() is spent. Both are kernel behaviours.
void mdl_bh_enable(void) {
  Machine &M = Machine::active();
  M.point("local_bh_enable");
  Thread &T = M.current();
  if (T.Kind == ThreadKind::HardIrq || T.IrqsOff)
    M.violation(Property::ApiMisuse,
                "local_bh_enable() on " + M.contextName(T) + " with interrupts disabled");
  M.changeBh(-1);
}

void mdl_delay(mdl_delay_kind Kind, const char *What) {
  Machine &M = Machine::active();
  if (Kind == MDL_DELAY_SLEEP)
    M.mightSleep(What);
  M.point(What);
}
}
