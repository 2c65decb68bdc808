// SPDX-License-Identifier: GPL-2.0
/*
 * test-corpus/wrapper-macro (lynx): probe (which kicks the bottom half from process context),
 * an interrupt on each CPU, remove through the driver's stop macro.
 */
#include <model/scenario.h>

MODEL_SCENARIO(main)
{
	model_load_module();
	model_raise_irq(0, model_platform_irq());
	model_raise_irq(1, model_platform_irq());
	model_unload_module();
}
