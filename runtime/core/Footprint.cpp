#include "runtime/core/Footprint.h"

#include <algorithm>

namespace detasklet::runtime {

uint64_t modelKey(KeyKind Kind, uint64_t Index) {
  // User-space addresses on x86-64 stay below 2^47.
  return (uint64_t(1) << 63) | (uint64_t(Kind) << 48) | (Index & 0xffffffffffffull);
}

namespace {
// Bit slot of a per-CPU key kind, or -1.
int cpuKeySlot(KeyKind K) {
  switch (K) {
  case KeyKind::Frames:
    return 0;
  case KeyKind::IrqsOn:
    return 2;
  case KeyKind::BhOn:
    return 3;
  case KeyKind::Preempt:
    return 4;
  case KeyKind::IrqPending:
    return 5;
  case KeyKind::Softirq:
    return 6;
  case KeyKind::TimerBase:
    return 7;
  default:
    return -1;
  }
}
} // namespace

void Footprint::key(KeyKind K, uint64_t I, bool Write) {
  int Slot = cpuKeySlot(K);
  if (Slot >= 0 && I < 8) {
    (Write ? CpuWrites : CpuReads) |= uint64_t(1) << (unsigned(Slot) * 8 + I);
    return;
  }
  if (K == KeyKind::Pool && I < 64) {
    (Write ? PoolWrites : PoolReads) |= uint64_t(1) << I;
    return;
  }
  add(modelKey(K, I), 1, Write);
}

void Footprint::add(uint64_t Begin, size_t N, bool Write) {
  if (N == 0)
    return;
  Ranges &V = Write ? Writes : Reads;
  uint64_t End = Begin + N;
  // Driver code tends to touch neighbouring fields in a row; coalescing here
  // keeps a transition's list short before normalize() ever runs.
  if (!V.empty()) {
    Range &R = V.back();
    if (R.Begin <= End && Begin <= R.End) {
      R.Begin = std::min(R.Begin, Begin);
      R.End = std::max(R.End, End);
      return;
    }
  }
  V.push_back({Begin, End});
}

Footprint::Ranges &Footprint::Ranges::operator=(const Ranges &O) {
  if (this == &O)
    return *this;
  Count = O.Count;
  Spilled = O.Spilled;
  if (Spilled)
    Heap.assign(O.Heap.begin(), O.Heap.begin() + O.Count);
  else
    std::copy(O.Inline, O.Inline + O.Count, Inline);
  return *this;
}

void Footprint::Ranges::pushSlow(const Range &R) {
  if (!Spilled && Count == InlineCapacity) {
    Heap.assign(Inline, Inline + Count);
    Spilled = true;
  }
  if (Spilled) {
    Heap.resize(Count);
    Heap.push_back(R);
  } else {
    Inline[Count] = R;
  }
  ++Count;
}

void Footprint::append(const Footprint &O) {
  for (const Range &R : O.Reads)
    Reads.push_back(R);
  for (const Range &R : O.Writes)
    Writes.push_back(R);
  ReadsEverything |= O.ReadsEverything;
  CpuReads |= O.CpuReads;
  CpuWrites |= O.CpuWrites;
  PoolReads |= O.PoolReads;
  PoolWrites |= O.PoolWrites;
}

void Footprint::clear() {
  Reads.clear();
  Writes.clear();
  ReadsEverything = false;
  CpuReads = CpuWrites = PoolReads = PoolWrites = 0;
}

void Footprint::merge(Ranges &V) {
  std::sort(V.begin(), V.end(), [](const Range &A, const Range &B) { return A.Begin < B.Begin; });
  size_t Out = 0;
  for (size_t I = 0; I < V.size(); ++I) {
    Range R = V[I];
    if (Out && R.Begin <= V[Out - 1].End)
      V[Out - 1].End = std::max(V[Out - 1].End, R.End);
    else
      V[Out++] = R;
  }
  V.resize(Out);
}

void Footprint::normalize() {
  merge(Reads);
  merge(Writes);
}

bool Footprint::overlap(const Ranges &A, const Ranges &B) {
  size_t I = 0, J = 0;
  while (I < A.size() && J < B.size()) {
    if (A[I].End <= B[J].Begin)
      ++I;
    else if (B[J].End <= A[I].Begin)
      ++J;
    else
      return true;
  }
  return false;
}

bool Footprint::conflictsWith(const Footprint &O) const {
  bool Writes1 = !Writes.empty() || CpuWrites || PoolWrites;
  bool Writes2 = !O.Writes.empty() || O.CpuWrites || O.PoolWrites;
  if ((ReadsEverything && Writes2) || (O.ReadsEverything && Writes1))
    return true;
  if ((CpuWrites & (O.CpuReads | O.CpuWrites)) || (O.CpuWrites & CpuReads) ||
      (PoolWrites & (O.PoolReads | O.PoolWrites)) || (O.PoolWrites & PoolReads))
    return true;
  return overlap(Writes, O.Writes) || overlap(Writes, O.Reads) || overlap(Reads, O.Writes);
}

} // namespace detasklet::runtime
