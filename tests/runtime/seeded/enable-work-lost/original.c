// SPDX-License-Identifier: GPL-2.0
/*
 * The receive bottom half is disabled around an MTU change; a receive interrupt
 * during the change schedules it, and it runs once the change is done.
 */
#include <linux/interrupt.h>
#include <linux/module.h>

#define RX_IRQ	22

static struct tasklet_struct rx_tasklet;
static unsigned int mtu = 1500, seen_mtu;
static int cookie;

static void rx_fn(struct tasklet_struct *t)
{
	seen_mtu = mtu;
}

static irqreturn_t rx_irq(int irq, void *dev_id)
{
	tasklet_schedule(&rx_tasklet);
	return IRQ_HANDLED;
}

void seed_change_mtu(unsigned int new_mtu);
void seed_change_mtu(unsigned int new_mtu)
{
	tasklet_disable(&rx_tasklet);
	mtu = new_mtu;
	tasklet_enable(&rx_tasklet);
}

static int __init seed_init(void)
{
	tasklet_setup(&rx_tasklet, rx_fn);
	return request_irq(RX_IRQ, rx_irq, 0, "rx", &cookie);
}

static void __exit seed_exit(void)
{
	free_irq(RX_IRQ, &cookie);
	tasklet_kill(&rx_tasklet);
}

module_init(seed_init);
module_exit(seed_exit);
MODULE_LICENSE("GPL");
