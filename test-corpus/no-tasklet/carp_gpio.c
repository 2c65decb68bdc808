// SPDX-License-Identifier: GPL-2.0
/*
 * Pattern no-tasklet: a driver that already defers with a work_struct (on system_bh_wq) and has
 * no tasklet. The tool must report nothing and change nothing.
 */
#include <linux/interrupt.h>
#include <linux/module.h>
#include <linux/platform_device.h>
#include <linux/workqueue.h>

struct carp_gpio {
	struct device *dev;
	int irq;
	u32 edges;
	struct work_struct bh_work;
};

static void carp_gpio_bh_work(struct work_struct *work)
{
	struct carp_gpio *cg = from_work(cg, work, bh_work);

	dev_info(cg->dev, "edges %#x\n", cg->edges);
}

static irqreturn_t carp_gpio_irq(int irq, void *dev_id)
{
	struct carp_gpio *cg = dev_id;

	cg->edges |= 1;
	queue_work(system_bh_wq, &cg->bh_work);
	return IRQ_HANDLED;
}

static int carp_gpio_probe(struct platform_device *pdev)
{
	struct carp_gpio *cg;

	cg = devm_kzalloc(&pdev->dev, sizeof(*cg), GFP_KERNEL);
	if (!cg)
		return -ENOMEM;

	cg->dev = &pdev->dev;
	cg->irq = platform_get_irq(pdev, 0);
	if (cg->irq < 0)
		return cg->irq;

	INIT_WORK(&cg->bh_work, carp_gpio_bh_work);
	platform_set_drvdata(pdev, cg);
	return devm_request_irq(&pdev->dev, cg->irq, carp_gpio_irq, 0, "carp-gpio", cg);
}

static void carp_gpio_remove(struct platform_device *pdev)
{
	struct carp_gpio *cg = platform_get_drvdata(pdev);

	disable_irq(cg->irq);
	cancel_work_sync(&cg->bh_work);
}

static struct platform_driver carp_gpio_driver = {
	.probe = carp_gpio_probe,
	.remove = carp_gpio_remove,
	.driver = {
		.name = "carp-gpio",
	},
};
module_platform_driver(carp_gpio_driver);

MODULE_DESCRIPTION("Carp GPIO edge counter");
MODULE_LICENSE("GPL");
