#include "runtime/core/Machine.h"

#include "runtime/abi/model_abi.h"
#include "runtime/core/CrashGuard.h"
#include "runtime/core/KernelGlobals.h"
#include "runtime/core/ModuleImage.h"

#include <algorithm>
#include <cstdarg>
#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace detasklet::runtime {

Machine &Machine::instance() {
  static Machine M;
  return M;
}

Machine &Machine::active() {
  Machine &M = instance();
  if (!M.Current) {
    std::fprintf(stderr, "detasklet runtime: a kernel API function was called outside a "
                         "simulated thread (from a constructor, or after an exploration)\n");
    std::abort();
  }
  return M;
}

// ---------------------------------------------------------------------------
// Executions

void Machine::beginExecution(const MachineConfig &C, ModuleImage &Mod, void *ScenarioFn) {
  Config = C;
  Module = &Mod;
  Threads.clear();
  Cpus.assign(Config.Cpus, CpuState{});
  for (unsigned I = 0; I < Config.Cpus; ++I)
    Cpus[I].Index = I;
  Current = nullptr;
  Recording = nullptr;
  Step = 0;
  LastThread = 0;
  Aborted = false;
  Violations.clear();
  Trace.clear();
  Observations.clear();
  Outcome.clear();

  Memory.reset();
  Runs.reset();
  Locks.reset();
  Tasklets.reset(Config.Cpus);
  Workqueues.reset(Config.Cpus);
  Softirqs.reset(Config.Cpus);
  Irqs.reset(Config.Cpus);
  Timers.reset(Config.Cpus, Config.TimerBudget);
  Drivers.reset();

  Module->restore();
  resetKernelGlobals(Config.Cpus);
  setupPerCpu();

  Thread &Main = newThread(ThreadKind::Task, 0, "scenario");
  Main.IsScenarioMain = true;
  Main.TaskFn = ScenarioFn;
}

void Machine::setupPerCpu() {
  auto [Begin, End] = Module->perCpuSection();
  size_t Size = size_t(End - Begin);
  PerCpuAreas.resize(Config.Cpus);
  // CPU 0 uses the section itself (offset 0); the others get copies of its
  // load-time contents, at stable addresses.
  for (unsigned Cpu = 1; Cpu < Config.Cpus; ++Cpu) {
    if (PerCpuAreas[Cpu].size() != Size)
      PerCpuAreas[Cpu].assign(Size, 0);
    if (Size)
      std::memcpy(PerCpuAreas[Cpu].data(), Begin, Size);
    setPerCpuOffset(Cpu, Size ? (unsigned long)(PerCpuAreas[Cpu].data() - Begin) : 0);
  }
}

Thread &Machine::newThread(ThreadKind Kind, unsigned Cpu, const std::string &Name) {
  auto T = std::make_unique<Thread>();
  T->Id = unsigned(Threads.size());
  T->Kind = Kind;
  T->Cpu = Cpu;
  T->Name = Name;
  Threads.push_back(std::move(T));
  Thread &Ref = *Threads.back();
  if (Ref.isTaskLevel())
    Cpus[Cpu].Tasks.push_back(&Ref);
  return Ref;
}

Thread &Machine::spawnTask(unsigned Cpu, void *Fn, void *Arg, const std::string &Name) {
  Thread &T = newThread(ThreadKind::Task, Cpu, Name);
  T.TaskFn = Fn;
  T.TaskArg = Arg;
  key(KeyKind::ThreadState, T.Id, true);
  return T;
}

// ---------------------------------------------------------------------------
// Enabled actors

