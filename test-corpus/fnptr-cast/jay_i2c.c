// SPDX-License-Identifier: GPL-2.0
/*
 * Pattern fnptr-cast: tasklet_init() with a callback cast to void (*)(unsigned long) although it
 * takes a struct jay_i2c *. The cast hides the real signature (and breaks kCFI); the rewrite
 * must give the callback a struct work_struct * parameter and drop the cast.
 */
#include <linux/interrupt.h>
#include <linux/module.h>
#include <linux/platform_device.h>

struct jay_i2c {
	struct device *dev;
	int irq;
	u8 last_byte;
	unsigned int xfers;
	struct tasklet_struct xfer_tasklet;
};

static void jay_i2c_xfer_done(struct jay_i2c *i2c)
{
	i2c->xfers++;
	dev_info(i2c->dev, "xfer %u done, last byte %#x\n", i2c->xfers, i2c->last_byte);
}

static irqreturn_t jay_i2c_irq(int irq, void *dev_id)
{
	struct jay_i2c *i2c = dev_id;

	i2c->last_byte = 0x5a;
	tasklet_schedule(&i2c->xfer_tasklet);
	return IRQ_HANDLED;
}

static int jay_i2c_probe(struct platform_device *pdev)
{
	struct jay_i2c *i2c;

	i2c = devm_kzalloc(&pdev->dev, sizeof(*i2c), GFP_KERNEL);
	if (!i2c)
		return -ENOMEM;

	i2c->dev = &pdev->dev;
	i2c->irq = platform_get_irq(pdev, 0);
	if (i2c->irq < 0)
		return i2c->irq;

	tasklet_init(&i2c->xfer_tasklet, (void (*)(unsigned long))jay_i2c_xfer_done,
		     (unsigned long)i2c);
	platform_set_drvdata(pdev, i2c);
	return devm_request_irq(&pdev->dev, i2c->irq, jay_i2c_irq, 0, "jay-i2c", i2c);
}

static void jay_i2c_remove(struct platform_device *pdev)
{
	struct jay_i2c *i2c = platform_get_drvdata(pdev);

	disable_irq(i2c->irq);
	tasklet_kill(&i2c->xfer_tasklet);
}

static struct platform_driver jay_i2c_driver = {
	.probe = jay_i2c_probe,
	.remove = jay_i2c_remove,
	.driver = {
		.name = "jay-i2c",
	},
};
module_platform_driver(jay_i2c_driver);

MODULE_DESCRIPTION("Jay I2C controller");
MODULE_LICENSE("GPL");
