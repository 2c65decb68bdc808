// kmalloc's memory. One arena per process, reset before every execution, so
// the n-th allocation of an execution always gets the same address: replays
// and footprints compare equal. Freed blocks are never reused within an
// execution (a quarantine), so any later access to them is recognised.
#ifndef DETASKLET_RUNTIME_CORE_HEAP_H
#define DETASKLET_RUNTIME_CORE_HEAP_H

#include <cstddef>
#include <cstdint>
#include <vector>

namespace detasklet::runtime {

struct HeapBlock {
  uintptr_t Begin = 0;
  size_t Size = 0;
  unsigned Serial = 0; // 1-based allocation number within the execution
  bool Freed = false;
  unsigned AllocStep = 0, FreeStep = 0;
  unsigned AllocThread = 0, FreeThread = 0;
  const void *AllocSite = nullptr, *FreeSite = nullptr;
  const char *FreeApi = nullptr; // kfree, devm_kfree, or the devres release
  bool Devm = false; // released with its device
};

class Heap {
public:
  Heap();
  ~Heap();
  Heap(const Heap &) = delete;
  Heap &operator=(const Heap &) = delete;

  void reset();
  // Returns nullptr when the arena is exhausted (reported as an allocation failure).
  HeapBlock *allocate(size_t Size, bool Zero);
  // The block containing [P, P+N), or the block P points into; nullptr if P is not heap memory.
  // Lookups do not change the heap; the block they return may be updated (kfree).
  HeapBlock *find(uintptr_t P) const;
  bool contains(uintptr_t P) const { return P >= Base && P < Top; }
  // The first freed block overlapping [P, P+N), if any.
  HeapBlock *freedOverlap(uintptr_t P, size_t N) const;
  void poisonFreed(HeapBlock &B);

private:
  uintptr_t Base = 0, Top = 0, Limit = 0;
  mutable std::vector<HeapBlock> Blocks; // sorted by address: the arena only grows
};

} // namespace detasklet::runtime

#endif
