#include "runtime/core/SoftirqModel.h"

#include "runtime/core/Machine.h"

namespace detasklet::runtime {

namespace {
// __do_softirq() restarts at most MAX_SOFTIRQ_RESTART times, then leaves the
// rest to ksoftirqd (here: to a later softirq entry).
constexpr unsigned MaxRestarts = 10;
} // namespace

void SoftirqModel::reset(unsigned Cpus) { Raised.assign(Cpus, 0); }

void SoftirqModel::raise(unsigned Cpu, SoftirqNr Nr) {
  Raised[Cpu] |= 1u << Nr;
  M.key(KeyKind::Softirq, Cpu, true);
}

// Raised softirqs whose work is all blocked (a tasklet running elsewhere or
// disabled) would make the kernel spin in ksoftirqd; the model waits for them
// to become runnable instead, which keeps executions finite.
bool SoftirqModel::progressable(unsigned Cpu, Footprint &Guard) const {
  Guard.readKey(KeyKind::Softirq, Cpu);
  unsigned R = Raised[Cpu];
  if ((R & (1u << HiSoftirq)) &&
      (M.Workqueues.bhReady(Cpu, true, Guard) || M.Tasklets.listReady(Cpu, true, Guard)))
    return true;
  if ((R & (1u << TimerSoftirq)) && M.Timers.expiredReady(Cpu, Guard))
    return true;
  if ((R & (1u << TaskletSoftirq)) &&
      (M.Workqueues.bhReady(Cpu, false, Guard) || M.Tasklets.listReady(Cpu, false, Guard)))
    return true;
  return false;
}

// tasklet_hi_action() and tasklet_action() run the BH workqueue pool of their
// priority before the tasklet list (workqueue_softirq_action()).
void SoftirqModel::run(unsigned Cpu) {
  for (unsigned Round = 0; Round < MaxRestarts; ++Round) {
    Footprint Reads;
    bool More = progressable(Cpu, Reads);
    M.noteReads(Reads);
    if (!More)
      break;
    unsigned R = Raised[Cpu];
    Raised[Cpu] = 0;
    M.key(KeyKind::Softirq, Cpu, true);
    if (R & (1u << HiSoftirq)) {
      M.Workqueues.runBhPool(Cpu, true);
      M.Tasklets.runList(Cpu, true);
    }
    if (R & (1u << TimerSoftirq))
      M.Timers.runExpired(Cpu);
    if (R & (1u << TaskletSoftirq)) {
      M.Workqueues.runBhPool(Cpu, false);
      M.Tasklets.runList(Cpu, false);
    }
  }
}

} // namespace detasklet::runtime
