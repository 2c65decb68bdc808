// SPDX-License-Identifier: GPL-2.0
/* Correct conversion: a BH work item runs in softirq context, like the tasklet did. */
#include <linux/interrupt.h>
#include <linux/module.h>
#include <linux/spinlock.h>
#include <linux/timer.h>
#include <linux/workqueue.h>

#define STAT_IRQ	25

static DEFINE_SPINLOCK(stats_lock);
static unsigned long stats;
static struct timer_list poll_timer;
static struct work_struct stats_work;
static int cookie;

static void stats_fn(struct work_struct *w)
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
	queue_work(system_bh_wq, &stats_work);
	return IRQ_HANDLED;
}

static int __init seed_init(void)
{
	INIT_WORK(&stats_work, stats_fn);
	timer_setup(&poll_timer, poll_fn, 0);
	mod_timer(&poll_timer, jiffies + HZ);
	return request_irq(STAT_IRQ, stat_irq, 0, "stats", &cookie);
}

static void __exit seed_exit(void)
{
	free_irq(STAT_IRQ, &cookie);
	del_timer_sync(&poll_timer);
	cancel_work_sync(&stats_work);
}

module_init(seed_init);
module_exit(seed_exit);
MODULE_LICENSE("GPL");
