// SPDX-License-Identifier: GPL-2.0
/*
 * Pattern comments-and-strings: a simple convertible driver whose comments and string literals
 * talk about tasklets. Only code changes: the comments and strings must stay byte for byte.
 */
#include <linux/interrupt.h>
#include <linux/module.h>
#include <linux/platform_device.h>

#define NEWT_TASKLET_NAME	"newt-tasklet"

/*
 * The conversion result is read in tasklet context; the irq handler only latches it.
 * struct tasklet_struct is embedded below, see tasklet_setup() in probe.
 */
struct newt_adc {
	struct device *dev;
	int irq;
	u16 sample;
	struct tasklet_struct tasklet;	/* runs newt_adc_tasklet() */
};

/* newt_adc_tasklet - bottom half, tasklet_schedule()d by newt_adc_irq() */
static void newt_adc_tasklet(struct tasklet_struct *t)
{
	struct newt_adc *adc = from_tasklet(adc, t, tasklet);

	pr_info("tasklet ran: sample %u\n", adc->sample);
	dev_info(adc->dev, "%s: in tasklet context (tasklet_schedule, tasklet_kill)\n",
		 NEWT_TASKLET_NAME);
}

static irqreturn_t newt_adc_irq(int irq, void *dev_id)
{
	struct newt_adc *adc = dev_id;

	adc->sample = 512;
	tasklet_schedule(&adc->tasklet);	/* defer to the tasklet */
	return IRQ_HANDLED;
}

static int newt_adc_probe(struct platform_device *pdev)
{
	struct newt_adc *adc;

	adc = devm_kzalloc(&pdev->dev, sizeof(*adc), GFP_KERNEL);
	if (!adc)
		return -ENOMEM;

	adc->dev = &pdev->dev;
	adc->irq = platform_get_irq(pdev, 0);
	if (adc->irq < 0)
		return adc->irq;

	tasklet_setup(&adc->tasklet, newt_adc_tasklet);
	platform_set_drvdata(pdev, adc);
	return devm_request_irq(&pdev->dev, adc->irq, newt_adc_irq, 0, "newt-adc tasklet", adc);
}

static void newt_adc_remove(struct platform_device *pdev)
{
	struct newt_adc *adc = platform_get_drvdata(pdev);

	disable_irq(adc->irq);
	tasklet_kill(&adc->tasklet);	/* the tasklet must not run after remove */
}

static struct platform_driver newt_adc_driver = {
	.probe = newt_adc_probe,
	.remove = newt_adc_remove,
	.driver = {
		.name = "newt-adc",
	},
};
module_platform_driver(newt_adc_driver);

MODULE_DESCRIPTION("Newt ADC, sample read out in a tasklet");
MODULE_LICENSE("GPL");
