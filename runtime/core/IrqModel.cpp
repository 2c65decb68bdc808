#include "runtime/core/IrqModel.h"

#include "runtime/core/Machine.h"

#include <algorithm>

namespace detasklet::runtime {

namespace {
// The shim's values.
constexpr unsigned long IrqfShared = 0x80;
constexpr int Einval = 22, Ebusy = 16;
} // namespace

void IrqModel::reset(unsigned Cpus) {
  Lines.clear();
  Pending.assign(Cpus, {});
}

const IrqLine *IrqModel::line(unsigned Irq) const {
  auto It = Lines.find(Irq);
  return It == Lines.end() ? nullptr : &It->second;
}

int IrqModel::request(unsigned Irq, void *Handler, void *ThreadFn, unsigned long Flags,
                      const char *Name, void *DevId, mdl_device *DevmOwner) {
  const char *Api = DevmOwner ? "devm_request_irq" : "request_irq";
  M.mightSleep(Api);
  M.point(Api);
  M.key(KeyKind::IrqLine, Irq, true);
  if (!Handler && !ThreadFn)
    return -Einval;
  IrqLine &L = Lines[Irq];
  if (!L.Actions.empty() && !((L.Actions.front().Flags & IrqfShared) && (Flags & IrqfShared))) {
    MTRACE(M, "%s(%u): busy", Api, Irq);
    return -Ebusy;
  }
  L.Actions.push_back({Handler, ThreadFn, Flags, Name, DevId});
  if (DevmOwner)
    M.Drivers.addDevresIrq(DevmOwner, Irq, DevId);
  MTRACE(M, "%s(%u, %s, \"%s\")", Api, Irq, M.symbolize(Handler ? Handler : ThreadFn).c_str(),
         Name ? Name : "");
  return 0;
}

const void *IrqModel::free(unsigned Irq, void *DevId, const char *Api) {
  M.mightSleep(Api);
  M.point(Api);
  M.key(KeyKind::IrqLine, Irq, true);
  auto It = Lines.find(Irq);
  std::vector<IrqAction>::iterator A;
  if (It == Lines.end() ||
      (A = std::find_if(It->second.Actions.begin(), It->second.Actions.end(),
                        [&](const IrqAction &X) { return X.DevId == DevId; })) == It->second.Actions.end()) {
    M.violation(Property::ApiMisuse, std::string(Api) + ": trying to free already-free IRQ " + std::to_string(Irq));
    return nullptr;
  }
  const char *Name = A->Name;
  It->second.Actions.erase(A);
  MTRACE(M, "%s(%u)", Api, Irq);
  // free_irq() waits for handlers still running on other CPUs (synchronize_irq).
  M.wait(Api, WaitKind::IrqIdle, true, nullptr, Irq);
  return Name;
}

void IrqModel::disable(unsigned Irq, bool Sync) {
  const char *Api = Sync ? "disable_irq" : "disable_irq_nosync";
  if (Sync)
    M.mightSleep(Api);
  M.point(Api);
  M.key(KeyKind::IrqLine, Irq, true);
  ++Lines[Irq].DisableDepth;
  MTRACE(M, "%s(%u): depth %d", Api, Irq, Lines[Irq].DisableDepth);
  if (Sync)
    M.wait(Api, WaitKind::IrqIdle, true, nullptr, Irq);
}

void IrqModel::enable(unsigned Irq) {
  M.point("enable_irq");
  M.key(KeyKind::IrqLine, Irq, true);
  IrqLine &L = Lines[Irq];
  if (L.DisableDepth == 0) {
    M.violation(Property::ApiMisuse, "unbalanced enable for IRQ " + std::to_string(Irq));
    return;
  }
  --L.DisableDepth;
  MTRACE(M, "enable_irq(%u): depth %d", Irq, L.DisableDepth);
}

void IrqModel::synchronize(unsigned Irq, const char *Api) {
  M.mightSleep(Api);
  M.point(Api);
  M.wait(Api, WaitKind::IrqIdle, true, nullptr, Irq);
}

void IrqModel::raise(unsigned Cpu, unsigned Irq) {
  M.key(KeyKind::IrqPending, Cpu, true);
  Pending[Cpu].push_back(Irq);
  MTRACE(M, "interrupt %u raised on cpu%u", Irq, Cpu);
}

// Interrupts raised on one CPU arrive in the order they were raised, except
// that one whose line is disabled waits (the kernel marks it pending and
// replays it at enable_irq()). One with no handler is spurious and dropped.
bool IrqModel::deliverable(unsigned Cpu, Footprint &Guard, unsigned *Irq) const {
  Guard.readKey(KeyKind::IrqPending, Cpu);
  for (unsigned I : Pending[Cpu]) {
    Guard.readKey(KeyKind::IrqLine, I);
    const IrqLine *L = line(I);
    if (!L || L->DisableDepth == 0) {
      if (Irq)
        *Irq = I;
      return true;
    }
  }
  return false;
}

bool IrqModel::anyDeliverable() const {
  for (unsigned C = 0; C < Pending.size(); ++C) {
    Footprint Ignored;
    if (deliverable(C, Ignored))
      return true;
  }
  return false;
}

unsigned IrqModel::takeDeliverable(unsigned Cpu) {
  Footprint Ignored;
  unsigned Irq = 0;
  deliverable(Cpu, Ignored, &Irq);
  auto &P = Pending[Cpu];
  P.erase(std::find(P.begin(), P.end(), Irq));
  M.key(KeyKind::IrqPending, Cpu, true);
  M.key(KeyKind::IrqLine, Irq, true);
  return Irq;
}

void IrqModel::runHandlers(Thread &T) {
  unsigned Irq = T.IrqLine;
  auto It = Lines.find(Irq);
  if (It == Lines.end() || It->second.Actions.empty()) {
    MTRACE(M, "spurious interrupt %u: no handler", Irq);
    return;
  }
  It->second.InProgress.push_back(T.Id);
  // Handlers may free_irq() their own line; walk a copy, as the kernel's RCU list walk would.
  std::vector<IrqAction> Actions = It->second.Actions;
  for (const IrqAction &A : Actions) {
    if (!A.Handler)
      continue;
    MTRACE(M, "%s(%u)", M.symbolize(A.Handler).c_str(), Irq);
    int Ret = abi_call_irq_handler(A.Handler, Irq, A.DevId);
    if ((Ret & MDL_IRQ_WAKE_THREAD) && A.ThreadFn) {
      Thread &IT = M.spawnTask(T.Cpu, nullptr, nullptr, "irq/" + std::to_string(Irq));
      IT.IrqThreadFn = A.ThreadFn;
      IT.IrqLine = Irq;
      IT.IrqDevId = A.DevId;
    }
  }
  IrqLine &L = Lines[Irq];
  L.InProgress.erase(std::find(L.InProgress.begin(), L.InProgress.end(), T.Id));
  M.key(KeyKind::IrqLine, Irq, true);
}

} // namespace detasklet::runtime

using detasklet::runtime::Machine;

extern "C" {
int mdl_request_irq(unsigned int Irq, void *Handler, void *ThreadFn, unsigned long Flags,
                    const char *Name, void *DevId, mdl_device *DevmOwner) {
  return Machine::active().Irqs.request(Irq, Handler, ThreadFn, Flags, Name, DevId, DevmOwner);
}
const void *mdl_free_irq(unsigned int Irq, void *DevId) {
  return Machine::active().Irqs.free(Irq, DevId, "free_irq");
}
void mdl_devm_free_irq(mdl_device *Dev, unsigned int Irq, void *DevId) {
  Machine &M = Machine::active();
  M.Drivers.removeDevresIrq(Dev, Irq, DevId);
  M.Irqs.free(Irq, DevId, "devm_free_irq");
}
void mdl_disable_irq(unsigned int Irq, int Sync) { Machine::active().Irqs.disable(Irq, Sync); }
void mdl_enable_irq(unsigned int Irq) { Machine::active().Irqs.enable(Irq); }
void mdl_synchronize_irq(unsigned int Irq) { Machine::active().Irqs.synchronize(Irq, "synchronize_irq"); }
}
