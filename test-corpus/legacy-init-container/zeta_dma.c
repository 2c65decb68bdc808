// SPDX-License-Identifier: GPL-2.0
/*
 * Pattern legacy-init-container: tasklet_init() whose data is the struct holding the tasklet;
 * the legacy callback casts data back. A conversion turns the cast into from_work().
 */
#include <linux/interrupt.h>
#include <linux/module.h>
#include <linux/platform_device.h>

struct zeta_dma {
	struct device *dev;
	int irq;
	u32 done_mask;
	struct tasklet_struct done_tasklet;
};

static void zeta_dma_done_tasklet(unsigned long data)
{
	struct zeta_dma *zd = (struct zeta_dma *)data;

	dev_info(zd->dev, "descriptors done: %#x\n", zd->done_mask);
	zd->done_mask = 0;
}

static irqreturn_t zeta_dma_irq(int irq, void *dev_id)
{
	struct zeta_dma *zd = dev_id;

	zd->done_mask |= 1;
	tasklet_schedule(&zd->done_tasklet);
	return IRQ_HANDLED;
}

static int zeta_dma_probe(struct platform_device *pdev)
{
	struct zeta_dma *zd;
	int ret;

	zd = devm_kzalloc(&pdev->dev, sizeof(*zd), GFP_KERNEL);
	if (!zd)
		return -ENOMEM;

	zd->dev = &pdev->dev;
	zd->irq = platform_get_irq(pdev, 0);
	if (zd->irq < 0)
		return zd->irq;

	tasklet_init(&zd->done_tasklet, zeta_dma_done_tasklet, (unsigned long)zd);

	ret = devm_request_irq(&pdev->dev, zd->irq, zeta_dma_irq, 0, "zeta-dma", zd);
	if (ret)
		return ret;

	platform_set_drvdata(pdev, zd);
	return 0;
}

static void zeta_dma_remove(struct platform_device *pdev)
{
	struct zeta_dma *zd = platform_get_drvdata(pdev);

	disable_irq(zd->irq);
	tasklet_kill(&zd->done_tasklet);
}

static struct platform_driver zeta_dma_driver = {
	.probe = zeta_dma_probe,
	.remove = zeta_dma_remove,
	.driver = {
		.name = "zeta-dma",
	},
};
module_platform_driver(zeta_dma_driver);

MODULE_DESCRIPTION("Zeta DMA completion handling");
MODULE_LICENSE("GPL");