bool Machine::guard(const Thread &T, Footprint *Fp) const {
  const Op &O = T.Next;
  Footprint Scratch;
  Footprint &G = Fp ? *Fp : Scratch;
  switch (O.Wait) {
  case WaitKind::None:
    return true;
  case WaitKind::SpinLock:
  case WaitKind::Mutex:
    G.read(O.Obj, 4);
    return Locks.isFree(O.Obj);
  case WaitKind::TaskletNotSched:
  case WaitKind::TaskletNotRun: {
    auto *Tl = static_cast<const mdl_tasklet *>(O.Obj);
    // A freed tasklet: let the waiter go on and touch it, which reports the use.
    if (Memory.freedOverlap(reinterpret_cast<uintptr_t>(Tl), sizeof(*Tl)))
      return true;
    G.read(&Tl->state, sizeof(Tl->state));
    int Bit = O.Wait == WaitKind::TaskletNotSched ? MDL_TASKLET_STATE_SCHED : MDL_TASKLET_STATE_RUN;
    return !TaskletModel::testBit(Tl, Bit);
  }
  case WaitKind::WorkIdle:
    G.readKey(KeyKind::Running, reinterpret_cast<uintptr_t>(O.Obj));
    return !Workqueues.executing(static_cast<const mdl_work *>(O.Obj));
  case WaitKind::WorkFlushed: {
    auto *W = static_cast<const mdl_work *>(O.Obj);
    G.readKey(KeyKind::Running, reinterpret_cast<uintptr_t>(W));
    const CallbackObject *CO = const_cast<RunTracker &>(Runs).find(W);
    if (CO && CO->Finishes >= O.Arg)
      return true;
    if (Memory.freedOverlap(reinterpret_cast<uintptr_t>(W), sizeof(*W)))
      return true;
    G.read(&W->data, sizeof(W->data));
    return !(W->data & (1L << MDL_WORK_PENDING_BIT)) && !Workqueues.executing(W);
  }
  case WaitKind::WorkqueueIdle:
    for (unsigned P = 0; P < Workqueues.poolCount(); ++P)
      G.readKey(KeyKind::Pool, P);
    return Workqueues.workqueueIdle(static_cast<const workqueue_struct *>(O.Obj));
  case WaitKind::IrqIdle: {
    G.readKey(KeyKind::IrqLine, O.Arg);
    const IrqLine *L = Irqs.line(unsigned(O.Arg));
    return !L || L->InProgress.empty();
  }
  case WaitKind::TimerIdle:
    G.readKey(KeyKind::Running, reinterpret_cast<uintptr_t>(O.Obj));
    return !Timers.running(static_cast<const mdl_timer *>(O.Obj));
  case WaitKind::ThreadDone: {
    G.readKey(KeyKind::ThreadState, O.Arg);
    return O.Arg < Threads.size() && Threads[O.Arg]->Finished;
  }
  case WaitKind::Settled:
    G.readEverything();
    return othersIdle(T);
  case WaitKind::Choice:
    return true;
  }
  return true;
}

bool Machine::sleepingBlocked(const Thread &T, Footprint *Fp) const {
  return T.Started && T.Next.Wait != WaitKind::None && T.Next.Sleeps && !T.inAtomic() &&
         !guard(T, Fp);
}

bool Machine::preemptible(const Thread &T) const {
  return T.PreemptDepth == 0 && T.BhDepth == 0 && !T.IrqsOff;
}

Thread *Machine::blockerOf(const Thread &T) const {
  const Op &O = T.Next;
  auto ById = [&](unsigned Id) -> Thread * { return Id < Threads.size() ? Threads[Id].get() : nullptr; };
  auto FirstOther = [&](const std::vector<unsigned> &Ids) -> Thread * {
    for (unsigned Id : Ids)
      if (Thread *B = ById(Id); B && !B->Finished)
        return B;
    return nullptr;
  };
  switch (O.Wait) {
  case WaitKind::SpinLock:
  case WaitKind::Mutex:
    return Locks.owner(O.Obj);
  case WaitKind::TaskletNotRun:
    if (const auto *R = Runs.runners(O.Obj))
      return FirstOther(*R);
    return nullptr;
  case WaitKind::WorkIdle:
  case WaitKind::WorkFlushed:
    return FirstOther(Workqueues.executors(static_cast<const mdl_work *>(O.Obj)));
  case WaitKind::TimerIdle: {
    unsigned R = Timers.runner(static_cast<const mdl_timer *>(O.Obj));
    return R == ~0u ? nullptr : ById(R);
  }
  case WaitKind::IrqIdle:
    if (const IrqLine *L = Irqs.line(unsigned(O.Arg)))
      return FirstOther(L->InProgress);
    return nullptr;
  case WaitKind::ThreadDone:
    return ById(unsigned(O.Arg));
  default:
    return nullptr;
  }
}

