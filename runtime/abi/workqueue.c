// SPDX-License-Identifier: GPL-2.0
/* The workqueue API of <linux/workqueue.h>; the semantics live in core/WorkqueueModel.cpp. */
#include <linux/workqueue.h>

#include "abi_check.h"
#include "model_abi.h"

MDL_SAME_SIZE(struct work_struct, struct mdl_work);
MDL_SAME_FIELD(struct work_struct, struct mdl_work, data, data);
MDL_SAME_FIELD(struct work_struct, struct mdl_work, entry.next, entry_next);
MDL_SAME_FIELD(struct work_struct, struct mdl_work, entry.prev, entry_prev);
MDL_SAME_FIELD(struct work_struct, struct mdl_work, func, func);
_Static_assert(WORK_STRUCT_PENDING_BIT == MDL_WORK_PENDING_BIT, "WORK_STRUCT_PENDING_BIT");

#define M(w) ((struct mdl_work *)(w))

/* WORK_CPU_UNBOUND: the kernel picks the local CPU for per-CPU and BH workqueues. */
#define MDL_ANY_CPU (-1)

bool queue_work_on(int cpu, struct workqueue_struct *wq, struct work_struct *work)
{
	return mdl_queue_work(wq, M(work), cpu);
}

bool queue_work(struct workqueue_struct *wq, struct work_struct *work)
{
	return mdl_queue_work(wq, M(work), MDL_ANY_CPU);
}

bool schedule_work(struct work_struct *work)
{
	return mdl_queue_work(system_wq, M(work), MDL_ANY_CPU);
}

bool flush_work(struct work_struct *work)
{
	return mdl_flush_work(M(work));
}

bool cancel_work(struct work_struct *work)
{
	return mdl_cancel_work(M(work), 0);
}

bool cancel_work_sync(struct work_struct *work)
{
	return mdl_cancel_work(M(work), 1);
}

bool disable_work(struct work_struct *work)
{
	return mdl_disable_work(M(work), 0);
}

bool disable_work_sync(struct work_struct *work)
{
	return mdl_disable_work(M(work), 1);
}

bool enable_work(struct work_struct *work)
{
	return mdl_enable_work(M(work));
}

bool enable_and_queue_work(struct workqueue_struct *wq, struct work_struct *work)
{
	return mdl_enable_and_queue_work(wq, M(work));
}

unsigned int work_busy(struct work_struct *work)
{
	return mdl_work_busy(M(work));
}

struct work_struct *current_work(void)
{
	return (struct work_struct *)mdl_current_work();
}

void destroy_work_on_stack(struct work_struct *work)
{
	mdl_destroy_work_on_stack(M(work));
}

struct workqueue_struct *alloc_workqueue(const char *fmt, unsigned int flags, int max_active, ...)
{
	/* The name is only shown in traces; a format with arguments keeps its raw text. */
	return mdl_alloc_workqueue(fmt, flags);
}

void destroy_workqueue(struct workqueue_struct *wq)
{
	mdl_destroy_workqueue(wq);
}

void __flush_workqueue(struct workqueue_struct *wq)
{
	mdl_flush_workqueue(wq);
}

void drain_workqueue(struct workqueue_struct *wq)
{
	mdl_flush_workqueue(wq);
}

void abi_call_work(void *func, struct mdl_work *w)
{
	((work_func_t)func)((struct work_struct *)w);
}
