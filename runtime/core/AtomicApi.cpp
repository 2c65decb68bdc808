// Atomics and bitops: each one is a scheduling point, and its footprint is the
// word it works on, so the explorer interleaves them against each other and
// against plain accesses to the same word.
#include "runtime/abi/model_abi.h"
#include "runtime/core/Machine.h"

#include <cstring>

using namespace detasklet::runtime;

namespace {
long load(void *Word, int Width) {
  if (Width == 4) {
    int V;
    std::memcpy(&V, Word, 4);
    return V;
  }
  long V;
  std::memcpy(&V, Word, 8);
  return V;
}

void store(void *Word, int Width, long V) {
  if (Width == 4) {
    int I = int(V);
    std::memcpy(Word, &I, 4);
  } else {
    std::memcpy(Word, &V, 8);
  }
}

const char *atomicName(mdl_atomic_op Op) {
  switch (Op) {
  case MDL_ATOMIC_READ:
    return "atomic_read";
  case MDL_ATOMIC_SET:
    return "atomic_set";
  case MDL_ATOMIC_ADD_RETURN:
    return "atomic_add";
  case MDL_ATOMIC_CMPXCHG:
    return "atomic_cmpxchg";
  case MDL_ATOMIC_XCHG:
    return "atomic_xchg";
  }
  return "atomic";
}

const char *bitName(mdl_bit_op Op) {
  switch (Op) {
  case MDL_BIT_SET:
    return "set_bit";
  case MDL_BIT_CLEAR:
    return "clear_bit";
  case MDL_BIT_CHANGE:
    return "change_bit";
  case MDL_BIT_TEST_AND_SET:
    return "test_and_set_bit";
  case MDL_BIT_TEST_AND_CLEAR:
    return "test_and_clear_bit";
  case MDL_BIT_TEST_AND_CHANGE:
    return "test_and_change_bit";
  case MDL_BIT_TEST:
    return "test_bit";
  }
  return "bitop";
}
} // namespace

extern "C" {
long mdl_atomic(void *Word, int Width, mdl_atomic_op Op, long A, long B) {
  Machine &M = Machine::active();
  const char *Name = atomicName(Op);
  M.point(Name, Word);
  bool Writes = Op != MDL_ATOMIC_READ;
  M.touch(Word, size_t(Width), Writes, Name);
  long Old = load(Word, Width);
  long Result = Old;
  switch (Op) {
  case MDL_ATOMIC_READ:
    break;
  case MDL_ATOMIC_SET:
    store(Word, Width, A);
    break;
  case MDL_ATOMIC_ADD_RETURN:
    Result = Width == 4 ? long(int(Old + A)) : Old + A;
    store(Word, Width, Result);
    break;
  case MDL_ATOMIC_CMPXCHG:
    if (Old == (Width == 4 ? long(int(A)) : A))
      store(Word, Width, B);
    break;
  case MDL_ATOMIC_XCHG:
    store(Word, Width, A);
    break;
  }
  return Result;
}

int mdl_bitop(volatile unsigned long *Addr, unsigned long Nr, mdl_bit_op Op, int Atomic) {
  Machine &M = Machine::active();
  const char *Name = bitName(Op);
  unsigned long *Word = const_cast<unsigned long *>(Addr) + Nr / 64;
  unsigned long Mask = 1ul << (Nr % 64);
  M.point(Name, Word);
  M.touch(Word, sizeof(*Word), Op != MDL_BIT_TEST, Name);
  bool Old = *Word & Mask;
  switch (Op) {
  case MDL_BIT_SET:
  case MDL_BIT_TEST_AND_SET:
    *Word |= Mask;
    break;
  case MDL_BIT_CLEAR:
  case MDL_BIT_TEST_AND_CLEAR:
    *Word &= ~Mask;
    break;
  case MDL_BIT_CHANGE:
  case MDL_BIT_TEST_AND_CHANGE:
    *Word ^= Mask;
    break;
  case MDL_BIT_TEST:
    break;
  }
  return Old;
}
}
