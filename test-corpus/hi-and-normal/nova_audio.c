// SPDX-License-Identifier: GPL-2.0
/*
 * Pattern hi-and-normal: one tasklet scheduled with tasklet_schedule() for period interrupts and
 * with tasklet_hi_schedule() on underrun. It must map to ONE workqueue (or two work items):
 * queueing one work item on both system_bh_wq and system_bh_highpri_wq breaks non-reentrancy.
 */
#include <linux/interrupt.h>
#include <linux/module.h>
#include <linux/platform_device.h>

#define NOVA_STATUS_UNDERRUN	0x2

struct nova_audio {
	struct device *dev;
	int irq;
	u32 status;
	unsigned int periods;
	struct tasklet_struct period_tasklet;
};

static void nova_period_tasklet(struct tasklet_struct *t)
{
	struct nova_audio *na = from_tasklet(na, t, period_tasklet);

	na->periods++;
	if (na->status & NOVA_STATUS_UNDERRUN)
		dev_warn(na->dev, "underrun after %u periods\n", na->periods);
	na->status = 0;
}

static irqreturn_t nova_irq(int irq, void *dev_id)
{
	struct nova_audio *na = dev_id;

	na->status |= 1;
	if (na->status & NOVA_STATUS_UNDERRUN)
		tasklet_hi_schedule(&na->period_tasklet);
	else
		tasklet_schedule(&na->period_tasklet);
	return IRQ_HANDLED;
}

static int nova_probe(struct platform_device *pdev)
{
	struct nova_audio *na;

	na = devm_kzalloc(&pdev->dev, sizeof(*na), GFP_KERNEL);
	if (!na)
		return -ENOMEM;

	na->dev = &pdev->dev;
	na->irq = platform_get_irq(pdev, 0);
	if (na->irq < 0)
		return na->irq;

	tasklet_setup(&na->period_tasklet, nova_period_tasklet);
	platform_set_drvdata(pdev, na);
	return devm_request_irq(&pdev->dev, na->irq, nova_irq, 0, "nova-audio", na);
}

static void nova_remove(struct platform_device *pdev)
{
	struct nova_audio *na = platform_get_drvdata(pdev);

	disable_irq(na->irq);
	tasklet_kill(&na->period_tasklet);
}

static struct platform_driver nova_driver = {
	.probe = nova_probe,
	.remove = nova_remove,
	.driver = {
		.name = "nova-audio",
	},
};
module_platform_driver(nova_driver);

MODULE_DESCRIPTION("Nova audio period handling");
MODULE_LICENSE("GPL");
