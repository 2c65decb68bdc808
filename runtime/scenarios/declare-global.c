// SPDX-License-Identifier: GPL-2.0
/*
 * test-corpus/declare-global (beep_button): module init requests the shared
 * interrupt, a button press on each CPU, module exit frees it and kills the
 * file-scope bottom half.
 */
#include <model/scenario.h>

#define BEEP_IRQ 7

MODEL_SCENARIO(main)
{
	model_load_module();
	model_raise_irq(0, BEEP_IRQ);
	model_raise_irq(1, BEEP_IRQ);
	model_unload_module();
}
