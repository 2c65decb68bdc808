// SPDX-License-Identifier: GPL-2.0
/*
 * test-corpus/disable-enable (owl_eth): probe (which disables and enables the
 * bottom half twice around reconfigurations), a receive interrupt on CPU 1,
 * suspend (disable_nosync, then the interrupt is disabled), another interrupt on
 * CPU 0 held until resume, resume, remove.
 */
#include <model/scenario.h>

MODEL_SCENARIO(main)
{
	model_load_module();
	model_raise_irq(1, model_platform_irq());
	model_suspend();
	model_raise_irq(0, model_platform_irq());
	model_resume();
	model_unload_module();
}
