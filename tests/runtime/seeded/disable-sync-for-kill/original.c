// SPDX-License-Identifier: GPL-2.0
/*
 * A network device's bottom half: stop (ip link down) kills it after masking
 * the interrupt; open (ip link up) unmasks the interrupt, which schedules it
 * again. The tasklet is set up once, at init.
 */
#include <linux/interrupt.h>
#include <linux/module.h>

#define NET_IRQ	23

static struct tasklet_struct bh;
static unsigned int frames;
static int cookie;

static void bh_fn(struct tasklet_struct *t)
{
	frames++;
}

static irqreturn_t net_irq(int irq, void *dev_id)
{
	tasklet_schedule(&bh);
	return IRQ_HANDLED;
}

void seed_stop(void);
void seed_stop(void)
{
	disable_irq(NET_IRQ);
	tasklet_kill(&bh);
}

void seed_open(void);
void seed_open(void)
{
	enable_irq(NET_IRQ);
}

static int __init seed_init(void)
{
	tasklet_setup(&bh, bh_fn);
	return request_irq(NET_IRQ, net_irq, 0, "net", &cookie);
}

static void __exit seed_exit(void)
{
	free_irq(NET_IRQ, &cookie);
	tasklet_kill(&bh);
}

module_init(seed_init);
module_exit(seed_exit);
MODULE_LICENSE("GPL");
