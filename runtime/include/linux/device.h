/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Shim of <linux/device.h> with the parts of dev_printk.h, device/driver.h,
 * device/devres.h and pm.h that small drivers use (Linux 6.12). Structures keep
 * only the members drivers touch. dev_get_drvdata()/dev_set_drvdata() keep their
 * kernel bodies (plain member accesses); devm_kzalloc() and dev_name() are
 * prototypes here (static inline in the kernel).
 */
#ifndef _LINUX_DEVICE_H
#define _LINUX_DEVICE_H

#include <linux/compiler.h>
#include <linux/types.h>
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/err.h>
#include <linux/gfp_types.h>

struct device;

typedef struct pm_message {
	int event;
} pm_message_t;

struct dev_pm_ops {
	int (*prepare)(struct device *dev);
	void (*complete)(struct device *dev);
	int (*suspend)(struct device *dev);
	int (*resume)(struct device *dev);
};

struct device_driver {
	const char		*name;
	struct module		*owner;
	const struct dev_pm_ops	*pm;
};

struct device {
	struct device		*parent;
	const char		*init_name;
	const struct device_driver *driver;
	void			*platform_data;
	void			*driver_data;
};

static inline void *dev_get_drvdata(const struct device *dev)
{
	return dev->driver_data;
}

static inline void dev_set_drvdata(struct device *dev, void *data)
{
	dev->driver_data = data;
}

extern const char *dev_name(const struct device *dev);

void * __must_check devm_kmalloc(struct device *dev, size_t size, gfp_t gfp);
void * __must_check devm_kzalloc(struct device *dev, size_t size, gfp_t gfp);
void devm_kfree(struct device *dev, const void *p);

__printf(2, 3) __cold void _dev_err(const struct device *dev, const char *fmt, ...);
__printf(2, 3) __cold void _dev_warn(const struct device *dev, const char *fmt, ...);
__printf(2, 3) __cold void _dev_info(const struct device *dev, const char *fmt, ...);

#ifndef dev_fmt
#define dev_fmt(fmt) fmt
#endif

#define dev_err(dev, fmt, ...)	_dev_err(dev, dev_fmt(fmt), ##__VA_ARGS__)
#define dev_warn(dev, fmt, ...)	_dev_warn(dev, dev_fmt(fmt), ##__VA_ARGS__)
#define dev_info(dev, fmt, ...)	_dev_info(dev, dev_fmt(fmt), ##__VA_ARGS__)
#define dev_dbg(dev, fmt, ...)	_dev_info(dev, dev_fmt(fmt), ##__VA_ARGS__)

#define module_driver(__driver, __register, __unregister, ...) \
static int __init __driver##_init(void) \
{ \
	return __register(&(__driver) , ##__VA_ARGS__); \
} \
module_init(__driver##_init); \
static void __exit __driver##_exit(void) \
{ \
	__unregister(&(__driver) , ##__VA_ARGS__); \
} \
module_exit(__driver##_exit);

#endif /* _LINUX_DEVICE_H */
