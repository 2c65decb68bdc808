// The simulated system of one execution: N CPUs, each with its current task
// and, above it, at most one softirq and one hardirq context; the threads; and
// the kernel subsystems the drivers call. The explorer drives it one
// transition at a time: it asks which actors are enabled, picks one, and the
// machine runs that actor up to its next scheduling point, recording the
// transition's footprint.
//
// There is one machine per process (the C entry points the drivers call have
// no other way to find it); an exploration owns it while it runs.
#ifndef DETASKLET_RUNTIME_CORE_MACHINE_H
#define DETASKLET_RUNTIME_CORE_MACHINE_H

#include "runtime/core/Actor.h"
#include "runtime/core/DriverModel.h"
#include "runtime/core/Fiber.h"
#include "runtime/core/Footprint.h"
#include "runtime/core/Heap.h"
#include "runtime/core/IrqModel.h"
#include "runtime/core/LockModel.h"
#include "runtime/core/MemoryModel.h"
#include "runtime/core/Property.h"
#include "runtime/core/RunTracker.h"
#include "runtime/core/SoftirqModel.h"
#include "runtime/core/TaskletModel.h"
#include "runtime/core/Thread.h"
#include "runtime/core/TimerModel.h"
#include "runtime/core/WorkqueueModel.h"

#include <csetjmp>
#include <memory>
#include <set>
#include <string>
#include <vector>

// Trace only when tracing: the arguments (object names) cost more than the step.
#define MTRACE(M, ...)                                                                             \
  do {                                                                                             \
    if ((M).tracing())                                                                             \
      (M).trace(__VA_ARGS__);                                                                      \
  } while (0)

namespace detasklet::runtime {

class ModuleImage;

constexpr unsigned MaxCpus = 8;

struct MachineConfig {
  unsigned Cpus = 2;
  unsigned TimerBudget = 2; // timer expiries per execution unless the scenario sets it
  bool Trace = false;
};

struct ViolationRecord {
  Property Id;
  std::string Message;
  unsigned Step = 0;
};

struct TraceLine {
  unsigned Step = 0;
  std::string Context;
  std::string Text;
};

struct EnabledActor {
  Actor A;
  Footprint Guard; // what deciding that A is enabled looked at
};

struct CpuState {
  unsigned Index = 0;
  Thread *CurrentTask = nullptr;
  Thread *Softirq = nullptr;
  Thread *Hardirq = nullptr;
  std::vector<Thread *> Tasks; // tasks and workers pinned to this CPU, by id

  Thread *top() const { return Hardirq ? Hardirq : Softirq ? Softirq : CurrentTask; }
};

class Machine {
public:
  static Machine &instance();
  // The running machine, or abort with a message when a driver calls the API
  // outside an exploration.
  static Machine &active();

  // ---- the explorer's side ----
  void beginExecution(const MachineConfig &Config, ModuleImage &Module, void *ScenarioFn);
  // Blocked, when given, receives the threads whose wait does not hold yet,
  // with what their condition reads (DPOR looks for what last wrote it).
  void enabled(std::vector<EnabledActor> &Out, std::vector<EnabledActor> *Blocked = nullptr);
  unsigned threadCount() const { return unsigned(Threads.size()); }
  void execute(const Actor &A, const Footprint &Guard, Footprint &Out);
  // Called when no actor is enabled: deadlock and lost-run checks.
  void finishExecution();
  bool aborted() const { return Aborted; }
  unsigned step() const { return Step; }
  unsigned lastThread() const { return LastThread; }
  const std::vector<ViolationRecord> &violations() const { return Violations; }
  const std::vector<TraceLine> &trace() const { return Trace; }
  const std::set<std::string> &observations() const { return Observations; }
  const std::string &outcome() const { return Outcome; }
  void traceEvent(const char *Fmt, ...) __attribute__((format(printf, 2, 3)));

