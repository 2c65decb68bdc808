#include "runtime/core/LockModel.h"

#include "runtime/abi/model_abi.h"
#include "runtime/core/Machine.h"

#include <algorithm>

namespace detasklet::runtime {

namespace {
// The IF bit of x86 EFLAGS: what local_irq_save() keeps in flags.
constexpr unsigned long IrqFlagEnabled = 0x200;
} // namespace

bool LockModel::isFree(const void *Lock) const { return Owners.find(Lock) == Owners.end(); }

Thread *LockModel::owner(const void *Lock) const {
  auto It = Owners.find(Lock);
  return It == Owners.end() ? nullptr : M.thread(It->second);
}

void LockModel::take(void *Lock, const char *Api) {
  Thread &T = M.current();
  M.touch(Lock, 4, true, "taking the lock writes its lock word");
  Owners[Lock] = T.Id;
  T.HeldLocks.push_back(Lock);
  *static_cast<int *>(Lock) = 1;
  MTRACE(M, "%s(%s)", Api, M.describe(Lock).c_str());
}

void LockModel::release(void *Lock, const char *Api) {
  Thread &T = M.current();
  M.touch(Lock, 4, true, "releasing the lock writes its lock word");
  auto It = Owners.find(Lock);
  if (It == Owners.end() || It->second != T.Id) {
    M.violation(Property::ApiMisuse, std::string(Api) + "(" + M.describe(Lock) + ") on " +
                                         M.contextName(T) +
                                         (It == Owners.end() ? ", but the lock is not held"
                                                             : ", but another context holds it"));
    return;
  }
  Owners.erase(It);
  auto H = std::find(T.HeldLocks.rbegin(), T.HeldLocks.rend(), Lock);
  if (H != T.HeldLocks.rend())
    T.HeldLocks.erase(std::next(H).base());
  *static_cast<int *>(Lock) = 0;
  MTRACE(M, "%s(%s)", Api, M.describe(Lock).c_str());
}

// The context change comes first, as in the kernel: spin_lock_bh() disables
// bottom halves before it spins, so no softirq can interrupt the spinning.
void LockModel::spinLock(void *Lock, int Flavour) {
  const char *Api = "spin_lock";
  switch (Flavour) {
  case MDL_LOCK_PLAIN:
    M.changePreempt(1);
    break;
  case MDL_LOCK_BH:
    Api = "spin_lock_bh";
    M.changeBh(1);
    break;
  case MDL_LOCK_IRQ:
    Api = "spin_lock_irq";
    M.setIrqsOff(true);
    M.changePreempt(1);
    break;
  }
  M.wait(Api, WaitKind::SpinLock, false, Lock);
  take(Lock, Api);
}

bool LockModel::spinTrylock(void *Lock, int Flavour) {
  M.point("spin_trylock", Lock);
  M.touch(Lock, 4, true, "spin_trylock reads the lock word");
  if (!isFree(Lock)) {
    MTRACE(M, "spin_trylock(%s) fails", M.describe(Lock).c_str());
    return false;
  }
  M.changePreempt(1);
  take(Lock, "spin_trylock");
  return true;
}

void LockModel::spinUnlock(void *Lock, int Flavour) {
  const char *Api = Flavour == MDL_LOCK_BH ? "spin_unlock_bh" : Flavour == MDL_LOCK_IRQ ? "spin_unlock_irq" : "spin_unlock";
  M.point(Api, Lock);
  release(Lock, Api);
  switch (Flavour) {
  case MDL_LOCK_PLAIN:
    M.changePreempt(-1);
    break;
  case MDL_LOCK_BH:
    M.changeBh(-1);
    break;
  case MDL_LOCK_IRQ:
    M.setIrqsOff(false);
    M.changePreempt(-1);
    break;
  }
}

unsigned long LockModel::spinLockIrqsave(void *Lock) {
  Thread &T = M.current();
  unsigned long Flags = T.IrqsOff || T.Kind == ThreadKind::HardIrq ? 0 : IrqFlagEnabled;
  M.setIrqsOff(true);
  M.changePreempt(1);
  M.wait("spin_lock_irqsave", WaitKind::SpinLock, false, Lock);
  take(Lock, "spin_lock_irqsave");
  return Flags;
}

void LockModel::spinUnlockIrqrestore(void *Lock, unsigned long Flags) {
  M.point("spin_unlock_irqrestore", Lock);
  release(Lock, "spin_unlock_irqrestore");
  if (M.current().Kind != ThreadKind::HardIrq)
    M.setIrqsOff(!(Flags & IrqFlagEnabled));
  M.changePreempt(-1);
}

void LockModel::mutexInit(void *Mutex) {
  M.point("mutex_init", Mutex);
  M.touch(Mutex, 8, true, "mutex_init writes the mutex");
  Owners.erase(Mutex);
}

void LockModel::mutexLock(void *Mutex) {
  M.mightSleep("mutex_lock");
  M.wait("mutex_lock", WaitKind::Mutex, true, Mutex);
  take(Mutex, "mutex_lock");
}

bool LockModel::mutexTrylock(void *Mutex) {
  M.point("mutex_trylock", Mutex);
  if (!isFree(Mutex))
    return false;
  take(Mutex, "mutex_trylock");
  return true;
}

void LockModel::mutexUnlock(void *Mutex) {
  M.point("mutex_unlock", Mutex);
  release(Mutex, "mutex_unlock");
}

} // namespace detasklet::runtime

using detasklet::runtime::Machine;

extern "C" {
void mdl_spin_lock(void *Lock, mdl_lock_flavour F) { Machine::active().Locks.spinLock(Lock, F); }
int mdl_spin_trylock(void *Lock, mdl_lock_flavour F) { return Machine::active().Locks.spinTrylock(Lock, F); }
void mdl_spin_unlock(void *Lock, mdl_lock_flavour F) { Machine::active().Locks.spinUnlock(Lock, F); }
unsigned long mdl_spin_lock_irqsave(void *Lock) { return Machine::active().Locks.spinLockIrqsave(Lock); }
void mdl_spin_unlock_irqrestore(void *Lock, unsigned long Flags) {
  Machine::active().Locks.spinUnlockIrqrestore(Lock, Flags);
}
void mdl_mutex_init(void *Mutex) { Machine::active().Locks.mutexInit(Mutex); }
void mdl_mutex_lock(void *Mutex) { Machine::active().Locks.mutexLock(Mutex); }
int mdl_mutex_trylock(void *Mutex) { return Machine::active().Locks.mutexTrylock(Mutex); }
void mdl_mutex_unlock(void *Mutex) { Machine::active().Locks.mutexUnlock(Mutex); }
}
