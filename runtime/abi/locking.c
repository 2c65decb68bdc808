// SPDX-License-Identifier: GPL-2.0
/*
 * <linux/spinlock.h>, <linux/mutex.h>, <linux/preempt.h> and <linux/smp.h>: locks,
 * preemption and bottom-half control, and the context tests. The core keeps lock
 * ownership and the per-context counts that preempt_count() encodes in the kernel.
 */
#include <linux/mutex.h>
#include <linux/preempt.h>
#include <linux/smp.h>
#include <linux/spinlock.h>

#include "model_abi.h"

void spin_lock(spinlock_t *lock)
{
	mdl_spin_lock(lock, MDL_LOCK_PLAIN);
}

void spin_lock_bh(spinlock_t *lock)
{
	mdl_spin_lock(lock, MDL_LOCK_BH);
}

void spin_lock_irq(spinlock_t *lock)
{
	mdl_spin_lock(lock, MDL_LOCK_IRQ);
}

int spin_trylock(spinlock_t *lock)
{
	return mdl_spin_trylock(lock, MDL_LOCK_PLAIN);
}

void spin_unlock(spinlock_t *lock)
{
	mdl_spin_unlock(lock, MDL_LOCK_PLAIN);
}

void spin_unlock_bh(spinlock_t *lock)
{
	mdl_spin_unlock(lock, MDL_LOCK_BH);
}

void spin_unlock_irq(spinlock_t *lock)
{
	mdl_spin_unlock(lock, MDL_LOCK_IRQ);
}

/* spin_lock_irqsave() reaches here through raw_spin_lock_irqsave(spinlock_check(lock)). */
unsigned long _raw_spin_lock_irqsave(raw_spinlock_t *lock)
{
	return mdl_spin_lock_irqsave(lock);
}

void spin_unlock_irqrestore(spinlock_t *lock, unsigned long flags)
{
	mdl_spin_unlock_irqrestore(lock, flags);
}

void __mutex_init(struct mutex *lock, const char *name, struct lock_class_key *key)
{
	mdl_mutex_init(lock);
}

void mutex_lock(struct mutex *lock)
{
	mdl_mutex_lock(lock);
}

int mutex_trylock(struct mutex *lock)
{
	return mdl_mutex_trylock(lock);
}

void mutex_unlock(struct mutex *lock)
{
	mdl_mutex_unlock(lock);
}

void preempt_disable(void)
{
	mdl_preempt_disable();
}

void preempt_enable(void)
{
	mdl_preempt_enable();
}

void local_bh_disable(void)
{
	mdl_bh_disable();
}

void local_bh_enable(void)
{
	mdl_bh_enable();
}

unsigned long in_interrupt(void)
{
	return mdl_context_query(MDL_IN_INTERRUPT);
}

unsigned long in_softirq(void)
{
	return mdl_context_query(MDL_IN_SOFTIRQ);
}

unsigned long in_serving_softirq(void)
{
	return mdl_context_query(MDL_IN_SERVING_SOFTIRQ);
}

unsigned long in_hardirq(void)
{
	return mdl_context_query(MDL_IN_HARDIRQ);
}

int in_task(void)
{
	return (int)mdl_context_query(MDL_IN_TASK);
}

int raw_smp_processor_id(void)
{
	return mdl_current_cpu();
}
