#include "runtime/core/TaskletModel.h"

#include "runtime/core/Machine.h"

namespace detasklet::runtime {

namespace {
constexpr unsigned long Sched = 1ul << MDL_TASKLET_STATE_SCHED;
constexpr unsigned long Run = 1ul << MDL_TASKLET_STATE_RUN;
} // namespace

void TaskletModel::reset(unsigned Cpus) {
  for (auto &L : Lists)
    L.assign(Cpus, {});
}

// DECLARE_TASKLET_DISABLED() starts with count 1 and no call the model sees:
// the API's disable depth starts from what the structure says.
void TaskletModel::noteFirstSight(mdl_tasklet *T) {
  if (M.Runs.find(T))
    return;
  M.touch(T, sizeof(*T), false, "the tasklet API reads the tasklet");
  CallbackObject &O = M.Runs.object(T, CallbackKind::Tasklet);
  O.ApiDisableDepth = T->count > 0 ? T->count : 0;
  O.Callback = T->fn;
}

void TaskletModel::init(mdl_tasklet *T, bool UseCallback, void *Fn, unsigned long Data) {
  const char *Api = UseCallback ? "tasklet_setup" : "tasklet_init";
  M.point(Api, T);
  M.touch(T, sizeof(*T), true, Api);
  if (CallbackObject *O = M.Runs.find(T); O && (!O->Running.empty() || (T->state & Sched)))
    M.violation(Property::ApiMisuse, std::string(Api) + "(" + M.describe(T) +
                                         ") while the tasklet is scheduled or running");
  T->next = nullptr;
  T->state = 0;
  T->count = 0;
  T->use_callback = UseCallback;
  T->fn = Fn;
  T->data = Data;
  CallbackObject &O = M.Runs.object(T, CallbackKind::Tasklet);
  O.ApiDisableDepth = 0;
  O.Callback = Fn;
  MTRACE(M, "%s(%s)", Api, M.describeCallbackObject(T, Fn).c_str());
}

void TaskletModel::schedule(mdl_tasklet *T, bool Hi) {
  const char *Api = Hi ? "tasklet_hi_schedule" : "tasklet_schedule";
  M.point(Api, T);
  noteFirstSight(T);
  M.touch(&T->state, sizeof(T->state), true, Api);
  M.Runs.request(T, CallbackKind::Tasklet, Api, false);
  if (T->state & Sched) {
    MTRACE(M, "%s(%s): already scheduled", Api, M.describeCallbackObject(T, T->fn).c_str());
    return;
  }
  T->state |= Sched;
  unsigned Cpu = M.current().Cpu;
  M.touch(&T->next, sizeof(T->next), true, Api);
  T->next = nullptr;
  Lists[Hi][Cpu].push_back(T);
  M.Softirqs.raise(Cpu, Hi ? HiSoftirq : TaskletSoftirq);
  MTRACE(M, "%s(%s): on cpu%u's %s list", Api, M.describeCallbackObject(T, T->fn).c_str(), Cpu,
          Hi ? "HI" : "tasklet");
}

void TaskletModel::disable(mdl_tasklet *T, mdl_tasklet_disable_mode Mode) {
  const char *Api = Mode == MDL_DISABLE_NOSYNC  ? "tasklet_disable_nosync"
                    : Mode == MDL_DISABLE_SPIN ? "tasklet_disable_in_atomic"
                                               : "tasklet_disable";
  // tasklet_disable() waits with tasklet_unlock_wait(), which may sleep since 5.13.
  if (Mode == MDL_DISABLE_SLEEP)
    M.mightSleep(Api);
  M.point(Api, T);
  noteFirstSight(T);
  M.touch(&T->count, sizeof(T->count), true, Api);
  ++T->count;
  ++M.Runs.object(T, CallbackKind::Tasklet).ApiDisableDepth;
  MTRACE(M, "%s(%s): count %d", Api, M.describeCallbackObject(T, T->fn).c_str(), T->count);
  if (Mode == MDL_DISABLE_NOSYNC)
    return;
  M.wait(Api, WaitKind::TaskletNotRun, Mode == MDL_DISABLE_SLEEP, T);
  M.touch(&T->state, sizeof(T->state), false, Api);
  M.Runs.syncReturned(T, Api, false);
}

void TaskletModel::enable(mdl_tasklet *T) {
  M.point("tasklet_enable", T);
  noteFirstSight(T);
  M.touch(&T->count, sizeof(T->count), true, "tasklet_enable");
  if (T->count <= 0)
    M.violation(Property::EnableUnderflow,
                "tasklet_enable(" + M.describeCallbackObject(T, T->fn) + ") with count " +
                    std::to_string(T->count) + ": the count goes negative and the tasklet never runs again");
  --T->count;
  CallbackObject &O = M.Runs.object(T, CallbackKind::Tasklet);
  if (O.ApiDisableDepth > 0)
    --O.ApiDisableDepth;
  MTRACE(M, "tasklet_enable(%s): count %d", M.describeCallbackObject(T, T->fn).c_str(), T->count);
}

// kernel/softirq.c: wait for a pending run (setting SCHED ourselves once it is
// clear absorbs racing schedules), then for RUN to clear, then clear SCHED.
void TaskletModel::kill(mdl_tasklet *T) {
  M.mightSleep("tasklet_kill");
  M.point("tasklet_kill", T);
  noteFirstSight(T);
  if (!M.current().isTaskLevel())
    MTRACE(M, "Attempt to kill tasklet from interrupt");
  for (;;) {
    M.touch(&T->state, sizeof(T->state), true, "tasklet_kill");
    if (!(T->state & Sched)) {
      T->state |= Sched;
      break;
    }
    M.wait("tasklet_kill", WaitKind::TaskletNotSched, true, T);
  }
  M.wait("tasklet_kill", WaitKind::TaskletNotRun, true, T);
  M.touch(&T->state, sizeof(T->state), true, "tasklet_kill");
  if (!(T->state & Sched))
    M.violation(Property::ApiMisuse, "tasklet_kill(" + M.describe(T) + "): tasklet SCHED state not set");
  T->state &= ~Sched;
  M.Runs.syncReturned(T, "tasklet_kill", true);
  M.Runs.excuse(T, "tasklet_kill");
  MTRACE(M, "tasklet_kill(%s) returns", M.describeCallbackObject(T, T->fn).c_str());
}

bool TaskletModel::trylock(mdl_tasklet *T) {
  M.point("tasklet_trylock", T);
  noteFirstSight(T);
  M.touch(&T->state, sizeof(T->state), true, "tasklet_trylock");
  bool Got = !(T->state & Run);
  T->state |= Run;
  MTRACE(M, "tasklet_trylock(%s) = %d", M.describe(T).c_str(), Got);
  return Got;
}

void TaskletModel::unlock(mdl_tasklet *T) {
  M.point("tasklet_unlock", T);
  noteFirstSight(T);
  M.touch(&T->state, sizeof(T->state), true, "tasklet_unlock");
  T->state &= ~Run;
  MTRACE(M, "tasklet_unlock(%s)", M.describe(T).c_str());
}

void TaskletModel::unlockWait(mdl_tasklet *T, bool Spin) {
  const char *Api = Spin ? "tasklet_unlock_spin_wait" : "tasklet_unlock_wait";
  if (!Spin)
    M.mightSleep(Api);
  M.point(Api, T);
  noteFirstSight(T);
  M.wait(Api, WaitKind::TaskletNotRun, !Spin, T);
  M.touch(&T->state, sizeof(T->state), false, Api);
}

bool TaskletModel::listReady(unsigned Cpu, bool Hi, Footprint &Guard) const {
  Guard.readKey(KeyKind::Softirq, Cpu);
  for (const mdl_tasklet *T : Lists[Hi][Cpu]) {
    // A freed tasklet on a list: the softirq must run to report it.
    if (M.Memory.freedOverlap(reinterpret_cast<uintptr_t>(T), sizeof(*T)))
      return true;
    Guard.read(&T->state, sizeof(T->state));
    Guard.read(&T->count, sizeof(T->count));
    if (!(T->state & Run) && T->count == 0)
      return true;
  }
  return false;
}

// tasklet_action_common(): take the list; for each tasklet, take RUN; if it is
// enabled clear SCHED and call it; otherwise put it back and raise again.
void TaskletModel::runList(unsigned Cpu, bool Hi) {
  M.key(KeyKind::Softirq, Cpu, true);
  std::deque<mdl_tasklet *> List;
  List.swap(Lists[Hi][Cpu]);
  while (!List.empty()) {
    mdl_tasklet *T = List.front();
    List.pop_front();
    M.point("tasklet_action", T);
    M.touch(&T->state, sizeof(T->state), true, "the tasklet softirq takes RUN in t->state");
    if (!(T->state & Run)) {
      T->state |= Run;
      M.touch(&T->count, sizeof(T->count), false, "the tasklet softirq reads t->count");
      if (T->count == 0) {
        if (!(T->state & Sched))
          M.violation(Property::ApiMisuse, "tasklet SCHED state not set: " + M.describe(T));
        T->state &= ~Sched;
        size_t CallbackFields = size_t(reinterpret_cast<char *>(&T->data + 1) -
                                       reinterpret_cast<char *>(&T->use_callback));
        M.touch(&T->use_callback, CallbackFields, false, "the tasklet softirq reads the callback");
        void *Fn = T->fn;
        bool UseCallback = T->use_callback;
        unsigned long Data = T->data;
        M.Runs.callbackStart(T, CallbackKind::Tasklet, Fn, false);
        M.point("tasklet callback entry", T);
        abi_call_tasklet(Fn, UseCallback, T, Data);
        M.point("tasklet callback returned", T);
        M.Runs.callbackFinish(T);
        // trace_tasklet_exit(t, t->callback) and tasklet_unlock(t): the core
        // uses the tasklet after its callback, so the callback may not free it.
        M.touch(&T->fn, sizeof(T->fn), false,
                "the tasklet softirq reads t->callback (trace_tasklet_exit) after the callback returned");
        M.touch(&T->state, sizeof(T->state), true,
                "the tasklet softirq clears RUN in t->state (tasklet_unlock) after the callback returned");
        T->state &= ~Run;
        continue;
      }
      T->state &= ~Run;
    }
    M.touch(&T->next, sizeof(T->next), true, "the tasklet softirq requeues the tasklet");
    T->next = nullptr;
    Lists[Hi][Cpu].push_back(T);
    M.key(KeyKind::Softirq, Cpu, true);
    M.Softirqs.raise(Cpu, Hi ? HiSoftirq : TaskletSoftirq);
  }
}

} // namespace detasklet::runtime

using detasklet::runtime::Machine;

extern "C" {
void mdl_tasklet_init(mdl_tasklet *T, int UseCallback, void *Fn, unsigned long Data) {
  Machine::active().Tasklets.init(T, UseCallback, Fn, Data);
}
void mdl_tasklet_schedule(mdl_tasklet *T, int Hi) { Machine::active().Tasklets.schedule(T, Hi); }
void mdl_tasklet_disable(mdl_tasklet *T, mdl_tasklet_disable_mode Mode) {
  Machine::active().Tasklets.disable(T, Mode);
}
void mdl_tasklet_enable(mdl_tasklet *T) { Machine::active().Tasklets.enable(T); }
void mdl_tasklet_kill(mdl_tasklet *T) { Machine::active().Tasklets.kill(T); }
int mdl_tasklet_trylock(mdl_tasklet *T) { return Machine::active().Tasklets.trylock(T); }
void mdl_tasklet_unlock(mdl_tasklet *T) { Machine::active().Tasklets.unlock(T); }
void mdl_tasklet_unlock_wait(mdl_tasklet *T, int Spin) { Machine::active().Tasklets.unlockWait(T, Spin); }
}
