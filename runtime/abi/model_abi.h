/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The boundary between the kernel API the drivers call (the C files in abi/, compiled
 * against the shim headers) and the model core (core/, C++).
 *
 * The C side owns the kernel signatures, so the compiler checks them against
 * the shims; the core owns the semantics. The core never includes a shim
 * header (they are C only: `bool` is a typedef, a parameter is called `new`), so
 * it sees the few kernel structures it must read through the mirrors below, and
 * the C side checks with static asserts that every mirror has the layout of the
 * shim structure it stands for.
 *
 * Only builtin types here: the C side is compiled with -nostdinc.
 */
#ifndef DETASKLET_RUNTIME_ABI_MODEL_ABI_H
#define DETASKLET_RUNTIME_ABI_MODEL_ABI_H

#ifdef __cplusplus
extern "C" {
#define MDL_BOOL bool
#else
#define MDL_BOOL _Bool
#endif

/* Mirrors of the 6.12 structures (see the shims for the originals). */
struct mdl_tasklet {
	struct mdl_tasklet *next;
	unsigned long state;
	int count;
	MDL_BOOL use_callback;
	void *fn; /* callback(struct tasklet_struct *) or func(unsigned long) */
	unsigned long data;
};

struct mdl_work {
	long data;
	void *entry_next, *entry_prev;
	void *func;
};

struct mdl_timer {
	void *entry_next, *entry_pprev;
	unsigned long expires;
	void *function;
	unsigned int flags;
};

struct mdl_device {
	struct mdl_device *parent;
	const char *init_name;
	const void *driver;
	void *platform_data;
	void *driver_data;
};

struct mdl_platform_device {
	const char *name;
	int id;
	MDL_BOOL id_auto;
	struct mdl_device dev;
	unsigned int num_resources;
};

struct mdl_device_driver {
	const char *name;
	void *owner;
	const void *pm;
};

/* Entry points are called through abi_call_*() so that C makes the calls with their real types. */
struct mdl_platform_driver {
	void *probe;
	void *remove;
	void *shutdown;
	void *suspend;
	void *resume;
	struct mdl_device_driver driver;
	MDL_BOOL prevent_deferred_probe;
	MDL_BOOL driver_managed_dma;
};

/* Bits the kernel fixes; everything else in work->data is the model's. */
#define MDL_TASKLET_STATE_SCHED 0
#define MDL_TASKLET_STATE_RUN 1
#define MDL_WORK_PENDING_BIT 0

/* Context tests: preempt_count() as the kernel encodes it. */
enum mdl_context_kind {
	MDL_IN_INTERRUPT,
	MDL_IN_SOFTIRQ,
	MDL_IN_SERVING_SOFTIRQ,
	MDL_IN_HARDIRQ,
	MDL_IN_TASK,
};

enum mdl_lock_flavour {
	MDL_LOCK_PLAIN,
	MDL_LOCK_BH,
	MDL_LOCK_IRQ,
};

enum mdl_atomic_op {
	MDL_ATOMIC_READ,
	MDL_ATOMIC_SET,
	MDL_ATOMIC_ADD_RETURN,
	MDL_ATOMIC_CMPXCHG,
	MDL_ATOMIC_XCHG,
};

enum mdl_bit_op {
	MDL_BIT_SET,
	MDL_BIT_CLEAR,
	MDL_BIT_CHANGE,
	MDL_BIT_TEST_AND_SET,
	MDL_BIT_TEST_AND_CLEAR,
	MDL_BIT_TEST_AND_CHANGE,
	MDL_BIT_TEST,
};

enum mdl_tasklet_disable_mode {
	MDL_DISABLE_NOSYNC,
	MDL_DISABLE_SLEEP,
	MDL_DISABLE_SPIN,
};

enum mdl_delay_kind {
	MDL_DELAY_BUSY,  /* udelay, ndelay, mdelay: spin, fine in atomic context */
	MDL_DELAY_SLEEP, /* msleep, usleep_range */
};

/* Context and preemption. */
unsigned long mdl_context_query(enum mdl_context_kind q);
int mdl_current_cpu(void);
void mdl_preempt_disable(void);
void mdl_preempt_enable(void);
void mdl_bh_disable(void);
void mdl_bh_enable(void);

/* Locks. */
void mdl_spin_lock(void *lock, enum mdl_lock_flavour f);
int mdl_spin_trylock(void *lock, enum mdl_lock_flavour f);
void mdl_spin_unlock(void *lock, enum mdl_lock_flavour f);
unsigned long mdl_spin_lock_irqsave(void *lock);
void mdl_spin_unlock_irqrestore(void *lock, unsigned long flags);
void mdl_mutex_init(void *mutex);
void mdl_mutex_lock(void *mutex);
int mdl_mutex_trylock(void *mutex);
void mdl_mutex_unlock(void *mutex);

/* Atomics and bitops: scheduling points with a footprint on the word. */
long mdl_atomic(void *word, int width, enum mdl_atomic_op op, long a, long b);
int mdl_bitop(volatile unsigned long *addr, unsigned long nr, enum mdl_bit_op op, int atomic);

/* Tasklets. */
void mdl_tasklet_init(struct mdl_tasklet *t, int use_callback, void *fn, unsigned long data);
void mdl_tasklet_schedule(struct mdl_tasklet *t, int hi);
void mdl_tasklet_disable(struct mdl_tasklet *t, enum mdl_tasklet_disable_mode mode);
void mdl_tasklet_enable(struct mdl_tasklet *t);
void mdl_tasklet_kill(struct mdl_tasklet *t);
int mdl_tasklet_trylock(struct mdl_tasklet *t);
void mdl_tasklet_unlock(struct mdl_tasklet *t);
void mdl_tasklet_unlock_wait(struct mdl_tasklet *t, int spin);

/* Workqueues; `struct workqueue_struct` is the core's. */
struct workqueue_struct;
int mdl_queue_work(struct workqueue_struct *wq, struct mdl_work *w, int cpu);
int mdl_flush_work(struct mdl_work *w);
int mdl_cancel_work(struct mdl_work *w, int sync);
int mdl_disable_work(struct mdl_work *w, int sync);
int mdl_enable_work(struct mdl_work *w);
int mdl_enable_and_queue_work(struct workqueue_struct *wq, struct mdl_work *w);
unsigned int mdl_work_busy(struct mdl_work *w);
struct mdl_work *mdl_current_work(void);
struct workqueue_struct *mdl_alloc_workqueue(const char *name, unsigned int flags);
void mdl_destroy_workqueue(struct workqueue_struct *wq);
void mdl_flush_workqueue(struct workqueue_struct *wq);
void mdl_destroy_work_on_stack(struct mdl_work *w);

/* Memory. */
void *mdl_kmalloc(unsigned long size, unsigned int gfp, int zero, const void *caller);
void mdl_kfree(const void *p, const void *caller);
void *mdl_devm_kmalloc(struct mdl_device *dev, unsigned long size, unsigned int gfp, int zero,
		       const void *caller);
void mdl_devm_kfree(struct mdl_device *dev, const void *p, const void *caller);

/* Interrupts. */
int mdl_request_irq(unsigned int irq, void *handler, void *thread_fn, unsigned long flags,
		    const char *name, void *dev_id, struct mdl_device *devm_owner);
const void *mdl_free_irq(unsigned int irq, void *dev_id);
void mdl_devm_free_irq(struct mdl_device *dev, unsigned int irq, void *dev_id);
void mdl_disable_irq(unsigned int irq, int sync);
void mdl_enable_irq(unsigned int irq);
void mdl_synchronize_irq(unsigned int irq);

/* Timers. */
void mdl_timer_init(struct mdl_timer *t, void *fn, unsigned int flags);
int mdl_mod_timer(struct mdl_timer *t, unsigned long expires);
int mdl_del_timer(struct mdl_timer *t, int sync);

/* Delays. */
void mdl_delay(enum mdl_delay_kind kind, const char *what);

/* Logging, warnings, panics. */
void mdl_vprintk(const struct mdl_device *dev, const char *fmt, __builtin_va_list ap);
void mdl_vwarn(const char *file, int line, const char *fmt, __builtin_va_list ap);
__attribute__((noreturn)) void mdl_vpanic(const char *fmt, __builtin_va_list ap);
const char *mdl_dev_name(const struct mdl_device *dev);

/* Platform drivers. */
int mdl_platform_driver_register(struct mdl_platform_driver *drv);
void mdl_platform_driver_unregister(struct mdl_platform_driver *drv);
int mdl_platform_get_irq(struct mdl_platform_device *pdev, unsigned int index);

/*
 * Implemented by the C side, called by the core: every call into driver code,
 * made in C with the function's real type.
 */
int abi_call_probe(struct mdl_platform_driver *drv, struct mdl_platform_device *pdev);
void abi_call_remove(struct mdl_platform_driver *drv, struct mdl_platform_device *pdev);
int abi_call_suspend(struct mdl_platform_driver *drv, struct mdl_platform_device *pdev);
int abi_call_resume(struct mdl_platform_driver *drv, struct mdl_platform_device *pdev);
int abi_call_irq_handler(void *handler, unsigned int irq, void *dev_id);
void abi_call_tasklet(void *fn, int use_callback, struct mdl_tasklet *t, unsigned long data);
void abi_call_work(void *func, struct mdl_work *w);
void abi_call_timer(void *fn, struct mdl_timer *t);
int abi_call_init(void *init_module);
void abi_call_exit(void *cleanup_module);
void abi_call_scenario(void *fn);
void abi_call_task(void *fn, void *arg);

/* IRQ_WAKE_THREAD as the shim defines it. */
#define MDL_IRQ_WAKE_THREAD 2

#ifdef __cplusplus
}
#endif
#undef MDL_BOOL

#endif /* DETASKLET_RUNTIME_ABI_MODEL_ABI_H */
