// SPDX-License-Identifier: GPL-2.0
/*
 * Pattern disable-enable: tasklet_disable(), tasklet_disable_nosync(), tasklet_disable_in_atomic()
 * and tasklet_enable() around a reconfiguration and suspend/resume. tasklet_enable() maps to
 * enable_work() plus a queue only if a run was pending; enable_and_queue_work() adds a run.
 */
#include <linux/interrupt.h>
#include <linux/module.h>
#include <linux/platform_device.h>

struct owl_eth {
	struct device *dev;
	int irq;
	unsigned int mtu;
	struct tasklet_struct rx_tasklet;
};

static void owl_eth_rx(struct tasklet_struct *t)
{
	struct owl_eth *oe = from_tasklet(oe, t, rx_tasklet);

	dev_info(oe->dev, "rx with mtu %u\n", oe->mtu);
}

static irqreturn_t owl_eth_irq(int irq, void *dev_id)
{
	tasklet_schedule(&((struct owl_eth *)dev_id)->rx_tasklet);
	return IRQ_HANDLED;
}

/* called from the tx watchdog timer, in atomic context */
static void owl_eth_tx_timeout(struct owl_eth *oe)
{
	tasklet_disable_in_atomic(&oe->rx_tasklet);
	oe->mtu = 1500;
	tasklet_enable(&oe->rx_tasklet);
}

static void owl_eth_change_mtu(struct owl_eth *oe, unsigned int mtu)
{
	tasklet_disable(&oe->rx_tasklet);
	oe->mtu = mtu;
	tasklet_enable(&oe->rx_tasklet);
}

static int owl_eth_suspend(struct platform_device *pdev, pm_message_t state)
{
	struct owl_eth *oe = platform_get_drvdata(pdev);

	tasklet_disable_nosync(&oe->rx_tasklet);
	disable_irq(oe->irq);
	return 0;
}

static int owl_eth_resume(struct platform_device *pdev)
{
	struct owl_eth *oe = platform_get_drvdata(pdev);

	enable_irq(oe->irq);
	tasklet_enable(&oe->rx_tasklet);
	return 0;
}

static int owl_eth_probe(struct platform_device *pdev)
{
	struct owl_eth *oe;

	oe = devm_kzalloc(&pdev->dev, sizeof(*oe), GFP_KERNEL);
	if (!oe)
		return -ENOMEM;
	oe->dev = &pdev->dev;
	oe->irq = platform_get_irq(pdev, 0);
	tasklet_setup(&oe->rx_tasklet, owl_eth_rx);
	platform_set_drvdata(pdev, oe);
	owl_eth_change_mtu(oe, 9000);
	owl_eth_tx_timeout(oe);		/* stands in for the watchdog timer */
	return devm_request_irq(&pdev->dev, oe->irq, owl_eth_irq, 0, "owl-eth", oe);
}

static void owl_eth_remove(struct platform_device *pdev)
{
	struct owl_eth *oe = platform_get_drvdata(pdev);

	disable_irq(oe->irq);
	tasklet_kill(&oe->rx_tasklet);
}

static struct platform_driver owl_eth_driver = {
	.probe = owl_eth_probe,
	.remove = owl_eth_remove,
	.suspend = owl_eth_suspend,
	.resume = owl_eth_resume,
	.driver = { .name = "owl-eth" },
};
module_platform_driver(owl_eth_driver);

MODULE_LICENSE("GPL");
