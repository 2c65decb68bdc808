// SPDX-License-Identifier: GPL-2.0
/*
 * Pattern helper-param: tern_kick() takes a struct tasklet_struct * parameter and is called with
 * two different tasklet fields. Its parameter type changes only if both fields are converted.
 */
#include <linux/interrupt.h>
#include <linux/module.h>
#include <linux/platform_device.h>

struct tern_link {
	struct device *dev;
	int irq;
	u32 status;
	struct tasklet_struct rx_tasklet;
	struct tasklet_struct err_tasklet;
};

static void tern_kick(struct tasklet_struct *t)
{
	tasklet_schedule(t);
}

static void tern_rx_tasklet(struct tasklet_struct *t)
{
	struct tern_link *tl = from_tasklet(tl, t, rx_tasklet);

	dev_info(tl->dev, "rx, status %#x\n", tl->status);
}

static void tern_err_tasklet(struct tasklet_struct *t)
{
	struct tern_link *tl = from_tasklet(tl, t, err_tasklet);

	dev_err(tl->dev, "link error, status %#x\n", tl->status);
}

static irqreturn_t tern_irq(int irq, void *dev_id)
{
	struct tern_link *tl = dev_id;

	tl->status = 0x1;
	if (tl->status & 0x1)
		tern_kick(&tl->rx_tasklet);
	if (tl->status & 0x80)
		tern_kick(&tl->err_tasklet);
	return IRQ_HANDLED;
}

static int tern_probe(struct platform_device *pdev)
{
	struct tern_link *tl;

	tl = devm_kzalloc(&pdev->dev, sizeof(*tl), GFP_KERNEL);
	if (!tl)
		return -ENOMEM;

	tl->dev = &pdev->dev;
	tl->irq = platform_get_irq(pdev, 0);
	if (tl->irq < 0)
		return tl->irq;

	tasklet_setup(&tl->rx_tasklet, tern_rx_tasklet);
	tasklet_setup(&tl->err_tasklet, tern_err_tasklet);
	platform_set_drvdata(pdev, tl);
	return devm_request_irq(&pdev->dev, tl->irq, tern_irq, 0, "tern-link", tl);
}

static void tern_remove(struct platform_device *pdev)
{
	struct tern_link *tl = platform_get_drvdata(pdev);

	disable_irq(tl->irq);
	tasklet_kill(&tl->rx_tasklet);
	tasklet_kill(&tl->err_tasklet);
}

static struct platform_driver tern_driver = {
	.probe = tern_probe,
	.remove = tern_remove,
	.driver = {
		.name = "tern-link",
	},
};
module_platform_driver(tern_driver);

MODULE_DESCRIPTION("Tern link controller");
MODULE_LICENSE("GPL");
