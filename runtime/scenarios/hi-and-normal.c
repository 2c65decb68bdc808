// SPDX-License-Identifier: GPL-2.0
/*
 * test-corpus/hi-and-normal (nova_audio): probe, a period interrupt on each CPU, remove.
 * The interrupt may schedule normally or with HI priority; one work item must stay
 * on one workqueue.
 */
#include <model/scenario.h>

MODEL_SCENARIO(main)
{
	model_load_module();
	model_raise_irq(0, model_platform_irq());
	model_raise_irq(1, model_platform_irq());
	model_unload_module();
}
