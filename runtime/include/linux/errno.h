/* SPDX-License-Identifier: GPL-2.0 */
/* Shim of <linux/errno.h> (values from uapi asm-generic/errno-base.h). */
#ifndef _LINUX_ERRNO_H
#define _LINUX_ERRNO_H

#define EPERM		1
#define ENOENT		2
#define EINTR		4
#define EIO		5
#define ENXIO		6
#define E2BIG		7
#define EAGAIN		11
#define ENOMEM		12
#define EFAULT		14
#define EBUSY		16
#define EEXIST		17
#define ENODEV		19
#define EINVAL		22
#define ENOSPC		28
#define ERANGE		34
#define ENOSYS		38
#define ENODATA		61
#define ETIMEDOUT	110
#define EPROBE_DEFER	517

#endif /* _LINUX_ERRNO_H */
