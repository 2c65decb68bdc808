/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Pattern shared-header: the tasklet field is declared here and used by two files, core.c
 * (init, kill) and irq.c (schedule). Converting one file alone breaks the build of the other.
 */
#ifndef _RAVEN_SHARED_H
#define _RAVEN_SHARED_H

#include <linux/interrupt.h>
#include <linux/platform_device.h>

struct raven_dev {
	struct device *dev;
	int irq;
	u32 pending;
	struct tasklet_struct event_tasklet;
};

irqreturn_t raven_irq(int irq, void *dev_id);
void raven_handle_events(struct raven_dev *rd);

#endif /* _RAVEN_SHARED_H */
