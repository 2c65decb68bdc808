// SPDX-License-Identifier: GPL-2.0
/* printk and the dev_* loggers, WARN and panic: messages go to the execution's trace. */
#include <linux/bug.h>
#include <linux/device.h>
#include <linux/kernel.h>

#include "model_abi.h"

int _printk(const char *fmt, ...)
{
	__builtin_va_list ap;

	__builtin_va_start(ap, fmt);
	mdl_vprintk(NULL, fmt, ap);
	__builtin_va_end(ap);
	return 0;
}

#define DEV_LOGGER(name)                                                \
	void name(const struct device *dev, const char *fmt, ...)       \
	{                                                               \
		__builtin_va_list ap;                                   \
		__builtin_va_start(ap, fmt);                            \
		mdl_vprintk((const struct mdl_device *)dev, fmt, ap);   \
		__builtin_va_end(ap);                                   \
	}

DEV_LOGGER(_dev_err)
DEV_LOGGER(_dev_warn)
DEV_LOGGER(_dev_info)

void warn_slowpath_fmt(const char *file, const int line, unsigned taint, const char *fmt, ...)
{
	__builtin_va_list ap;

	__builtin_va_start(ap, fmt);
	mdl_vwarn(file, line, fmt, ap);
	__builtin_va_end(ap);
}

void panic(const char *fmt, ...)
{
	__builtin_va_list ap;

	__builtin_va_start(ap, fmt);
	mdl_vpanic(fmt, ap);
}
