// A simulated thread's own stack and registers. Only one fiber runs at
// a time: the explorer resumes one, and it runs until it suspends itself at its
// next scheduling point (or returns), which hands control back. Stacks are
// indexed by thread id and kept between executions, so a thread gets the same
// stack addresses every time the explorer replays a prefix: footprints that
// mention a stack variable then compare equal across executions.
#ifndef DETASKLET_RUNTIME_CORE_FIBER_H
#define DETASKLET_RUNTIME_CORE_FIBER_H

#include <csetjmp>
#include <cstddef>
#include <memory>
#include <vector>

#include <ucontext.h>

namespace detasklet::runtime {

class FiberStack {
public:
  explicit FiberStack(size_t Size);
  ~FiberStack();
  FiberStack(const FiberStack &) = delete;
  FiberStack &operator=(const FiberStack &) = delete;

  void *base() const { return Usable; }
  size_t size() const { return UsableSize; }

private:
  void *Mapping = nullptr;
  size_t MappingSize = 0;
  void *Usable = nullptr;
  size_t UsableSize = 0;
};

// Stacks by thread id, created on first use, reused by later executions.
class FiberStackPool {
public:
  FiberStack &stackFor(unsigned ThreadId);

private:
  std::vector<std::unique_ptr<FiberStack>> Stacks;
};

class Fiber {
public:
  using Entry = void (*)(void *Arg);

  // Prepares the fiber to run Fn(Arg) on Stack the first time it is resumed.
  void prepare(FiberStack &Stack, Entry Fn, void *Arg);
  // From the scheduler: run the fiber until it suspends or finishes.
  void resume();
  // From inside the fiber: give control back to the scheduler.
  void suspend();

private:
  // The first entry goes through the ucontext (which sets up the new stack);
  // every later switch is a _setjmp/_longjmp pair, which unlike swapcontext
  // does not save and restore the signal mask with a system call. An entry
  // function never returns (it suspends for good), so no uc_link is needed.
  ucontext_t Context;
  jmp_buf Resume;
  bool Entered = false;
};

} // namespace detasklet::runtime

#endif
