// SPDX-License-Identifier: GPL-2.0
/*
 * Pattern name-collision: struct pike_spi already has a field named bh_work (a process-context
 * work item) next to the tasklet field named tasklet. The usual rename tasklet -> bh_work would
 * collide, so the converter must pick another name or keep the field name.
 */
#include <linux/interrupt.h>
#include <linux/module.h>
#include <linux/platform_device.h>
#include <linux/workqueue.h>

struct pike_spi {
	struct device *dev;
	int irq;
	u32 rx_word;
	struct work_struct bh_work;	/* slow path: reprogram the clock */
	struct tasklet_struct tasklet;	/* fast path: drain the rx fifo */
};

static void pike_spi_clock_work(struct work_struct *work)
{
	struct pike_spi *spi = container_of(work, struct pike_spi, bh_work);

	dev_info(spi->dev, "clock reprogrammed\n");
}

static void pike_spi_rx_tasklet(struct tasklet_struct *t)
{
	struct pike_spi *spi = from_tasklet(spi, t, tasklet);

	if (spi->rx_word == 0xffffffff)
		schedule_work(&spi->bh_work);
}

static irqreturn_t pike_spi_irq(int irq, void *dev_id)
{
	struct pike_spi *spi = dev_id;

	spi->rx_word = 0xffffffff;
	tasklet_schedule(&spi->tasklet);
	return IRQ_HANDLED;
}

static int pike_spi_probe(struct platform_device *pdev)
{
	struct pike_spi *spi;

	spi = devm_kzalloc(&pdev->dev, sizeof(*spi), GFP_KERNEL);
	if (!spi)
		return -ENOMEM;

	spi->dev = &pdev->dev;
	spi->irq = platform_get_irq(pdev, 0);
	if (spi->irq < 0)
		return spi->irq;

	INIT_WORK(&spi->bh_work, pike_spi_clock_work);
	tasklet_setup(&spi->tasklet, pike_spi_rx_tasklet);
	platform_set_drvdata(pdev, spi);
	return devm_request_irq(&pdev->dev, spi->irq, pike_spi_irq, 0, "pike-spi", spi);
}

static void pike_spi_remove(struct platform_device *pdev)
{
	struct pike_spi *spi = platform_get_drvdata(pdev);

	disable_irq(spi->irq);
	tasklet_kill(&spi->tasklet);
	cancel_work_sync(&spi->bh_work);
}

static struct platform_driver pike_spi_driver = {
	.probe = pike_spi_probe,
	.remove = pike_spi_remove,
	.driver = {
		.name = "pike-spi",
	},
};
module_platform_driver(pike_spi_driver);

MODULE_DESCRIPTION("Pike SPI controller");
MODULE_LICENSE("GPL");
