/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Shim of <linux/bitops.h> (Linux 6.12). Atomic bitops as in
 * asm-generic/bitops/instrumented-atomic.h; test_bit() is a macro over
 * _test_bit() as in include/linux/bitops.h.
 */
#ifndef _LINUX_BITOPS_H
#define _LINUX_BITOPS_H

#include <linux/types.h>

#define BITS_PER_LONG		64
#define BIT(nr)			(1UL << (nr))
#define BIT_MASK(nr)		(1UL << ((nr) % BITS_PER_LONG))
#define BIT_WORD(nr)		((nr) / BITS_PER_LONG)

void set_bit(long nr, volatile unsigned long *addr);
void clear_bit(long nr, volatile unsigned long *addr);
void change_bit(long nr, volatile unsigned long *addr);
bool test_and_set_bit(long nr, volatile unsigned long *addr);
bool test_and_clear_bit(long nr, volatile unsigned long *addr);
bool test_and_change_bit(long nr, volatile unsigned long *addr);

void __set_bit(unsigned long nr, volatile unsigned long *addr);
void __clear_bit(unsigned long nr, volatile unsigned long *addr);

bool _test_bit(unsigned long nr, const volatile unsigned long *addr);

#define test_bit(nr, addr)	_test_bit(nr, addr)

#endif /* _LINUX_BITOPS_H */
