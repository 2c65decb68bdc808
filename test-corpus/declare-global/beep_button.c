// SPDX-License-Identifier: GPL-2.0
/*
 * Pattern declare-global: a file-scope DECLARE_TASKLET(), scheduled from an irq handler and
 * killed at module exit. Maps to DECLARE_WORK() and queue_work(system_bh_wq, ...).
 */
#include <linux/atomic.h>
#include <linux/interrupt.h>
#include <linux/module.h>

#define BEEP_IRQ	7

static atomic_t beep_presses = ATOMIC_INIT(0);
static int beep_cookie;

static void beep_button_fn(struct tasklet_struct *t)
{
	pr_info("beep: button pressed %d times\n", atomic_read(&beep_presses));
}

static DECLARE_TASKLET(beep_tasklet, beep_button_fn);

static irqreturn_t beep_irq(int irq, void *dev_id)
{
	atomic_inc(&beep_presses);
	tasklet_schedule(&beep_tasklet);
	return IRQ_HANDLED;
}

static int __init beep_init(void)
{
	int ret;

	ret = request_irq(BEEP_IRQ, beep_irq, IRQF_SHARED, "beep-button", &beep_cookie);
	if (ret)
		pr_err("beep: cannot get irq %d: %d\n", BEEP_IRQ, ret);
	return ret;
}

static void __exit beep_exit(void)
{
	free_irq(BEEP_IRQ, &beep_cookie);
	tasklet_kill(&beep_tasklet);
}

module_init(beep_init);
module_exit(beep_exit);

MODULE_DESCRIPTION("Beep button");
MODULE_LICENSE("GPL");
