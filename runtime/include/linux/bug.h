/* SPDX-License-Identifier: GPL-2.0 */
/* Shim of <linux/bug.h> (asm-generic/bug.h form, Linux 6.12). */
#ifndef _LINUX_BUG_H
#define _LINUX_BUG_H

#include <linux/compiler.h>

#define TAINT_WARN		9

__printf(4, 5) void warn_slowpath_fmt(const char *file, const int line, unsigned taint,
				      const char *fmt, ...);
__printf(1, 2) __noreturn __cold void panic(const char *fmt, ...);

#define __WARN()		warn_slowpath_fmt(__FILE__, __LINE__, TAINT_WARN, "%s", "")

#define WARN_ON(condition) ({					\
	int __ret_warn_on = !!(condition);			\
	if (unlikely(__ret_warn_on))				\
		__WARN();					\
	unlikely(__ret_warn_on);				\
})

#define WARN_ON_ONCE(condition)	WARN_ON(condition)

#define BUG()			panic("BUG: failure at %s:%d/%s()!\n", __FILE__, __LINE__, __func__)
#define BUG_ON(condition)	do { if (unlikely(condition)) BUG(); } while (0)

#endif /* _LINUX_BUG_H */
