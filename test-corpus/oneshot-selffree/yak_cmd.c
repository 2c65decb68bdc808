// SPDX-License-Identifier: GPL-2.0
/*
 * Pattern oneshot-selffree: a kmalloc()ed one-shot job whose tasklet callback does the work and
 * kfree()s the job. The tasklet core touches the tasklet after the callback returns, so this is
 * a use-after-free; a work item may free itself, which is one reason WQ_BH exists.
 */
#include <linux/interrupt.h>
#include <linux/module.h>
#include <linux/slab.h>

#define YAK_IRQ		9

struct yak_cmd {
	u32 opcode;
	u32 arg;
	struct tasklet_struct tasklet;
};

static int yak_cookie;

static void yak_cmd_complete(struct tasklet_struct *t)
{
	struct yak_cmd *cmd = from_tasklet(cmd, t, tasklet);

	pr_info("yak: command %#x(%u) complete\n", cmd->opcode, cmd->arg);
	kfree(cmd);
}

static int yak_submit(u32 opcode, u32 arg)
{
	struct yak_cmd *cmd;

	cmd = kmalloc(sizeof(*cmd), GFP_ATOMIC);
	if (!cmd)
		return -ENOMEM;

	cmd->opcode = opcode;
	cmd->arg = arg;
	tasklet_setup(&cmd->tasklet, yak_cmd_complete);
	tasklet_schedule(&cmd->tasklet);
	return 0;
}

static irqreturn_t yak_irq(int irq, void *dev_id)
{
	if (yak_submit(0x10, irq))
		return IRQ_NONE;
	return IRQ_HANDLED;
}

static int __init yak_init(void)
{
	return request_irq(YAK_IRQ, yak_irq, 0, "yak", &yak_cookie);
}

static void __exit yak_exit(void)
{
	free_irq(YAK_IRQ, &yak_cookie);
}

module_init(yak_init);
module_exit(yak_exit);

MODULE_DESCRIPTION("Yak command completion");
MODULE_LICENSE("GPL");
