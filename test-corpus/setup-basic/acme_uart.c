// SPDX-License-Identifier: GPL-2.0
/*
 * Pattern setup-basic: a tasklet field set up with tasklet_setup() in probe, scheduled from the
 * irq handler, from_tasklet() in the callback and tasklet_kill() in remove: the plain case.
 */
#include <linux/interrupt.h>
#include <linux/module.h>
#include <linux/platform_device.h>
#include <linux/spinlock.h>

struct acme_uart {
	struct device *dev;
	int irq;
	spinlock_t lock;
	unsigned int rx_count;
	struct tasklet_struct rx_tasklet;
};

static void acme_uart_rx_tasklet(struct tasklet_struct *t)
{
	struct acme_uart *up = from_tasklet(up, t, rx_tasklet);

	spin_lock(&up->lock);
	up->rx_count++;
	spin_unlock(&up->lock);
	dev_info(up->dev, "rx %u\n", up->rx_count);
}

static irqreturn_t acme_uart_irq(int irq, void *dev_id)
{
	struct acme_uart *up = dev_id;

	tasklet_schedule(&up->rx_tasklet);
	return IRQ_HANDLED;
}

static int acme_uart_probe(struct platform_device *pdev)
{
	struct acme_uart *up;
	int ret;

	up = devm_kzalloc(&pdev->dev, sizeof(*up), GFP_KERNEL);
	if (!up)
		return -ENOMEM;

	up->dev = &pdev->dev;
	up->irq = platform_get_irq(pdev, 0);
	if (up->irq < 0)
		return up->irq;

	spin_lock_init(&up->lock);
	tasklet_setup(&up->rx_tasklet, acme_uart_rx_tasklet);

	ret = devm_request_irq(&pdev->dev, up->irq, acme_uart_irq, 0, "acme-uart", up);
	if (ret)
		return ret;

	platform_set_drvdata(pdev, up);
	return 0;
}

static void acme_uart_remove(struct platform_device *pdev)
{
	struct acme_uart *up = platform_get_drvdata(pdev);

	disable_irq(up->irq);
	tasklet_kill(&up->rx_tasklet);
}

static struct platform_driver acme_uart_driver = {
	.probe = acme_uart_probe,
	.remove = acme_uart_remove,
	.driver = {
		.name = "acme-uart",
	},
};
module_platform_driver(acme_uart_driver);

MODULE_DESCRIPTION("ACME UART receive path");
MODULE_LICENSE("GPL");
