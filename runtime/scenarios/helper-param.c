// SPDX-License-Identifier: GPL-2.0
/*
 * test-corpus/helper-param (tern_link): probe, an interrupt on each CPU kicking the rx
 * bottom half through the helper, remove.
 */
#include <model/scenario.h>

MODEL_SCENARIO(main)
{
	model_load_module();
	model_raise_irq(0, model_platform_irq());
	model_raise_irq(1, model_platform_irq());
	model_unload_module();
}
