// SPDX-License-Identifier: GPL-2.0
/*
 * Pattern ops-table-unfollowed: the tasklet's callback comes from an ops field, and that field
 * is also given a function pointer variable's value (chosen by the device id). What that
 * variable holds is not followed, so the field's type cannot be retyped safely: manual.
 */
#include <linux/interrupt.h>
#include <linux/module.h>
#include <linux/platform_device.h>

struct wren_dev;

struct wren_ops {
	void (*poll)(struct tasklet_struct *t);
};

struct wren_dev {
	struct device *dev;
	int irq;
	u32 polls;
	struct wren_ops ops;
	struct tasklet_struct poll_tasklet;
};

static void wren_poll_fast(struct tasklet_struct *t)
{
	struct wren_dev *wd = from_tasklet(wd, t, poll_tasklet);

	wd->polls++;
}

static void wren_poll_slow(struct tasklet_struct *t)
{
	struct wren_dev *wd = from_tasklet(wd, t, poll_tasklet);

	wd->polls += 2;
}

static irqreturn_t wren_irq(int irq, void *dev_id)
{
	struct wren_dev *wd = dev_id;

	tasklet_schedule(&wd->poll_tasklet);
	return IRQ_HANDLED;
}

static int wren_probe(struct platform_device *pdev)
{
	void (*poll)(struct tasklet_struct *t) = pdev->id ? wren_poll_slow : wren_poll_fast;
	struct wren_dev *wd;

	wd = devm_kzalloc(&pdev->dev, sizeof(*wd), GFP_KERNEL);
	if (!wd)
		return -ENOMEM;

	wd->dev = &pdev->dev;
	wd->irq = platform_get_irq(pdev, 0);
	if (wd->irq < 0)
		return wd->irq;

	wd->ops.poll = poll;
	tasklet_setup(&wd->poll_tasklet, wd->ops.poll);

	platform_set_drvdata(pdev, wd);
	return devm_request_irq(&pdev->dev, wd->irq, wren_irq, 0, "wren", wd);
}

static void wren_remove(struct platform_device *pdev)
{
	struct wren_dev *wd = platform_get_drvdata(pdev);

	disable_irq(wd->irq);
	tasklet_kill(&wd->poll_tasklet);
}

static struct platform_driver wren_driver = {
	.probe = wren_probe,
	.remove = wren_remove,
	.driver = {
		.name = "wren",
	},
};
module_platform_driver(wren_driver);

MODULE_DESCRIPTION("Wren poller");
MODULE_LICENSE("GPL");
