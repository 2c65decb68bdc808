// SPDX-License-Identifier: GPL-2.0
/* Wrong conversion: each site keeps its priority, so the item sits on two BH workqueues. */
#include <linux/interrupt.h>
#include <linux/module.h>
#include <linux/workqueue.h>

#define PERIOD_IRQ	20
#define UNDERRUN_IRQ	21

static struct work_struct period_work;
static unsigned int periods;
static int cookie;

static void period_fn(struct work_struct *w)
{
	periods++;
}

static irqreturn_t period_irq(int irq, void *dev_id)
{
	queue_work(system_bh_wq, &period_work);
	return IRQ_HANDLED;
}

static irqreturn_t underrun_irq(int irq, void *dev_id)
{
	queue_work(system_bh_highpri_wq, &period_work);
	return IRQ_HANDLED;
}

static int __init seed_init(void)
{
	INIT_WORK(&period_work, period_fn);
	if (request_irq(PERIOD_IRQ, period_irq, 0, "period", &cookie))
		return -EBUSY;
	return request_irq(UNDERRUN_IRQ, underrun_irq, 0, "underrun", &cookie);
}

static void __exit seed_exit(void)
{
	free_irq(UNDERRUN_IRQ, &cookie);
	free_irq(PERIOD_IRQ, &cookie);
	cancel_work_sync(&period_work);
}

module_init(seed_init);
module_exit(seed_exit);
MODULE_LICENSE("GPL");
