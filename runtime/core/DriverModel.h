// The driver core as far as a platform driver sees it: registration probes one
// device, unregistration removes it, and devres releases what the devm_*
// calls registered, in reverse order, after remove().
#ifndef DETASKLET_RUNTIME_CORE_DRIVERMODEL_H
#define DETASKLET_RUNTIME_CORE_DRIVERMODEL_H

#include "runtime/abi/model_abi.h"

#include <vector>

namespace detasklet::runtime {

class Machine;

class DriverModel {
public:
  explicit DriverModel(Machine &M) : M(M) {}
  void reset();
  void setPlatformIrq(int Irq) { PlatformIrq = Irq; }
  int platformIrq() const { return PlatformIrq; }

  int registerDriver(mdl_platform_driver *Drv);
  void unregisterDriver(mdl_platform_driver *Drv);
  int getIrq(mdl_platform_device *Pdev, unsigned Index);
  const char *deviceName(const mdl_device *Dev) const;
  int suspend();
  int resume();
  void *drvdata() const;
  int probeResult() const { return ProbeResult; }

  void addDevresMemory(mdl_device *Dev, const void *P);
  bool removeDevresMemory(mdl_device *Dev, const void *P);
  void addDevresIrq(mdl_device *Dev, unsigned Irq, void *DevId);
  bool removeDevresIrq(mdl_device *Dev, unsigned Irq, void *DevId);
  bool isModelDevice(const void *P) const;

private:
  void releaseDevres();
  Machine &M;
  mdl_platform_driver *Driver = nullptr;
  mdl_platform_device Device{};
  bool Bound = false;
  int ProbeResult = 0;
  int PlatformIrq = 32;
  struct Devres {
    bool IsIrq;
    const void *Mem;
    unsigned Irq;
    void *DevId;
  };
  std::vector<Devres> Resources;
};

} // namespace detasklet::runtime

#endif
