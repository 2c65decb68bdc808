// SPDX-License-Identifier: GPL-2.0
/* One tasklet, scheduled normally on period interrupts and with HI priority on underruns. */
#include <linux/interrupt.h>
#include <linux/module.h>

#define PERIOD_IRQ	20
#define UNDERRUN_IRQ	21

static struct tasklet_struct period_tasklet;
static unsigned int periods;
static int cookie;

static void period_fn(struct tasklet_struct *t)
{
	periods++;
}

static irqreturn_t period_irq(int irq, void *dev_id)
{
	tasklet_schedule(&period_tasklet);
	return IRQ_HANDLED;
}

static irqreturn_t underrun_irq(int irq, void *dev_id)
{
	tasklet_hi_schedule(&period_tasklet);
	return IRQ_HANDLED;
}

static int __init seed_init(void)
{
	tasklet_setup(&period_tasklet, period_fn);
	if (request_irq(PERIOD_IRQ, period_irq, 0, "period", &cookie))
		return -EBUSY;
	return request_irq(UNDERRUN_IRQ, underrun_irq, 0, "underrun", &cookie);
}

static void __exit seed_exit(void)
{
	free_irq(UNDERRUN_IRQ, &cookie);
	free_irq(PERIOD_IRQ, &cookie);
	tasklet_kill(&period_tasklet);
}

module_init(seed_init);
module_exit(seed_exit);
MODULE_LICENSE("GPL");
