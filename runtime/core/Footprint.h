// What one transition read and wrote: byte ranges of driver-visible memory
// (recorded by the instrumented driver and by the model's own accesses to
// kernel structures) and model keys (per-CPU state, pools, irq lines) that live
// outside the driver's memory. Two transitions of different actors commute
// unless one writes something the other reads or writes; the explorer's sleep
// sets rest on that.
#ifndef DETASKLET_RUNTIME_CORE_FOOTPRINT_H
#define DETASKLET_RUNTIME_CORE_FOOTPRINT_H

#include <cstddef>
#include <cstdint>
#include <vector>

namespace detasklet::runtime {

// Model state that is not driver memory. A key is a one-byte range above the
// user address space, so keys and addresses share one representation.
enum class KeyKind : uint8_t {
  Frames,     // the interrupt contexts a CPU runs (softirq, hardirq)
  IrqsOn,     // whether a CPU takes interrupts
  BhOn,       // whether softirqs may start on a CPU
  Preempt,    // whether the current task of a CPU may be switched out
  IrqPending, // interrupts raised on a CPU and not yet delivered
  IrqLine,    // an interrupt line: handlers, disable depth, handlers in progress
  Softirq,    // a CPU's raised softirqs and its tasklet lists
  Pool,       // a worker pool: its worklist and the items it executes
  TimerBase,  // a CPU's armed and expired timers
  ThreadState, // a thread finished (join)
  HeapTop,     // the allocator: allocations are ordered, so addresses repeat across executions
  Running,     // whether an object's callback is executing (Index: its address)
  Choice       // a thread's model_choose() values: its alternatives exclude each other
};

uint64_t modelKey(KeyKind Kind, uint64_t Index);

class Footprint {
public:
  void read(const void *P, size_t N) { add(reinterpret_cast<uintptr_t>(P), N, false); }
  void write(const void *P, size_t N) { add(reinterpret_cast<uintptr_t>(P), N, true); }
  void readKey(KeyKind K, uint64_t I) { key(K, I, false); }
  void writeKey(KeyKind K, uint64_t I) { key(K, I, true); }
  // A transition whose enabling condition looked at the whole system (settle).
  void readEverything() { ReadsEverything = true; }

  void append(const Footprint &O);
  void clear();
  // Sorts and merges; call before conflictsWith().
  void normalize();
  bool conflictsWith(const Footprint &O) const;
  bool empty() const {
    return Reads.empty() && Writes.empty() && !ReadsEverything && !(CpuReads | CpuWrites | PoolReads | PoolWrites);
  }
  size_t size() const { return Reads.size() + Writes.size(); }

  struct Range {
    uint64_t Begin, End;
  };

  // Most footprints hold a handful of ranges; keeping those inline spares the
  // explorer a heap allocation per guard and per transition.
  class Ranges {
  public:
    Ranges() = default;
    Ranges(const Ranges &O) { *this = O; }
    Ranges &operator=(const Ranges &O);
    size_t size() const { return Count; }
    bool empty() const { return Count == 0; }
    Range *begin() { return data(); }
    Range *end() { return data() + Count; }
    const Range *begin() const { return data(); }
    const Range *end() const { return data() + Count; }
    Range &back() { return data()[Count - 1]; }
    Range &operator[](size_t I) { return data()[I]; }
    const Range &operator[](size_t I) const { return data()[I]; }
    void push_back(const Range &R) {
      if (!Spilled && Count < InlineCapacity)
        Inline[Count++] = R;
      else
        pushSlow(R);
    }
    void resize(size_t N) { Count = uint32_t(N); }
    void clear() { Count = 0; }

  private:
    void pushSlow(const Range &R);
    static constexpr size_t InlineCapacity = 6;
    Range *data() { return Spilled ? Heap.data() : Inline; }
    const Range *data() const { return Spilled ? Heap.data() : Inline; }
    Range Inline[InlineCapacity];
    std::vector<Range> Heap;
    uint32_t Count = 0;
    bool Spilled = false;
  };

private:
  void add(uint64_t Begin, size_t N, bool Write);
  void key(KeyKind K, uint64_t I, bool Write);
  static void merge(Ranges &R);
  static bool overlap(const Ranges &A, const Ranges &B);

  Ranges Reads, Writes;
  // The per-CPU keys and the pools, which every guard reads, as bit sets.
  uint64_t CpuReads = 0, CpuWrites = 0;
  uint64_t PoolReads = 0, PoolWrites = 0;
  bool ReadsEverything = false;
};

} // namespace detasklet::runtime

#endif
