/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Shim of the context tests of <linux/preempt.h> (Linux 6.12). In the kernel they
 * are macros over preempt_count(); here they are prototypes with the type the
 * kernel expressions have, so the runtime model can answer them.
 */
#ifndef _LINUX_PREEMPT_H
#define _LINUX_PREEMPT_H

unsigned long in_interrupt(void);
unsigned long in_softirq(void);
unsigned long in_serving_softirq(void);
unsigned long in_hardirq(void);
int in_task(void);

void preempt_disable(void);
void preempt_enable(void);
void local_bh_disable(void);
void local_bh_enable(void);

#endif /* _LINUX_PREEMPT_H */
