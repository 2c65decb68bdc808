// SPDX-License-Identifier: GPL-2.0
/*
 * Scenarios for TaskletSemanticsTest: one behaviour of the tasklet model each,
 * observed through model_outcome() or through a property the model reports.
 */
#include <linux/atomic.h>
#include <linux/delay.h>
#include <linux/interrupt.h>
#include <linux/slab.h>
#include <linux/smp.h>
#include <model/scenario.h>

static struct tasklet_struct t;
static atomic_t runs = ATOMIC_INIT(0);
static int in_cb;

static void count_cb(struct tasklet_struct *tl)
{
	atomic_inc(&runs);
}

/* Scheduled twice before it could run: one run. */
MODEL_SCENARIO(schedule_twice_runs_once)
{
	tasklet_setup(&t, count_cb);
	local_bh_disable();
	tasklet_schedule(&t);
	tasklet_schedule(&t);
	local_bh_enable();
	model_settle();
	model_outcome("runs=%d", atomic_read(&runs));
}

/* Without bottom halves disabled, the softirq may run it in between: one or two runs. */
MODEL_SCENARIO(schedule_twice_may_run_twice)
{
	tasklet_setup(&t, count_cb);
	tasklet_schedule(&t);
	tasklet_schedule(&t);
	model_settle();
	model_outcome("runs=%d", atomic_read(&runs));
}

static void reschedule_once_cb(struct tasklet_struct *tl)
{
	if (atomic_inc_return(&runs) == 1)
		tasklet_schedule(tl);
}

/* Scheduled from its own callback: it runs again afterwards. */
MODEL_SCENARIO(reschedule_from_callback_runs_again)
{
	tasklet_setup(&t, reschedule_once_cb);
	tasklet_schedule(&t);
	model_settle();
	model_outcome("runs=%d", atomic_read(&runs));
}

static void schedule_task(void *arg)
{
	tasklet_schedule(&t);
}

static void marking_cb(struct tasklet_struct *tl)
{
	in_cb = 1;
	udelay(1);
	atomic_inc(&runs);
	in_cb = 0;
}

/* Scheduled from two CPUs: never two runs at once, every schedule followed by a run. */
MODEL_SCENARIO(two_cpus_serialized)
{
	int other;

	tasklet_setup(&t, marking_cb);
	other = model_spawn(1, schedule_task, NULL);
	tasklet_schedule(&t);
	model_join(other);
	model_settle();
	model_outcome("runs=%d", atomic_read(&runs));
}

static char order[8];
static int order_len;
static struct tasklet_struct normal_t, hi_t;

static void normal_cb(struct tasklet_struct *tl)
{
	order[order_len++] = 'N';
}

static void hi_cb(struct tasklet_struct *tl)
{
	order[order_len++] = 'H';
}

/* HI_SOFTIRQ runs before TASKLET_SOFTIRQ in one softirq run. */
MODEL_SCENARIO(hi_list_runs_first)
{
	tasklet_setup(&normal_t, normal_cb);
	tasklet_setup(&hi_t, hi_cb);
	local_bh_disable();
	tasklet_schedule(&normal_t);
	tasklet_hi_schedule(&hi_t);
	local_bh_enable();
	model_settle();
	model_outcome("order=%s", order);
}

/* A disabled tasklet stays scheduled and runs after tasklet_enable(). */
MODEL_SCENARIO(disabled_kept_until_enable)
{
	tasklet_setup(&t, count_cb);
	tasklet_disable_nosync(&t);
	tasklet_schedule(&t);
	model_settle();
	model_outcome("disabled:%d", atomic_read(&runs));
	tasklet_enable(&t);
	model_settle();
	model_outcome("enabled:%d", atomic_read(&runs));
}

/* DECLARE_TASKLET_DISABLED starts with count 1: held until the first enable. */
static DECLARE_TASKLET_DISABLED(declared_t, count_cb);

MODEL_SCENARIO(declared_disabled_held)
{
	tasklet_schedule(&declared_t);
	model_settle();
	model_outcome("disabled:%d", atomic_read(&runs));
	tasklet_enable(&declared_t);
	model_settle();
	model_outcome("enabled:%d", atomic_read(&runs));
}

/* tasklet_disable() waits for a callback running on another CPU. */
MODEL_SCENARIO(disable_waits_for_running_callback)
{
	int other;

	tasklet_setup(&t, marking_cb);
	other = model_spawn(1, schedule_task, NULL);
	tasklet_disable(&t);
	model_outcome("in_cb=%d", in_cb);
	tasklet_enable(&t);
	model_join(other);
}

/* tasklet_disable_nosync() does not wait. */
MODEL_SCENARIO(disable_nosync_does_not_wait)
{
	int other;

	tasklet_setup(&t, marking_cb);
	other = model_spawn(1, schedule_task, NULL);
	tasklet_disable_nosync(&t);
	model_outcome("in_cb=%d", in_cb);
	tasklet_enable(&t);
	model_join(other);
}

