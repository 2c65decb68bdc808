// SPDX-License-Identifier: GPL-2.0
/* <linux/atomic.h>, <linux/bitops.h> and find_next_bit(): every operation is a scheduling point. */
#include <linux/atomic.h>
#include <linux/bitops.h>
#include <linux/cpumask.h>

#include "model_abi.h"

#define A32(v, op, a, b) ((int)mdl_atomic(&(v)->counter, 4, (op), (a), (b)))
#define A64(v, op, a, b) (mdl_atomic(&(v)->counter, 8, (op), (a), (b)))

int atomic_read(const atomic_t *v)
{
	return A32((atomic_t *)v, MDL_ATOMIC_READ, 0, 0);
}

void atomic_set(atomic_t *v, int i)
{
	(void)A32(v, MDL_ATOMIC_SET, i, 0);
}

void atomic_inc(atomic_t *v)
{
	(void)A32(v, MDL_ATOMIC_ADD_RETURN, 1, 0);
}

void atomic_dec(atomic_t *v)
{
	(void)A32(v, MDL_ATOMIC_ADD_RETURN, -1, 0);
}

void atomic_add(int i, atomic_t *v)
{
	(void)A32(v, MDL_ATOMIC_ADD_RETURN, i, 0);
}

void atomic_sub(int i, atomic_t *v)
{
	(void)A32(v, MDL_ATOMIC_ADD_RETURN, -i, 0);
}

int atomic_inc_return(atomic_t *v)
{
	return A32(v, MDL_ATOMIC_ADD_RETURN, 1, 0);
}

int atomic_dec_return(atomic_t *v)
{
	return A32(v, MDL_ATOMIC_ADD_RETURN, -1, 0);
}

bool atomic_dec_and_test(atomic_t *v)
{
	return A32(v, MDL_ATOMIC_ADD_RETURN, -1, 0) == 0;
}

int atomic_cmpxchg(atomic_t *v, int old, int new)
{
	return A32(v, MDL_ATOMIC_CMPXCHG, old, new);
}

int atomic_xchg(atomic_t *v, int new)
{
	return A32(v, MDL_ATOMIC_XCHG, new, 0);
}

long atomic_long_read(const atomic_long_t *v)
{
	return A64((atomic_long_t *)v, MDL_ATOMIC_READ, 0, 0);
}

void atomic_long_set(atomic_long_t *v, long i)
{
	(void)A64(v, MDL_ATOMIC_SET, i, 0);
}

void atomic_long_inc(atomic_long_t *v)
{
	(void)A64(v, MDL_ATOMIC_ADD_RETURN, 1, 0);
}

void atomic_long_dec(atomic_long_t *v)
{
	(void)A64(v, MDL_ATOMIC_ADD_RETURN, -1, 0);
}

/* The model is sequentially consistent: barriers order nothing further. */
void smp_mb(void)
{
}

void smp_rmb(void)
{
}

void smp_wmb(void)
{
}

void smp_mb__before_atomic(void)
{
}

void smp_mb__after_atomic(void)
{
}

void set_bit(long nr, volatile unsigned long *addr)
{
	mdl_bitop(addr, nr, MDL_BIT_SET, 1);
}

void clear_bit(long nr, volatile unsigned long *addr)
{
	mdl_bitop(addr, nr, MDL_BIT_CLEAR, 1);
}

void change_bit(long nr, volatile unsigned long *addr)
{
	mdl_bitop(addr, nr, MDL_BIT_CHANGE, 1);
}

bool test_and_set_bit(long nr, volatile unsigned long *addr)
{
	return mdl_bitop(addr, nr, MDL_BIT_TEST_AND_SET, 1);
}

bool test_and_clear_bit(long nr, volatile unsigned long *addr)
{
	return mdl_bitop(addr, nr, MDL_BIT_TEST_AND_CLEAR, 1);
}

bool test_and_change_bit(long nr, volatile unsigned long *addr)
{
	return mdl_bitop(addr, nr, MDL_BIT_TEST_AND_CHANGE, 1);
}

/* The non-atomic variants are plain accesses in the kernel; they still pass the model. */
void __set_bit(unsigned long nr, volatile unsigned long *addr)
{
	mdl_bitop(addr, nr, MDL_BIT_SET, 0);
}

void __clear_bit(unsigned long nr, volatile unsigned long *addr)
{
	mdl_bitop(addr, nr, MDL_BIT_CLEAR, 0);
}

bool _test_bit(unsigned long nr, const volatile unsigned long *addr)
{
	return mdl_bitop((volatile unsigned long *)addr, nr, MDL_BIT_TEST, 1);
}

/* Pure: only the CPU masks use it, and they do not change during an execution. */
unsigned long find_next_bit(const unsigned long *addr, unsigned long size, unsigned long offset)
{
	for (; offset < size; offset++)
		if (addr[offset / BITS_PER_LONG] & BIT_MASK(offset))
			return offset;
	return size;
}
