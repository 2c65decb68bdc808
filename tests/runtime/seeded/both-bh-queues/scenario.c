// SPDX-License-Identifier: GPL-2.0
/* A period interrupt on CPU 0 and an underrun interrupt on CPU 1. */
#include <model/scenario.h>

MODEL_SCENARIO(main)
{
	model_load_module();
	model_raise_irq(0, 20);
	model_raise_irq(1, 21);
	model_unload_module();
}
