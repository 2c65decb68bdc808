/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Shim of <linux/timer.h> and <linux/timer_types.h> (Linux 6.12, no lockdep).
 * del_timer_sync() is static inline over timer_delete_sync() in the kernel; here
 * both are prototypes.
 */
#ifndef _LINUX_TIMER_H
#define _LINUX_TIMER_H

#include <linux/types.h>
#include <linux/kernel.h>
#include <linux/jiffies.h>

struct lock_class_key;

struct timer_list {
	/*
	 * All fields that change during normal runtime grouped to the
	 * same cacheline
	 */
	struct hlist_node	entry;
	unsigned long		expires;
	void			(*function)(struct timer_list *);
	u32			flags;
};

#define TIMER_CPUMASK		0x0003FFFF
#define TIMER_MIGRATING		0x00040000
#define TIMER_BASEMASK		(TIMER_CPUMASK | TIMER_MIGRATING)
#define TIMER_DEFERRABLE	0x00080000
#define TIMER_PINNED		0x00100000
#define TIMER_IRQSAFE		0x00200000

void init_timer_key(struct timer_list *timer,
		    void (*func)(struct timer_list *), unsigned int flags,
		    const char *name, struct lock_class_key *key);

#define __init_timer(_timer, _fn, _flags)				\
	init_timer_key((_timer), (_fn), (_flags), NULL, NULL)

#define timer_setup(timer, callback, flags)			\
	__init_timer((timer), (callback), (flags))

#define from_timer(var, callback_timer, timer_fieldname) \
	container_of(callback_timer, typeof(*var), timer_fieldname)

extern void add_timer(struct timer_list *timer);
extern int mod_timer(struct timer_list *timer, unsigned long expires);
extern int timer_delete(struct timer_list *timer);
extern int timer_delete_sync(struct timer_list *timer);
extern int del_timer(struct timer_list *timer);
extern int del_timer_sync(struct timer_list *timer);

#endif /* _LINUX_TIMER_H */
