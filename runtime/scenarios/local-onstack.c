// SPDX-License-Identifier: GPL-2.0
/*
 * test-corpus/local-onstack (wren_selftest): module init runs a self-test with
 * a tasklet on its stack, polling with msleep() until it ran, then kills it.
 */
#include <model/scenario.h>

MODEL_SCENARIO(main)
{
	model_load_module();
	model_unload_module();
}
