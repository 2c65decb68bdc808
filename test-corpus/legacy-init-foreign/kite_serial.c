// SPDX-License-Identifier: GPL-2.0
/*
 * Pattern legacy-init-foreign: the tasklet lives in struct kite_host but its data is the separate
 * struct kite_port. from_work() alone cannot reach the port: a back-pointer or a lookup is needed.
 */
#include <linux/interrupt.h>
#include <linux/module.h>
#include <linux/platform_device.h>

struct kite_port {
	unsigned int line;
	unsigned long rx_bytes;
};

struct kite_host {
	struct device *dev;
	int irq;
	struct kite_port *port;
	struct tasklet_struct rx_tasklet;
};

static void kite_rx_tasklet(unsigned long data)
{
	struct kite_port *port = (struct kite_port *)data;

	port->rx_bytes += 16;
	pr_info("kite: line %u rx %lu\n", port->line, port->rx_bytes);
}

static irqreturn_t kite_irq(int irq, void *dev_id)
{
	struct kite_host *host = dev_id;

	tasklet_schedule(&host->rx_tasklet);
	return IRQ_HANDLED;
}

static int kite_probe(struct platform_device *pdev)
{
	struct kite_host *host;

	host = devm_kzalloc(&pdev->dev, sizeof(*host), GFP_KERNEL);
	if (!host)
		return -ENOMEM;
	host->port = devm_kzalloc(&pdev->dev, sizeof(*host->port), GFP_KERNEL);
	if (!host->port)
		return -ENOMEM;

	host->dev = &pdev->dev;
	host->port->line = pdev->id;
	host->irq = platform_get_irq(pdev, 0);
	if (host->irq < 0)
		return host->irq;

	tasklet_init(&host->rx_tasklet, kite_rx_tasklet, (unsigned long)host->port);

	platform_set_drvdata(pdev, host);
	return devm_request_irq(&pdev->dev, host->irq, kite_irq, 0, "kite-serial", host);
}

static void kite_remove(struct platform_device *pdev)
{
	struct kite_host *host = platform_get_drvdata(pdev);

	disable_irq(host->irq);
	tasklet_kill(&host->rx_tasklet);
}

static struct platform_driver kite_driver = {
	.probe = kite_probe,
	.remove = kite_remove,
	.driver = {
		.name = "kite-serial",
	},
};
module_platform_driver(kite_driver);

MODULE_DESCRIPTION("Kite serial receive path");
MODULE_LICENSE("GPL");
