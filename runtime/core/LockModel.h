// Spinlocks and mutexes: who holds which, and what taking one does to the
// context (preemption, bottom halves, interrupts).
#ifndef DETASKLET_RUNTIME_CORE_LOCKMODEL_H
#define DETASKLET_RUNTIME_CORE_LOCKMODEL_H

#include <unordered_map>

namespace detasklet::runtime {

class Machine;
struct Thread;

class LockModel {
public:
  explicit LockModel(Machine &M) : M(M) {}
  void reset() { Owners.clear(); }

  bool isFree(const void *Lock) const;
  Thread *owner(const void *Lock) const;

  void spinLock(void *Lock, int Flavour);
  bool spinTrylock(void *Lock, int Flavour);
  void spinUnlock(void *Lock, int Flavour);
  unsigned long spinLockIrqsave(void *Lock);
  void spinUnlockIrqrestore(void *Lock, unsigned long Flags);
  void mutexInit(void *Mutex);
  void mutexLock(void *Mutex);
  bool mutexTrylock(void *Mutex);
  void mutexUnlock(void *Mutex);

private:
  void take(void *Lock, const char *Api);
  void release(void *Lock, const char *Api);
  Machine &M;
  std::unordered_map<const void *, unsigned> Owners; // lock -> thread id
};

} // namespace detasklet::runtime

#endif
