#include "runtime/core/KernelGlobals.h"

extern "C" {
// The shims declare these; their layouts are the shims' (one long of CPU mask
// bits is enough for NR_CPUS <= 64).
struct cpumask {
  unsigned long bits[1];
};
struct module {
  char name[56];
};

volatile unsigned long jiffies;
unsigned int nr_cpu_ids;
struct cpumask __cpu_possible_mask;
struct cpumask __cpu_online_mask;
unsigned long __per_cpu_offset[detasklet::runtime::PerCpuOffsetSlots];
struct module __this_module = {"model"};
}

namespace detasklet::runtime {

namespace {
// As the kernel: start five minutes before the 32-bit wrap, so that drivers
// comparing jiffies without time_after() are caught early.
constexpr unsigned long InitialJiffies = (unsigned long)(unsigned int)(-300 * 250);
} // namespace

void resetKernelGlobals(unsigned Cpus) {
  jiffies = InitialJiffies;
  nr_cpu_ids = Cpus;
  unsigned long Mask = Cpus >= 64 ? ~0ul : ((1ul << Cpus) - 1);
  __cpu_possible_mask.bits[0] = Mask;
  __cpu_online_mask.bits[0] = Mask;
  for (unsigned long &O : __per_cpu_offset)
    O = 0;
}

void setPerCpuOffset(unsigned Cpu, unsigned long Offset) { __per_cpu_offset[Cpu] = Offset; }

void advanceJiffies() { jiffies = jiffies + 1; }

const volatile unsigned long *jiffiesAddress() { return &jiffies; }

} // namespace detasklet::runtime
