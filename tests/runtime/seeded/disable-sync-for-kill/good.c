// SPDX-License-Identifier: GPL-2.0
/* Correct conversion: tasklet_kill() becomes cancel_work_sync(), which leaves the item usable. */
#include <linux/interrupt.h>
#include <linux/module.h>
#include <linux/workqueue.h>

#define NET_IRQ	23

static struct work_struct bh_work;
static unsigned int frames;
static int cookie;

static void bh_fn(struct work_struct *w)
{
	frames++;
}

static irqreturn_t net_irq(int irq, void *dev_id)
{
	queue_work(system_bh_wq, &bh_work);
	return IRQ_HANDLED;
}

void seed_stop(void);
void seed_stop(void)
{
	disable_irq(NET_IRQ);
	cancel_work_sync(&bh_work);
}

void seed_open(void);
void seed_open(void)
{
	enable_irq(NET_IRQ);
}

static int __init seed_init(void)
{
	INIT_WORK(&bh_work, bh_fn);
	return request_irq(NET_IRQ, net_irq, 0, "net", &cookie);
}

static void __exit seed_exit(void)
{
	free_irq(NET_IRQ, &cookie);
	cancel_work_sync(&bh_work);
}

module_init(seed_init);
module_exit(seed_exit);
MODULE_LICENSE("GPL");
