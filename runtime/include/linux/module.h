/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Shim of <linux/module.h> (Linux 6.12, the MODULE variant): module_init() and
 * module_exit() make init_module()/cleanup_module() aliases of the driver's
 * functions, which is what the runtime model calls.
 */
#ifndef _LINUX_MODULE_H
#define _LINUX_MODULE_H

#include <linux/compiler.h>
#include <linux/types.h>
#include <linux/init.h>
#include <linux/err.h>

struct module;

extern struct module __this_module;
#define THIS_MODULE (&__this_module)

#define module_init(initfn)					\
	static inline initcall_t __maybe_unused __inittest(void)		\
	{ return initfn; }					\
	int init_module(void) __copy(initfn)			\
		__attribute__((alias(#initfn)));		\
	___ADDRESSABLE(init_module, __initdata);

#define module_exit(exitfn)					\
	static inline exitcall_t __maybe_unused __exittest(void)		\
	{ return exitfn; }					\
	void cleanup_module(void) __copy(exitfn)		\
		__attribute__((alias(#exitfn)));		\
	___ADDRESSABLE(cleanup_module, __exitdata);

#define __MODULE_INFO(tag, name, info)					  \
	static const char __UNIQUE_ID(name)[]				  \
		__used __section(".modinfo") __aligned(1)		  \
		= __stringify(tag) "=" info

#define MODULE_INFO(tag, info) __MODULE_INFO(tag, tag, info)

#define MODULE_LICENSE(_license) MODULE_INFO(license, _license)
#define MODULE_AUTHOR(_author) MODULE_INFO(author, _author)
#define MODULE_DESCRIPTION(_description) MODULE_INFO(description, _description)
#define MODULE_ALIAS(_alias) MODULE_INFO(alias, _alias)

#endif /* _LINUX_MODULE_H */
