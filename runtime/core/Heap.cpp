#include "runtime/core/Heap.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include <sys/mman.h>

namespace detasklet::runtime {

namespace {
constexpr size_t ArenaSize = size_t(256) << 20;
// A gap between blocks so that an access just past one block is not taken for
// an access to the next.
constexpr size_t RedZone = 32;
constexpr size_t Alignment = 16;
// The slab allocator's poison values: uninitialised and freed memory.
constexpr int PoisonInUse = 0x5a;
constexpr int PoisonFree = 0x6b;
} // namespace

Heap::Heap() {
  void *P = mmap(nullptr, ArenaSize, PROT_READ | PROT_WRITE,
                 MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
  if (P == MAP_FAILED) {
    std::perror("detasklet runtime: heap arena");
    std::abort();
  }
  Base = reinterpret_cast<uintptr_t>(P);
  Top = Base;
  Limit = Base + ArenaSize;
}

Heap::~Heap() { munmap(reinterpret_cast<void *>(Base), ArenaSize); }

void Heap::reset() {
  Blocks.clear();
  Top = Base;
}

HeapBlock *Heap::allocate(size_t Size, bool Zero) {
  size_t Rounded = (std::max<size_t>(Size, 1) + Alignment - 1) & ~(Alignment - 1);
  uintptr_t Begin = Top + RedZone;
  if (Begin + Rounded > Limit)
    return nullptr;
  Top = Begin + Rounded;
  std::memset(reinterpret_cast<void *>(Begin), Zero ? 0 : PoisonInUse, Rounded);
  HeapBlock B;
  B.Begin = Begin;
  B.Size = Size;
  B.Serial = unsigned(Blocks.size()) + 1;
  Blocks.push_back(B);
  return &Blocks.back();
}

HeapBlock *Heap::find(uintptr_t P) const {
  if (!contains(P))
    return nullptr;
  auto It = std::upper_bound(Blocks.begin(), Blocks.end(), P,
                             [](uintptr_t V, const HeapBlock &B) { return V < B.Begin; });
  if (It == Blocks.begin())
    return nullptr;
  --It;
  // Accesses into the rounding padding still belong to the block.
  size_t Span = (std::max<size_t>(It->Size, 1) + Alignment - 1) & ~(Alignment - 1);
  return P < It->Begin + Span ? &*It : nullptr;
}

HeapBlock *Heap::freedOverlap(uintptr_t P, size_t N) const {
  if (!contains(P) && !contains(P + N - 1))
    return nullptr;
  if (HeapBlock *B = find(P); B && B->Freed)
    return B;
  if (N > 1)
    if (HeapBlock *B = find(P + N - 1); B && B->Freed)
      return B;
  return nullptr;
}

void Heap::poisonFreed(HeapBlock &B) {
  std::memset(reinterpret_cast<void *>(B.Begin), PoisonFree, B.Size);
}

} // namespace detasklet::runtime