namespace {
int level(const Thread &T) {
  switch (T.Kind) {
  case ThreadKind::HardIrq:
    return 2;
  case ThreadKind::SoftIrq:
    return 1;
  default:
    return 0;
  }
}
} // namespace

// A waiter that keeps its CPU (an interrupt context, or a task that spins or
// cannot be preempted) waits forever for a thread that needs that CPU and sits
// below it. Found when the wait is first blocked, so the trace ends there.
void Machine::checkSelfDeadlock(const Thread &T) {
  if (!T.Started || T.Next.Wait == WaitKind::None || T.Next.Wait == WaitKind::Settled)
    return;
  Thread *B = blockerOf(T);
  if (!B || B->Finished)
    return;
  bool KeepsCpu = !T.isTaskLevel() || ((!T.Next.Sleeps || T.inAtomic()) && !preemptible(T));
  bool Stuck = B == &T;
  if (!Stuck && KeepsCpu && B->Cpu == T.Cpu) {
    if (level(*B) < level(T))
      Stuck = true;
    else if (level(*B) == 0 && level(T) == 0)
      Stuck = true;
    for (const Thread *I = T.Interrupted; I; I = I->Interrupted)
      if (I == B)
        Stuck = true;
  }
  if (!Stuck)
    return;
  std::string Msg = contextName(T) + " waits in " + T.Next.Label;
  if (T.Next.Obj)
    Msg += " for " + describe(T.Next.Obj);
  if (B == &T)
    Msg += ", which only it could release: it waits for itself";
  else
    Msg += ", which only " + contextName(*B) + " can release, and that context cannot run on cpu" +
           std::to_string(T.Cpu) + " until " + contextName(T) + " gives the CPU back";
  violation(Property::Deadlock, Msg);
}

bool Machine::othersIdle(const Thread &Waiter) const {
  for (const auto &T : Threads)
    if (T.get() != &Waiter && !T->Finished)
      return false;
  if (Irqs.anyDeliverable() || Workqueues.anyStartable())
    return false;
  for (unsigned C = 0; C < Config.Cpus; ++C) {
    Footprint Ignored;
    if (Softirqs.progressable(C, Ignored) || Timers.fireable(C, Ignored))
      return false;
  }
  return true;
}

