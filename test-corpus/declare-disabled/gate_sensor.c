// SPDX-License-Identifier: GPL-2.0
/*
 * Pattern declare-disabled: DECLARE_TASKLET_DISABLED() starts with count 1, enabled in init and
 * disabled again in exit. Plain DECLARE_WORK() would lose the disabled state: disable_work() is
 * needed before the first enable, or the enable underflows.
 */
#include <linux/interrupt.h>
#include <linux/module.h>

#define GATE_IRQ	11

static unsigned int gate_events;
static int gate_cookie;

static void gate_sensor_fn(struct tasklet_struct *t)
{
	pr_info("gate: %u events\n", gate_events);
}

static DECLARE_TASKLET_DISABLED(gate_tasklet, gate_sensor_fn);

static irqreturn_t gate_irq(int irq, void *dev_id)
{
	gate_events++;
	tasklet_schedule(&gate_tasklet);
	return IRQ_HANDLED;
}

static int __init gate_init(void)
{
	int ret;

	ret = request_irq(GATE_IRQ, gate_irq, 0, "gate-sensor", &gate_cookie);
	if (ret)
		return ret;

	/* the sensor is calibrated now: let the queued events through */
	tasklet_enable(&gate_tasklet);
	return 0;
}

static void __exit gate_exit(void)
{
	/* no reports while the irq goes away; a pending one still runs before the kill returns */
	tasklet_disable(&gate_tasklet);
	free_irq(GATE_IRQ, &gate_cookie);
	tasklet_enable(&gate_tasklet);
	tasklet_kill(&gate_tasklet);
}

module_init(gate_init);
module_exit(gate_exit);

MODULE_DESCRIPTION("Gate sensor");
MODULE_LICENSE("GPL");
