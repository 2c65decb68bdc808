// The kernel's global variables the shims declare extern: jiffies, the CPU
// masks and count, __per_cpu_offset, __this_module. The machine resets them
// before every execution.
#ifndef DETASKLET_RUNTIME_CORE_KERNELGLOBALS_H
#define DETASKLET_RUNTIME_CORE_KERNELGLOBALS_H

namespace detasklet::runtime {

// The shims' NR_CPUS may be raised with -DNR_CPUS; this bounds what a module may use.
constexpr unsigned PerCpuOffsetSlots = 64;

void resetKernelGlobals(unsigned Cpus);
void setPerCpuOffset(unsigned Cpu, unsigned long Offset);
// Time passes only when a timer expires.
void advanceJiffies();
const volatile unsigned long *jiffiesAddress();

} // namespace detasklet::runtime

#endif
