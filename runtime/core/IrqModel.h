// Interrupt lines and their delivery. A scenario raises an interrupt on a CPU;
// the explorer decides when it arrives (any time that CPU has interrupts
// enabled and the line is not disabled). A line that is disabled keeps it
// pending, as the kernel's resend does, until enable_irq().
#ifndef DETASKLET_RUNTIME_CORE_IRQMODEL_H
#define DETASKLET_RUNTIME_CORE_IRQMODEL_H

#include "runtime/abi/model_abi.h"
#include "runtime/core/Footprint.h"

#include <deque>
#include <map>
#include <vector>

namespace detasklet::runtime {

class Machine;
struct Thread;

struct IrqAction {
  void *Handler = nullptr, *ThreadFn = nullptr;
  unsigned long Flags = 0;
  const char *Name = nullptr;
  void *DevId = nullptr;
};

struct IrqLine {
  std::vector<IrqAction> Actions;
  int DisableDepth = 0;
  std::vector<unsigned> InProgress; // hardirq threads running its handlers
};

class IrqModel {
public:
  explicit IrqModel(Machine &M) : M(M) {}
  void reset(unsigned Cpus);

  int request(unsigned Irq, void *Handler, void *ThreadFn, unsigned long Flags, const char *Name,
              void *DevId, mdl_device *DevmOwner);
  const void *free(unsigned Irq, void *DevId, const char *Api);
  void disable(unsigned Irq, bool Sync);
  void enable(unsigned Irq);
  void synchronize(unsigned Irq, const char *Api);
  void raise(unsigned Cpu, unsigned Irq);

  // Explorer side: the interrupt that would arrive on this CPU now, if any.
  bool deliverable(unsigned Cpu, Footprint &Guard, unsigned *Irq = nullptr) const;
  // Takes it off the pending list; returns the line.
  unsigned takeDeliverable(unsigned Cpu);
  void runHandlers(Thread &T);
  const IrqLine *line(unsigned Irq) const;
  bool anyDeliverable() const;

private:
  Machine &M;
  std::map<unsigned, IrqLine> Lines;
  std::vector<std::deque<unsigned>> Pending; // per CPU
};

} // namespace detasklet::runtime

#endif
