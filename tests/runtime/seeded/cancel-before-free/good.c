// SPDX-License-Identifier: GPL-2.0
/* Correct conversion: cancel_work_sync() waits for a running callback before the kfree(). */
#include <linux/interrupt.h>
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/workqueue.h>

#define JOB_IRQ	24

struct job_ctx {
	unsigned int jobs;
	struct work_struct bh_work;
};

static struct job_ctx *ctx;
static int cookie;

static void bh_fn(struct work_struct *w)
{
	struct job_ctx *c = from_work(c, w, bh_work);

	c->jobs++;
}

static irqreturn_t job_irq(int irq, void *dev_id)
{
	queue_work(system_bh_wq, &ctx->bh_work);
	return IRQ_HANDLED;
}

static int __init seed_init(void)
{
	ctx = kzalloc(sizeof(*ctx), GFP_KERNEL);
	if (!ctx)
		return -ENOMEM;
	INIT_WORK(&ctx->bh_work, bh_fn);
	return request_irq(JOB_IRQ, job_irq, 0, "job", &cookie);
}

static void __exit seed_exit(void)
{
	free_irq(JOB_IRQ, &cookie);
	cancel_work_sync(&ctx->bh_work);
	kfree(ctx);
}

module_init(seed_init);
module_exit(seed_exit);
MODULE_LICENSE("GPL");
