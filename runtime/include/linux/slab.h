/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Shim of <linux/slab.h> (Linux 6.12). In 6.12 kmalloc/kzalloc are macros over *_noprof allocation
 * hooks; here they are prototypes with the user-visible signature.
 */
#ifndef _LINUX_SLAB_H
#define _LINUX_SLAB_H

#include <linux/types.h>
#include <linux/gfp_types.h>

void *kmalloc(size_t size, gfp_t flags);
void *kzalloc(size_t size, gfp_t flags);
void *kcalloc(size_t n, size_t size, gfp_t flags);
void *kmalloc_array(size_t n, size_t size, gfp_t flags);
void kfree(const void *objp);

#endif /* _LINUX_SLAB_H */
