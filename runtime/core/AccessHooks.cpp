// The entry points ThreadSanitizer's instrumentation calls in the driver
// module (-fsanitize=thread, without the TSan runtime). The model is the
// runtime: every load and store of driver code lands here, where it is checked
// against freed memory and added to the current transition's footprint. No
// race detection happens here; the explorer orders the accesses itself.
#include "runtime/core/Machine.h"

#include <cstring>

using detasklet::runtime::Machine;

namespace {
inline void access(void *P, size_t N, bool Write, void *Pc) {
  Machine &M = Machine::instance();
  if (N && M.recording())
    M.driverAccess(P, N, Write, Pc);
}
} // namespace

#define HOOK(name, n, w)                                                                           \
  void name(void *P) { access(P, n, w, __builtin_return_address(0)); }

extern "C" {
void __tsan_init(void) {}
void __tsan_func_entry(void *) {}
void __tsan_func_exit(void) {}
void __tsan_ignore_thread_begin(void) {}
void __tsan_ignore_thread_end(void) {}

HOOK(__tsan_read1, 1, false)
HOOK(__tsan_read2, 2, false)
HOOK(__tsan_read4, 4, false)
HOOK(__tsan_read8, 8, false)
HOOK(__tsan_read16, 16, false)
HOOK(__tsan_write1, 1, true)
HOOK(__tsan_write2, 2, true)
HOOK(__tsan_write4, 4, true)
HOOK(__tsan_write8, 8, true)
HOOK(__tsan_write16, 16, true)
HOOK(__tsan_unaligned_read2, 2, false)
HOOK(__tsan_unaligned_read4, 4, false)
HOOK(__tsan_unaligned_read8, 8, false)
HOOK(__tsan_unaligned_read16, 16, false)
HOOK(__tsan_unaligned_write2, 2, true)
HOOK(__tsan_unaligned_write4, 4, true)
HOOK(__tsan_unaligned_write8, 8, true)
HOOK(__tsan_unaligned_write16, 16, true)
HOOK(__tsan_volatile_read1, 1, false)
HOOK(__tsan_volatile_read2, 2, false)
HOOK(__tsan_volatile_read4, 4, false)
HOOK(__tsan_volatile_read8, 8, false)
HOOK(__tsan_volatile_read16, 16, false)
HOOK(__tsan_volatile_write1, 1, true)
HOOK(__tsan_volatile_write2, 2, true)
HOOK(__tsan_volatile_write4, 4, true)
HOOK(__tsan_volatile_write8, 8, true)
HOOK(__tsan_volatile_write16, 16, true)

void __tsan_read_range(void *P, unsigned long N) { access(P, N, false, __builtin_return_address(0)); }
void __tsan_write_range(void *P, unsigned long N) { access(P, N, true, __builtin_return_address(0)); }

void *__tsan_memcpy(void *D, const void *S, unsigned long N) {
  access(const_cast<void *>(S), N, false, __builtin_return_address(0));
  access(D, N, true, __builtin_return_address(0));
  return std::memcpy(D, S, N);
}

void *__tsan_memmove(void *D, const void *S, unsigned long N) {
  access(const_cast<void *>(S), N, false, __builtin_return_address(0));
  access(D, N, true, __builtin_return_address(0));
  return std::memmove(D, S, N);
}

void *__tsan_memset(void *D, int C, unsigned long N) {
  access(D, N, true, __builtin_return_address(0));
  return std::memset(D, C, N);
}
}
