// SPDX-License-Identifier: GPL-2.0
/*
 * Scenarios for KernelModelTest: locks and contexts, interrupts, timers, memory,
 * per-CPU data, and the reports the model makes about them.
 */
#include <linux/atomic.h>
#include <linux/delay.h>
#include <linux/interrupt.h>
#include <linux/mutex.h>
#include <linux/percpu.h>
#include <linux/slab.h>
#include <linux/smp.h>
#include <linux/spinlock.h>
#include <linux/timer.h>
#include <model/scenario.h>

static DEFINE_SPINLOCK(lock);
static DEFINE_SPINLOCK(lock_b);
static struct tasklet_struct t;
static atomic_t runs = ATOMIC_INIT(0);
static int cookie;

static void locking_cb(struct tasklet_struct *tl)
{
	spin_lock(&lock);
	atomic_inc(&runs);
	spin_unlock(&lock);
}

/* Process context takes a lock with plain spin_lock(); a softirq on the same CPU takes it too. */
MODEL_SCENARIO(plain_lock_shared_with_softirq)
{
	tasklet_setup(&t, locking_cb);
	spin_lock(&lock);
	tasklet_schedule(&t);
	spin_unlock(&lock);
	model_settle();
}

/* The same with spin_lock_bh(): the softirq waits for the unlock. */
MODEL_SCENARIO(bh_lock_shared_with_softirq)
{
	tasklet_setup(&t, locking_cb);
	spin_lock_bh(&lock);
	tasklet_schedule(&t);
	spin_unlock_bh(&lock);
	model_settle();
	model_outcome("runs=%d", atomic_read(&runs));
}

static irqreturn_t locking_irq(int irq, void *dev)
{
	spin_lock(&lock);
	atomic_inc(&runs);
	spin_unlock(&lock);
	return IRQ_HANDLED;
}

/* A lock the interrupt handler takes, taken without disabling interrupts. */
MODEL_SCENARIO(plain_lock_shared_with_hardirq)
{
	if (request_irq(41, locking_irq, 0, "lock", &cookie))
		return;
	model_raise_irq(0, 41);
	spin_lock(&lock);
	udelay(1);
	spin_unlock(&lock);
	model_settle();
	free_irq(41, &cookie);
}

/* ... and with spin_lock_irqsave(). */
MODEL_SCENARIO(irqsave_lock_shared_with_hardirq)
{
	unsigned long flags;

	if (request_irq(41, locking_irq, 0, "lock", &cookie))
		return;
	model_raise_irq(0, 41);
	spin_lock_irqsave(&lock, flags);
	udelay(1);
	spin_unlock_irqrestore(&lock, flags);
	model_settle();
	free_irq(41, &cookie);
	model_outcome("runs=%d", atomic_read(&runs));
}

static void b_then_a(void *arg)
{
	spin_lock(&lock_b);
	spin_lock(&lock);
	spin_unlock(&lock);
	spin_unlock(&lock_b);
}

/* Two CPUs taking two locks in opposite orders. */
MODEL_SCENARIO(abba)
{
	int other = model_spawn(1, b_then_a, NULL);

	spin_lock(&lock);
	spin_lock(&lock_b);
	spin_unlock(&lock_b);
	spin_unlock(&lock);
	model_join(other);
}

/* Sleeping under a spinlock. */
MODEL_SCENARIO(msleep_under_spinlock)
{
	spin_lock(&lock);
	msleep(1);
	spin_unlock(&lock);
}

static DEFINE_MUTEX(mutex);

static void mutex_cb(struct tasklet_struct *tl)
{
	mutex_lock(&mutex);
	mutex_unlock(&mutex);
}

/* A mutex in softirq context. */
MODEL_SCENARIO(mutex_in_softirq)
{
	tasklet_setup(&t, mutex_cb);
	tasklet_schedule(&t);
	model_settle();
}

static void *irq_allocation;

static irqreturn_t allocating_irq(int irq, void *dev)
{
	irq_allocation = kmalloc(32, *(gfp_t *)dev);
	return IRQ_HANDLED;
}

static gfp_t irq_gfp;

/* GFP_KERNEL may sleep; GFP_ATOMIC may not. */
MODEL_SCENARIO(gfp_kernel_in_hardirq)
{
	irq_gfp = GFP_KERNEL;
	if (request_irq(42, allocating_irq, 0, "alloc", &irq_gfp))
		return;
	model_raise_irq(0, 42);
	model_settle();
	free_irq(42, &irq_gfp);
}

MODEL_SCENARIO(gfp_atomic_in_hardirq)
{
	irq_gfp = GFP_ATOMIC;
	if (request_irq(42, allocating_irq, 0, "alloc", &irq_gfp))
		return;
	model_raise_irq(0, 42);
	model_settle();
	free_irq(42, &irq_gfp);
	model_outcome("allocated=%d", irq_allocation != NULL);
}

static char hardirq_ctx[64];

static irqreturn_t context_irq(int irq, void *dev)
{
	hardirq_ctx[0] = in_hardirq() ? 'h' : '-';
	hardirq_ctx[1] = in_interrupt() ? 'i' : '-';
	hardirq_ctx[2] = in_task() ? 't' : '-';
	return IRQ_HANDLED;
}

