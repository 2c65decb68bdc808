// SPDX-License-Identifier: GPL-2.0
/* A kmalloc'ed context whose bottom half counts jobs; exit kills the bottom half, then frees. */
#include <linux/interrupt.h>
#include <linux/module.h>
#include <linux/slab.h>

#define JOB_IRQ	24

struct job_ctx {
	unsigned int jobs;
	struct tasklet_struct bh;
};

static struct job_ctx *ctx;
static int cookie;

static void bh_fn(struct tasklet_struct *t)
{
	struct job_ctx *c = from_tasklet(c, t, bh);

	c->jobs++;
}

static irqreturn_t job_irq(int irq, void *dev_id)
{
	tasklet_schedule(&ctx->bh);
	return IRQ_HANDLED;
}

static int __init seed_init(void)
{
	ctx = kzalloc(sizeof(*ctx), GFP_KERNEL);
	if (!ctx)
		return -ENOMEM;
	tasklet_setup(&ctx->bh, bh_fn);
	return request_irq(JOB_IRQ, job_irq, 0, "job", &cookie);
}

static void __exit seed_exit(void)
{
	free_irq(JOB_IRQ, &cookie);
	tasklet_kill(&ctx->bh);
	kfree(ctx);
}

module_init(seed_init);
module_exit(seed_exit);
MODULE_LICENSE("GPL");
