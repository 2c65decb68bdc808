/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Pattern ops-table: the tasklets' callbacks come from the chip's ops table, not from a named
 * function. As in rt2x00, one macro token names both the tasklet field and the ops field; as
 * in megaraid_sas, a legacy ops field gets the tasklet's container as data.
 */
#ifndef _QUAIL_H
#define _QUAIL_H

#include <linux/interrupt.h>
#include <linux/platform_device.h>

struct quail_dev;

struct quail_chip_ops {
	int (*start)(struct quail_dev *qd);
	void (*rx_tasklet)(struct tasklet_struct *t);
	void (*event)(unsigned long data);
};

struct quail_dev {
	struct device *dev;
	int irq;
	u32 rx_count;
	u32 events;
	const struct quail_chip_ops *ops;
	struct tasklet_struct rx_tasklet;
	struct tasklet_struct event_tasklet;
};

extern const struct quail_chip_ops quail_a_ops;
extern struct quail_chip_ops quail_b_ops;
void quail_b_prepare(void);

#endif /* _QUAIL_H */
