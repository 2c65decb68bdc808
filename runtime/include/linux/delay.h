/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Shim of <linux/delay.h> (Linux 6.12). udelay/mdelay are macros and
 * usleep_range static inline in the kernel; here they are prototypes.
 */
#ifndef _LINUX_DELAY_H
#define _LINUX_DELAY_H

void udelay(unsigned long usecs);
void ndelay(unsigned long nsecs);
void mdelay(unsigned long msecs);
void msleep(unsigned int msecs);
void usleep_range(unsigned long min, unsigned long max);

#endif /* _LINUX_DELAY_H */
