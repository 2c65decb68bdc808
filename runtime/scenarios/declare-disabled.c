// SPDX-License-Identifier: GPL-2.0
/*
 * test-corpus/declare-disabled (gate_sensor): the bottom half is declared
 * disabled; init requests the interrupt, then enables it; a sensor event on each
 * CPU (possibly before the enable: it must wait for it); exit disables, frees
 * the interrupt, enables and kills.
 */
#include <model/scenario.h>

#define GATE_IRQ 11

MODEL_SCENARIO(main)
{
	model_raise_irq(0, GATE_IRQ);
	model_load_module();
	model_raise_irq(1, GATE_IRQ);
	model_unload_module();
}
