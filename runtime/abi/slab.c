// SPDX-License-Identifier: GPL-2.0
/* <linux/slab.h> and the devm allocators of <linux/device.h>: the core's checked heap. */
#include <linux/device.h>
#include <linux/slab.h>

#include "model_abi.h"

#define CALLER __builtin_return_address(0)

void *kmalloc(size_t size, gfp_t flags)
{
	return mdl_kmalloc(size, flags, flags & __GFP_ZERO, CALLER);
}

void *kzalloc(size_t size, gfp_t flags)
{
	return mdl_kmalloc(size, flags, 1, CALLER);
}

void *kcalloc(size_t n, size_t size, gfp_t flags)
{
	if (size && n > (unsigned long)-1 / size)
		return NULL;
	return mdl_kmalloc(n * size, flags, 1, CALLER);
}

void *kmalloc_array(size_t n, size_t size, gfp_t flags)
{
	if (size && n > (unsigned long)-1 / size)
		return NULL;
	return mdl_kmalloc(n * size, flags, flags & __GFP_ZERO, CALLER);
}

void kfree(const void *objp)
{
	mdl_kfree(objp, CALLER);
}

void *devm_kmalloc(struct device *dev, size_t size, gfp_t gfp)
{
	return mdl_devm_kmalloc((struct mdl_device *)dev, size, gfp, gfp & __GFP_ZERO, CALLER);
}

void *devm_kzalloc(struct device *dev, size_t size, gfp_t gfp)
{
	return mdl_devm_kmalloc((struct mdl_device *)dev, size, gfp, 1, CALLER);
}

void devm_kfree(struct device *dev, const void *p)
{
	mdl_devm_kfree((struct mdl_device *)dev, p, CALLER);
}
