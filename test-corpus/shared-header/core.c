// SPDX-License-Identifier: GPL-2.0
/*
 * Pattern shared-header (core part): initialises and kills the tasklet declared in shared.h;
 * irq.c schedules it. Both files and the header must be converted together.
 */
#include <linux/module.h>
#include <linux/platform_device.h>

#include "shared.h"

static void raven_event_tasklet(struct tasklet_struct *t)
{
	struct raven_dev *rd = from_tasklet(rd, t, event_tasklet);

	raven_handle_events(rd);
}

void raven_handle_events(struct raven_dev *rd)
{
	dev_info(rd->dev, "events %#x\n", rd->pending);
	rd->pending = 0;
}

static int raven_probe(struct platform_device *pdev)
{
	struct raven_dev *rd;

	rd = devm_kzalloc(&pdev->dev, sizeof(*rd), GFP_KERNEL);
	if (!rd)
		return -ENOMEM;

	rd->dev = &pdev->dev;
	rd->irq = platform_get_irq(pdev, 0);
	if (rd->irq < 0)
		return rd->irq;

	tasklet_setup(&rd->event_tasklet, raven_event_tasklet);
	platform_set_drvdata(pdev, rd);
	return devm_request_irq(&pdev->dev, rd->irq, raven_irq, 0, "raven", rd);
}

static void raven_remove(struct platform_device *pdev)
{
	struct raven_dev *rd = platform_get_drvdata(pdev);

	disable_irq(rd->irq);
	tasklet_kill(&rd->event_tasklet);
}

static struct platform_driver raven_driver = {
	.probe = raven_probe,
	.remove = raven_remove,
	.driver = {
		.name = "raven",
	},
};
module_platform_driver(raven_driver);

MODULE_DESCRIPTION("Raven event controller");
MODULE_LICENSE("GPL");
