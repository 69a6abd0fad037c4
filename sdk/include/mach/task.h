/*
 * <mach/task.h> - calls on a task port (XNU's MIG prototypes; the ones
 * rvmach has so far).  Each becomes a message to the task's port once
 * IPC exists (docs/abi.md); none is implemented yet.
 */
#ifndef _MACH_TASK_H_
#define _MACH_TASK_H_

#include <mach/kern_return.h>
#include <mach/mach_types.h>
#include <mach/task_special_ports.h>

/* the send right in slot which_port (TASK_*_PORT), or MACH_PORT_NULL */
kern_return_t	task_get_special_port(task_inspect_t task, int which_port,
		    mach_port_t *special_port);
kern_return_t	task_set_special_port(task_t task, int which_port,
		    mach_port_t special_port);

/* a semaphore owned by task, with policy SYNC_POLICY_* and count value */
kern_return_t	semaphore_create(task_t task, semaphore_t *semaphore,
		    int policy, int value);
kern_return_t	semaphore_destroy(task_t task, semaphore_t semaphore);

#endif /* _MACH_TASK_H_ */
