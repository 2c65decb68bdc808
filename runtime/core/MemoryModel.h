// kmalloc/kfree over the checked heap: sleeping allocations flagged in atomic
// context, double and invalid frees, devm allocations tied to their device.
#ifndef DETASKLET_RUNTIME_CORE_MEMORYMODEL_H
#define DETASKLET_RUNTIME_CORE_MEMORYMODEL_H

#include "runtime/abi/model_abi.h"

#include <cstddef>

namespace detasklet::runtime {

class Machine;

class MemoryModel {
public:
  explicit MemoryModel(Machine &M) : M(M) {}

  void *allocate(size_t Size, unsigned Gfp, bool Zero, const void *Caller, const char *Api,
                 mdl_device *DevmOwner);
  void release(const void *P, const void *Caller, const char *Api);

private:
  Machine &M;
};

} // namespace detasklet::runtime

#endif
