// SPDX-License-Identifier: GPL-2.0
/* A job interrupt on CPU 1 while CPU 0 unloads the module. */
#include <model/scenario.h>

MODEL_SCENARIO(main)
{
	model_load_module();
	model_raise_irq(1, 24);
	model_unload_module();
}
