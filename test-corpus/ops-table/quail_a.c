// SPDX-License-Identifier: GPL-2.0
/*
 * Pattern ops-table (chip A): fills its ops table with designated initialisers.
 */
#include "quail.h"

static void quail_a_rx_tasklet(struct tasklet_struct *t)
{
	struct quail_dev *qd = from_tasklet(qd, t, rx_tasklet);

	qd->rx_count++;
}

static void quail_a_event(unsigned long data)
{
	struct quail_dev *qd = (struct quail_dev *)data;

	dev_info(qd->dev, "chip A events %#x\n", qd->events);
	qd->events = 0;
}

static int quail_a_start(struct quail_dev *qd)
{
	qd->events = 0;
	return 0;
}

const struct quail_chip_ops quail_a_ops = {
	.start = quail_a_start,
	.rx_tasklet = quail_a_rx_tasklet,
	.event = quail_a_event,
};
