// SPDX-License-Identifier: GPL-2.0
/*
 * test-corpus/direct-callback-call (ibis_net): probe (its poll path calls both callbacks
 * directly after the interrupt is requested), an interrupt on each CPU, remove.
 */
#include <model/scenario.h>

MODEL_SCENARIO(main)
{
	model_load_module();
	model_raise_irq(0, model_platform_irq());
	model_raise_irq(1, model_platform_irq());
	model_unload_module();
}