/* tasklet_kill() waits for a pending run, then for the callback to return. */
MODEL_SCENARIO(kill_waits_for_pending_run)
{
	int other;

	tasklet_setup(&t, marking_cb);
	other = model_spawn(1, schedule_task, NULL);
	model_join(other);
	tasklet_kill(&t);
	model_outcome("runs=%d in_cb=%d", atomic_read(&runs), in_cb);
}

/* Killing a disabled, scheduled tasklet hangs. */
MODEL_SCENARIO(kill_disabled_scheduled_hangs)
{
	tasklet_setup(&t, count_cb);
	tasklet_disable(&t);
	tasklet_schedule(&t);
	tasklet_kill(&t);
}

struct job {
	int id;
	struct tasklet_struct tasklet;
};

static void job_done(struct tasklet_struct *tl)
{
	struct job *j = from_tasklet(j, tl, tasklet);

	kfree(j);
}

/* A callback that frees its own tasklet: the core touches it afterwards. */
MODEL_SCENARIO(self_free_is_use_after_free)
{
	struct job *j = kmalloc(sizeof(*j), GFP_KERNEL);

	tasklet_setup(&j->tasklet, job_done);
	tasklet_schedule(&j->tasklet);
	model_settle();
}

/* The driver holding RUN with tasklet_trylock() keeps the softirq from running it. */
MODEL_SCENARIO(trylock_holds_off_the_softirq)
{
	int got;

	tasklet_setup(&t, count_cb);
	got = tasklet_trylock(&t);
	tasklet_schedule(&t);
	model_settle();
	model_outcome("locked:got=%d runs=%d", got, atomic_read(&runs));
	tasklet_unlock(&t);
	model_settle();
	model_outcome("unlocked:runs=%d", atomic_read(&runs));
}

/* Enable without disable. */
MODEL_SCENARIO(enable_without_disable)
{
	tasklet_setup(&t, count_cb);
	tasklet_enable(&t);
}

static void sleeping_cb(struct tasklet_struct *tl)
{
	msleep(1);
}

/* A callback runs in softirq context: it may not sleep. */
MODEL_SCENARIO(sleep_in_callback)
{
	tasklet_setup(&t, sleeping_cb);
	tasklet_schedule(&t);
	model_settle();
}

/* Clearing the count behind the API's back: the callback runs while disabled. */
MODEL_SCENARIO(count_poked_to_zero)
{
	tasklet_setup(&t, count_cb);
	tasklet_disable_nosync(&t);
	tasklet_schedule(&t);
	atomic_set(&t.count, 0);
	model_settle();
}

static void unlocking_cb(struct tasklet_struct *tl)
{
	tasklet_unlock(tl);
	in_cb = 1;
	udelay(1);
	in_cb = 0;
}

/* A callback that drops its own RUN bit: another CPU may start it concurrently. */
MODEL_SCENARIO(run_bit_dropped_in_callback)
{
	int other;

	tasklet_setup(&t, unlocking_cb);
	other = model_spawn(1, schedule_task, NULL);
	tasklet_schedule(&t);
	model_join(other);
	model_settle();
}

/* ... and tasklet_disable() may return while it still runs. */
MODEL_SCENARIO(disable_returns_while_running)
{
	int other;

	tasklet_setup(&t, unlocking_cb);
	other = model_spawn(1, schedule_task, NULL);
	tasklet_disable(&t);
	tasklet_enable(&t);
	model_join(other);
}

static unsigned long seen_data;

static void legacy_cb(unsigned long data)
{
	seen_data = data;
}

/* tasklet_init(): the legacy callback gets its data. */
MODEL_SCENARIO(legacy_callback_gets_data)
{
	tasklet_init(&t, legacy_cb, 0x5eed);
	tasklet_schedule(&t);
	model_settle();
	model_outcome("data=%#lx", seen_data);
}

static int kill_cookie;

static irqreturn_t killing_irq(int irq, void *dev)
{
	tasklet_kill(&t);
	return IRQ_HANDLED;
}

/* tasklet_kill() from a hardirq handler. */
MODEL_SCENARIO(kill_in_hardirq)
{
	tasklet_setup(&t, count_cb);
	if (request_irq(40, killing_irq, 0, "kill", &kill_cookie))
		return;
	model_raise_irq(0, 40);
	model_settle();
	free_irq(40, &kill_cookie);
}

/* Context as the callback sees it. */
static int cb_cpu = -1;
static unsigned long cb_softirq, cb_interrupt;
static int cb_task;

static void context_cb(struct tasklet_struct *tl)
{
	cb_cpu = smp_processor_id();
	cb_softirq = in_serving_softirq();
	cb_interrupt = in_interrupt();
	cb_task = in_task();
}

static void schedule_context_task(void *arg)
{
	tasklet_schedule(&t);
}

MODEL_SCENARIO(callback_runs_in_softirq_on_scheduling_cpu)
{
	int other;

	tasklet_setup(&t, context_cb);
	other = model_spawn(1, schedule_context_task, NULL);
	model_join(other);
	model_settle();
	model_outcome("cpu=%d serving_softirq=%d interrupt=%d task=%d", cb_cpu, cb_softirq != 0,
		      cb_interrupt != 0, cb_task);
}