  // ---- services for the models, from inside a thread ----
  Thread &current();
  Thread *currentOrNull() { return Current; }
  // A scheduling point: the thread stops here; the operation follows when the
  // explorer picks it again (for a wait: once its condition holds).
  void point(const Op &O);
  void point(const char *Label, const void *Obj = nullptr) { point(Op{Label, WaitKind::None, false, Obj, 0}); }
  void wait(const char *Label, WaitKind W, bool Sleeps, const void *Obj, uint64_t Arg = 0);
  // A nondeterministic value in [0, N): a point where the explorer branches
  // on the value (the scenario API's model_choose()).
  unsigned choose(unsigned N);
  static constexpr unsigned MaxChoices = 65535; // a choice is recorded in 16 bits

  // The model's own access to driver-visible memory: checked, and recorded.
  void touch(const void *P, size_t N, bool Write, const char *What);
  // The instrumented driver's accesses.
  void driverAccess(const void *P, size_t N, bool Write, const void *Pc);
  void key(KeyKind K, uint64_t I, bool Write);
  bool recording() const { return Recording != nullptr; }
  // Reads a guard made inside a thread (the softirq re-checking its lists) belong to the transition.
  void noteReads(const Footprint &F) {
    if (Recording)
      Recording->append(F);
  }

  void violation(Property P, const std::string &Message);
  void observe(const std::string &What) { Observations.insert(What); }
  void addOutcome(const std::string &S);
  bool tracing() const { return Config.Trace; }
  void trace(const char *Fmt, ...) __attribute__((format(printf, 2, 3)));
  // A call that may sleep: flag it when the current context is atomic.
  void mightSleep(const char *Api);
  std::string contextName(const Thread &T) const;
  std::string describe(const void *P, bool MarkFreed = true) const;
  std::string describeCallbackObject(const void *Obj, const void *Fn) const;
  std::string symbolize(const void *Pc) const;
  std::string freeDescription(const HeapBlock &B) const;

  // Context changes of the current thread (they change what else may run on its CPU).
  void changePreempt(int Delta);
  void changeBh(int Delta);
  void setIrqsOff(bool Off);

  // Threads.
  Thread &spawnTask(unsigned Cpu, void *Fn, void *Arg, const std::string &Name);
  Thread *thread(unsigned Id) { return Id < Threads.size() ? Threads[Id].get() : nullptr; }
  unsigned cpus() const { return Config.Cpus; }
  CpuState &cpu(unsigned I) { return Cpus[I]; }
  ModuleImage &module() { return *Module; }
  // The thread that must finish before T's wait can end, if one is known.
  Thread *blockerOf(const Thread &T) const;

  // The subsystems.
  Heap Memory;
  MemoryModel Allocator{*this};
  RunTracker Runs{*this};
  LockModel Locks{*this};
  TaskletModel Tasklets{*this};
  WorkqueueModel Workqueues{*this};
  SoftirqModel Softirqs{*this};
  IrqModel Irqs{*this};
  TimerModel Timers{*this};
  DriverModel Drivers{*this};

  // Crash recovery: a fault in driver code jumps back here.
  sigjmp_buf CrashJump;
  volatile bool InResume = false;

private:
  Machine() = default;
  friend struct MachineAccess;

  Thread &newThread(ThreadKind Kind, unsigned Cpu, const std::string &Name);
  static void threadEntry(void *Arg);
  void runThread(Thread &T);
  void threadFinished(Thread &T);
  [[noreturn]] void abortExecution();
  bool guard(const Thread &T, Footprint *Fp) const;
  bool sleepingBlocked(const Thread &T, Footprint *Fp) const;
  bool preemptible(const Thread &T) const;
  void checkSelfDeadlock(const Thread &T);
  bool othersIdle(const Thread &Waiter) const;
  void enabledOn(unsigned C, std::vector<EnabledActor> &Out, std::vector<EnabledActor> *Blocked);
  void setupPerCpu();

  MachineConfig Config;
  ModuleImage *Module = nullptr;
  std::vector<std::unique_ptr<Thread>> Threads;
  std::vector<CpuState> Cpus;
  FiberStackPool Stacks;
  Thread *Current = nullptr;
  Footprint *Recording = nullptr;
  unsigned Step = 0;
  unsigned LastThread = 0;
  bool Aborted = false;
  std::vector<ViolationRecord> Violations;
  std::vector<TraceLine> Trace;
  std::set<std::string> Observations;
  std::string Outcome;
  std::vector<std::vector<char>> PerCpuAreas;
};

} // namespace detasklet::runtime

#endif