void Machine::enabledOn(unsigned C, std::vector<EnabledActor> &Out, std::vector<EnabledActor> *Blocked) {
  CpuState &Cpu = Cpus[C];
  // Every actor of the CPU with what deciding about it read: the enabled ones
  // go to Out; the others, when asked for, to Blocked (DPOR needs to know what
  // keeps them waiting).
  auto Offer = [&](const Actor &A, bool On, Footprint G) {
    if (On)
      Out.push_back({A, std::move(G)});
    else if (Blocked) {
      G.normalize();
      Blocked->push_back({A, std::move(G)});
    }
  };
  auto OfferThread = [&](Thread &T, bool CpuLetsItRun, const Footprint &CpuGuard) {
    if (!CpuLetsItRun && !Blocked)
      return;
    Footprint G = CpuGuard;
    bool Ready = guard(T, &G);
    if (!Ready && CpuLetsItRun)
      checkSelfDeadlock(T);
    if (T.Started && T.Next.Wait == WaitKind::Choice) {
      // One actor per value: the explorer branches on them like on any other
      // choice, and the token records which one was taken.
      for (unsigned V = 0; V < T.Next.Arg; ++V)
        Offer(Actor::choice(T.Id, V), CpuLetsItRun && Ready, G);
      return;
    }
    Offer(Actor::thread(T.Id), CpuLetsItRun && Ready, std::move(G));
  };

  Footprint Frames;
  Frames.readKey(KeyKind::Frames, C);
  // Which task is current does not matter to the events of a CPU: tasks are
  // only ever switched while they could be preempted (no lock, nothing
  // disabled), so the CPU takes interrupts and softirqs the same either way.
  Footprint Base = Frames;
  Base.readKey(KeyKind::IrqsOn, C);
  Thread *T0 = Cpu.CurrentTask;
  Footprint Away; // what deciding that T0 has left the CPU looked at
  bool TasksMayRun = !Cpu.Hardirq && !Cpu.Softirq;
  bool T0Away = !T0 || T0->Finished || (TasksMayRun && sleepingBlocked(*T0, &Away));
  bool Switchable = TasksMayRun && (T0Away || preemptible(*T0));
  bool IrqsOn, BhOn;
  if (Cpu.Hardirq) {
    IrqsOn = BhOn = false;
  } else if (Cpu.Softirq) {
    IrqsOn = !Cpu.Softirq->IrqsOff;
    BhOn = false;
  } else {
    IrqsOn = T0Away || !T0->IrqsOff;
    BhOn = T0Away || T0->BhDepth == 0;
    Base.append(Away);
  }
  Footprint SwitchGuard = Away;
  SwitchGuard.append(Frames);
  SwitchGuard.readKey(KeyKind::Preempt, C);
  SwitchGuard.readKey(KeyKind::BhOn, C);
  SwitchGuard.readKey(KeyKind::IrqsOn, C);

  if (Cpu.Hardirq)
    OfferThread(*Cpu.Hardirq, true, Frames);
  if (Cpu.Softirq)
    OfferThread(*Cpu.Softirq, !Cpu.Hardirq, Frames);
  for (Thread *T : Cpu.Tasks) {
    if (T->Finished)
      continue;
    if (T == T0)
      OfferThread(*T, TasksMayRun, Frames);
    else
      OfferThread(*T, Switchable, SwitchGuard);
  }

  Footprint G = Base;
  bool Deliverable = Irqs.deliverable(C, G);
  Offer(Actor::event(ActorKind::IrqDelivery, C), IrqsOn && Deliverable, std::move(G));
  Footprint TG = Base;
  bool Fireable = Timers.fireable(C, TG);
  Offer(Actor::event(ActorKind::TimerFire, C), IrqsOn && Fireable, std::move(TG));
  Footprint SG = Base;
  SG.readKey(KeyKind::BhOn, C);
  bool Progress = Softirqs.progressable(C, SG);
  Offer(Actor::event(ActorKind::SoftirqEntry, C), IrqsOn && BhOn && Progress, std::move(SG));
  for (unsigned Slot : {unsigned(ProcNormal), unsigned(ProcHighpri)}) {
    Footprint WG = SwitchGuard;
    bool Startable = Workqueues.startable(C * SlotsPerCpu + Slot, WG) >= 0;
    Offer(Actor::event(ActorKind::WorkerStart, C, Slot), Switchable && Startable, std::move(WG));
  }
}

void Machine::enabled(std::vector<EnabledActor> &Out, std::vector<EnabledActor> *Blocked) {
  Out.clear();
  if (Blocked)
    Blocked->clear();
  for (unsigned C = 0; C < Config.Cpus && !Aborted; ++C)
    enabledOn(C, Out, Blocked);
  std::sort(Out.begin(), Out.end(),
            [](const EnabledActor &X, const EnabledActor &Y) { return X.A < Y.A; });
}

// ---------------------------------------------------------------------------
// Transitions

