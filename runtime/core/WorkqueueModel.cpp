#include "runtime/core/WorkqueueModel.h"

#include "runtime/core/Machine.h"

#include <algorithm>

extern "C" {
workqueue_struct *system_wq;
workqueue_struct *system_percpu_wq;
workqueue_struct *system_highpri_wq;
workqueue_struct *system_long_wq;
workqueue_struct *system_unbound_wq;
workqueue_struct *system_freezable_wq;
workqueue_struct *system_bh_wq;
workqueue_struct *system_bh_highpri_wq;
}

namespace detasklet::runtime {

namespace {
// The shim's wq_flags.
constexpr unsigned WqBh = 1u << 0;
constexpr unsigned WqHighpri = 1u << 4;

// work->data: bit 0 is the kernel's PENDING bit (work_pending() reads it). The
// rest is the model's own encoding of what the kernel keeps there while the
// item is off queue: the disable depth, the last pool, and whether that pool
// was a BH pool (WORK_OFFQ_BH). INIT_WORK() writes 0, which resets all of it,
// as in the kernel.
constexpr long PendingMask = 1L << MDL_WORK_PENDING_BIT;
constexpr long OffqBh = 1L << 2;
constexpr unsigned DepthShift = 8;
constexpr long DepthMask = 0xffffL << DepthShift;
constexpr unsigned PoolShift = 24;
constexpr long PoolMask = 0xffL << PoolShift;
constexpr unsigned MaxDepth = 0xffff; // WORK_OFFQ_DISABLE_BITS is 16

// bh_worker() processes at most this many items before it yields the softirq.
constexpr unsigned BhWorkerBatch = 10;

// WORK_BUSY_* of work_busy().
constexpr unsigned WorkBusyPending = 1, WorkBusyRunning = 2;

struct SystemWorkqueues {
  workqueue_struct Normal{"system_wq", 0, false, false, false};
  workqueue_struct Percpu{"system_percpu_wq", 0, false, false, false};
  workqueue_struct Highpri{"system_highpri_wq", WqHighpri, false, true, false};
  workqueue_struct Long{"system_long_wq", 0, false, false, false};
  workqueue_struct Unbound{"system_unbound_wq", 2, false, false, false};
  workqueue_struct Freezable{"system_freezable_wq", 4, false, false, false};
  workqueue_struct Bh{"system_bh_wq", WqBh, true, false, false};
  workqueue_struct BhHighpri{"system_bh_highpri_wq", WqBh | WqHighpri, true, true, false};
};

SystemWorkqueues &systemWorkqueues() {
  static SystemWorkqueues S;
  return S;
}

unsigned slotFor(const workqueue_struct &Wq) {
  if (Wq.Bh)
    return Wq.Highpri ? BhHighpri : BhNormal;
  return Wq.Highpri ? ProcHighpri : ProcNormal;
}
} // namespace

void WorkqueueModel::reset(unsigned Cpus) {
  Pools.clear();
  for (unsigned C = 0; C < Cpus; ++C)
    for (unsigned S = 0; S < SlotsPerCpu; ++S) {
      Pool P;
      P.Index = C * SlotsPerCpu + S;
      P.Cpu = C;
      P.Bh = S == BhNormal || S == BhHighpri;
      P.Highpri = S == BhHighpri || S == ProcHighpri;
      Pools.push_back(std::move(P));
    }
  Allocated.clear();
  DroppedWhileDisabled.clear();
  SystemWorkqueues &S = systemWorkqueues();
  for (workqueue_struct *W : {&S.Normal, &S.Percpu, &S.Highpri, &S.Long, &S.Unbound, &S.Freezable,
                              &S.Bh, &S.BhHighpri})
    W->Destroyed = false;
  system_wq = &S.Normal;
  system_percpu_wq = &S.Percpu;
  system_highpri_wq = &S.Highpri;
  system_long_wq = &S.Long;
  system_unbound_wq = &S.Unbound;
  system_freezable_wq = &S.Freezable;
  system_bh_wq = &S.Bh;
  system_bh_highpri_wq = &S.BhHighpri;
}

const char *WorkqueueModel::wqName(const workqueue_struct *Wq) const {
  return Wq ? Wq->Name.c_str() : "?";
}

unsigned WorkqueueModel::depth(const mdl_work *W) const {
  return unsigned((W->data & DepthMask) >> DepthShift);
}

void WorkqueueModel::setDepth(mdl_work *W, unsigned D) {
  W->data = (W->data & ~DepthMask) | (long(D) << DepthShift);
}

bool WorkqueueModel::offqBh(const mdl_work *W) const { return W->data & OffqBh; }

bool &WorkqueueModel::droppedFlag(const void *W) {
  for (auto &E : DroppedWhileDisabled)
    if (E.first == W)
      return E.second;
  DroppedWhileDisabled.emplace_back(W, false);
  return DroppedWhileDisabled.back().second;
}

bool WorkqueueModel::executing(const mdl_work *W) const {
  for (const Pool &P : Pools)
    for (const Pool::Executing &E : P.Exec)
      if (E.W == W)
        return true;
  return false;
}

std::vector<unsigned> WorkqueueModel::executors(const mdl_work *W) const {
  std::vector<unsigned> Ids;
  for (const Pool &P : Pools)
    for (const Pool::Executing &E : P.Exec)
      if (E.W == W)
        Ids.push_back(E.Thread);
  return Ids;
}

bool WorkqueueModel::workqueueIdle(const workqueue_struct *Wq) const {
  for (const Pool &P : Pools) {
    for (const Pool::Queued &Q : P.List)
      if (Q.Wq == Wq)
        return false;
    for (const Pool::Executing &E : P.Exec)
      if (E.Wq == Wq)
        return false;
  }
  return true;
}

// queue_work_on() and __queue_work(): set PENDING unless it was set or the
// item is disabled; pick the local CPU's pool of the workqueue, unless the
// item is executing in a pool of the same workqueue, whose non-reentrancy
// then sends it there.
bool WorkqueueModel::queue(workqueue_struct *Wq, mdl_work *W, int Cpu, const char *Api) {
  M.point(Api, W);
  M.touch(&W->data, sizeof(W->data), true, Api);
  auto Name = [&] { return M.describeCallbackObject(W, W->func); };
  if (!Wq || Wq->Destroyed) {
    M.violation(Property::ApiMisuse, std::string(Api) + "(" + Name() + ") on a destroyed workqueue");
    return false;
  }
  if (W->data & PendingMask) {
    M.Runs.request(W, CallbackKind::Work, Api, false);
    MTRACE(M, "%s(%s, %s): already pending", Api, Wq->Name.c_str(), Name().c_str());
    return false;
  }
  if (depth(W) > 0) {
    M.Runs.request(W, CallbackKind::Work, Api, true);
    droppedFlag(W) = true;
    MTRACE(M, "%s(%s, %s): dropped, the work item is disabled", Api, Wq->Name.c_str(), Name().c_str());
    return false;
  }
  M.Runs.request(W, CallbackKind::Work, Api, false);
  W->data |= PendingMask;
  unsigned Target = Cpu >= 0 && unsigned(Cpu) < M.cpus() ? unsigned(Cpu) : M.current().Cpu;
  Pool *P = &Pools[Target * SlotsPerCpu + slotFor(*Wq)];
  for (Pool &Q : Pools)
    for (const Pool::Executing &E : Q.Exec)
      if (E.W == W && E.Wq == Wq && E.Func == W->func)
        P = &Q;
  P->List.push_back({W, Wq});
  M.touch(&W->entry_next, 2 * sizeof(void *), true, Api);
  M.key(KeyKind::Pool, P->Index, true);
  if (P->Bh)
    M.Softirqs.raise(P->Cpu, P->Highpri ? HiSoftirq : TaskletSoftirq);
  MTRACE(M, "%s(%s, %s): pending on cpu%u's %s%s pool", Api, Wq->Name.c_str(), Name().c_str(), P->Cpu,
          P->Bh ? "BH " : "", P->Highpri ? "highpri" : "normal");
  return true;
}

bool WorkqueueModel::grabPending(mdl_work *W) {
  if (!(W->data & PendingMask))
    return false;
  for (Pool &P : Pools) {
    auto It = std::find_if(P.List.begin(), P.List.end(), [&](const Pool::Queued &Q) { return Q.W == W; });
    if (It != P.List.end()) {
      P.List.erase(It);
      M.key(KeyKind::Pool, P.Index, true);
      break;
    }
  }
  W->data &= ~PendingMask;
  return true;
}

// __cancel_work_sync() and disable_work_sync(): a BH item may be waited for
// from any context but hardirq; any other item only where sleeping is allowed.
void WorkqueueModel::checkWaitAllowed(const mdl_work *W, const char *Api) {
  if (!offqBh(W))
    M.mightSleep(Api);
  else if (M.current().Kind == ThreadKind::HardIrq)
    M.violation(Property::ApiMisuse, std::string(Api) + " of a BH work item in hardirq context");
}

bool WorkqueueModel::cancel(mdl_work *W, bool Sync) {
  const char *Api = Sync ? "cancel_work_sync" : "cancel_work";
  if (Sync)
    checkWaitAllowed(W, Api);
  M.point(Api, W);
  unsigned Began = M.step();
  M.touch(&W->data, sizeof(W->data), true, Api);
  bool Was = grabPending(W);
  if (Was) {
    M.observe("cancel-dropped-pending");
    MTRACE(M, "%s(%s): a pending run is dropped", Api, M.describeCallbackObject(W, W->func).c_str());
  }
  if (Sync) {
    // The kernel disables the item while it waits, so a racing queue is dropped.
    setDepth(W, depth(W) + 1);
    bool Spins = offqBh(W);
    M.wait(Api, WaitKind::WorkIdle, !Spins, W);
    M.touch(&W->data, sizeof(W->data), true, Api);
    setDepth(W, depth(W) - 1);
    M.Runs.syncReturned(W, Api, true);
  }
  // A queue the cancel refused while it waited (the item disabled meanwhile)
  // is absorbed by it, as tasklet_kill() absorbs a schedule racing with it;
  // only refusals of a disable the driver made stay owed.
  M.Runs.excuse(W, Api, Sync ? Began : ~0u);
  MTRACE(M, "%s(%s) returns %d", Api, M.describe(W).c_str(), Was);
  return Was;
}

bool WorkqueueModel::disable(mdl_work *W, bool Sync) {
  const char *Api = Sync ? "disable_work_sync" : "disable_work";
  if (Sync)
    checkWaitAllowed(W, Api);
  M.point(Api, W);
  M.touch(&W->data, sizeof(W->data), true, Api);
  unsigned D = depth(W);
  if (D >= MaxDepth) {
    M.violation(Property::ApiMisuse, std::string(Api) + "(" + M.describe(W) + "): disable depth overflow");
    return false;
  }
  if (D == 0)
    droppedFlag(W) = false;
  setDepth(W, D + 1);
  bool Was = grabPending(W);
  if (Was) {
    droppedFlag(W) = true;
    M.observe("disable-dropped-pending");
  }
  MTRACE(M, "%s(%s): depth %u%s", Api, M.describeCallbackObject(W, W->func).c_str(), D + 1,
          Was ? ", a pending run is dropped" : "");
  if (Sync) {
    M.wait(Api, WaitKind::WorkIdle, !offqBh(W), W);
    M.touch(&W->data, sizeof(W->data), false, Api);
    M.Runs.syncReturned(W, Api, false);
  }
  return Was;
}

bool WorkqueueModel::enable(mdl_work *W) {
  M.point("enable_work", W);
  M.touch(&W->data, sizeof(W->data), true, "enable_work");
  unsigned D = depth(W);
  if (D == 0) {
    M.violation(Property::EnableUnderflow,
                "enable_work(" + M.describeCallbackObject(W, W->func) + ") with a disable depth of 0");
    return true;
  }
  setDepth(W, D - 1);
  MTRACE(M, "enable_work(%s): depth %u", M.describe(W).c_str(), D - 1);
  return D == 1;
}

// enable_work(), then queue_work() if the depth reached 0. The queue is an
// extra run, compared with tasklet_enable(), unless a run was refused or
// dropped while the item was disabled.
bool WorkqueueModel::enableAndQueue(workqueue_struct *Wq, mdl_work *W) {
  if (!enable(W))
    return false;
  bool Owed = droppedFlag(W);
  bool Queued = queue(Wq, W, -1, "enable_and_queue_work");
  if (Queued && !Owed) {
    M.observe("extra-run-after-enable");
    MTRACE(M, "enable_and_queue_work: a run no schedule asked for while disabled");
  }
  droppedFlag(W) = false;
  return true;
}

bool WorkqueueModel::flush(mdl_work *W) {
  M.mightSleep("flush_work");
  M.point("flush_work", W);
  M.touch(&W->data, sizeof(W->data), false, "flush_work");
  bool Pending = W->data & PendingMask;
  unsigned Running = unsigned(executors(W).size());
  if (!Pending && !Running)
    return false;
  const CallbackObject *O = M.Runs.find(W);
  uint64_t Target = (O ? O->Finishes : 0) + Running + (Pending ? 1 : 0);
  M.wait("flush_work", WaitKind::WorkFlushed, true, W, Target);
  MTRACE(M, "flush_work(%s) returns", M.describe(W).c_str());
  return true;
}

unsigned WorkqueueModel::busy(mdl_work *W) {
  M.point("work_busy", W);
  M.touch(&W->data, sizeof(W->data), false, "work_busy");
  M.key(KeyKind::Running, reinterpret_cast<uintptr_t>(W), false);
  return ((W->data & PendingMask) ? WorkBusyPending : 0) | (executing(W) ? WorkBusyRunning : 0);
}

mdl_work *WorkqueueModel::currentWork() const {
  Thread *T = M.currentOrNull();
  return T ? static_cast<mdl_work *>(T->WorkItem) : nullptr;
}

workqueue_struct *WorkqueueModel::allocate(const char *Name, unsigned Flags) {
  M.mightSleep("alloc_workqueue");
  M.point("alloc_workqueue");
  auto Wq = std::make_unique<workqueue_struct>();
  Wq->Name = Name ? Name : "wq";
  Wq->Flags = Flags;
  Wq->Bh = Flags & WqBh;
  Wq->Highpri = Flags & WqHighpri;
  Allocated.push_back(std::move(Wq));
  return Allocated.back().get();
}

void WorkqueueModel::flushWorkqueue(workqueue_struct *Wq) {
  M.mightSleep("flush_workqueue");
  M.point("flush_workqueue", Wq);
  M.wait("flush_workqueue", WaitKind::WorkqueueIdle, true, Wq);
}

void WorkqueueModel::destroy(workqueue_struct *Wq) {
  flushWorkqueue(Wq);
  if (Wq)
    Wq->Destroyed = true;
}

bool WorkqueueModel::bhReady(unsigned Cpu, bool Hi, Footprint &Guard) const {
  unsigned I = Cpu * SlotsPerCpu + (Hi ? BhHighpri : BhNormal);
  Guard.readKey(KeyKind::Pool, I);
  return !Pools[I].List.empty();
}

int WorkqueueModel::startable(unsigned PoolIndex, Footprint &Guard) const {
  Guard.readKey(KeyKind::Pool, PoolIndex);
  const Pool &P = Pools[PoolIndex];
  // An item executing in this pool for the same workqueue waits for that run
  // (the kernel hands it to the worker already running it).
  for (size_t I = 0; I < P.List.size(); ++I) {
    bool Collides = false;
    for (const Pool::Executing &E : P.Exec)
      if (E.W == P.List[I].W && E.Wq == P.List[I].Wq)
        Collides = true;
    if (!Collides)
      return int(I);
  }
  return -1;
}

bool WorkqueueModel::anyStartable() const {
  for (const Pool &P : Pools) {
    if (P.Bh)
      continue;
    Footprint Ignored;
    if (startable(P.Index, Ignored) >= 0)
      return true;
  }
  return false;
}

mdl_work *WorkqueueModel::claimForWorker(unsigned PoolIndex, Thread &Worker) {
  Footprint Ignored;
  int I = startable(PoolIndex, Ignored);
  Pool &P = Pools[PoolIndex];
  Pool::Queued Item = P.List[size_t(I)];
  P.List.erase(P.List.begin() + I);
  M.key(KeyKind::Pool, PoolIndex, true);
  Worker.PoolIndex = PoolIndex;
  Worker.WorkItem = Item.W;
  Worker.WorkQueue = Item.Wq;
  return Item.W;
}

void WorkqueueModel::runWorker(Thread &T) {
  execute(Pools[T.PoolIndex], {static_cast<mdl_work *>(T.WorkItem), static_cast<workqueue_struct *>(T.WorkQueue)}, T);
}

// process_one_work(): clear PENDING and record the pool, call the function, and
// never touch the item afterwards (it may have freed itself).
void WorkqueueModel::execute(Pool &P, Pool::Queued Item, Thread &T) {
  mdl_work *W = Item.W;
  M.key(KeyKind::Pool, P.Index, true);
  M.touch(&W->data, sizeof(W->data), true, "the workqueue core clears PENDING in work->data");
  M.touch(&W->func, sizeof(W->func), false, "the workqueue core reads work->func");
  void *Func = W->func;
  W->data = (W->data & ~(PendingMask | PoolMask | OffqBh)) | (long(P.Index + 1) << PoolShift) |
            (P.Bh ? OffqBh : 0);
  M.touch(&W->entry_next, 2 * sizeof(void *), true, "the workqueue core unlinks work->entry");
  P.Exec.push_back({W, Func, Item.Wq, T.Id});
  void *Outer = T.WorkItem;
  T.WorkItem = W;
  M.Runs.callbackStart(W, CallbackKind::Work, Func, depth(W) > 0);
  if (!P.Bh)
    M.observe("run-in-process-context");
  M.point("work callback entry", W);
  abi_call_work(Func, W);
  M.point("work callback returned", W);
  M.Runs.callbackFinish(W);
  // Pools do not move (the vector is only rebuilt between executions).
  auto It = std::find_if(P.Exec.begin(), P.Exec.end(),
                         [&](const Pool::Executing &E) { return E.W == W && E.Thread == T.Id; });
  if (It != P.Exec.end())
    P.Exec.erase(It);
  M.key(KeyKind::Pool, P.Index, true);
  T.WorkItem = Outer;
}

void WorkqueueModel::runBhPool(unsigned Cpu, bool Hi) {
  Pool &P = Pools[Cpu * SlotsPerCpu + (Hi ? BhHighpri : BhNormal)];
  for (unsigned N = 0; N < BhWorkerBatch; ++N) {
    if (P.List.empty())
      break;
    M.point("bh worker", P.List.front().W);
    M.key(KeyKind::Pool, P.Index, false);
    if (P.List.empty())
      break;
    Pool::Queued Item = P.List.front();
    P.List.pop_front();
    execute(P, Item, M.current());
  }
  if (!P.List.empty())
    M.Softirqs.raise(Cpu, Hi ? HiSoftirq : TaskletSoftirq);
}

} // namespace detasklet::runtime

