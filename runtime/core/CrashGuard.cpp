#include "runtime/core/CrashGuard.h"

#include "runtime/core/Machine.h"

#include <cstdlib>

namespace detasklet::runtime {

namespace {
const int Signals[4] = {SIGSEGV, SIGBUS, SIGILL, SIGFPE};
volatile sig_atomic_t LastSignal = 0;
void *volatile LastAddress = nullptr;

void onFault(int Sig, siginfo_t *Info, void *) {
  Machine &M = Machine::instance();
  if (M.InResume) {
    LastSignal = Sig;
    LastAddress = Info ? Info->si_addr : nullptr;
    siglongjmp(M.CrashJump, 1);
  }
  // Not in driver code: a bug of the model or of its host. Die as usual.
  signal(Sig, SIG_DFL);
  raise(Sig);
}

void ensureAltStack() {
  static bool Done = false;
  if (Done)
    return;
  Done = true;
  static char Stack[64 * 1024];
  stack_t S{};
  S.ss_sp = Stack;
  S.ss_size = sizeof(Stack);
  sigaltstack(&S, nullptr);
}
} // namespace

CrashGuard::CrashGuard() {
  ensureAltStack();
  struct sigaction A {};
  A.sa_sigaction = onFault;
  A.sa_flags = SA_SIGINFO | SA_ONSTACK | SA_NODEFER;
  sigemptyset(&A.sa_mask);
  for (int I = 0; I < 4; ++I)
    sigaction(Signals[I], &A, &Saved[I]);
}

CrashGuard::~CrashGuard() {
  for (int I = 0; I < 4; ++I)
    sigaction(Signals[I], &Saved[I], nullptr);
}

CrashGuard::Info CrashGuard::last() { return {int(LastSignal), LastAddress}; }

} // namespace detasklet::runtime
