/*
 * <mach/thread_act.h> - calls on a thread port (XNU's MIG prototypes;
 * the ones rvmach has).  Each is one trap naming the thread's port
 * (RVMACH_TRAP_thread_*, docs/abi.md); a name that is not a send right
 * to a live thread port is MACH_SEND_INVALID_DEST.
 */
#ifndef _MACH_THREAD_ACT_H_
#define _MACH_THREAD_ACT_H_

#include <mach/kern_return.h>
#include <mach/mach_types.h>
#include <mach/mig_kobject.h>
#include <mach/thread_info.h>
#include <mach/thread_policy.h>
#include <mach/thread_special_ports.h>
#include <mach/thread_status.h>

/* end the thread (the caller itself: does not return); its port dies */
kern_return_t	thread_terminate(thread_act_t target_act);

/* the thread's registers: flavor RISCV_THREAD_STATE or RISCV_FLOAT_STATE */
kern_return_t	thread_get_state(thread_read_t target_act,
		    thread_state_flavor_t flavor, thread_state_t old_state,
		    mach_msg_type_number_t *old_stateCnt);
kern_return_t	thread_set_state(thread_act_t target_act,
		    thread_state_flavor_t flavor, thread_state_t new_state,
		    mach_msg_type_number_t new_stateCnt);

/* stop (nesting) / restart the thread; suspend returns once it has stopped */
kern_return_t	thread_suspend(thread_read_t target_act);
kern_return_t	thread_resume(thread_read_t target_act);

/* end the thread's interruptible wait: mach_msg returns *_INTERRUPTED */
kern_return_t	thread_abort(thread_act_t target_act);

/*
 * thread_abort with XNU's safe-point rule: only a wait that may be
 * interrupted ends; every rvmach wait a user thread is in from a trap
 * is such a wait, so it does what thread_abort does (docs/abi.md)
 */
kern_return_t	thread_abort_safely(thread_act_t target_act);

/*
 * THREAD_KERNEL_PORT (<mach/thread_special_ports.h>): a send right to
 * the thread's own port; setting it is KERN_NO_ACCESS, as in XNU
 */
kern_return_t	thread_get_special_port(thread_inspect_t thr_act,
		    int which_port, mach_port_t *special_port);
kern_return_t	thread_set_special_port(thread_act_t thr_act,
		    int which_port, mach_port_t special_port);

/* flavors THREAD_BASIC_INFO, THREAD_IDENTIFIER_INFO, THREAD_EXTENDED_INFO (<mach/thread_info.h>) */
kern_return_t	thread_info(thread_inspect_t target_act,
		    thread_flavor_t flavor, thread_info_t thread_info_out,
		    mach_msg_type_number_t *thread_info_outCnt);

/*
 * The thread's own exception ports, looked at before its task's: the
 * same arguments and errors as task_set_exception_ports and its kin
 * (<mach/task.h>).
 */
kern_return_t	thread_set_exception_ports(thread_act_t thread,
		    exception_mask_t exception_mask, mach_port_t new_port,
		    exception_behavior_t behavior,
		    thread_state_flavor_t new_flavor);
kern_return_t	thread_get_exception_ports(thread_inspect_t thread,
		    exception_mask_t exception_mask,
		    exception_mask_array_t masks,
		    mach_msg_type_number_t *masksCnt,
		    exception_handler_array_t old_handlers,
		    exception_behavior_array_t old_behaviors,
		    exception_flavor_array_t old_flavors);
kern_return_t	thread_swap_exception_ports(thread_act_t thread,
		    exception_mask_t exception_mask, mach_port_t new_port,
		    exception_behavior_t behavior,
		    thread_state_flavor_t new_flavor,
		    exception_mask_array_t masks,
		    mach_msg_type_number_t *masksCnt,
		    exception_handler_array_t old_handlers,
		    exception_behavior_array_t old_behaviors,
		    exception_flavor_array_t old_flavors);

/*
 * the thread's scheduling policy (<mach/thread_policy.h>): standard or
 * extended, time constraint, precedence; get_default in and out as XNU's
 */
kern_return_t	thread_policy_set(thread_act_t thread,
		    thread_policy_flavor_t flavor, thread_policy_t policy_info,
		    mach_msg_type_number_t policy_infoCnt);
kern_return_t	thread_policy_get(thread_inspect_t thread,
		    thread_policy_flavor_t flavor, thread_policy_t policy_info,
		    mach_msg_type_number_t *policy_infoCnt, boolean_t *get_default);

#endif /* _MACH_THREAD_ACT_H_ */
