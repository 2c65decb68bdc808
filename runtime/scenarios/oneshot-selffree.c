// SPDX-License-Identifier: GPL-2.0
/*
 * test-corpus/oneshot-selffree (yak_cmd): every interrupt submits a kmalloc'ed
 * job whose bottom half frees it. The tasklet core touches the tasklet after
 * the callback returns (a use-after-free); a work item may free itself.
 */
#include <model/scenario.h>

#define YAK_IRQ 9

MODEL_SCENARIO(main)
{
	model_load_module();
	model_raise_irq(0, YAK_IRQ);
	model_raise_irq(1, YAK_IRQ);
	model_unload_module();
}
