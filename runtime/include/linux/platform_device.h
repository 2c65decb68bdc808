/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Shim of <linux/platform_device.h> (Linux 6.12). Structures keep only the
 * members drivers touch; struct platform_driver keeps the 6.12 remove/remove_new
 * union.
 */
#ifndef _LINUX_PLATFORM_DEVICE_H
#define _LINUX_PLATFORM_DEVICE_H

#include <linux/device.h>
#include <linux/module.h>

struct platform_device {
	const char	*name;
	int		id;
	bool		id_auto;
	struct device	dev;
	u32		num_resources;
};

struct platform_driver {
	int (*probe)(struct platform_device *);

	/*
	 * .remove_new() is a relic from a prototype conversion of .remove().
	 * New drivers are supposed to implement .remove(). Once all drivers are
	 * converted to not use .remove_new any more, it will be dropped.
	 */
	union {
		void (*remove)(struct platform_device *);
		void (*remove_new)(struct platform_device *);
	};

	void (*shutdown)(struct platform_device *);
	int (*suspend)(struct platform_device *, pm_message_t state);
	int (*resume)(struct platform_device *);
	struct device_driver driver;
	bool prevent_deferred_probe;
	bool driver_managed_dma;
};

extern int platform_get_irq(struct platform_device *, unsigned int);

#define platform_driver_register(drv) \
	__platform_driver_register(drv, THIS_MODULE)
extern int __platform_driver_register(struct platform_driver *,
					struct module *);
extern void platform_driver_unregister(struct platform_driver *);

static inline void *platform_get_drvdata(const struct platform_device *pdev)
{
	return dev_get_drvdata(&pdev->dev);
}

static inline void platform_set_drvdata(struct platform_device *pdev,
					void *data)
{
	dev_set_drvdata(&pdev->dev, data);
}

#define module_platform_driver(__platform_driver) \
	module_driver(__platform_driver, platform_driver_register, \
			platform_driver_unregister)

#endif /* _LINUX_PLATFORM_DEVICE_H */
