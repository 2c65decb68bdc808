/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Shim of <linux/cpumask.h> (Linux 6.12, NR_CPUS > 1): cpu_possible_mask and the
 * for_each_*_cpu iterators over find_next_bit(), as in the kernel.
 */
#ifndef _LINUX_CPUMASK_H
#define _LINUX_CPUMASK_H

#include <linux/types.h>
#include <linux/threads.h>
#include <linux/bitops.h>

#define BITS_TO_LONGS(nr)	(((nr) + BITS_PER_LONG - 1) / BITS_PER_LONG)

typedef struct cpumask {
	unsigned long bits[BITS_TO_LONGS(NR_CPUS)];
} cpumask_t;

extern unsigned int nr_cpu_ids;

extern struct cpumask __cpu_possible_mask;
extern struct cpumask __cpu_online_mask;
#define cpu_possible_mask ((const struct cpumask *)&__cpu_possible_mask)
#define cpu_online_mask   ((const struct cpumask *)&__cpu_online_mask)

#define cpumask_bits(maskp)	((maskp)->bits)
#define small_cpumask_bits	nr_cpu_ids

unsigned long find_next_bit(const unsigned long *addr, unsigned long size,
			    unsigned long offset);

#define for_each_set_bit(bit, addr, size) \
	for ((bit) = 0; (bit) = find_next_bit((addr), (size), (bit)), (bit) < (size); (bit)++)

#define for_each_cpu(cpu, mask)				\
	for_each_set_bit(cpu, cpumask_bits(mask), small_cpumask_bits)

#define for_each_possible_cpu(cpu) for_each_cpu((cpu), cpu_possible_mask)
#define for_each_online_cpu(cpu)   for_each_cpu((cpu), cpu_online_mask)

#endif /* _LINUX_CPUMASK_H */
