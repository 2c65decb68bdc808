/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Shim of <linux/smp.h> (Linux 6.12). raw_smp_processor_id() is an arch macro in
 * the kernel; here it is a prototype the runtime model provides.
 */
#ifndef _LINUX_SMP_H
#define _LINUX_SMP_H

#include <linux/threads.h>

extern int raw_smp_processor_id(void);

#define __smp_processor_id()	raw_smp_processor_id()
#define smp_processor_id()	__smp_processor_id()

#endif /* _LINUX_SMP_H */
