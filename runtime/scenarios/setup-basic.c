// SPDX-License-Identifier: GPL-2.0
/*
 * test-corpus/setup-basic (acme_uart): probe, a receive interrupt on each CPU
 * while the driver is up, remove. The bottom half may run before, during or
 * after remove's disable_irq(); the kill (or cancel) must leave nothing running.
 */
#include <model/scenario.h>

MODEL_SCENARIO(main)
{
	model_load_module();
	model_raise_irq(0, model_platform_irq());
	model_raise_irq(1, model_platform_irq());
	model_unload_module();
}
