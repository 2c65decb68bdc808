#include "runtime/core/MemoryModel.h"

#include "runtime/core/Machine.h"

namespace detasklet::runtime {

namespace {
constexpr unsigned GfpDirectReclaim = 0x400; // ___GFP_DIRECT_RECLAIM: the allocation may sleep
} // namespace

void *MemoryModel::allocate(size_t Size, unsigned Gfp, bool Zero, const void *Caller, const char *Api,
                            mdl_device *DevmOwner) {
  if (Gfp & GfpDirectReclaim)
    M.mightSleep(Api);
  M.point(Api);
  M.key(KeyKind::HeapTop, 0, true);
  HeapBlock *B = M.Memory.allocate(Size, Zero);
  if (!B) {
    MTRACE(M, "%s(%zu): out of model heap", Api, Size);
    return nullptr;
  }
  B->AllocStep = M.step();
  B->AllocThread = M.current().Id;
  B->AllocSite = Caller;
  B->Devm = DevmOwner != nullptr;
  void *P = reinterpret_cast<void *>(B->Begin);
  M.touch(P, Size ? Size : 1, true, Api);
  if (DevmOwner)
    M.Drivers.addDevresMemory(DevmOwner, P);
  MTRACE(M, "%s(%zu) = %s", Api, Size, M.describe(P).c_str());
  return P;
}

void MemoryModel::release(const void *P, const void *Caller, const char *Api) {
  M.point(Api, P);
  if (!P)
    return;
  uintptr_t A = reinterpret_cast<uintptr_t>(P);
  HeapBlock *B = M.Memory.find(A);
  if (!B) {
    M.violation(Property::ApiMisuse, std::string(Api) + "(" + M.describe(P) + "): not memory kmalloc returned");
    return;
  }
  if (B->Begin != A) {
    M.violation(Property::ApiMisuse, std::string(Api) + "(" + M.describe(P) + "): a pointer into a block, not its start");
    return;
  }
  if (B->Freed) {
    std::string Msg = std::string(Api) + "(" + M.describe(P) + ") on " + M.contextName(M.current()) +
                      ": already freed";
    M.violation(Property::DoubleFree, Msg + " by " + M.freeDescription(*B));
    return;
  }
  // The free writes the whole block: it conflicts with every access to it.
  M.touch(P, B->Size ? B->Size : 1, true, Api);
  MTRACE(M, "%s(%s)", Api, M.describe(P).c_str());
  B->Freed = true;
  B->FreeStep = M.step();
  B->FreeThread = M.current().Id;
  B->FreeSite = Caller;
  B->FreeApi = Api;
  M.Memory.poisonFreed(*B);
}

} // namespace detasklet::runtime

using detasklet::runtime::Machine;

extern "C" {
void *mdl_kmalloc(unsigned long Size, unsigned int Gfp, int Zero, const void *Caller) {
  return Machine::active().Allocator.allocate(Size, Gfp, Zero, Caller, Zero ? "kzalloc" : "kmalloc", nullptr);
}
void mdl_kfree(const void *P, const void *Caller) { Machine::active().Allocator.release(P, Caller, "kfree"); }
void *mdl_devm_kmalloc(mdl_device *Dev, unsigned long Size, unsigned int Gfp, int Zero, const void *Caller) {
  return Machine::active().Allocator.allocate(Size, Gfp, Zero, Caller, Zero ? "devm_kzalloc" : "devm_kmalloc", Dev);
}
void mdl_devm_kfree(mdl_device *Dev, const void *P, const void *Caller) {
  Machine &M = Machine::active();
  M.Drivers.removeDevresMemory(Dev, P);
  M.Allocator.release(P, Caller, "devm_kfree");
}
}
