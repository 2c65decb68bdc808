// SPDX-License-Identifier: GPL-2.0
/*
 * Statistics updated from a tasklet (after an interrupt) and from a polling
 * timer, under one spinlock taken without _bh: both run in softirq context,
 * which never interrupts itself on a CPU, so plain spin_lock() is enough.
 */
#include <linux/interrupt.h>
#include <linux/module.h>
#include <linux/spinlock.h>
#include <linux/timer.h>

#define STAT_IRQ	25

static DEFINE_SPINLOCK(stats_lock);
static unsigned long stats;
static struct timer_list poll_timer;
static struct tasklet_struct stats_tasklet;
static int cookie;

static void stats_fn(struct tasklet_struct *t)
{
	spin_lock(&stats_lock);
	stats++;
	spin_unlock(&stats_lock);
}

static void poll_fn(struct timer_list *t)
{
	spin_lock(&stats_lock);
	stats += 10;
	spin_unlock(&stats_lock);
}

static irqreturn_t stat_irq(int irq, void *dev_id)
{
	tasklet_schedule(&stats_tasklet);
	return IRQ_HANDLED;
}

static int __init seed_init(void)
{
	tasklet_setup(&stats_tasklet, stats_fn);
	timer_setup(&poll_timer, poll_fn, 0);
	mod_timer(&poll_timer, jiffies + HZ);
	return request_irq(STAT_IRQ, stat_irq, 0, "stats", &cookie);
}

static void __exit seed_exit(void)
{
	free_irq(STAT_IRQ, &cookie);
	del_timer_sync(&poll_timer);
	tasklet_kill(&stats_tasklet);
}

module_init(seed_init);
module_exit(seed_exit);
MODULE_LICENSE("GPL");
