// SPDX-License-Identifier: GPL-2.0
/*
 * Pattern internals: the driver reads t->state, tests TASKLET_STATE_SCHED and uses
 * tasklet_trylock()/tasklet_unlock()/tasklet_unlock_wait(). No workqueue equivalent: manual.
 */
#include <linux/bitops.h>
#include <linux/interrupt.h>
#include <linux/module.h>
#include <linux/platform_device.h>

struct moth_crypto {
	struct device *dev;
	int irq;
	unsigned int done;
	struct tasklet_struct done_tasklet;
};

static void moth_done_tasklet(struct tasklet_struct *t)
{
	struct moth_crypto *mc = from_tasklet(mc, t, done_tasklet);

	mc->done++;
}

static irqreturn_t moth_irq(int irq, void *dev_id)
{
	struct moth_crypto *mc = dev_id;

	if (test_bit(TASKLET_STATE_SCHED, &mc->done_tasklet.state))
		return IRQ_HANDLED;	/* already queued, it will see this request too */
	tasklet_schedule(&mc->done_tasklet);
	return IRQ_HANDLED;
}

/* poll path: run the completion inline unless the tasklet is running elsewhere */
static void moth_poll(struct moth_crypto *mc)
{
	struct tasklet_struct *t = &mc->done_tasklet;

	if (!tasklet_trylock(t))
		return;
	if (!(t->state & BIT(TASKLET_STATE_SCHED)))
		moth_done_tasklet(t);
	tasklet_unlock(t);
}

static int moth_probe(struct platform_device *pdev)
{
	struct moth_crypto *mc;

	mc = devm_kzalloc(&pdev->dev, sizeof(*mc), GFP_KERNEL);
	if (!mc)
		return -ENOMEM;

	mc->dev = &pdev->dev;
	mc->irq = platform_get_irq(pdev, 0);
	if (mc->irq < 0)
		return mc->irq;

	tasklet_setup(&mc->done_tasklet, moth_done_tasklet);
	platform_set_drvdata(pdev, mc);
	moth_poll(mc);
	return devm_request_irq(&pdev->dev, mc->irq, moth_irq, 0, "moth-crypto", mc);
}

static void moth_remove(struct platform_device *pdev)
{
	struct moth_crypto *mc = platform_get_drvdata(pdev);

	disable_irq(mc->irq);
	tasklet_unlock_wait(&mc->done_tasklet);
	tasklet_kill(&mc->done_tasklet);
	dev_info(mc->dev, "%u requests completed\n", mc->done);
}

static struct platform_driver moth_driver = {
	.probe = moth_probe,
	.remove = moth_remove,
	.driver = {
		.name = "moth-crypto",
	},
};
module_platform_driver(moth_driver);

MODULE_DESCRIPTION("Moth crypto completion");
MODULE_LICENSE("GPL");
