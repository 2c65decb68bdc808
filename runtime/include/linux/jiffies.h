/* SPDX-License-Identifier: GPL-2.0 */
/* Shim of <linux/jiffies.h> (Linux 6.12). */
#ifndef _LINUX_JIFFIES_H
#define _LINUX_JIFFIES_H

#include <linux/types.h>

#define HZ		250

extern unsigned long volatile jiffies;

/* static inline in the kernel */
extern unsigned long msecs_to_jiffies(const unsigned int m);
extern unsigned long usecs_to_jiffies(const unsigned int u);
extern unsigned int jiffies_to_msecs(const unsigned long j);

#define time_after(a, b)	((long)((b) - (a)) < 0)
#define time_before(a, b)	time_after(b, a)

#endif /* _LINUX_JIFFIES_H */
