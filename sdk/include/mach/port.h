/*
 * <mach/port.h> - port names (user ABI).
 *
 * Only what the traps in <mach/mach_traps.h> need; rights and the rest of
 * XNU's <mach/port.h> come with IPC.
 */
#ifndef _MACH_PORT_H_
#define _MACH_PORT_H_

#include <mach/riscv/vm_types.h>

typedef natural_t	mach_port_name_t;	/* a name in a task's IPC space */
typedef mach_port_name_t mach_port_t;		/* user side: a name, as in XNU */

#define MACH_PORT_NULL		((mach_port_name_t)0)
#define MACH_PORT_DEAD		((mach_port_name_t)~0u)

#endif /* _MACH_PORT_H_ */