void Machine::execute(const Actor &A, const Footprint &Guard, Footprint &Out) {
  Out = Guard;
  Recording = &Out;
  ++Step;
  switch (A.Kind) {
  case ActorKind::Choice:
  case ActorKind::Thread: {
    Thread &T = *Threads[A.A];
    if (A.Kind == ActorKind::Choice) {
      // The values of one choice exclude each other: they are never independent.
      T.ChoiceValue = A.B;
      key(KeyKind::Choice, T.Id, true);
    }
    CpuState &C = Cpus[T.Cpu];
    if (T.isTaskLevel() && C.CurrentTask != &T) {
      // A switch happens only between tasks that could be preempted (no lock,
      // nothing disabled), so it changes nothing another actor's guard reads:
      // it has no footprint of its own (the guard read the preemption state).
      if (C.CurrentTask && !C.CurrentTask->Finished && tracing())
        traceEvent("cpu%u switches from %s to %s", T.Cpu, contextName(*C.CurrentTask).c_str(),
                   contextName(T).c_str());
      C.CurrentTask = &T;
    }
    runThread(T);
    break;
  }
  case ActorKind::IrqDelivery: {
    CpuState &C = Cpus[A.A];
    unsigned Irq = Irqs.takeDeliverable(A.A);
    Thread &T = newThread(ThreadKind::HardIrq, A.A, "hardirq " + std::to_string(Irq));
    T.IrqLine = Irq;
    T.IrqsOff = true;
    T.Interrupted = C.top();
    C.Hardirq = &T;
    key(KeyKind::Frames, A.A, true);
    if (tracing())
      traceEvent("cpu%u: interrupt %u arrives%s", A.A, Irq,
                 T.Interrupted ? (" (interrupting " + contextName(*T.Interrupted) + ")").c_str()
                               : "");
    runThread(T);
    break;
  }
  case ActorKind::SoftirqEntry: {
    CpuState &C = Cpus[A.A];
    Thread &T = newThread(ThreadKind::SoftIrq, A.A, "softirq");
    T.Interrupted = C.top();
    C.Softirq = &T;
    key(KeyKind::Frames, A.A, true);
    if (tracing())
      traceEvent("cpu%u: softirq processing starts%s", A.A,
                 T.Interrupted ? (" (interrupting " + contextName(*T.Interrupted) + ")").c_str()
                               : "");
    runThread(T);
    break;
  }
  case ActorKind::WorkerStart: {
    CpuState &C = Cpus[A.A];
    unsigned PoolIndex = A.A * SlotsPerCpu + A.B;
    Thread &T = newThread(ThreadKind::Worker, A.A, "kworker");
    Workqueues.claimForWorker(PoolIndex, T);
    T.Name = std::string("kworker:") + Workqueues.wqName(static_cast<workqueue_struct *>(T.WorkQueue));
    C.CurrentTask = &T;
    if (tracing())
      traceEvent("cpu%u: a kworker picks up %s", A.A, describe(T.WorkItem).c_str());
    runThread(T);
    break;
  }
  case ActorKind::TimerFire:
    Timers.fire(A.A);
    break;
  }
  Recording = nullptr;
  Out.normalize();
}

void Machine::threadEntry(void *Arg) {
  Thread &T = *static_cast<Thread *>(Arg);
  Machine &M = instance();
  switch (T.Kind) {
  case ThreadKind::Task:
    if (T.IsScenarioMain)
      abi_call_scenario(T.TaskFn);
    else if (T.IrqThreadFn)
      abi_call_irq_handler(T.IrqThreadFn, T.IrqLine, T.IrqDevId);
    else
      abi_call_task(T.TaskFn, T.TaskArg);
    break;
  case ThreadKind::Worker:
    M.Workqueues.runWorker(T);
    break;
  case ThreadKind::SoftIrq:
    M.Softirqs.run(T.Cpu);
    break;
  case ThreadKind::HardIrq:
    M.Irqs.runHandlers(T);
    break;
  }
  // What the kernel warns about when a context ends.
  if (!T.HeldLocks.empty())
    M.violation(Property::ApiMisuse, M.contextName(T) + " ends holding " + M.describe(T.HeldLocks.back()));
  else if (T.Kind != ThreadKind::HardIrq && (T.PreemptDepth || T.BhDepth || T.IrqsOff))
    M.violation(Property::ApiMisuse,
                M.contextName(T) + " ends with preemption, bottom halves or interrupts still disabled");
  T.Finished = true;
  T.F.suspend();
  std::abort(); // a finished fiber is never resumed
}

void Machine::runThread(Thread &T) {
  Current = &T;
  LastThread = T.Id;
  if (!T.Started) {
    T.Started = true;
    T.F.prepare(Stacks.stackFor(T.Id), threadEntry, &T);
  }
  // No signal mask saved (it would cost a system call per step): the fault
  // handler runs with SA_NODEFER, so the mask is unchanged when it jumps here.
  if (sigsetjmp(CrashJump, 0) == 0) {
    InResume = true;
    T.F.resume();
    InResume = false;
  } else {
    InResume = false;
    Current = nullptr;
    CrashGuard::Info C = CrashGuard::last();
    char Buf[64];
    std::snprintf(Buf, sizeof(Buf), "%p", C.Address);
    std::string Msg = contextName(T) + " crashes: " + strsignal(C.Signal) + " at address " + Buf;
    Violations.push_back({Property::Crash, Msg, Step});
    if (tracing())
      Trace.push_back({Step, contextName(T), "VIOLATION crash: " + Msg});
    Aborted = true;
  }
  Current = nullptr;
  if (T.Finished)
    threadFinished(T);
}

