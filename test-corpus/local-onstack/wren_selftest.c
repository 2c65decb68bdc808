// SPDX-License-Identifier: GPL-2.0
/*
 * Pattern local-onstack: a tasklet that is a local variable of a self-test function: set up,
 * scheduled and killed before the function returns. A converted work item on the stack wants
 * INIT_WORK_ONSTACK() and destroy_work_on_stack().
 */
#include <linux/atomic.h>
#include <linux/delay.h>
#include <linux/interrupt.h>
#include <linux/module.h>

static atomic_t wren_result = ATOMIC_INIT(0);

static void wren_selftest_fn(struct tasklet_struct *t)
{
	atomic_set(&wren_result, in_softirq() ? 1 : -1);
}

static int wren_selftest(void)
{
	struct tasklet_struct test_tasklet;
	int i;

	atomic_set(&wren_result, 0);
	tasklet_setup(&test_tasklet, wren_selftest_fn);
	tasklet_schedule(&test_tasklet);

	for (i = 0; i < 100 && !atomic_read(&wren_result); i++)
		msleep(1);

	tasklet_kill(&test_tasklet);

	return atomic_read(&wren_result) > 0 ? 0 : -ETIMEDOUT;
}

static int __init wren_init(void)
{
	int ret = wren_selftest();

	pr_info("wren: bottom-half self-test %s\n", ret ? "failed" : "passed");
	return ret;
}

static void __exit wren_exit(void)
{
}

module_init(wren_init);
module_exit(wren_exit);

MODULE_DESCRIPTION("Wren bottom-half self-test");
MODULE_LICENSE("GPL");
