// SPDX-License-Identifier: GPL-2.0
/*
 * Pattern direct-callback-call: both callbacks are also called directly from a poll path, as
 * ibis_rx_tasklet(&priv->rx_tasklet) and ibis_tx_done((unsigned long)priv). The direct calls
 * must change with the callback signatures (pass the work item), or the conversion is manual.
 */
#include <linux/interrupt.h>
#include <linux/module.h>
#include <linux/platform_device.h>

struct ibis_priv {
	struct device *dev;
	int irq;
	unsigned int rx_done, tx_done;
	struct tasklet_struct rx_tasklet;
	struct tasklet_struct tx_tasklet;
};

static void ibis_rx_tasklet(struct tasklet_struct *t)
{
	struct ibis_priv *priv = from_tasklet(priv, t, rx_tasklet);

	priv->rx_done++;
}

static void ibis_tx_done(unsigned long data)
{
	struct ibis_priv *priv = (struct ibis_priv *)data;

	priv->tx_done++;
}

static irqreturn_t ibis_irq(int irq, void *dev_id)
{
	struct ibis_priv *priv = dev_id;

	tasklet_schedule(&priv->rx_tasklet);
	tasklet_schedule(&priv->tx_tasklet);
	return IRQ_HANDLED;
}

/* netpoll: interrupts are off, run the bottom halves by hand */
static void ibis_poll_controller(struct ibis_priv *priv)
{
	disable_irq(priv->irq);
	ibis_rx_tasklet(&priv->rx_tasklet);
	ibis_tx_done((unsigned long)priv);
	enable_irq(priv->irq);
}

static int ibis_probe(struct platform_device *pdev)
{
	struct ibis_priv *priv;
	int ret;

	priv = devm_kzalloc(&pdev->dev, sizeof(*priv), GFP_KERNEL);
	if (!priv)
		return -ENOMEM;

	priv->dev = &pdev->dev;
	priv->irq = platform_get_irq(pdev, 0);
	tasklet_setup(&priv->rx_tasklet, ibis_rx_tasklet);
	tasklet_init(&priv->tx_tasklet, ibis_tx_done, (unsigned long)priv);
	platform_set_drvdata(pdev, priv);
	ret = devm_request_irq(&pdev->dev, priv->irq, ibis_irq, 0, "ibis-net", priv);
	if (ret)
		return ret;
	ibis_poll_controller(priv);
	return 0;
}

static void ibis_remove(struct platform_device *pdev)
{
	struct ibis_priv *priv = platform_get_drvdata(pdev);

	disable_irq(priv->irq);
	tasklet_kill(&priv->rx_tasklet);
	tasklet_kill(&priv->tx_tasklet);
	dev_info(priv->dev, "rx %u tx %u\n", priv->rx_done, priv->tx_done);
}

static struct platform_driver ibis_driver = {
	.probe = ibis_probe,
	.remove = ibis_remove,
	.driver = {
		.name = "ibis-net",
	},
};
module_platform_driver(ibis_driver);

MODULE_DESCRIPTION("Ibis network controller");
MODULE_LICENSE("GPL");
