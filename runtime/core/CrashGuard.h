// A fault in driver code (a NULL dereference, a trap) must end one execution,
// not the process: while an exploration runs, SIGSEGV/SIGBUS/SIGILL/SIGFPE
// raised inside a simulated thread jump back to the machine (on an alternate
// signal stack, so a fiber stack overflow is caught too), which reports the
// crash and abandons the execution.
#ifndef DETASKLET_RUNTIME_CORE_CRASHGUARD_H
#define DETASKLET_RUNTIME_CORE_CRASHGUARD_H

#include <csignal>

namespace detasklet::runtime {

class CrashGuard {
public:
  CrashGuard();
  ~CrashGuard();
  CrashGuard(const CrashGuard &) = delete;
  CrashGuard &operator=(const CrashGuard &) = delete;

  struct Info {
    int Signal;
    void *Address;
  };
  static Info last();

private:
  struct sigaction Saved[4];
};

} // namespace detasklet::runtime

#endif
