// SPDX-License-Identifier: GPL-2.0
/*
 * Pattern escape-void: the tasklet's address is stored in a void * field of another structure
 * and later scheduled through that untyped pointer. Type-based rewriting cannot see the use.
 */
#include <linux/interrupt.h>
#include <linux/module.h>
#include <linux/platform_device.h>

struct swift_notifier {
	const char *name;
	void *cookie;			/* opaque object kicked on notification */
};

struct swift_ctl {
	struct device *dev;
	int irq;
	unsigned int notified;
	struct swift_notifier notifier;
	struct tasklet_struct notify_tasklet;
};

static void swift_notify_tasklet(struct tasklet_struct *t)
{
	struct swift_ctl *sc = from_tasklet(sc, t, notify_tasklet);

	sc->notified++;
	dev_info(sc->dev, "%s: notified %u times\n", sc->notifier.name, sc->notified);
}

static void swift_notifier_fire(struct swift_notifier *n)
{
	tasklet_schedule(n->cookie);
}

static irqreturn_t swift_irq(int irq, void *dev_id)
{
	struct swift_ctl *sc = dev_id;

	swift_notifier_fire(&sc->notifier);
	return IRQ_HANDLED;
}

static int swift_probe(struct platform_device *pdev)
{
	struct swift_ctl *sc;

	sc = devm_kzalloc(&pdev->dev, sizeof(*sc), GFP_KERNEL);
	if (!sc)
		return -ENOMEM;

	sc->dev = &pdev->dev;
	sc->irq = platform_get_irq(pdev, 0);
	if (sc->irq < 0)
		return sc->irq;

	tasklet_setup(&sc->notify_tasklet, swift_notify_tasklet);
	sc->notifier.name = "swift-link";
	sc->notifier.cookie = &sc->notify_tasklet;
	platform_set_drvdata(pdev, sc);
	return devm_request_irq(&pdev->dev, sc->irq, swift_irq, 0, "swift-ctl", sc);
}

static void swift_remove(struct platform_device *pdev)
{
	struct swift_ctl *sc = platform_get_drvdata(pdev);

	disable_irq(sc->irq);
	tasklet_kill(&sc->notify_tasklet);
}

static struct platform_driver swift_driver = {
	.probe = swift_probe,
	.remove = swift_remove,
	.driver = {
		.name = "swift-ctl",
	},
};
module_platform_driver(swift_driver);

MODULE_DESCRIPTION("Swift link controller");
MODULE_LICENSE("GPL");
