// SPDX-License-Identifier: GPL-2.0
/*
 * Interrupt lines (<linux/interrupt.h>) and platform drivers (<linux/platform_device.h>,
 * <linux/device.h>): registration, and the calls into the driver's entry points.
 */
#include <linux/device.h>
#include <linux/interrupt.h>
#include <linux/platform_device.h>

#include "abi_check.h"
#include "model_abi.h"

MDL_SAME_SIZE(struct device, struct mdl_device);
MDL_SAME_FIELD(struct device, struct mdl_device, init_name, init_name);
MDL_SAME_FIELD(struct device, struct mdl_device, driver_data, driver_data);
MDL_SAME_SIZE(struct platform_device, struct mdl_platform_device);
MDL_SAME_FIELD(struct platform_device, struct mdl_platform_device, name, name);
MDL_SAME_FIELD(struct platform_device, struct mdl_platform_device, dev, dev);
MDL_SAME_SIZE(struct device_driver, struct mdl_device_driver);
MDL_SAME_SIZE(struct platform_driver, struct mdl_platform_driver);
MDL_SAME_FIELD(struct platform_driver, struct mdl_platform_driver, probe, probe);
MDL_SAME_FIELD(struct platform_driver, struct mdl_platform_driver, remove, remove);
MDL_SAME_FIELD(struct platform_driver, struct mdl_platform_driver, suspend, suspend);
MDL_SAME_FIELD(struct platform_driver, struct mdl_platform_driver, resume, resume);
MDL_SAME_FIELD(struct platform_driver, struct mdl_platform_driver, driver, driver);
_Static_assert(IRQ_WAKE_THREAD == MDL_IRQ_WAKE_THREAD, "IRQ_WAKE_THREAD");

int request_threaded_irq(unsigned int irq, irq_handler_t handler, irq_handler_t thread_fn,
			 unsigned long flags, const char *name, void *dev)
{
	return mdl_request_irq(irq, (void *)handler, (void *)thread_fn, flags, name, dev, NULL);
}

int request_irq(unsigned int irq, irq_handler_t handler, unsigned long flags, const char *name,
		void *dev)
{
	return mdl_request_irq(irq, (void *)handler, NULL, flags, name, dev, NULL);
}

const void *free_irq(unsigned int irq, void *dev_id)
{
	return mdl_free_irq(irq, dev_id);
}

int devm_request_threaded_irq(struct device *dev, unsigned int irq, irq_handler_t handler,
			      irq_handler_t thread_fn, unsigned long irqflags, const char *devname,
			      void *dev_id)
{
	return mdl_request_irq(irq, (void *)handler, (void *)thread_fn, irqflags, devname, dev_id,
			       (struct mdl_device *)dev);
}

int devm_request_irq(struct device *dev, unsigned int irq, irq_handler_t handler,
		     unsigned long irqflags, const char *devname, void *dev_id)
{
	return mdl_request_irq(irq, (void *)handler, NULL, irqflags, devname, dev_id,
			       (struct mdl_device *)dev);
}

void devm_free_irq(struct device *dev, unsigned int irq, void *dev_id)
{
	mdl_devm_free_irq((struct mdl_device *)dev, irq, dev_id);
}

void disable_irq_nosync(unsigned int irq)
{
	mdl_disable_irq(irq, 0);
}

void disable_irq(unsigned int irq)
{
	mdl_disable_irq(irq, 1);
}

void enable_irq(unsigned int irq)
{
	mdl_enable_irq(irq);
}

void synchronize_irq(unsigned int irq)
{
	mdl_synchronize_irq(irq);
}

int abi_call_irq_handler(void *handler, unsigned int irq, void *dev_id)
{
	return ((irq_handler_t)handler)((int)irq, dev_id);
}

int __platform_driver_register(struct platform_driver *drv, struct module *owner)
{
	return mdl_platform_driver_register((struct mdl_platform_driver *)drv);
}

void platform_driver_unregister(struct platform_driver *drv)
{
	mdl_platform_driver_unregister((struct mdl_platform_driver *)drv);
}

int platform_get_irq(struct platform_device *pdev, unsigned int index)
{
	return mdl_platform_get_irq((struct mdl_platform_device *)pdev, index);
}

const char *dev_name(const struct device *dev)
{
	return mdl_dev_name((const struct mdl_device *)dev);
}

int abi_call_probe(struct mdl_platform_driver *drv, struct mdl_platform_device *pdev)
{
	return ((struct platform_driver *)drv)->probe((struct platform_device *)pdev);
}

void abi_call_remove(struct mdl_platform_driver *drv, struct mdl_platform_device *pdev)
{
	struct platform_driver *d = (struct platform_driver *)drv;

	if (d->remove)
		d->remove((struct platform_device *)pdev);
}

int abi_call_suspend(struct mdl_platform_driver *drv, struct mdl_platform_device *pdev)
{
	struct platform_driver *d = (struct platform_driver *)drv;
	pm_message_t msg = { .event = 2 }; /* PM_EVENT_SUSPEND */

	return d->suspend ? d->suspend((struct platform_device *)pdev, msg) : 0;
}

int abi_call_resume(struct mdl_platform_driver *drv, struct mdl_platform_device *pdev)
{
	struct platform_driver *d = (struct platform_driver *)drv;

	return d->resume ? d->resume((struct platform_device *)pdev) : 0;
}

int abi_call_init(void *init_module)
{
	return ((int (*)(void))init_module)();
}

void abi_call_exit(void *cleanup_module)
{
	((void (*)(void))cleanup_module)();
}

void abi_call_scenario(void *fn)
{
	((void (*)(void))fn)();
}

void abi_call_task(void *fn, void *arg)
{
	((void (*)(void *))fn)(arg);
}
