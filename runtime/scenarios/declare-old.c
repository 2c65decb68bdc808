// SPDX-License-Identifier: GPL-2.0
/*
 * test-corpus/declare-old (led_blink): module init arms a timer that schedules
 * the bottom half and re-arms itself; module exit deletes the timer and kills
 * the bottom half. The timer may expire twice in an execution, at any point.
 */
#include <model/scenario.h>

MODEL_SCENARIO(main)
{
	model_set_timer_budget(2);
	model_load_module();
	model_unload_module();
}
