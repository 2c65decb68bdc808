/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Shim of <linux/percpu.h>, <linux/percpu-defs.h> and <asm-generic/percpu.h>
 * (Linux 6.12, CONFIG_SMP, no CONFIG_DEBUG_PREEMPT). As in the kernel, a per-CPU
 * variable is a global in the per-CPU section, and per_cpu_ptr()/this_cpu_ptr()
 * compute its address for a CPU through statement expressions and RELOC_HIDE,
 * adding __per_cpu_offset[cpu] (which the runtime model provides).
 */
#ifndef _LINUX_PERCPU_H
#define _LINUX_PERCPU_H

#include <linux/compiler.h>
#include <linux/types.h>
#include <linux/threads.h>
#include <linux/smp.h>
#include <linux/cpumask.h>

#ifndef PER_CPU_BASE_SECTION
#define PER_CPU_BASE_SECTION ".data..percpu"
#endif

#define PER_CPU_ATTRIBUTES

extern unsigned long __per_cpu_offset[NR_CPUS];

#define per_cpu_offset(x) (__per_cpu_offset[x])
#define __my_cpu_offset per_cpu_offset(raw_smp_processor_id())

#define __PCPU_ATTRS(sec)						\
	__percpu __attribute__((section(PER_CPU_BASE_SECTION sec)))	\
	PER_CPU_ATTRIBUTES

#define DECLARE_PER_CPU_SECTION(type, name, sec)			\
	extern __PCPU_ATTRS(sec) __typeof__(type) name

#define DEFINE_PER_CPU_SECTION(type, name, sec)				\
	__PCPU_ATTRS(sec) __typeof__(type) name

#define DECLARE_PER_CPU(type, name)					\
	DECLARE_PER_CPU_SECTION(type, name, "")

#define DEFINE_PER_CPU(type, name)					\
	DEFINE_PER_CPU_SECTION(type, name, "")

#define __verify_pcpu_ptr(ptr)						\
do {									\
	const void __percpu *__vpp_verify = (typeof((ptr) + 0))NULL;	\
	(void)__vpp_verify;						\
} while (0)

#define SHIFT_PERCPU_PTR(__p, __offset)					\
	RELOC_HIDE((typeof(*(__p)) __kernel __force *)(__p), (__offset))

#define arch_raw_cpu_ptr(ptr) SHIFT_PERCPU_PTR(ptr, __my_cpu_offset)

#define per_cpu_ptr(ptr, cpu)						\
({									\
	__verify_pcpu_ptr(ptr);						\
	SHIFT_PERCPU_PTR((ptr), per_cpu_offset((cpu)));			\
})

#define raw_cpu_ptr(ptr)						\
({									\
	__verify_pcpu_ptr(ptr);						\
	arch_raw_cpu_ptr(ptr);						\
})

#define this_cpu_ptr(ptr) raw_cpu_ptr(ptr)

#define per_cpu(var, cpu)	(*per_cpu_ptr(&(var), cpu))

#endif /* _LINUX_PERCPU_H */
