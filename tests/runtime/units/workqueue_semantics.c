// SPDX-License-Identifier: GPL-2.0
/*
 * Scenarios for WorkqueueSemanticsTest: one behaviour of the workqueue model
 * each, observed through model_outcome() or through a property.
 */
#include <linux/atomic.h>
#include <linux/delay.h>
#include <linux/interrupt.h>
#include <linux/slab.h>
#include <linux/smp.h>
#include <linux/spinlock.h>
#include <linux/workqueue.h>
#include <model/scenario.h>

static struct work_struct w;
static atomic_t runs = ATOMIC_INIT(0);
static int in_cb;

static void count_fn(struct work_struct *work)
{
	atomic_inc(&runs);
}

static void marking_fn(struct work_struct *work)
{
	in_cb = 1;
	udelay(1);
	atomic_inc(&runs);
	in_cb = 0;
}

/* The pending bit: visible through work_pending(), a second queue is a no-op. */
MODEL_SCENARIO(pending_bit)
{
	bool first, second;
	int pending;

	INIT_WORK(&w, count_fn);
	local_bh_disable();
	first = queue_work(system_bh_wq, &w);
	pending = work_pending(&w);
	second = queue_work(system_bh_wq, &w);
	local_bh_enable();
	model_settle();
	model_outcome("first=%d pending=%d second=%d runs=%d after=%d", first, pending, second,
		      atomic_read(&runs), work_pending(&w) != 0);
}

static int cb_cpu = -1;
static unsigned long cb_softirq;
static int cb_task, cb_pending_inside;
static struct work_struct *cb_current;

static void context_fn(struct work_struct *work)
{
	cb_cpu = smp_processor_id();
	cb_softirq = in_serving_softirq();
	cb_task = in_task();
	cb_pending_inside = work_pending(work) != 0;
	cb_current = current_work();
}

static void queue_bh_task(void *arg)
{
	queue_work(system_bh_wq, &w);
}

/* A BH work item runs in softirq context on the CPU that queued it. */
MODEL_SCENARIO(bh_runs_in_softirq_on_queueing_cpu)
{
	int other;

	INIT_WORK(&w, context_fn);
	other = model_spawn(1, queue_bh_task, NULL);
	model_join(other);
	model_settle();
	model_outcome("cpu=%d serving_softirq=%d task=%d pending_inside=%d current=%d", cb_cpu,
		      cb_softirq != 0, cb_task, cb_pending_inside, cb_current == &w);
}

/* system_wq: process context. */
MODEL_SCENARIO(system_wq_runs_in_process_context)
{
	INIT_WORK(&w, context_fn);
	schedule_work(&w);
	model_settle();
	model_outcome("cpu=%d serving_softirq=%d task=%d", cb_cpu, cb_softirq != 0, cb_task);
}

static char order[8];
static int order_len;
static struct work_struct wa, wb, wc;

static void fn_a(struct work_struct *work)
{
	order[order_len++] = 'a';
}

static void fn_b(struct work_struct *work)
{
	order[order_len++] = 'b';
}

static void fn_c(struct work_struct *work)
{
	order[order_len++] = 'c';
}

/* A CPU's BH pool runs its items in queueing order. */
MODEL_SCENARIO(bh_pool_is_fifo)
{
	INIT_WORK(&wa, fn_a);
	INIT_WORK(&wb, fn_b);
	INIT_WORK(&wc, fn_c);
	local_bh_disable();
	queue_work(system_bh_wq, &wb);
	queue_work(system_bh_wq, &wc);
	queue_work(system_bh_wq, &wa);
	local_bh_enable();
	model_settle();
	model_outcome("order=%s", order);
}

static void queue_highpri_task(void *arg)
{
	queue_work(system_bh_highpri_wq, &w);
}

/* Queued on one workqueue from two CPUs: never concurrent with itself. */
MODEL_SCENARIO(one_workqueue_is_non_reentrant)
{
	int other;

	INIT_WORK(&w, marking_fn);
	other = model_spawn(1, queue_bh_task, NULL);
	queue_work(system_bh_wq, &w);
	model_join(other);
	model_settle();
	model_outcome("runs=%d", atomic_read(&runs));
}

/* Queued on the two BH workqueues: it can run on both CPUs at once. */
MODEL_SCENARIO(two_workqueues_run_concurrently)
{
	int other;

	INIT_WORK(&w, marking_fn);
	other = model_spawn(1, queue_highpri_task, NULL);
	queue_work(system_bh_wq, &w);
	model_join(other);
	model_settle();
}

/* Queueing a disabled item is dropped; enable_work() does not bring it back. */
MODEL_SCENARIO(queue_while_disabled_is_dropped)
{
	bool queued;

	INIT_WORK(&w, count_fn);
	disable_work(&w);
	queued = queue_work(system_bh_wq, &w);
	enable_work(&w);
	model_settle();
	model_outcome("queued=%d runs=%d", queued, atomic_read(&runs));
}

/* enable_and_queue_work() queues when the depth reaches 0, even if nothing was dropped. */
MODEL_SCENARIO(enable_and_queue_adds_a_run)
{
	INIT_WORK(&w, count_fn);
	disable_work(&w);
	enable_and_queue_work(system_bh_wq, &w);
	model_settle();
	model_outcome("runs=%d", atomic_read(&runs));
}

