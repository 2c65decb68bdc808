// SPDX-License-Identifier: GPL-2.0
/*
 * Pattern shared-header (irq part): schedules the tasklet that core.c initialises, through the
 * struct declared in shared.h.
 */
#include <linux/interrupt.h>

#include "shared.h"

#define RAVEN_EVENT_MASK	0xff

irqreturn_t raven_irq(int irq, void *dev_id)
{
	struct raven_dev *rd = dev_id;
	u32 status = 0x1;

	if (!(status & RAVEN_EVENT_MASK))
		return IRQ_NONE;

	rd->pending |= status;
	tasklet_schedule(&rd->event_tasklet);
	return IRQ_HANDLED;
}
