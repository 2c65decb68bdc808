// SPDX-License-Identifier: GPL-2.0
/* A receive interrupt on CPU 1 while CPU 0 changes the MTU. */
#include <model/scenario.h>

void seed_change_mtu(unsigned int new_mtu);

MODEL_SCENARIO(main)
{
	model_load_module();
	model_raise_irq(1, 22);
	seed_change_mtu(9000);
	model_unload_module();
}