void Machine::threadFinished(Thread &T) {
  CpuState &C = Cpus[T.Cpu];
  if (C.Hardirq == &T)
    C.Hardirq = nullptr;
  if (C.Softirq == &T)
    C.Softirq = nullptr;
  if (C.CurrentTask == &T)
    C.CurrentTask = nullptr;
  if (Recording) {
    if (!T.isTaskLevel())
      key(KeyKind::Frames, T.Cpu, true);
    key(KeyKind::ThreadState, T.Id, true);
  }
}

void Machine::point(const Op &O) {
  Thread &T = current();
  T.Next = O;
  T.F.suspend();
}

void Machine::wait(const char *Label, WaitKind W, bool Sleeps, const void *Obj, uint64_t Arg) {
  point(Op{Label, W, Sleeps, Obj, Arg});
}

unsigned Machine::choose(unsigned N) {
  if (N <= 1)
    return 0;
  if (N > MaxChoices) {
    // Beyond what a replay token records; no scenario needs that many branches.
    violation(Property::ApiMisuse, "model_choose(" + std::to_string(N) + "): at most " +
                                       std::to_string(MaxChoices) + " choices");
    N = MaxChoices;
  }
  point(Op{"model_choose", WaitKind::Choice, false, nullptr, N});
  unsigned V = current().ChoiceValue;
  MTRACE(*this, "model_choose(%u) = %u", N, V);
  return V;
}

void Machine::abortExecution() {
  Aborted = true;
  Thread &T = current();
  T.F.suspend();
  std::abort(); // an aborted execution is never resumed
}

void Machine::finishExecution() {
  std::vector<const Thread *> Stuck;
  for (const auto &T : Threads)
    if (!T->Finished)
      Stuck.push_back(T.get());
  if (!Stuck.empty()) {
    std::string Msg = "no context can make progress:";
    for (const Thread *T : Stuck) {
      Msg += "\n    " + contextName(*T) + (T->Started ? std::string(" waits in ") + T->Next.Label
                                                      : std::string(" never got to run"));
      if (T->Started && T->Next.Obj)
        Msg += " for " + describe(T->Next.Obj);
      if (T->Next.Wait == WaitKind::TaskletNotSched) {
        auto *Tl = static_cast<const mdl_tasklet *>(T->Next.Obj);
        if (!Memory.freedOverlap(reinterpret_cast<uintptr_t>(Tl), sizeof(*Tl)) && Tl->count > 0)
          Msg += " (it is scheduled but disabled, count " + std::to_string(Tl->count) +
                 ": its run never comes)";
      }
      if (Thread *B = blockerOf(*T); B && B != T)
        Msg += " (held by " + contextName(*B) + ")";
    }
    violation(Property::Deadlock, Msg);
    return;
  }
  Runs.endOfExecution();
}

// ---------------------------------------------------------------------------
// Services

Thread &Machine::current() {
  if (!Current) {
    std::fprintf(stderr, "detasklet runtime: no current thread\n");
    std::abort();
  }
  return *Current;
}

void Machine::touch(const void *P, size_t N, bool Write, const char *What) {
  uintptr_t A = reinterpret_cast<uintptr_t>(P);
  if (HeapBlock *B = Memory.freedOverlap(A, N)) {
    std::string Msg;
    if (Current) {
      Msg = contextName(*Current);
      if (!Current->RunningCallbacks.empty()) {
        const void *Obj = Current->RunningCallbacks.back();
        const CallbackObject *O = Runs.find(Obj);
        Msg += " (in the callback of " + describeCallbackObject(Obj, O ? O->Callback : nullptr) + ")";
      }
      Msg += ": ";
    }
    Msg += std::string(What) + ", but " + describe(P, false) + " was freed by " + freeDescription(*B);
    violation(Property::UseAfterFree, Msg);
  }
  if (Recording) {
    if (Write)
      Recording->write(P, N);
    else
      Recording->read(P, N);
  }
}

