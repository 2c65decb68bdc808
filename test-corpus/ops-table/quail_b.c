// SPDX-License-Identifier: GPL-2.0
/*
 * Pattern ops-table (chip B): a positional initialiser, and an ops field assigned at run time.
 */
#include "quail.h"

static void quail_b_rx_tasklet(struct tasklet_struct *t)
{
	struct quail_dev *qd = from_tasklet(qd, t, rx_tasklet);

	qd->rx_count += 2;
}

static void quail_b_event(unsigned long data)
{
	struct quail_dev *qd = (struct quail_dev *)data;

	dev_info(qd->dev, "chip B events %#x\n", qd->events);
}

struct quail_chip_ops quail_b_ops = {
	NULL,
	quail_b_rx_tasklet,
};

void quail_b_prepare(void)
{
	quail_b_ops.event = quail_b_event;
}
