/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The scenario API of the detasklet runtime model.
 *
 * A scenario is a C file compiled into the same module as the driver. Each
 * MODEL_SCENARIO(name) { ... } is one scenario: it runs as a task on CPU 0 and
 * drives the driver through its real entry points (module init/exit, probe and
 * remove through the platform driver it registers, suspend/resume) and through
 * interrupts it raises on chosen CPUs. The explorer runs it under every
 * interleaving of the simulated CPUs and contexts (up to its bounds) and checks
 * the model's properties in each.
 *
 * Calls here are scheduling points like the kernel API. Plain C only: this
 * header is included by scenarios built with -nostdinc against the shims, and
 * by the model itself.
 */
#ifndef _MODEL_SCENARIO_H
#define _MODEL_SCENARIO_H

#ifdef __cplusplus
extern "C" {
#endif

#define MODEL_SCENARIO(name)                         \
	void model_scenario__##name(void);           \
	void model_scenario__##name(void)

/* Module and device life cycle. */
int model_load_module(void);	/* init_module(): registers and probes a platform driver */
void model_unload_module(void);	/* cleanup_module(): remove and devres release */
int model_probe_result(void);	/* what probe() returned, 0 if no probe ran */
int model_suspend(void);	/* the bound platform driver's .suspend */
int model_resume(void);		/* the bound platform driver's .resume */
void *model_drvdata(void);	/* platform_get_drvdata() of the bound device */
void model_set_platform_irq(int irq);	/* what platform_get_irq(pdev, 0) returns (default 32) */
int model_platform_irq(void);

/*
 * The hardware raises an interrupt for the CPU: the handler runs on that CPU
 * at a moment the explorer chooses (any time it has interrupts enabled and the
 * line is not disabled).
 */
void model_raise_irq(int cpu, unsigned int irq);

/* Armed timers may expire at most this many times in an execution (default 2). */
void model_set_timer_budget(unsigned int expiries);

/* More tasks; they run concurrently with the scenario. Returns a task id. */
int model_spawn(int cpu, void (*fn)(void *), void *arg);
void model_join(int task);
/* Waits until nothing else can run: tasks done, softirqs, work, irqs, timers drained. */
void model_settle(void);
int model_cpu_count(void);

/*
 * A value in [0, n) the explorer chooses: every value is explored, and the
 * replay token records the one taken (k<thread>.<value>). It is a scheduling
 * point of the calling context. For drivers abstracted from real code, where
 * whether an operation happens depends on conditions the model does not see.
 */
int model_choose(int n);

/* Checks inside the scenario: a failure is the property scenario-assert. */
void model_assert(int cond, const char *what);
/*
 * Records a fact about this execution; the set of outcomes over all
 * executions is part of the result (tests compare them).
 */
void model_outcome(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#ifdef __cplusplus
}
#endif

#endif /* _MODEL_SCENARIO_H */
