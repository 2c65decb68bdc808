/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Shim of <linux/compiler.h> and <linux/compiler_attributes.h>: the attributes and
 * helpers the shim headers and the test corpus use, spelled as in Linux 6.12.
 */
#ifndef _LINUX_COMPILER_H
#define _LINUX_COMPILER_H

#ifndef __has_attribute
#define __has_attribute(x) 0
#endif

#define __always_inline		inline __attribute__((__always_inline__))
#define noinline		__attribute__((__noinline__))
#define __maybe_unused		__attribute__((__unused__))
#define __always_unused		__attribute__((__unused__))
#define __used			__attribute__((__used__))
#define __cold			__attribute__((__cold__))
#define __weak			__attribute__((__weak__))
#define __section(section)	__attribute__((__section__(section)))
#define __aligned(x)		__attribute__((__aligned__(x)))
#define __packed		__attribute__((__packed__))
#define __must_check		__attribute__((__warn_unused_result__))
#define __printf(a, b)		__attribute__((__format__(printf, a, b)))
#define __noreturn		__attribute__((__noreturn__))

#if __has_attribute(__copy__)
#define __copy(symbol)		__attribute__((__copy__(symbol)))
#else
#define __copy(symbol)
#endif

/* sparse annotations: empty for the compiler, as in the kernel */
#define __user
#define __kernel
#define __iomem
#define __percpu
#define __rcu
#define __force
#define __bitwise
#define __acquires(x)
#define __releases(x)
#define __must_hold(x)
#define notrace			__attribute__((__no_instrument_function__))

#define likely(x)		__builtin_expect(!!(x), 1)
#define unlikely(x)		__builtin_expect(!!(x), 0)

#define barrier()		__asm__ __volatile__("" : : : "memory")

#define __same_type(a, b)	__builtin_types_compatible_p(typeof(a), typeof(b))

#define ___PASTE(a, b)		a##b
#define __PASTE(a, b)		___PASTE(a, b)
#define __UNIQUE_ID(prefix)	__PASTE(__PASTE(__UNIQUE_ID_, prefix), __COUNTER__)

#define __stringify_1(x...)	#x
#define __stringify(x...)	__stringify_1(x)

/* Like the kernel: hide the origin of a pointer from the optimiser. */
#define RELOC_HIDE(ptr, off)					\
({								\
	unsigned long __ptr;					\
	__asm__ ("" : "=r"(__ptr) : "0"(ptr));			\
	(typeof(ptr)) (__ptr + (off));				\
})

#define READ_ONCE(x)		(*(const volatile typeof(x) *)&(x))
#define WRITE_ONCE(x, val)	do { *(volatile typeof(x) *)&(x) = (val); } while (0)

/* <linux/typecheck.h> */
#define typecheck(type, x) \
({	type __dummy; \
	typeof(x) __dummy2; \
	(void)(&__dummy == &__dummy2); \
	1; \
})

#define static_assert(expr, ...)	__static_assert(expr, ##__VA_ARGS__, #expr)
#define __static_assert(expr, msg, ...)	_Static_assert(expr, msg)

#endif /* _LINUX_COMPILER_H */
