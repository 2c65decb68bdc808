// SPDX-License-Identifier: GPL-2.0
/*
 * test-corpus/legacy-init-foreign (kite_serial): probe, a receive interrupt on each CPU, remove.
 * The legacy callback's data is the port, not the host holding the tasklet; converted, the
 * port travels in a field beside the work item, set at init as tasklet_init() kept it.
 */
#include <model/scenario.h>

MODEL_SCENARIO(main)
{
	model_load_module();
	model_raise_irq(0, model_platform_irq());
	model_raise_irq(1, model_platform_irq());
	model_unload_module();
}
