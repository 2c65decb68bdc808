// SPDX-License-Identifier: GPL-2.0
/*
 * Pattern array-runtime: an array of tasklets indexed by a queue number known only at run time,
 * set up in a loop with the queue as legacy data. No from_work() can find queues[i] from the
 * i-th work item: the work item has to move into struct robin_queue (or carry a back-pointer).
 */
#include <linux/interrupt.h>
#include <linux/module.h>
#include <linux/platform_device.h>

#define ROBIN_NR_QUEUES	4

struct robin_queue {
	unsigned int index;
	unsigned long packets;
};

struct robin_dev {
	struct device *dev;
	int irq;
	unsigned int nr_queues;
	struct robin_queue queues[ROBIN_NR_QUEUES];
	struct tasklet_struct queue_tasklet[ROBIN_NR_QUEUES];
};

static void robin_queue_tasklet(unsigned long data)
{
	struct robin_queue *q = (struct robin_queue *)data;

	pr_info("robin: queue %u has %lu packets\n", q->index, q->packets);
}

static irqreturn_t robin_irq(int irq, void *dev_id)
{
	struct robin_dev *rd = dev_id;
	unsigned int qn = irq % rd->nr_queues;

	rd->queues[qn].packets++;
	tasklet_schedule(&rd->queue_tasklet[qn]);
	return IRQ_HANDLED;
}

static int robin_probe(struct platform_device *pdev)
{
	struct robin_dev *rd;
	unsigned int i;

	rd = devm_kzalloc(&pdev->dev, sizeof(*rd), GFP_KERNEL);
	if (!rd)
		return -ENOMEM;

	rd->dev = &pdev->dev;
	rd->nr_queues = ROBIN_NR_QUEUES;
	rd->irq = platform_get_irq(pdev, 0);
	if (rd->irq < 0)
		return rd->irq;

	for (i = 0; i < rd->nr_queues; i++) {
		rd->queues[i].index = i;
		tasklet_init(&rd->queue_tasklet[i], robin_queue_tasklet,
			     (unsigned long)&rd->queues[i]);
	}
	platform_set_drvdata(pdev, rd);
	return devm_request_irq(&pdev->dev, rd->irq, robin_irq, 0, "robin-mq", rd);
}

static void robin_remove(struct platform_device *pdev)
{
	struct robin_dev *rd = platform_get_drvdata(pdev);
	unsigned int i;

	disable_irq(rd->irq);
	for (i = 0; i < rd->nr_queues; i++)
		tasklet_kill(&rd->queue_tasklet[i]);
}

static struct platform_driver robin_driver = {
	.probe = robin_probe,
	.remove = robin_remove,
	.driver = {
		.name = "robin-mq",
	},
};
module_platform_driver(robin_driver);

MODULE_DESCRIPTION("Robin multi-queue controller");
MODULE_LICENSE("GPL");
