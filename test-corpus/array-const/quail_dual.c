// SPDX-License-Identifier: GPL-2.0
/*
 * Pattern array-const: an array of two tasklets in a struct, each set up and scheduled with a
 * constant index. The callbacks recover the struct with from_tasklet(..., bh[0]) / bh[1].
 */
#include <linux/interrupt.h>
#include <linux/module.h>
#include <linux/platform_device.h>

#define QUAIL_BH_RX	0
#define QUAIL_BH_TX	1

struct quail_dev {
	struct device *dev;
	int irq;
	u32 status;
	struct tasklet_struct bh[2];
};

static void quail_rx_bh(struct tasklet_struct *t)
{
	struct quail_dev *qd = from_tasklet(qd, t, bh[QUAIL_BH_RX]);

	dev_info(qd->dev, "rx status %#x\n", qd->status);
}

static void quail_tx_bh(struct tasklet_struct *t)
{
	struct quail_dev *qd = from_tasklet(qd, t, bh[1]);

	dev_info(qd->dev, "tx status %#x\n", qd->status);
}

static irqreturn_t quail_irq(int irq, void *dev_id)
{
	struct quail_dev *qd = dev_id;

	qd->status = 0x3;
	if (qd->status & 0x1)
		tasklet_schedule(&qd->bh[QUAIL_BH_RX]);
	if (qd->status & 0x2)
		tasklet_schedule(&qd->bh[1]);
	return IRQ_HANDLED;
}

static int quail_probe(struct platform_device *pdev)
{
	struct quail_dev *qd;

	qd = devm_kzalloc(&pdev->dev, sizeof(*qd), GFP_KERNEL);
	if (!qd)
		return -ENOMEM;

	qd->dev = &pdev->dev;
	qd->irq = platform_get_irq(pdev, 0);
	if (qd->irq < 0)
		return qd->irq;

	tasklet_setup(&qd->bh[QUAIL_BH_RX], quail_rx_bh);
	tasklet_setup(&qd->bh[QUAIL_BH_TX], quail_tx_bh);
	platform_set_drvdata(pdev, qd);
	return devm_request_irq(&pdev->dev, qd->irq, quail_irq, 0, "quail", qd);
}

static void quail_remove(struct platform_device *pdev)
{
	struct quail_dev *qd = platform_get_drvdata(pdev);

	disable_irq(qd->irq);
	tasklet_kill(&qd->bh[0]);
	tasklet_kill(&qd->bh[1]);
}

static struct platform_driver quail_driver = {
	.probe = quail_probe,
	.remove = quail_remove,
	.driver = {
		.name = "quail",
	},
};
module_platform_driver(quail_driver);

MODULE_DESCRIPTION("Quail dual-channel controller");
MODULE_LICENSE("GPL");
