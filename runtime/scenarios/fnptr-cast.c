// SPDX-License-Identifier: GPL-2.0
/*
 * test-corpus/fnptr-cast (jay_i2c): probe, a transfer interrupt on each CPU, remove.
 */
#include <model/scenario.h>

MODEL_SCENARIO(main)
{
	model_load_module();
	model_raise_irq(0, model_platform_irq());
	model_raise_irq(1, model_platform_irq());
	model_unload_module();
}