void Machine::driverAccess(const void *P, size_t N, bool Write, const void *Pc) {
  if (!Current || !Recording)
    return;
  uintptr_t A = reinterpret_cast<uintptr_t>(P);
  if (HeapBlock *B = Memory.freedOverlap(A, N)) {
    std::string Msg = "driver code in " + symbolize(Pc) + " on " + contextName(*Current) +
                      (Write ? " writes " : " reads ") + std::to_string(N) + " bytes at " +
                      describe(P, false) + ", freed by " + freeDescription(*B);
    violation(Property::UseAfterFree, Msg);
  }
  if (Write)
    Recording->write(P, N);
  else
    Recording->read(P, N);
}

std::string Machine::freeDescription(const HeapBlock &B) const {
  std::string S = std::string(B.FreeApi ? B.FreeApi : "kfree") + "()";
  if (B.FreeSite)
    S += " in " + symbolize(B.FreeSite);
  if (const Thread *F = B.FreeThread < Threads.size() ? Threads[B.FreeThread].get() : nullptr)
    S += " on " + contextName(*F);
  return S + " at step " + std::to_string(B.FreeStep);
}

void Machine::key(KeyKind K, uint64_t I, bool Write) {
  if (!Recording)
    return;
  if (Write)
    Recording->writeKey(K, I);
  else
    Recording->readKey(K, I);
}

void Machine::violation(Property P, const std::string &Message) {
  Violations.push_back({P, Message, Step});
  if (tracing())
    Trace.push_back({Step, Current ? contextName(*Current) : std::string(),
                     std::string("VIOLATION ") + propertyInfo(P).Name + ": " + Message});
  if (!propertyInfo(P).Fatal)
    return;
  Aborted = true;
  if (Current)
    abortExecution();
}

void Machine::addOutcome(const std::string &S) {
  if (!Outcome.empty())
    Outcome += "; ";
  Outcome += S;
}

namespace {
std::string vformat(const char *Fmt, va_list Ap) {
  char Buf[512];
  va_list Copy;
  va_copy(Copy, Ap);
  int N = std::vsnprintf(Buf, sizeof(Buf), Fmt, Copy);
  va_end(Copy);
  if (N < 0)
    return Fmt;
  if (size_t(N) < sizeof(Buf))
    return std::string(Buf, size_t(N));
  std::string S(size_t(N) + 1, '\0');
  std::vsnprintf(S.data(), S.size(), Fmt, Ap);
  S.resize(size_t(N));
  return S;
}
} // namespace

void Machine::trace(const char *Fmt, ...) {
  if (!Config.Trace)
    return;
  va_list Ap;
  va_start(Ap, Fmt);
  std::string Text = vformat(Fmt, Ap);
  va_end(Ap);
  Trace.push_back({Step, Current ? contextName(*Current) : std::string(), std::move(Text)});
}

void Machine::traceEvent(const char *Fmt, ...) {
  if (!Config.Trace)
    return;
  va_list Ap;
  va_start(Ap, Fmt);
  std::string Text = vformat(Fmt, Ap);
  va_end(Ap);
  Trace.push_back({Step, std::string(), std::move(Text)});
}

void Machine::mightSleep(const char *Api) {
  Thread &T = current();
  if (!T.inAtomic())
    return;
  std::string Why;
  auto Add = [&](const std::string &S) { Why += (Why.empty() ? "" : ", ") + S; };
  if (T.Kind == ThreadKind::HardIrq)
    Add("in a hardirq handler");
  if (T.Kind == ThreadKind::SoftIrq)
    Add("in softirq context");
  if (!T.RunningCallbacks.empty())
    Add("inside the callback of " + describe(T.RunningCallbacks.back()));
  if (!T.HeldLocks.empty())
    Add("holding " + describe(T.HeldLocks.back()));
  if (T.BhDepth)
    Add("with bottom halves disabled");
  if (T.IrqsOff && T.Kind != ThreadKind::HardIrq)
    Add("with interrupts disabled");
  if (T.PreemptDepth && T.HeldLocks.empty())
    Add("with preemption disabled");
  violation(Property::SleepInAtomic, std::string(Api) + "() may sleep but " + contextName(T) +
                                         " calls it " + Why);
}

