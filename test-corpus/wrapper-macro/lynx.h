/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Pattern wrapper-macro (header part): a driver macro around tasklet_kill() in the driver's own
 * header. The tasklet calls are inside macro bodies, so the rewrite must edit the #defines.
 */
#ifndef _LYNX_H
#define _LYNX_H

#include <linux/interrupt.h>

struct lynx_chan {
	struct device *dev;
	int irq;
	unsigned int kicks;
	struct tasklet_struct tl;
};

#define lynx_stop_bh(c)		tasklet_kill(&(c)->tl)

#endif /* _LYNX_H */
