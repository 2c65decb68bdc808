#include "runtime/core/TimerModel.h"

#include "runtime/core/KernelGlobals.h"
#include "runtime/core/Machine.h"

#include <algorithm>

namespace detasklet::runtime {

void TimerModel::reset(unsigned Cpus, unsigned B) {
  States.clear();
  Expired.assign(Cpus, {});
  Budget = B;
  NextSeq = 0;
}

TimerModel::State &TimerModel::state(const mdl_timer *T) { return States[T]; }

const TimerModel::State *TimerModel::find(const mdl_timer *T) const {
  auto It = States.find(T);
  return It == States.end() ? nullptr : &It->second;
}

bool TimerModel::running(const mdl_timer *T) const {
  const State *S = find(T);
  return S && S->RunningThread >= 0;
}

unsigned TimerModel::runner(const mdl_timer *T) const {
  const State *S = find(T);
  return S && S->RunningThread >= 0 ? unsigned(S->RunningThread) : ~0u;
}

void TimerModel::init(mdl_timer *T, void *Fn, unsigned Flags) {
  M.point("timer_setup", T);
  M.touch(T, sizeof(*T), true, "timer_setup");
  T->entry_next = nullptr;
  T->entry_pprev = nullptr;
  T->function = Fn;
  T->flags = Flags;
  State &S = state(T);
  S.Armed = S.Expired = false;
  MTRACE(M, "timer_setup(%s)", M.describeCallbackObject(T, Fn).c_str());
}

int TimerModel::modify(mdl_timer *T, unsigned long Expires) {
  M.point("mod_timer", T);
  M.touch(T, sizeof(*T), true, "mod_timer");
  State &S = state(T);
  bool Was = S.Armed || S.Expired;
  if (S.Expired) {
    auto &E = Expired[S.Cpu];
    E.erase(std::find(E.begin(), E.end(), T));
  }
  M.key(KeyKind::TimerBase, S.Cpu, true);
  S.Armed = true;
  S.Expired = false;
  // A running timer stays on its base (the kernel does not migrate it).
  S.Cpu = S.RunningThread >= 0 ? M.thread(unsigned(S.RunningThread))->Cpu : M.current().Cpu;
  S.ArmSeq = NextSeq++;
  T->expires = Expires;
  T->entry_pprev = T; // timer_pending() looks at pprev
  M.key(KeyKind::TimerBase, S.Cpu, true);
  MTRACE(M, "mod_timer(%s) on cpu%u", M.describeCallbackObject(T, T->function).c_str(), S.Cpu);
  return Was;
}

int TimerModel::remove(mdl_timer *T, bool Sync) {
  const char *Api = Sync ? "del_timer_sync" : "del_timer";
  if (Sync && M.current().Kind == ThreadKind::HardIrq)
    M.violation(Property::ApiMisuse, std::string(Api) + " in hardirq context");
  M.point(Api, T);
  M.touch(T, sizeof(*T), true, Api);
  State &S = state(T);
  bool Was = S.Armed || S.Expired;
  if (S.Expired) {
    auto &E = Expired[S.Cpu];
    E.erase(std::find(E.begin(), E.end(), T));
  }
  S.Armed = S.Expired = false;
  T->entry_pprev = nullptr;
  M.key(KeyKind::TimerBase, S.Cpu, true);
  MTRACE(M, "%s(%s) = %d", Api, M.describe(T).c_str(), Was);
  if (Sync) {
    // timer_delete_sync() spins (cpu_relax) until the callback has returned.
    M.wait(Api, WaitKind::TimerIdle, false, T);
    M.Runs.syncReturned(T, Api, true);
  }
  return Was;
}

bool TimerModel::fireable(unsigned Cpu, Footprint &Guard) const {
  Guard.readKey(KeyKind::TimerBase, Cpu);
  if (Budget == 0)
    return false;
  for (const auto &[T, S] : States)
    if (S.Armed && S.Cpu == Cpu)
      return true;
  return false;
}

void TimerModel::fire(unsigned Cpu) {
  mdl_timer *Next = nullptr;
  unsigned Seq = ~0u;
  for (auto &[T, S] : States)
    if (S.Armed && S.Cpu == Cpu && S.ArmSeq < Seq) {
      Next = const_cast<mdl_timer *>(T);
      Seq = S.ArmSeq;
    }
  if (!Next)
    return;
  State &S = state(Next);
  S.Armed = false;
  S.Expired = true;
  Expired[Cpu].push_back(Next);
  --Budget;
  advanceJiffies();
  M.touch(const_cast<unsigned long *>(jiffiesAddress()), sizeof(unsigned long), true, "the tick");
  M.key(KeyKind::TimerBase, Cpu, true);
  M.Softirqs.raise(Cpu, TimerSoftirq);
  if (M.tracing())
    M.traceEvent("cpu%u: timer %s expires", Cpu, M.describeCallbackObject(Next, Next->function).c_str());
}

bool TimerModel::expiredReady(unsigned Cpu, Footprint &Guard) const {
  Guard.readKey(KeyKind::TimerBase, Cpu);
  return !Expired[Cpu].empty();
}

void TimerModel::runExpired(unsigned Cpu) {
  while (!Expired[Cpu].empty()) {
    mdl_timer *T = Expired[Cpu].front();
    M.point("timer softirq", T);
    M.key(KeyKind::TimerBase, Cpu, true);
    if (Expired[Cpu].empty() || Expired[Cpu].front() != T)
      continue;
    Expired[Cpu].pop_front();
    State &S = state(T);
    S.Expired = false;
    M.touch(T, sizeof(*T), true, "the timer softirq detaches the timer");
    T->entry_pprev = nullptr;
    void *Fn = T->function;
    S.RunningThread = int(M.current().Id);
    M.Runs.callbackStart(T, CallbackKind::Timer, Fn, false);
    M.point("timer callback entry", T);
    abi_call_timer(Fn, T);
    M.point("timer callback returned", T);
    M.Runs.callbackFinish(T);
    state(T).RunningThread = -1;
  }
}

} // namespace detasklet::runtime

using detasklet::runtime::Machine;

extern "C" {
void mdl_timer_init(mdl_timer *T, void *Fn, unsigned int Flags) { Machine::active().Timers.init(T, Fn, Flags); }
int mdl_mod_timer(mdl_timer *T, unsigned long Expires) { return Machine::active().Timers.modify(T, Expires); }
int mdl_del_timer(mdl_timer *T, int Sync) { return Machine::active().Timers.remove(T, Sync); }
}
