/*
 * <mach/host_priv.h> - calls on the privileged host port (XNU's MIG
 * prototypes; the ones rvmach has so far, each a trap: docs/abi.md).
 * rvmach has one host port, mach_host_self(), and it serves as host_priv.
 */
#ifndef _MACH_HOST_PRIV_H_
#define _MACH_HOST_PRIV_H_

#include <mach/kern_return.h>
#include <mach/mach_types.h>
#include <mach/message.h>

/*
 * The host's exception ports, the last ones looked at (after the
 * thread's and the task's) for every thread of every task: the same
 * arguments and errors as task_set_exception_ports and its kin
 * (<mach/task.h>).
 */
kern_return_t	host_set_exception_ports(host_priv_t host_priv,
		    exception_mask_t exception_mask, mach_port_t new_port,
		    exception_behavior_t behavior,
		    thread_state_flavor_t new_flavor);
kern_return_t	host_get_exception_ports(host_priv_t host_priv,
		    exception_mask_t exception_mask,
		    exception_mask_array_t masks,
		    mach_msg_type_number_t *masksCnt,
		    exception_handler_array_t old_handlers,
		    exception_behavior_array_t old_behaviors,
		    exception_flavor_array_t old_flavors);
kern_return_t	host_swap_exception_ports(host_priv_t host_priv,
		    exception_mask_t exception_mask, mach_port_t new_port,
		    exception_behavior_t behavior,
		    thread_state_flavor_t new_flavor,
		    exception_mask_array_t masks,
		    mach_msg_type_number_t *masksCnt,
		    exception_handler_array_t old_handlerss,
		    exception_behavior_array_t old_behaviors,
		    exception_flavor_array_t old_flavors);

#endif /* _MACH_HOST_PRIV_H_ */
