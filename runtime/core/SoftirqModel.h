// The softirq layer of one CPU: which softirqs are raised, whether any of them
// has something that can run, and the run itself (__do_softirq: HI_SOFTIRQ,
// then TIMER_SOFTIRQ, then TASKLET_SOFTIRQ, restarting while more was raised,
// ten rounds at most as in the kernel).
#ifndef DETASKLET_RUNTIME_CORE_SOFTIRQMODEL_H
#define DETASKLET_RUNTIME_CORE_SOFTIRQMODEL_H

#include "runtime/core/Footprint.h"

#include <vector>

namespace detasklet::runtime {

class Machine;

enum SoftirqNr : unsigned { HiSoftirq = 0, TimerSoftirq = 1, TaskletSoftirq = 6 };

class SoftirqModel {
public:
  explicit SoftirqModel(Machine &M) : M(M) {}
  void reset(unsigned Cpus);

  void raise(unsigned Cpu, SoftirqNr Nr);
  // Something raised on this CPU can make progress if a softirq starts now.
  bool progressable(unsigned Cpu, Footprint &Guard) const;
  void run(unsigned Cpu);

private:
  Machine &M;
  std::vector<unsigned> Raised; // per CPU, bit per SoftirqNr
};

} // namespace detasklet::runtime

#endif
