/* SPDX-License-Identifier: GPL-2.0 */
/* Shim of <linux/init.h> (Linux 6.12, built as a module). */
#ifndef _LINUX_INIT_H
#define _LINUX_INIT_H

#include <linux/compiler.h>
#include <linux/types.h>

#define __init		__section(".init.text") __cold
#define __initdata	__section(".init.data")
#define __exitdata	__section(".exit.data")
#define __exitused
#define __exit		__section(".exit.text") __exitused __cold notrace

typedef int (*initcall_t)(void);
typedef void (*exitcall_t)(void);

#define ___ADDRESSABLE(sym, __attrs)						\
	static void * __used __attrs						\
	__UNIQUE_ID(__PASTE(__addressable_, sym)) = (void *)(uintptr_t)&sym;

#endif /* _LINUX_INIT_H */
