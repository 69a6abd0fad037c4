/*
 * <mach/mach_init.h> - the caller's own task, thread and host names.
 *
 * Until IPC exists (docs/abi.md) mach_task_self() is a fixed name the VM
 * calls accept as "this task", and the others are MACH_PORT_NULL.
 */
#ifndef _MACH_MACH_INIT_H_
#define _MACH_MACH_INIT_H_

#include <mach/mach_types.h>

mach_port_t	mach_task_self(void);
mach_port_t	mach_thread_self(void);
mach_port_t	mach_host_self(void);
mach_port_t	mach_reply_port(void);

#endif /* _MACH_MACH_INIT_H_ */
