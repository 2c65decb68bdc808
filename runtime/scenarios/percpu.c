// SPDX-License-Identifier: GPL-2.0
/*
 * test-corpus/percpu (vole_stats): a per-CPU bottom half, scheduled on the CPU
 * the interrupt arrives on; an interrupt on each CPU; exit kills every CPU's.
 */
#include <model/scenario.h>

#define VOLE_IRQ 14

MODEL_SCENARIO(main)
{
	model_load_module();
	model_raise_irq(0, VOLE_IRQ);
	model_raise_irq(1, VOLE_IRQ);
	model_unload_module();
}
