// SPDX-License-Identifier: GPL-2.0
/*
 * test-corpus/ops-table (quail: quail_core.c, quail_a.c, quail_b.c): probe with the chip's
 * ops table, the interrupt on each CPU scheduling both tasklets, remove. All three files
 * are compiled into the module with this scenario.
 */
#include <model/scenario.h>

MODEL_SCENARIO(main)
{
	model_load_module();
	model_raise_irq(0, model_platform_irq());
	model_raise_irq(1, model_platform_irq());
	model_unload_module();
}
