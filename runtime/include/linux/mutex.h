/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Shim of <linux/mutex.h> and <linux/mutex_types.h> (Linux 6.12, no debugging):
 * struct mutex keeps owner, wait_lock and wait_list. mutex_init() is the kernel
 * macro over __mutex_init(); mutex_lock() is a prototype, as in the kernel
 * without lockdep.
 */
#ifndef __LINUX_MUTEX_H
#define __LINUX_MUTEX_H

#include <linux/compiler.h>
#include <linux/types.h>
#include <linux/atomic.h>
#include <linux/list.h>
#include <linux/spinlock.h>

struct lock_class_key;

struct mutex {
	atomic_long_t		owner;
	raw_spinlock_t		wait_lock;
	struct list_head	wait_list;
};

#define __MUTEX_INITIALIZER(lockname)					\
		{ .owner = ATOMIC_LONG_INIT(0)				\
		, .wait_lock = ___SPIN_LOCK_INITIALIZER(lockname.wait_lock) \
		, .wait_list = LIST_HEAD_INIT(lockname.wait_list) }

#define DEFINE_MUTEX(mutexname) \
	struct mutex mutexname = __MUTEX_INITIALIZER(mutexname)

extern void __mutex_init(struct mutex *lock, const char *name,
			 struct lock_class_key *key);

#define mutex_init(mutex)						\
do {									\
	__mutex_init((mutex), #mutex, NULL);				\
} while (0)

extern void mutex_lock(struct mutex *lock);
extern int __must_check mutex_trylock(struct mutex *lock);
extern void mutex_unlock(struct mutex *lock);

#endif /* __LINUX_MUTEX_H */
