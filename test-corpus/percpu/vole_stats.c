// SPDX-License-Identifier: GPL-2.0
/*
 * Pattern percpu: a DEFINE_PER_CPU(struct tasklet_struct, ...) set up for_each_possible_cpu()
 * through per_cpu() and scheduled on the local CPU through this_cpu_ptr(). The variable is only
 * reached through macro expansions (as in tcp TSQ, converted upstream after 6.12).
 */
#include <linux/cpumask.h>
#include <linux/interrupt.h>
#include <linux/module.h>
#include <linux/percpu.h>
#include <linux/smp.h>

#define VOLE_IRQ	14

static DEFINE_PER_CPU(unsigned long, vole_events);
static DEFINE_PER_CPU(struct tasklet_struct, vole_tasklet);
static int vole_cookie;

static void vole_flush_tasklet(struct tasklet_struct *t)
{
	unsigned long *events = this_cpu_ptr(&vole_events);

	pr_info("vole: cpu %d flushed %lu events\n", smp_processor_id(), *events);
	*events = 0;
}

static irqreturn_t vole_irq(int irq, void *dev_id)
{
	(*this_cpu_ptr(&vole_events))++;
	tasklet_schedule(this_cpu_ptr(&vole_tasklet));
	return IRQ_HANDLED;
}

static int __init vole_init(void)
{
	int cpu;

	for_each_possible_cpu(cpu)
		tasklet_setup(&per_cpu(vole_tasklet, cpu), vole_flush_tasklet);

	return request_irq(VOLE_IRQ, vole_irq, 0, "vole-stats", &vole_cookie);
}

static void __exit vole_exit(void)
{
	int cpu;

	free_irq(VOLE_IRQ, &vole_cookie);
	for_each_possible_cpu(cpu)
		tasklet_kill(per_cpu_ptr(&vole_tasklet, cpu));
}

module_init(vole_init);
module_exit(vole_exit);

MODULE_DESCRIPTION("Vole per-CPU event statistics");
MODULE_LICENSE("GPL");
