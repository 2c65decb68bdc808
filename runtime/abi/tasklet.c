// SPDX-License-Identifier: GPL-2.0
/* The tasklet API of <linux/interrupt.h>; the semantics live in core/TaskletModel.cpp. */
#include <linux/interrupt.h>

#include "abi_check.h"
#include "model_abi.h"

MDL_SAME_SIZE(struct tasklet_struct, struct mdl_tasklet);
MDL_SAME_FIELD(struct tasklet_struct, struct mdl_tasklet, next, next);
MDL_SAME_FIELD(struct tasklet_struct, struct mdl_tasklet, state, state);
MDL_SAME_FIELD(struct tasklet_struct, struct mdl_tasklet, count, count);
MDL_SAME_FIELD(struct tasklet_struct, struct mdl_tasklet, use_callback, use_callback);
MDL_SAME_FIELD(struct tasklet_struct, struct mdl_tasklet, callback, fn);
MDL_SAME_FIELD(struct tasklet_struct, struct mdl_tasklet, func, fn);
MDL_SAME_FIELD(struct tasklet_struct, struct mdl_tasklet, data, data);
_Static_assert(TASKLET_STATE_SCHED == MDL_TASKLET_STATE_SCHED, "TASKLET_STATE_SCHED");
_Static_assert(TASKLET_STATE_RUN == MDL_TASKLET_STATE_RUN, "TASKLET_STATE_RUN");

#define M(t) ((struct mdl_tasklet *)(t))

void tasklet_setup(struct tasklet_struct *t, void (*callback)(struct tasklet_struct *))
{
	mdl_tasklet_init(M(t), 1, (void *)callback, 0);
}

void tasklet_init(struct tasklet_struct *t, void (*func)(unsigned long), unsigned long data)
{
	mdl_tasklet_init(M(t), 0, (void *)func, data);
}

void tasklet_schedule(struct tasklet_struct *t)
{
	mdl_tasklet_schedule(M(t), 0);
}

void tasklet_hi_schedule(struct tasklet_struct *t)
{
	mdl_tasklet_schedule(M(t), 1);
}

void tasklet_disable_nosync(struct tasklet_struct *t)
{
	mdl_tasklet_disable(M(t), MDL_DISABLE_NOSYNC);
}

void tasklet_disable_in_atomic(struct tasklet_struct *t)
{
	mdl_tasklet_disable(M(t), MDL_DISABLE_SPIN);
}

void tasklet_disable(struct tasklet_struct *t)
{
	mdl_tasklet_disable(M(t), MDL_DISABLE_SLEEP);
}

void tasklet_enable(struct tasklet_struct *t)
{
	mdl_tasklet_enable(M(t));
}

void tasklet_kill(struct tasklet_struct *t)
{
	mdl_tasklet_kill(M(t));
}

int tasklet_trylock(struct tasklet_struct *t)
{
	return mdl_tasklet_trylock(M(t));
}

void tasklet_unlock(struct tasklet_struct *t)
{
	mdl_tasklet_unlock(M(t));
}

void tasklet_unlock_wait(struct tasklet_struct *t)
{
	mdl_tasklet_unlock_wait(M(t), 0);
}

void tasklet_unlock_spin_wait(struct tasklet_struct *t)
{
	mdl_tasklet_unlock_wait(M(t), 1);
}

void abi_call_tasklet(void *fn, int use_callback, struct mdl_tasklet *t, unsigned long data)
{
	if (use_callback)
		((void (*)(struct tasklet_struct *))fn)((struct tasklet_struct *)t);
	else
		((void (*)(unsigned long))fn)(data);
}
