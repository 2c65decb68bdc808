// SPDX-License-Identifier: GPL-2.0
/*
 * Pattern ops-table (core): sets the tasklets up with the chip's callbacks, schedules them
 * from the irq handler and kills them on remove.
 */
#include <linux/module.h>

#include "quail.h"

#define QUAIL_TASKLET_INIT(name)				\
	do {							\
		if (qd->ops->name)				\
			tasklet_setup(&qd->name, qd->ops->name);	\
	} while (0)

static irqreturn_t quail_irq(int irq, void *dev_id)
{
	struct quail_dev *qd = dev_id;

	tasklet_schedule(&qd->rx_tasklet);
	tasklet_schedule(&qd->event_tasklet);
	return IRQ_HANDLED;
}

static int quail_probe(struct platform_device *pdev)
{
	struct quail_dev *qd;

	qd = devm_kzalloc(&pdev->dev, sizeof(*qd), GFP_KERNEL);
	if (!qd)
		return -ENOMEM;

	qd->dev = &pdev->dev;
	if (pdev->id)
		quail_b_prepare();
	qd->ops = pdev->id ? &quail_b_ops : &quail_a_ops;
	qd->irq = platform_get_irq(pdev, 0);
	if (qd->irq < 0)
		return qd->irq;

	QUAIL_TASKLET_INIT(rx_tasklet);
	tasklet_init(&qd->event_tasklet, qd->ops->event, (unsigned long)qd);

	platform_set_drvdata(pdev, qd);
	return devm_request_irq(&pdev->dev, qd->irq, quail_irq, 0, "quail", qd);
}

static void quail_remove(struct platform_device *pdev)
{
	struct quail_dev *qd = platform_get_drvdata(pdev);

	disable_irq(qd->irq);
	tasklet_kill(&qd->rx_tasklet);
	tasklet_kill(&qd->event_tasklet);
}

static struct platform_driver quail_driver = {
	.probe = quail_probe,
	.remove = quail_remove,
	.driver = {
		.name = "quail",
	},
};

module_platform_driver(quail_driver);

MODULE_DESCRIPTION("Quail two-chip controller");
MODULE_LICENSE("GPL");
