// SPDX-License-Identifier: GPL-2.0
/*
 * test-corpus/name-collision (pike_spi): probe, an interrupt on each CPU; the bottom half
 * queues a process-context work item; remove kills the bottom half, then cancels the work.
 */
#include <model/scenario.h>

MODEL_SCENARIO(main)
{
	model_load_module();
	model_raise_irq(0, model_platform_irq());
	model_raise_irq(1, model_platform_irq());
	model_unload_module();
}
