// SPDX-License-Identifier: GPL-2.0
/*
 * Pattern declare-old: DECLARE_TASKLET_OLD() with a legacy callback whose data argument is unused
 * (it is always 0). The callback only needs its signature changed to take a work_struct.
 */
#include <linux/interrupt.h>
#include <linux/module.h>
#include <linux/timer.h>

static struct timer_list led_timer;
static bool led_on;

static void led_blink_fn(unsigned long unused)
{
	led_on = !led_on;
	pr_info("led: %s\n", led_on ? "on" : "off");
}

static DECLARE_TASKLET_OLD(led_tasklet, led_blink_fn);

static void led_timer_fn(struct timer_list *t)
{
	tasklet_schedule(&led_tasklet);
	mod_timer(&led_timer, jiffies + HZ);
}

static int __init led_blink_init(void)
{
	timer_setup(&led_timer, led_timer_fn, 0);
	mod_timer(&led_timer, jiffies + HZ);
	return 0;
}

static void __exit led_blink_exit(void)
{
	del_timer_sync(&led_timer);
	tasklet_kill(&led_tasklet);
}

module_init(led_blink_init);
module_exit(led_blink_exit);

MODULE_DESCRIPTION("LED blinker");
MODULE_LICENSE("GPL");