/* What in_*() say in each context. */
MODEL_SCENARIO(context_queries)
{
	char task_ctx[4], bh_ctx[4];

	task_ctx[0] = in_softirq() ? 's' : '-';
	task_ctx[1] = in_interrupt() ? 'i' : '-';
	task_ctx[2] = in_task() ? 't' : '-';
	task_ctx[3] = 0;
	local_bh_disable();
	bh_ctx[0] = in_softirq() ? 's' : '-';
	bh_ctx[1] = in_serving_softirq() ? 'S' : '-';
	bh_ctx[2] = in_task() ? 't' : '-';
	bh_ctx[3] = 0;
	local_bh_enable();
	if (request_irq(43, context_irq, 0, "ctx", &cookie))
		return;
	model_raise_irq(1, 43);
	model_settle();
	free_irq(43, &cookie);
	model_outcome("task=%s bh_disabled=%s hardirq=%s", task_ctx, bh_ctx, hardirq_ctx);
}

/* The driver reads memory it freed. */
MODEL_SCENARIO(read_after_free)
{
	int *p = kmalloc(sizeof(*p), GFP_KERNEL);
	int v;

	*p = 1;
	kfree(p);
	v = *p;
	model_outcome("v=%d", v);
}

MODEL_SCENARIO(double_free)
{
	void *p = kmalloc(16, GFP_KERNEL);

	kfree(p);
	kfree(p);
}

MODEL_SCENARIO(kfree_of_non_heap_pointer)
{
	static int not_heap;

	kfree(&not_heap);
}

MODEL_SCENARIO(unlock_not_held)
{
	spin_unlock(&lock);
}

static atomic_t handled = ATOMIC_INIT(0);
static int in_handler;

static irqreturn_t counting_irq(int irq, void *dev)
{
	in_handler = 1;
	udelay(1);
	atomic_inc(&handled);
	in_handler = 0;
	return IRQ_HANDLED;
}

/* An interrupt on a disabled line waits for enable_irq(). */
MODEL_SCENARIO(disabled_line_holds_interrupt)
{
	if (request_irq(44, counting_irq, 0, "count", &cookie))
		return;
	disable_irq(44);
	model_raise_irq(1, 44);
	model_settle();
	model_outcome("disabled:%d", atomic_read(&handled));
	enable_irq(44);
	model_settle();
	model_outcome("enabled:%d", atomic_read(&handled));
	free_irq(44, &cookie);
}

/* free_irq() waits for a handler running on another CPU. */
MODEL_SCENARIO(free_irq_waits_for_handler)
{
	if (request_irq(44, counting_irq, 0, "count", &cookie))
		return;
	model_raise_irq(1, 44);
	free_irq(44, &cookie);
	model_outcome("in_handler=%d", in_handler);
	model_settle();
}

static struct timer_list timer;
static int timer_softirq, in_timer;

static void timer_fn(struct timer_list *tl)
{
	timer_softirq = in_serving_softirq() != 0;
	in_timer = 1;
	udelay(1);
	atomic_inc(&runs);
	in_timer = 0;
}

/* A timer runs from the timer softirq; del_timer_sync() waits for it. */
MODEL_SCENARIO(timer_and_del_timer_sync)
{
	model_set_timer_budget(1);
	timer_setup(&timer, timer_fn, 0);
	mod_timer(&timer, jiffies + 1);
	udelay(1);
	del_timer_sync(&timer);
	model_outcome("runs=%d in_timer=%d softirq=%d", atomic_read(&runs), in_timer,
		      atomic_read(&runs) ? timer_softirq : 1);
}

static DEFINE_PER_CPU(int, per_cpu_value);

static void write_per_cpu(void *arg)
{
	*this_cpu_ptr(&per_cpu_value) = (long)arg;
}

/* Each CPU has its own copy of a per-CPU variable. */
MODEL_SCENARIO(per_cpu_copies)
{
	int other = model_spawn(1, write_per_cpu, (void *)20);

	write_per_cpu((void *)10);
	model_join(other);
	model_outcome("cpu0=%d cpu1=%d", per_cpu(per_cpu_value, 0), per_cpu(per_cpu_value, 1));
}

/* A driver that dereferences NULL: the execution ends with a crash, the exploration goes on. */
MODEL_SCENARIO(null_dereference)
{
	int *volatile p = NULL;

	model_outcome("before");
	*p = 1;
}

static int thread_task = -1;

static irqreturn_t waking_irq(int irq, void *dev)
{
	return IRQ_WAKE_THREAD;
}

static irqreturn_t irq_thread_fn(int irq, void *dev)
{
	thread_task = in_task();
	msleep(1);
	return IRQ_HANDLED;
}

/* A threaded handler runs in a task: it may sleep. */
MODEL_SCENARIO(threaded_irq)
{
	if (request_threaded_irq(45, waking_irq, irq_thread_fn, IRQF_ONESHOT, "threaded", &cookie))
		return;
	model_raise_irq(1, 45);
	model_settle();
	free_irq(45, &cookie);
	model_outcome("thread_task=%d", thread_task);
}
