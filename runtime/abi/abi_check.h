/* SPDX-License-Identifier: GPL-2.0 */
/* Layout checks of the core's mirrors against the shim structures they stand for. */
#ifndef DETASKLET_RUNTIME_ABI_CHECK_H
#define DETASKLET_RUNTIME_ABI_CHECK_H

#include <linux/compiler.h>
#include <linux/stddef.h>

#define MDL_SAME_FIELD(ktype, mtype, kfield, mfield)                                   \
	_Static_assert(offsetof(ktype, kfield) == offsetof(mtype, mfield) &&           \
			       sizeof(((ktype *)0)->kfield) == sizeof(((mtype *)0)->mfield), \
		       #ktype "." #kfield " does not match the core's mirror")

#define MDL_SAME_SIZE(ktype, mtype) \
	_Static_assert(sizeof(ktype) == sizeof(mtype), #ktype " does not match the core's mirror")

#endif /* DETASKLET_RUNTIME_ABI_CHECK_H */