/* ... and when a queue was dropped while disabled, that run is the one owed. */
MODEL_SCENARIO(enable_and_queue_restores_a_dropped_run)
{
	INIT_WORK(&w, count_fn);
	disable_work(&w);
	queue_work(system_bh_wq, &w);
	enable_and_queue_work(system_bh_wq, &w);
	model_settle();
	model_outcome("runs=%d", atomic_read(&runs));
}

/* Disable depth nests. */
MODEL_SCENARIO(disable_depth_nests)
{
	bool inner, outer, q1, q2;

	INIT_WORK(&w, count_fn);
	disable_work(&w);
	disable_work(&w);
	inner = enable_work(&w);
	q1 = queue_work(system_bh_wq, &w);
	outer = enable_work(&w);
	q2 = queue_work(system_bh_wq, &w);
	model_settle();
	model_outcome("inner=%d q1=%d outer=%d q2=%d runs=%d", inner, q1, outer, q2,
		      atomic_read(&runs));
}

/* Enable without disable. */
MODEL_SCENARIO(enable_work_without_disable)
{
	INIT_WORK(&w, count_fn);
	enable_work(&w);
}

/* cancel_work_sync() drops a pending run (or the run already happened). */
MODEL_SCENARIO(cancel_sync_drops_a_pending_run)
{
	int other;
	bool was_pending;

	INIT_WORK(&w, count_fn);
	other = model_spawn(1, queue_bh_task, NULL);
	model_join(other);
	was_pending = cancel_work_sync(&w);
	model_settle();
	model_outcome("was_pending=%d runs=%d", was_pending, atomic_read(&runs));
}

/* cancel_work_sync() waits for a running callback; cancel_work() does not. */
MODEL_SCENARIO(cancel_sync_waits_for_running_callback)
{
	int other;

	INIT_WORK(&w, marking_fn);
	other = model_spawn(1, queue_bh_task, NULL);
	model_join(other);
	cancel_work_sync(&w);
	model_outcome("in_cb=%d", in_cb);
}

MODEL_SCENARIO(cancel_does_not_wait)
{
	int other;

	INIT_WORK(&w, marking_fn);
	other = model_spawn(1, queue_bh_task, NULL);
	model_join(other);
	cancel_work(&w);
	model_outcome("in_cb=%d", in_cb);
	model_settle();
}

/* flush_work() returns once the pending run has finished. */
MODEL_SCENARIO(flush_waits_for_the_run)
{
	int other;

	INIT_WORK(&w, marking_fn);
	other = model_spawn(1, queue_bh_task, NULL);
	model_join(other);
	flush_work(&w);
	model_outcome("runs=%d in_cb=%d", atomic_read(&runs), in_cb);
}

struct job {
	int id;
	struct work_struct work;
};

static void job_done(struct work_struct *work)
{
	struct job *j = from_work(j, work, work);

	kfree(j);
}

/* A work item may free itself. */
MODEL_SCENARIO(self_free_is_fine)
{
	struct job *j = kmalloc(sizeof(*j), GFP_KERNEL);

	INIT_WORK(&j->work, job_done);
	queue_work(system_bh_wq, &j->work);
	model_settle();
}

static void requeue_once_fn(struct work_struct *work)
{
	if (atomic_inc_return(&runs) == 1)
		queue_work(system_bh_wq, work);
}

/* Queued from its own callback: it runs again. */
MODEL_SCENARIO(requeue_from_callback_runs_again)
{
	INIT_WORK(&w, requeue_once_fn);
	queue_work(system_bh_wq, &w);
	model_settle();
	model_outcome("runs=%d", atomic_read(&runs));
}

static void cancelling_fn(struct work_struct *work)
{
	cancel_work_sync(work);
}

/* cancel_work_sync() from the item's own callback waits for itself. */
MODEL_SCENARIO(cancel_sync_from_own_callback)
{
	INIT_WORK(&w, cancelling_fn);
	queue_work(system_bh_wq, &w);
	model_settle();
}

static DEFINE_SPINLOCK(lock);

/* A BH item (last queued on a BH pool) may be disabled synchronously in atomic context. */
MODEL_SCENARIO(disable_sync_of_bh_item_in_atomic)
{
	INIT_WORK(&w, count_fn);
	queue_work(system_bh_wq, &w);
	model_settle();
	spin_lock(&lock);
	disable_work_sync(&w);
	spin_unlock(&lock);
}

/* Any other item may not: __cancel_work_sync() calls might_sleep(). */
MODEL_SCENARIO(disable_sync_of_other_item_in_atomic)
{
	INIT_WORK(&w, count_fn);
	schedule_work(&w);
	model_settle();
	spin_lock(&lock);
	disable_work_sync(&w);
	spin_unlock(&lock);
}

static struct work_struct rearm;
static atomic_t rearm_runs = ATOMIC_INIT(0);

static void rearm_fn(struct work_struct *work)
{
	if (atomic_inc_return(&rearm_runs) < 3)
		queue_work(system_bh_wq, work);
}

static void queue_rearm(void *arg)
{
	queue_work(system_bh_wq, &rearm);
}

/*
 * A self-requeueing item cancelled while it runs: the requeue the cancel
 * refuses is absorbed by it (as tasklet_kill() absorbs a racing schedule),
 * not a lost run.
 */
MODEL_SCENARIO(cancel_absorbs_requeue)
{
	int t;

	INIT_WORK(&rearm, rearm_fn);
	t = model_spawn(1, queue_rearm, NULL);
	model_join(t);
	cancel_work_sync(&rearm);
	model_outcome("pending=%d", work_pending(&rearm));
}
