// Workqueues as 6.12 implements them for what drivers can observe: the pending
// bit in work->data, per-CPU pools (BH normal and highpri running from the
// softirq of their CPU, process-context normal and highpri run by kworkers),
// non-reentrancy only within one workqueue, disable depth, cancel and flush.
#ifndef DETASKLET_RUNTIME_CORE_WORKQUEUEMODEL_H
#define DETASKLET_RUNTIME_CORE_WORKQUEUEMODEL_H

#include "runtime/abi/model_abi.h"
#include "runtime/core/Footprint.h"

#include <deque>
#include <memory>
#include <string>
#include <vector>

struct workqueue_struct {
  std::string Name;
  unsigned Flags = 0;
  bool Bh = false, Highpri = false;
  bool Destroyed = false;
};

namespace detasklet::runtime {

class Machine;
struct Thread;

// Pools per CPU, in this order.
enum PoolSlot : unsigned { BhNormal = 0, BhHighpri = 1, ProcNormal = 2, ProcHighpri = 3, SlotsPerCpu = 4 };

struct Pool {
  unsigned Index = 0, Cpu = 0;
  bool Bh = false, Highpri = false;
  struct Queued {
    mdl_work *W;
    workqueue_struct *Wq;
  };
  struct Executing {
    mdl_work *W;
    void *Func;
    workqueue_struct *Wq;
    unsigned Thread;
  };
  std::deque<Queued> List;
  std::vector<Executing> Exec;
};

class WorkqueueModel {
public:
  explicit WorkqueueModel(Machine &M) : M(M) {}
  void reset(unsigned Cpus);

  bool queue(workqueue_struct *Wq, mdl_work *W, int Cpu, const char *Api);
  bool flush(mdl_work *W);
  bool cancel(mdl_work *W, bool Sync);
  bool disable(mdl_work *W, bool Sync);
  bool enable(mdl_work *W);
  bool enableAndQueue(workqueue_struct *Wq, mdl_work *W);
  unsigned busy(mdl_work *W);
  mdl_work *currentWork() const;
  workqueue_struct *allocate(const char *Name, unsigned Flags);
  void destroy(workqueue_struct *Wq);
  void flushWorkqueue(workqueue_struct *Wq);

  // Softirq side: the BH pool of this CPU has items.
  bool bhReady(unsigned Cpu, bool Hi, Footprint &Guard) const;
  void runBhPool(unsigned Cpu, bool Hi);
  // kworker side: the first item a new worker of this pool could take, or -1.
  int startable(unsigned PoolIndex, Footprint &Guard) const;
  void runWorker(Thread &T);
  // Takes the item startable() named off the list; the worker thread runs it.
  mdl_work *claimForWorker(unsigned PoolIndex, Thread &Worker);

  bool executing(const mdl_work *W) const;
  std::vector<unsigned> executors(const mdl_work *W) const;
  bool workqueueIdle(const workqueue_struct *Wq) const;
  bool anyStartable() const;
  unsigned poolCount() const { return unsigned(Pools.size()); }
  const char *wqName(const workqueue_struct *Wq) const;

private:
  bool grabPending(mdl_work *W);
  void execute(Pool &P, Pool::Queued Item, Thread &T);
  unsigned depth(const mdl_work *W) const;
  void setDepth(mdl_work *W, unsigned D);
  bool offqBh(const mdl_work *W) const;
  void checkWaitAllowed(const mdl_work *W, const char *Api);
  Machine &M;
  std::vector<Pool> Pools;
  std::vector<std::unique_ptr<workqueue_struct>> Allocated;
  // Per work item: whether a run was refused or dropped since it was disabled
  // (enable_and_queue_work's queue is then not an extra run).
  std::vector<std::pair<const void *, bool>> DroppedWhileDisabled;
  bool &droppedFlag(const void *W);
};

} // namespace detasklet::runtime

#endif
