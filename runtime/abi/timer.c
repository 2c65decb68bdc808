// SPDX-License-Identifier: GPL-2.0
/* <linux/timer.h>, <linux/jiffies.h> and <linux/delay.h>. */
#include <linux/delay.h>
#include <linux/jiffies.h>
#include <linux/timer.h>

#include "abi_check.h"
#include "model_abi.h"

MDL_SAME_SIZE(struct timer_list, struct mdl_timer);
MDL_SAME_FIELD(struct timer_list, struct mdl_timer, entry.next, entry_next);
MDL_SAME_FIELD(struct timer_list, struct mdl_timer, entry.pprev, entry_pprev);
MDL_SAME_FIELD(struct timer_list, struct mdl_timer, expires, expires);
MDL_SAME_FIELD(struct timer_list, struct mdl_timer, function, function);
MDL_SAME_FIELD(struct timer_list, struct mdl_timer, flags, flags);

#define M(t) ((struct mdl_timer *)(t))

void init_timer_key(struct timer_list *timer, void (*func)(struct timer_list *), unsigned int flags,
		    const char *name, struct lock_class_key *key)
{
	mdl_timer_init(M(timer), (void *)func, flags);
}

void add_timer(struct timer_list *timer)
{
	mdl_mod_timer(M(timer), timer->expires);
}

int mod_timer(struct timer_list *timer, unsigned long expires)
{
	return mdl_mod_timer(M(timer), expires);
}

int timer_delete(struct timer_list *timer)
{
	return mdl_del_timer(M(timer), 0);
}

int del_timer(struct timer_list *timer)
{
	return mdl_del_timer(M(timer), 0);
}

int timer_delete_sync(struct timer_list *timer)
{
	return mdl_del_timer(M(timer), 1);
}

int del_timer_sync(struct timer_list *timer)
{
	return mdl_del_timer(M(timer), 1);
}

void abi_call_timer(void *fn, struct mdl_timer *t)
{
	((void (*)(struct timer_list *))fn)((struct timer_list *)t);
}

/* HZ is 250 as in the shim: 4 ms per jiffy. */
unsigned long msecs_to_jiffies(const unsigned int m)
{
	return (m + (1000 / HZ) - 1) / (1000 / HZ);
}

unsigned long usecs_to_jiffies(const unsigned int u)
{
	return (u + (1000000 / HZ) - 1) / (1000000 / HZ);
}

unsigned int jiffies_to_msecs(const unsigned long j)
{
	return (unsigned int)(j * (1000 / HZ));
}

void udelay(unsigned long usecs)
{
	mdl_delay(MDL_DELAY_BUSY, "udelay");
}

void ndelay(unsigned long nsecs)
{
	mdl_delay(MDL_DELAY_BUSY, "ndelay");
}

void mdelay(unsigned long msecs)
{
	mdl_delay(MDL_DELAY_BUSY, "mdelay");
}

void msleep(unsigned int msecs)
{
	mdl_delay(MDL_DELAY_SLEEP, "msleep");
}

void usleep_range(unsigned long min, unsigned long max)
{
	mdl_delay(MDL_DELAY_SLEEP, "usleep_range");
}
