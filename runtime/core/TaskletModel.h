// Tasklets as kernel/softirq.c implements them in 6.12: SCHED and RUN bits in
// t->state, t->count as the disable depth, per-CPU normal and HI lists run by
// TASKLET_SOFTIRQ and HI_SOFTIRQ, and the core's accesses to the tasklet after
// its callback returned.
#ifndef DETASKLET_RUNTIME_CORE_TASKLETMODEL_H
#define DETASKLET_RUNTIME_CORE_TASKLETMODEL_H

#include "runtime/abi/model_abi.h"
#include "runtime/core/Footprint.h"

#include <deque>
#include <vector>

namespace detasklet::runtime {

class Machine;

class TaskletModel {
public:
  explicit TaskletModel(Machine &M) : M(M) {}
  void reset(unsigned Cpus);

  void init(mdl_tasklet *T, bool UseCallback, void *Fn, unsigned long Data);
  void schedule(mdl_tasklet *T, bool Hi);
  void disable(mdl_tasklet *T, mdl_tasklet_disable_mode Mode);
  void enable(mdl_tasklet *T);
  void kill(mdl_tasklet *T);
  bool trylock(mdl_tasklet *T);
  void unlock(mdl_tasklet *T);
  void unlockWait(mdl_tasklet *T, bool Spin);

  // Softirq side: is there a tasklet on this CPU's list that can run now?
  bool listReady(unsigned Cpu, bool Hi, Footprint &Guard) const;
  // Runs this CPU's list once, as tasklet_action_common() does.
  void runList(unsigned Cpu, bool Hi);

  // The state word without touching the model's footprint (guards record their own reads).
  static bool testBit(const mdl_tasklet *T, int Bit) { return T->state & (1UL << Bit); }

private:
  void noteFirstSight(mdl_tasklet *T);
  Machine &M;
  std::vector<std::deque<mdl_tasklet *>> Lists[2]; // [normal, hi][cpu]
};

} // namespace detasklet::runtime

#endif
