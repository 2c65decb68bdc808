#include "runtime/core/Fiber.h"

#include <cstdint>
#include <cstdio>
#include <cstdlib>

#include <sys/mman.h>
#include <unistd.h>

namespace detasklet::runtime {

namespace {
// Driver code plus printk formatting needs little; a guard page catches the rest.
constexpr size_t DefaultStackSize = 256 * 1024;

[[noreturn]] void fatal(const char *What) {
  std::perror(What);
  std::abort();
}

// makecontext passes int arguments only; split the pointers.
struct Trampoline {
  Fiber::Entry Fn;
  void *Arg;
};

// Where a suspended fiber returns to: the scheduler that resumed it.
jmp_buf SchedulerResume;

void trampoline(unsigned Hi, unsigned Lo) {
  auto *T = reinterpret_cast<Trampoline *>((uintptr_t(Hi) << 32) | uintptr_t(Lo));
  T->Fn(T->Arg);
  std::fputs("detasklet runtime: a fiber entry function returned\n", stderr);
  std::abort();
}
} // namespace

FiberStack::FiberStack(size_t Size) {
  long Page = sysconf(_SC_PAGESIZE);
  MappingSize = Size + size_t(Page);
  Mapping = mmap(nullptr, MappingSize, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE,
                 -1, 0);
  if (Mapping == MAP_FAILED)
    fatal("detasklet runtime: mmap of a fiber stack");
  if (mprotect(Mapping, size_t(Page), PROT_NONE) != 0)
    fatal("detasklet runtime: guard page");
  Usable = static_cast<char *>(Mapping) + Page;
  UsableSize = Size;
}

FiberStack::~FiberStack() {
  if (Mapping)
    munmap(Mapping, MappingSize);
}

FiberStack &FiberStackPool::stackFor(unsigned ThreadId) {
  if (ThreadId >= Stacks.size())
    Stacks.resize(ThreadId + 1);
  if (!Stacks[ThreadId])
    Stacks[ThreadId] = std::make_unique<FiberStack>(DefaultStackSize);
  return *Stacks[ThreadId];
}

void Fiber::prepare(FiberStack &Stack, Entry Fn, void *Arg) {
  // The trampoline record lives at the top of the fiber's own stack.
  auto *T = reinterpret_cast<Trampoline *>(static_cast<char *>(Stack.base()) + Stack.size() -
                                           sizeof(Trampoline));
  T->Fn = Fn;
  T->Arg = Arg;
  if (getcontext(&Context) != 0)
    fatal("detasklet runtime: getcontext");
  Context.uc_stack.ss_sp = Stack.base();
  Context.uc_stack.ss_size = Stack.size() - 64;
  Context.uc_link = nullptr;
  Entered = false;
  uintptr_t P = reinterpret_cast<uintptr_t>(T);
  makecontext(&Context, reinterpret_cast<void (*)()>(trampoline), 2, unsigned(P >> 32),
              unsigned(P & 0xffffffffu));
}

void Fiber::resume() {
  if (_setjmp(SchedulerResume) != 0)
    return; // the fiber suspended
  if (!Entered) {
    Entered = true;
    setcontext(&Context);
    fatal("detasklet runtime: setcontext into a fiber");
  }
  _longjmp(Resume, 1);
}

void Fiber::suspend() {
  if (_setjmp(Resume) == 0)
    _longjmp(SchedulerResume, 1);
}

} // namespace detasklet::runtime
