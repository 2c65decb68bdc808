// SPDX-License-Identifier: GPL-2.0
/*
 * test-corpus/internals (moth_crypto): probe (its poll path takes the tasklet's RUN bit with
 * tasklet_trylock()), an interrupt on each CPU (the handler tests SCHED), remove
 * (tasklet_unlock_wait(), then tasklet_kill()).
 */
#include <model/scenario.h>

MODEL_SCENARIO(main)
{
	model_load_module();
	model_raise_irq(0, model_platform_irq());
	model_raise_irq(1, model_platform_irq());
	model_unload_module();
}
