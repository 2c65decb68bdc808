// SPDX-License-Identifier: GPL-2.0
/*
 * Pattern legacy-callback-shared: one legacy callback serves two tasklets that live in two
 * different structs (struct mole_rx, struct mole_tx); data points at the ring inside each. One
 * from_work() cannot name both containers: two wrappers or a moved work item are needed.
 */
#include <linux/interrupt.h>
#include <linux/module.h>
#include <linux/platform_device.h>

struct mole_ring {
	const char *name;
	unsigned int head, tail;
};

struct mole_rx {
	unsigned long dropped;
	struct mole_ring ring;
	struct tasklet_struct tasklet;
};

struct mole_tx {
	struct mole_ring ring;
	unsigned int budget;
	struct tasklet_struct tasklet;
};

struct mole_dev {
	int irq;
	struct mole_rx rx;
	struct mole_tx tx;
};

static void mole_ring_reap(unsigned long data)
{
	struct mole_ring *ring = (struct mole_ring *)data;

	pr_info("mole: %s ring %u..%u\n", ring->name, ring->tail, ring->head);
	ring->tail = ring->head;
}

static irqreturn_t mole_irq(int irq, void *dev_id)
{
	struct mole_dev *md = dev_id;

	md->rx.ring.head++;
	tasklet_schedule(&md->rx.tasklet);
	tasklet_schedule(&md->tx.tasklet);
	return IRQ_HANDLED;
}

static int mole_probe(struct platform_device *pdev)
{
	struct mole_dev *md;

	md = devm_kzalloc(&pdev->dev, sizeof(*md), GFP_KERNEL);
	if (!md)
		return -ENOMEM;

	md->irq = platform_get_irq(pdev, 0);
	if (md->irq < 0)
		return md->irq;

	md->rx.ring.name = "rx";
	md->tx.ring.name = "tx";
	tasklet_init(&md->rx.tasklet, mole_ring_reap, (unsigned long)&md->rx.ring);
	tasklet_init(&md->tx.tasklet, mole_ring_reap, (unsigned long)&md->tx.ring);
	platform_set_drvdata(pdev, md);
	return devm_request_irq(&pdev->dev, md->irq, mole_irq, 0, "mole", md);
}

static void mole_remove(struct platform_device *pdev)
{
	struct mole_dev *md = platform_get_drvdata(pdev);

	disable_irq(md->irq);
	tasklet_kill(&md->rx.tasklet);
	tasklet_kill(&md->tx.tasklet);
}

static struct platform_driver mole_driver = {
	.probe = mole_probe,
	.remove = mole_remove,
	.driver = {
		.name = "mole",
	},
};
module_platform_driver(mole_driver);

MODULE_DESCRIPTION("Mole ring controller");
MODULE_LICENSE("GPL");
