// SPDX-License-Identifier: GPL-2.0
/* The timer is armed on CPU 0 at init; a statistics interrupt on CPU 0; unload. */
#include <model/scenario.h>

MODEL_SCENARIO(main)
{
	model_set_timer_budget(1);
	model_load_module();
	model_raise_irq(0, 25);
	model_unload_module();
}
