/*
 * <mach/mach_types.h> - user-side names for kernel objects: each is a
 * port name in the task's IPC space (XNU's user definitions).
 */
#ifndef _MACH_MACH_TYPES_H_
#define _MACH_MACH_TYPES_H_

#include <mach/port.h>
#include <mach/vm_types.h>

typedef mach_port_t	task_t;
typedef mach_port_t	thread_t;
typedef mach_port_t	host_t;
typedef mach_port_t	vm_map_t;
typedef mach_port_t	ipc_space_t;

#endif /* _MACH_MACH_TYPES_H_ */
