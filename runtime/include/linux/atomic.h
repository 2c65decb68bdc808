/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Shim of <linux/atomic.h> (Linux 6.12, 64-bit). The operations are plain
 * prototypes; the runtime model provides them.
 */
#ifndef _LINUX_ATOMIC_H
#define _LINUX_ATOMIC_H

#include <linux/types.h>

typedef atomic64_t atomic_long_t;

#define ATOMIC_INIT(i)		{ (i) }
#define ATOMIC64_INIT(i)	{ (i) }
#define ATOMIC_LONG_INIT(i)	ATOMIC64_INIT(i)

int atomic_read(const atomic_t *v);
void atomic_set(atomic_t *v, int i);
void atomic_inc(atomic_t *v);
void atomic_dec(atomic_t *v);
void atomic_add(int i, atomic_t *v);
void atomic_sub(int i, atomic_t *v);
int atomic_inc_return(atomic_t *v);
int atomic_dec_return(atomic_t *v);
bool atomic_dec_and_test(atomic_t *v);
int atomic_cmpxchg(atomic_t *v, int old, int new);
int atomic_xchg(atomic_t *v, int new);

long atomic_long_read(const atomic_long_t *v);
void atomic_long_set(atomic_long_t *v, long i);
void atomic_long_inc(atomic_long_t *v);
void atomic_long_dec(atomic_long_t *v);

void smp_mb(void);
void smp_rmb(void);
void smp_wmb(void);
void smp_mb__before_atomic(void);
void smp_mb__after_atomic(void);

#endif /* _LINUX_ATOMIC_H */
