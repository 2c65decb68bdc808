/* SPDX-License-Identifier: GPL-2.0 */
/* Shim of <linux/threads.h>: CONFIG_NR_CPUS, overridable with -DNR_CPUS=n. */
#ifndef _LINUX_THREADS_H
#define _LINUX_THREADS_H

#ifndef NR_CPUS
#define NR_CPUS		8
#endif

#endif /* _LINUX_THREADS_H */
