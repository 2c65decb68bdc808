// SPDX-License-Identifier: GPL-2.0
/*
 * test-corpus/legacy-init-container (zeta_dma): probe, a completion interrupt on each CPU, remove.
 * The legacy callback's data is the device; converted, from_work() recovers it.
 */
#include <model/scenario.h>

MODEL_SCENARIO(main)
{
	model_load_module();
	model_raise_irq(0, model_platform_irq());
	model_raise_irq(1, model_platform_irq());
	model_unload_module();
}
