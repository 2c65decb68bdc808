// SPDX-License-Identifier: GPL-2.0
/*
 * Correct conversion: tasklet_enable() becomes enable_and_queue_work(), which
 * queues the run a receive interrupt may have asked for while disabled (and one
 * more when none did, a documented difference).
 */
#include <linux/interrupt.h>
#include <linux/module.h>
#include <linux/workqueue.h>

#define RX_IRQ	22

static struct work_struct rx_work;
static unsigned int mtu = 1500, seen_mtu;
static int cookie;

static void rx_fn(struct work_struct *w)
{
	seen_mtu = mtu;
}

static irqreturn_t rx_irq(int irq, void *dev_id)
{
	queue_work(system_bh_wq, &rx_work);
	return IRQ_HANDLED;
}

void seed_change_mtu(unsigned int new_mtu);
void seed_change_mtu(unsigned int new_mtu)
{
	disable_work_sync(&rx_work);
	mtu = new_mtu;
	enable_and_queue_work(system_bh_wq, &rx_work);
}

static int __init seed_init(void)
{
	INIT_WORK(&rx_work, rx_fn);
	return request_irq(RX_IRQ, rx_irq, 0, "rx", &cookie);
}

static void __exit seed_exit(void)
{
	free_irq(RX_IRQ, &cookie);
	cancel_work_sync(&rx_work);
}

module_init(seed_init);
module_exit(seed_exit);
MODULE_LICENSE("GPL");
