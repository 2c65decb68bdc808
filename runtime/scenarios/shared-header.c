// SPDX-License-Identifier: GPL-2.0
/*
 * test-corpus/shared-header (raven: core.c and irq.c): probe, an event interrupt on
 * each CPU, remove. Both files are compiled into the module with this scenario.
 */
#include <model/scenario.h>

MODEL_SCENARIO(main)
{
	model_load_module();
	model_raise_irq(0, model_platform_irq());
	model_raise_irq(1, model_platform_irq());
	model_unload_module();
}
