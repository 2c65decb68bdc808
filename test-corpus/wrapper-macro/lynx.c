// SPDX-License-Identifier: GPL-2.0
/*
 * Pattern wrapper-macro: KICK() wraps tasklet_schedule() and is used twice; lynx.h wraps
 * tasklet_kill(). The macro definitions are what must change, not their expansion sites.
 */
#include <linux/interrupt.h>
#include <linux/module.h>
#include <linux/platform_device.h>

#include "lynx.h"

#define KICK(c) tasklet_schedule(&(c)->tl)

static void lynx_bh(struct tasklet_struct *t)
{
	struct lynx_chan *c = from_tasklet(c, t, tl);

	dev_info(c->dev, "kick %u\n", c->kicks);
}

static irqreturn_t lynx_irq(int irq, void *dev_id)
{
	struct lynx_chan *c = dev_id;

	c->kicks++;
	KICK(c);
	return IRQ_HANDLED;
}

static int lynx_probe(struct platform_device *pdev)
{
	struct lynx_chan *c;
	int ret;

	c = devm_kzalloc(&pdev->dev, sizeof(*c), GFP_KERNEL);
	if (!c)
		return -ENOMEM;

	c->dev = &pdev->dev;
	c->irq = platform_get_irq(pdev, 0);
	if (c->irq < 0)
		return c->irq;

	tasklet_setup(&c->tl, lynx_bh);
	ret = devm_request_irq(&pdev->dev, c->irq, lynx_irq, 0, "lynx", c);
	if (ret)
		return ret;

	platform_set_drvdata(pdev, c);
	/* pick up anything that arrived before the irq was ours */
	KICK(c);
	return 0;
}

static void lynx_remove(struct platform_device *pdev)
{
	struct lynx_chan *c = platform_get_drvdata(pdev);

	disable_irq(c->irq);
	lynx_stop_bh(c);
}

static struct platform_driver lynx_driver = {
	.probe = lynx_probe,
	.remove = lynx_remove,
	.driver = {
		.name = "lynx",
	},
};
module_platform_driver(lynx_driver);

MODULE_DESCRIPTION("Lynx channel");
MODULE_LICENSE("GPL");
