// A simulated thread of execution: a task (the scenario's, or a kworker), a
// hardirq handler invocation, or a softirq run on a CPU. Each has its own
// fiber and the context counts the kernel keeps in preempt_count and the irq
// flags.
#ifndef DETASKLET_RUNTIME_CORE_THREAD_H
#define DETASKLET_RUNTIME_CORE_THREAD_H

#include "runtime/core/Fiber.h"

#include <cstdint>
#include <string>
#include <vector>

namespace detasklet::runtime {

enum class ThreadKind : uint8_t {
  Task,    // process context, created by the scenario (or a threaded irq handler)
  Worker,  // process context, a kworker running one work item
  SoftIrq, // a softirq run interrupting whatever the CPU was doing
  HardIrq, // an interrupt handler invocation
};

// What a thread waits for before its next operation can happen.
enum class WaitKind : uint8_t {
  None,
  SpinLock,        // Obj: the lock
  Mutex,           // Obj: the mutex
  TaskletNotSched, // Obj: the tasklet (tasklet_kill's first loop)
  TaskletNotRun,   // Obj: the tasklet (unlock_wait, disable)
  WorkIdle,        // Obj: the work item, not executing anywhere (cancel/disable sync)
  WorkFlushed,     // Obj: the work item, Arg: the number of finished runs to wait for
  WorkqueueIdle,   // Obj: the workqueue
  IrqIdle,         // Arg: the irq line, no handler running
  TimerIdle,       // Obj: the timer, its callback not running
  ThreadDone,      // Arg: the thread id
  Settled,         // nothing but the waiter can run any more
  Choice,          // Arg: how many values model_choose() may return; never blocks
};

// The operation a thread announced at its scheduling point. It happens when
// the explorer picks the thread, in the same transition as the code that
// follows it up to the next scheduling point.
struct Op {
  const char *Label = "start";
  WaitKind Wait = WaitKind::None;
  // A blocked waiter that sleeps gives its CPU to other tasks; a spinning one
  // keeps it (and keeps preemption disabled).
  bool Sleeps = false;
  const void *Obj = nullptr;
  uint64_t Arg = 0;
};

struct Thread {
  unsigned Id = 0;
  ThreadKind Kind = ThreadKind::Task;
  unsigned Cpu = 0;
  std::string Name;

  Fiber F;
  bool Started = false;
  bool Finished = false;
  Op Next;
  unsigned ChoiceValue = 0; // what the last model_choose() returns

  // What the thread runs.
  void *TaskFn = nullptr; // Task: a C function void (*)(void *)
  void *TaskArg = nullptr;
  bool IsScenarioMain = false;
  unsigned IrqLine = 0;     // HardIrq
  void *IrqThreadFn = nullptr; // Task created for a threaded irq handler
  void *IrqDevId = nullptr;
  unsigned PoolIndex = 0;       // Worker: the pool it belongs to
  void *WorkItem = nullptr;     // Worker: the item it runs; any thread: the item it executes now
  void *WorkQueue = nullptr;    // Worker: the workqueue the item was queued on

  // The context, as preempt_count() and the irq flags describe it.
  int PreemptDepth = 0; // spinlocks and preempt_disable()
  int BhDepth = 0;      // local_bh_disable() and spin_lock_bh()
  bool IrqsOff = false;
  Thread *Interrupted = nullptr; // for hardirq and softirq: the context below on this CPU

  // Callbacks this thread is executing, innermost last.
  std::vector<const void *> RunningCallbacks;
  // Locks held, in acquisition order.
  std::vector<const void *> HeldLocks;

  bool inAtomic() const {
    return Kind == ThreadKind::HardIrq || Kind == ThreadKind::SoftIrq || PreemptDepth > 0 ||
           BhDepth > 0 || IrqsOff;
  }
  bool isTaskLevel() const { return Kind == ThreadKind::Task || Kind == ThreadKind::Worker; }
};

} // namespace detasklet::runtime

#endif
