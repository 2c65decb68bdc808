// Timers (timer_list). Time is not simulated: an armed timer may expire at any
// point the explorer chooses, within a per-execution budget of expiries (a
// timer that re-arms itself would otherwise never let an execution end). Its
// callback runs from TIMER_SOFTIRQ on the CPU that armed it.
#ifndef DETASKLET_RUNTIME_CORE_TIMERMODEL_H
#define DETASKLET_RUNTIME_CORE_TIMERMODEL_H

#include "runtime/abi/model_abi.h"
#include "runtime/core/Footprint.h"

#include <deque>
#include <unordered_map>
#include <vector>

namespace detasklet::runtime {

class Machine;

class TimerModel {
public:
  explicit TimerModel(Machine &M) : M(M) {}
  void reset(unsigned Cpus, unsigned Budget);
  void setBudget(unsigned B) { Budget = B; }

  void init(mdl_timer *T, void *Fn, unsigned Flags);
  int modify(mdl_timer *T, unsigned long Expires);
  int remove(mdl_timer *T, bool Sync);

  bool fireable(unsigned Cpu, Footprint &Guard) const;
  void fire(unsigned Cpu);
  bool expiredReady(unsigned Cpu, Footprint &Guard) const;
  void runExpired(unsigned Cpu);
  bool running(const mdl_timer *T) const;
  unsigned runner(const mdl_timer *T) const;

private:
  struct State {
    bool Armed = false, Expired = false;
    unsigned Cpu = 0;
    unsigned ArmSeq = 0;
    int RunningThread = -1;
  };
  State &state(const mdl_timer *T);
  const State *find(const mdl_timer *T) const;
  Machine &M;
  std::unordered_map<const mdl_timer *, State> States;
  std::vector<std::deque<mdl_timer *>> Expired; // per CPU, in expiry order
  unsigned Budget = 0, NextSeq = 0;
};

} // namespace detasklet::runtime

#endif