using detasklet::runtime::Machine;

extern "C" {
int mdl_queue_work(workqueue_struct *Wq, mdl_work *W, int Cpu) {
  return Machine::active().Workqueues.queue(Wq, W, Cpu, Cpu >= 0 ? "queue_work_on" : "queue_work");
}
int mdl_flush_work(mdl_work *W) { return Machine::active().Workqueues.flush(W); }
int mdl_cancel_work(mdl_work *W, int Sync) { return Machine::active().Workqueues.cancel(W, Sync); }
int mdl_disable_work(mdl_work *W, int Sync) { return Machine::active().Workqueues.disable(W, Sync); }
int mdl_enable_work(mdl_work *W) { return Machine::active().Workqueues.enable(W); }
int mdl_enable_and_queue_work(workqueue_struct *Wq, mdl_work *W) {
  return Machine::active().Workqueues.enableAndQueue(Wq, W);
}
unsigned int mdl_work_busy(mdl_work *W) { return Machine::active().Workqueues.busy(W); }
mdl_work *mdl_current_work(void) { return Machine::active().Workqueues.currentWork(); }
workqueue_struct *mdl_alloc_workqueue(const char *Name, unsigned int Flags) {
  return Machine::active().Workqueues.allocate(Name, Flags);
}
void mdl_destroy_workqueue(workqueue_struct *Wq) { Machine::active().Workqueues.destroy(Wq); }
void mdl_flush_workqueue(workqueue_struct *Wq) { Machine::active().Workqueues.flushWorkqueue(Wq); }
void mdl_destroy_work_on_stack(mdl_work *W) { Machine::active().point("destroy_work_on_stack", W); }
}
