/*
 * <mach/task.h> - calls on a task port (XNU's MIG prototypes; the ones
 * rvmach has so far).  In rvmach each is one trap that names the task's
 * port (RVMACH_TRAP_task_*, docs/abi.md); a name that is not a send
 * right to a live task port is MACH_SEND_INVALID_DEST, as XNU's MIG call
 * returns.
 */
#ifndef _MACH_TASK_H_
#define _MACH_TASK_H_

#include <mach/kern_return.h>
#include <mach/mach_types.h>
#include <mach/mig_kobject.h>
#include <mach/task_info.h>
#include <mach/task_policy.h>
#include <mach/task_special_ports.h>
#include <mach/thread_status.h>

/*
 * A new task with no threads; with inherit_memory its address space is a
 * copy of target_task's (each region as its inheritance says: copied
 * copy-on-write, shared, or left out), else empty.  *child_task gets a
 * send right to its task port.  The ledgers are ignored.
 */
kern_return_t	task_create(task_t target_task, ledger_array_t ledgers,
		    mach_msg_type_number_t ledgersCnt, boolean_t inherit_memory,
		    task_t *child_task);

/* end every thread of the task and free its memory; its port dies */
kern_return_t	task_terminate(task_t target_task);

/* stop (nesting) / restart every thread of the task */
kern_return_t	task_suspend(task_read_t target_task);
kern_return_t	task_resume(task_read_t target_task);

/*
 * Send rights to the task's threads, in memory allocated in the caller
 * with mach_vm_allocate (free it with mach_vm_deallocate, and each name
 * with mach_port_deallocate).
 */
kern_return_t	task_threads(task_inspect_t target_task,
		    thread_act_array_t *act_list,
		    mach_msg_type_number_t *act_listCnt);

/*
 * the task's role and QoS tiers (<mach/task_policy.h>): kept and reported
 * as XNU does; rvmach has no QoS, so they change nothing else
 */
kern_return_t	task_policy_set(task_policy_set_t task,
		    task_policy_flavor_t flavor, task_policy_t policy_info,
		    mach_msg_type_number_t policy_infoCnt);
kern_return_t	task_policy_get(task_policy_get_t task,
		    task_policy_flavor_t flavor, task_policy_t policy_info,
		    mach_msg_type_number_t *policy_infoCnt, boolean_t *get_default);

/* flavor TASK_BASIC_INFO_64 or MACH_TASK_BASIC_INFO (<mach/task_info.h>) */
kern_return_t	task_info(task_name_t target_task, task_flavor_t flavor,
		    task_info_t task_info_out,
		    mach_msg_type_number_t *task_info_outCnt);

/* the send right in slot which_port (TASK_*_PORT), or MACH_PORT_NULL */
kern_return_t	task_get_special_port(task_inspect_t task, int which_port,
		    mach_port_t *special_port);
kern_return_t	task_set_special_port(task_t task, int which_port,
		    mach_port_t special_port);

/* a new thread in parent_task, suspended: set its state, then thread_resume */
kern_return_t	thread_create(task_t parent_task, thread_act_t *child_act);
/* a new thread in parent_task started with new_state (flavor, count) */
kern_return_t	thread_create_running(task_t parent_task,
		    thread_state_flavor_t flavor, thread_state_t new_state,
		    mach_msg_type_number_t new_stateCnt, thread_act_t *child_act);

/*
 * a semaphore owned by task, with policy SYNC_POLICY_* and count value;
 * *semaphore gets a send right to it in the caller's space.  destroy:
 * only on its owner (KERN_INVALID_RIGHT otherwise); consumes the send
 * right (docs/abi.md, "Semaphores")
 */
kern_return_t	semaphore_create(task_t task, semaphore_t *semaphore,
		    int policy, int value);
kern_return_t	semaphore_destroy(task_t task, semaphore_t semaphore);

/*
 * The task's exception ports (docs/ipc.md, "Exceptions").  set: for each
 * type in exception_mask, new_port (a send right the caller keeps; the
 * kernel takes its own) with behavior (EXCEPTION_DEFAULT, _STATE or
 * _STATE_IDENTITY, optionally | MACH_EXCEPTION_CODES) and new_flavor
 * (the state the _STATE behaviors carry).  get: the handlers of the
 * types in exception_mask, one entry per distinct (port, behavior,
 * flavor), at most *masksCnt of them; each port a new send right.  swap:
 * both at once.  KERN_INVALID_ARGUMENT: a mask bit outside EXC_MASK_VALID,
 * a behavior or flavor rvmach does not take; MACH_SEND_INVALID_DEST: task
 * is not a task port; MACH_SEND_INVALID_RIGHT: new_port is not a send
 * right; KERN_FAILURE: the task is gone.
 */
kern_return_t	task_set_exception_ports(task_t task,
		    exception_mask_t exception_mask, mach_port_t new_port,
		    exception_behavior_t behavior,
		    thread_state_flavor_t new_flavor);
kern_return_t	task_get_exception_ports(task_inspect_t task,
		    exception_mask_t exception_mask,
		    exception_mask_array_t masks,
		    mach_msg_type_number_t *masksCnt,
		    exception_handler_array_t old_handlers,
		    exception_behavior_array_t old_behaviors,
		    exception_flavor_array_t old_flavors);
kern_return_t	task_swap_exception_ports(task_t task,
		    exception_mask_t exception_mask, mach_port_t new_port,
		    exception_behavior_t behavior,
		    thread_state_flavor_t new_flavor,
		    exception_mask_array_t masks,
		    mach_msg_type_number_t *masksCnt,
		    exception_handler_array_t old_handlerss,
		    exception_behavior_array_t old_behaviors,
		    exception_flavor_array_t old_flavors);

#endif /* _MACH_TASK_H_ */
