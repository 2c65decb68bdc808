#include "runtime/core/DriverModel.h"

#include "runtime/core/Machine.h"

#include <algorithm>

namespace detasklet::runtime {

namespace {
constexpr int Ebusy = 16, Enxio = 6, Enodev = 19;
constexpr int DefaultPlatformIrq = 32;
} // namespace

void DriverModel::reset() {
  Driver = nullptr;
  Device = mdl_platform_device{};
  Bound = false;
  ProbeResult = 0;
  PlatformIrq = DefaultPlatformIrq;
  Resources.clear();
}

bool DriverModel::isModelDevice(const void *P) const {
  auto A = reinterpret_cast<uintptr_t>(P);
  auto B = reinterpret_cast<uintptr_t>(&Device);
  return A >= B && A < B + sizeof(Device);
}

// __platform_driver_register(): the model has one platform device, matching
// whatever driver registers first, and probes it right away in the caller.
// Registration and its mirror are not scheduling points: they only read the
// driver's constant structure, and probe()/remove() have points of their own.
int DriverModel::registerDriver(mdl_platform_driver *Drv) {
  M.mightSleep("platform_driver_register");
  if (Driver) {
    M.violation(Property::ApiMisuse, "a second platform driver registers; the model binds one device");
    return -Ebusy;
  }
  M.touch(Drv, sizeof(*Drv), false, "platform_driver_register");
  Driver = Drv;
  Device = mdl_platform_device{};
  Device.name = Drv->driver.name;
  Device.id = -1;
  Device.dev.init_name = Drv->driver.name;
  Device.dev.driver = &Drv->driver;
  MTRACE(M, "probe of %s", Drv->driver.name ? Drv->driver.name : "the platform device");
  ProbeResult = Drv->probe ? abi_call_probe(Drv, &Device) : 0;
  if (ProbeResult) {
    MTRACE(M, "probe failed: %d", ProbeResult);
    releaseDevres();
  } else {
    Bound = true;
  }
  return 0;
}

void DriverModel::unregisterDriver(mdl_platform_driver *Drv) {
  M.mightSleep("platform_driver_unregister");
  if (Drv != Driver)
    return;
  if (Bound) {
    MTRACE(M, "remove of %s", Drv->driver.name ? Drv->driver.name : "the platform device");
    abi_call_remove(Drv, &Device);
    releaseDevres();
    Bound = false;
  }
  Driver = nullptr;
}

// devres_release_all(): newest first, so a devm irq registered after the
// devm allocation its handler uses is freed before that memory.
void DriverModel::releaseDevres() {
  while (!Resources.empty()) {
    Devres R = Resources.back();
    Resources.pop_back();
    if (R.IsIrq)
      M.Irqs.free(R.Irq, R.DevId, "devres_release_all: free_irq");
    else
      M.Allocator.release(R.Mem, nullptr, "devres_release_all: kfree");
  }
}

int DriverModel::getIrq(mdl_platform_device *Pdev, unsigned Index) {
  return Index == 0 ? PlatformIrq : -Enxio;
}

const char *DriverModel::deviceName(const mdl_device *Dev) const {
  return Dev && Dev->init_name ? Dev->init_name : "model-device";
}

int DriverModel::suspend() {
  if (!Bound)
    return -Enodev;
  MTRACE(M, "suspend of the platform device");
  return abi_call_suspend(Driver, &Device);
}

int DriverModel::resume() {
  if (!Bound)
    return -Enodev;
  MTRACE(M, "resume of the platform device");
  return abi_call_resume(Driver, &Device);
}

void *DriverModel::drvdata() const { return Device.dev.driver_data; }

void DriverModel::addDevresMemory(mdl_device *Dev, const void *P) { Resources.push_back({false, P, 0, nullptr}); }

bool DriverModel::removeDevresMemory(mdl_device *Dev, const void *P) {
  auto It = std::find_if(Resources.begin(), Resources.end(),
                         [&](const Devres &R) { return !R.IsIrq && R.Mem == P; });
  if (It == Resources.end())
    return false;
  Resources.erase(It);
  return true;
}

void DriverModel::addDevresIrq(mdl_device *Dev, unsigned Irq, void *DevId) {
  Resources.push_back({true, nullptr, Irq, DevId});
}

bool DriverModel::removeDevresIrq(mdl_device *Dev, unsigned Irq, void *DevId) {
  auto It = std::find_if(Resources.begin(), Resources.end(),
                         [&](const Devres &R) { return R.IsIrq && R.Irq == Irq && R.DevId == DevId; });
  if (It == Resources.end())
    return false;
  Resources.erase(It);
  return true;
}

} // namespace detasklet::runtime

using detasklet::runtime::Machine;

extern "C" {
int mdl_platform_driver_register(mdl_platform_driver *Drv) { return Machine::active().Drivers.registerDriver(Drv); }
void mdl_platform_driver_unregister(mdl_platform_driver *Drv) { Machine::active().Drivers.unregisterDriver(Drv); }
int mdl_platform_get_irq(mdl_platform_device *Pdev, unsigned int Index) {
  return Machine::active().Drivers.getIrq(Pdev, Index);
}
const char *mdl_dev_name(const mdl_device *Dev) { return Machine::active().Drivers.deviceName(Dev); }
}