void Machine::changePreempt(int Delta) {
  Thread &T = current();
  T.PreemptDepth += Delta;
  key(KeyKind::Preempt, T.Cpu, true);
  if (T.PreemptDepth < 0) {
    T.PreemptDepth = 0;
    violation(Property::ApiMisuse, contextName(T) + ": preempt count underflow");
  }
}

void Machine::changeBh(int Delta) {
  Thread &T = current();
  T.BhDepth += Delta;
  key(KeyKind::BhOn, T.Cpu, true);
  key(KeyKind::Preempt, T.Cpu, true);
  if (T.BhDepth < 0) {
    T.BhDepth = 0;
    violation(Property::ApiMisuse, contextName(T) + ": local_bh_enable() without local_bh_disable()");
  }
}

void Machine::setIrqsOff(bool Off) {
  Thread &T = current();
  if (T.Kind == ThreadKind::HardIrq) {
    if (!Off)
      violation(Property::ApiMisuse, contextName(T) + " enables interrupts inside a hardirq handler");
    return;
  }
  T.IrqsOff = Off;
  key(KeyKind::IrqsOn, T.Cpu, true);
  key(KeyKind::Preempt, T.Cpu, true);
}

std::string Machine::contextName(const Thread &T) const {
  std::string S = "cpu" + std::to_string(T.Cpu) + " ";
  switch (T.Kind) {
  case ThreadKind::Task:
    return S + "task:" + T.Name;
  case ThreadKind::Worker:
    return S + T.Name;
  case ThreadKind::SoftIrq:
    return S + "softirq";
  case ThreadKind::HardIrq:
    return S + "hardirq:" + std::to_string(T.IrqLine);
  }
  return S;
}

namespace {
std::string hex(uintptr_t V) {
  char Buf[32];
  std::snprintf(Buf, sizeof(Buf), "0x%lx", (unsigned long)V);
  return Buf;
}
} // namespace

std::string Machine::describe(const void *P, bool MarkFreed) const {
  uintptr_t A = reinterpret_cast<uintptr_t>(P);
  if (!A)
    return "NULL";
  if (Memory.contains(A)) {
    if (const HeapBlock *B = Memory.find(A)) {
      std::string S = "heap#" + std::to_string(B->Serial);
      if (A != B->Begin)
        S += "+" + hex(A - B->Begin);
      return B->Freed && MarkFreed ? S + " (freed)" : S;
    }
  }
  if (Module) {
    auto [Begin, End] = Module->perCpuSection();
    for (unsigned C = 1; C < PerCpuAreas.size(); ++C) {
      const auto &Area = PerCpuAreas[C];
      if (!Area.empty() && A >= uintptr_t(Area.data()) && A < uintptr_t(Area.data() + Area.size())) {
        std::string S = Module->describeAddress(uintptr_t(Begin) + (A - uintptr_t(Area.data())));
        if (!S.empty())
          return S + "@cpu" + std::to_string(C);
      }
    }
    std::string S = Module->describeAddress(A);
    if (!S.empty())
      return uintptr_t(Begin) <= A && A < uintptr_t(End) ? S + "@cpu0" : S;
  }
  if (Drivers.isModelDevice(P))
    return "the platform device";
  return hex(A);
}

std::string Machine::symbolize(const void *Pc) const {
  if (Module) {
    std::string S = Module->functionAt(reinterpret_cast<uintptr_t>(Pc));
    if (!S.empty())
      return S;
  }
  return hex(reinterpret_cast<uintptr_t>(Pc));
}

std::string Machine::describeCallbackObject(const void *Obj, const void *Fn) const {
  std::string S = describe(Obj);
  if (Fn)
    S += " [" + symbolize(Fn) + "]";
  return S;
}

} // namespace detasklet::runtime
