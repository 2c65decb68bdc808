// SPDX-License-Identifier: GPL-2.0
/* Traffic on CPU 1, ip link down and up on CPU 0, traffic again, module unload. */
#include <model/scenario.h>

void seed_stop(void);
void seed_open(void);

MODEL_SCENARIO(main)
{
	model_load_module();
	model_raise_irq(1, 23);
	seed_stop();
	seed_open();
	model_raise_irq(1, 23);
	model_unload_module();
}
